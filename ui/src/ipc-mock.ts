/**
 * The e2e build's stand-in for the Tauri shell: answers every command of src/ipc.ts from memory
 * with mockIPC. Imported only when the build mode is "e2e"; never part of the production bundle.
 * `?design=big` opens a generated 2,000-table design; `?recovered=1` offers an autosave.
 */
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import type { Design } from "./bindings/Design";
import type { Diagnostic } from "./bindings/Diagnostic";
import type { ShardRequest } from "./bindings/ShardRequest";
import { fakeAdvise, fakeApplyIndexes, fakeWorksheetImport, fakeWorksheetText } from "./mock/fake-advise";
import { fakeDdl } from "./mock/fake-ddl";
import { fakeShard } from "./mock/fake-shard";
import { bigDesign, emptyDesign, shopDesign } from "./mock/sample";

type Args = Record<string, unknown>;

/** What the fake wrote, for the browser tests to read back. */
export type MockState = { files: Record<string, string>; calls: string[]; autosaves: number };

function fakeCheck(design: Design): Diagnostic[] {
  const out: Diagnostic[] = [];
  design.tables.forEach((t, i) => {
    if (!t.primary_key) {
      out.push({ code: "V020", severity: "warning", message: `table \`${t.name}\` has no primary key`, target: { kind: "table", table: t.id }, path: `/tables/${i}` });
    }
    t.columns.forEach((c, j) => {
      if (!/^[a-z][a-z0-9_]*$/.test(c.name)) {
        out.push({ code: "N002", severity: "warning", message: `column name \`${c.name}\` is not snake_case`, target: { kind: "column", table: t.id, column: c.id }, path: `/tables/${i}/columns/${j}/name` });
      }
    });
  });
  return out;
}

/** Installs the fake. */
export function installMock(): MockState {
  const params = new URLSearchParams(window.location.search);
  const state: MockState = { files: {}, calls: [], autosaves: 0 };
  (window as unknown as { __mock: MockState }).__mock = state;
  mockWindows("main");
  mockIPC(
    (cmd, payload) => {
      const a = (payload ?? {}) as Args;
      state.calls.push(cmd);
      const design = a.design as Design;
      switch (cmd) {
        case "startup": {
          const d = params.get("design") === "big" ? bigDesign() : shopDesign();
          const recovered = params.get("recovered") ? { design: { ...d, name: "Recovered work" }, path: null, saved_at: "2026-01-31T12:00:00Z" } : null;
          return { design: d, path: null, diagnostics: [], recovered };
        }
        case "open_design":
          return { design: JSON.parse(state.files[String(a.path)] ?? JSON.stringify(shopDesign())), diagnostics: [] };
        case "save_design":
          state.files[String(a.path)] = JSON.stringify(design, null, 2);
          return null;
        case "recent_files":
          return Object.keys(state.files).filter((p) => p.endsWith(".schemata.json"));
        case "new_design":
          return a.example === "empty" ? emptyDesign() : shopDesign();
        case "examples":
          return [
            { name: "empty", title: "Empty design", tables: 0 },
            { name: "ecommerce", title: "Shop", tables: 4 },
          ];
        case "check": {
          const diagnostics = fakeCheck(design);
          return { dialects: ["postgres"], diagnostics, counts: { errors: 0, warnings: diagnostics.length, infos: 0 } };
        }
        case "ddl":
          return { dialect: a.dialect, sql: fakeDdl(design, String(a.dialect)), diagnostics: [] };
        case "fix_conventions":
          return { design, renames: [] };
        case "normalize":
          return { tables: design.tables.map((t) => ({ table: t.id, name: t.name, keys: [], cover: [], normal_form: "BCNF", violations: [], first_normal_form: [] })) };
        case "normalize_apply":
          return { proposals: [], preview: "nothing to decompose", design };
        case "fd":
          return { attributes: [], keys: [], keys_complete: true, prime: [], cover: [], normal_form: "BCNF", violations: [], synthesis_3nf: [], bcnf: [], bcnf_lost_dependencies: [] };
        case "advise":
          return fakeAdvise(design, fakeCheck(design));
        case "shard":
          return fakeShard(design, (a.request ?? {}) as ShardRequest);
        case "apply_recommended_indexes":
          return fakeApplyIndexes(design);
        case "worksheet_import": {
          const text = state.files[String(a.path)];
          if (text === undefined) throw { code: "not_found", message: `cannot read ${String(a.path)}: not found` };
          return { design: fakeWorksheetImport(design, text), diagnostics: [] };
        }
        case "worksheet_export":
          return fakeWorksheetText(design.worksheet);
        case "export_text":
          return a.format === "mermaid" ? "erDiagram\n" : "// dbml\n";
        case "write_text_file":
          state.files[String(a.path)] = String(a.contents);
          return null;
        case "write_binary_file":
          state.files[String(a.path)] = `base64:${String(a.base64).length}:${String(a.base64).slice(0, 16)}`;
          return null;
        case "autosave":
          state.autosaves += 1;
          return null;
        case "discard_autosave":
          return null;
        case "plugin:dialog|save":
          return "/tmp/e2e-output";
        case "plugin:dialog|open":
          return "/tmp/e2e.schemata.json";
        case "plugin:dialog|ask":
        case "plugin:dialog|confirm":
        case "plugin:dialog|message":
          return true;
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  return state;
}
