/**
 * The one typed door to the Rust side: a wrapper per Tauri command of the shell, with the request
 * and response types generated from Rust (src/bindings). Errors reject with an ApiError.
 */
import { invoke } from "@tauri-apps/api/core";
import type { AdviseReport } from "./bindings/AdviseReport";
import type { ApiError } from "./bindings/ApiError";
import type { CheckOptions } from "./bindings/CheckOptions";
import type { CheckReport } from "./bindings/CheckReport";
import type { DdlOutput } from "./bindings/DdlOutput";
import type { Design } from "./bindings/Design";
import type { DialectName } from "./bindings/DialectName";
import type { ExampleInfo } from "./bindings/ExampleInfo";
import type { FdReport } from "./bindings/FdReport";
import type { FixReport } from "./bindings/FixReport";
import type { Goal } from "./bindings/Goal";
import type { IndexesApplied } from "./bindings/IndexesApplied";
import type { NormalizeApplied } from "./bindings/NormalizeApplied";
import type { NormalizeOptions } from "./bindings/NormalizeOptions";
import type { NormalizeReport } from "./bindings/NormalizeReport";
import type { Opened } from "./bindings/Opened";
import type { ShardReport } from "./bindings/ShardReport";
import type { ShardRequest } from "./bindings/ShardRequest";
import type { Startup } from "./bindings/Startup";
import type { WorksheetImported } from "./bindings/WorksheetImported";

/** Text formats `export_text` produces. */
export type TextFormat = "mermaid" | "dbml";

/** Whether a rejection value is an ApiError from the shell. */
export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** A message for people from whatever an invoke rejected with. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The commands of the shell, typed. */
export const ipc = {
  startup: () => invoke<Startup>("startup"),
  openDesign: (path: string) => invoke<Opened>("open_design", { path }),
  saveDesign: (path: string, design: Design) => invoke<null>("save_design", { path, design }),
  recentFiles: () => invoke<string[]>("recent_files"),
  newDesign: (example: string) => invoke<Design>("new_design", { example }),
  examples: () => invoke<ExampleInfo[]>("examples"),
  check: (design: Design, options: CheckOptions = {}) => invoke<CheckReport>("check", { design, options }),
  ddl: (design: Design, dialect: DialectName) => invoke<DdlOutput>("ddl", { design, dialect }),
  fixConventions: (design: Design) => invoke<FixReport>("fix_conventions", { design }),
  normalize: (design: Design, options: NormalizeOptions = {}) => invoke<NormalizeReport>("normalize", { design, options }),
  normalizeApply: (design: Design, options: NormalizeOptions, goal: Goal) =>
    invoke<NormalizeApplied>("normalize_apply", { design, options, goal }),
  fd: (attributes: string, dependencies: string) => invoke<FdReport>("fd", { attributes, dependencies }),
  advise: (design: Design) => invoke<AdviseReport>("advise", { design }),
  shard: (design: Design, request: ShardRequest = {}) => invoke<ShardReport>("shard", { design, request }),
  applyRecommendedIndexes: (design: Design) => invoke<IndexesApplied>("apply_recommended_indexes", { design }),
  worksheetImport: (design: Design, path: string) => invoke<WorksheetImported>("worksheet_import", { design, path }),
  worksheetExport: (design: Design) => invoke<string>("worksheet_export", { design }),
  exportText: (design: Design, format: TextFormat) => invoke<string>("export_text", { design, format }),
  writeTextFile: (path: string, contents: string) => invoke<null>("write_text_file", { path, contents }),
  writeBinaryFile: (path: string, base64: string) => invoke<null>("write_binary_file", { path, base64 }),
  autosave: (design: Design, path: string | null) => invoke<null>("autosave", { design, path }),
  discardAutosave: () => invoke<null>("discard_autosave"),
};
