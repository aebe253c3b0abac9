/** Diagnostics from `check` (debounced); clicking one selects and reveals what it concerns. */
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import type { Diagnostic } from "../bindings/Diagnostic";
import { useDebounced } from "../hooks/useDebounced";
import { ipc } from "../ipc";
import { useDoc, useDocStore } from "../store/context";

/** Keeps the store's diagnostics current with the design. */
export function useLiveCheck() {
  const store = useDocStore();
  const design = useDebounced(
    useDoc((s) => s.design),
    500,
  );
  useEffect(() => {
    let live = true;
    ipc.check(design, {}).then(
      (r) => live && store.getState().setDiagnostics(r.diagnostics),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [design, store]);
}

function where(d: Diagnostic): string {
  const loc = d.location ? `${d.location.line}:${d.location.column} ` : "";
  return `${loc}${d.path ?? ""}`;
}

/** Problems panel. */
export function ProblemsPanel() {
  const store = useDocStore();
  const diagnostics = useDoc((s) => s.diagnostics);
  const flow = useReactFlow();
  const reveal = (d: Diagnostic) => {
    const t = d.target;
    if (!t || !("table" in t)) return;
    const column = t.kind === "column" ? { table: t.table, column: t.column } : undefined;
    store.getState().select({ tables: [t.table], column });
    const node = flow.getNode(t.table);
    if (node) flow.setCenter(node.position.x + (node.width ?? 240) / 2, node.position.y + 60, { zoom: 1, duration: 300 });
  };
  if (diagnostics.length === 0) return <p className="muted pad">No problems found.</p>;
  return (
    <ul className="problems" data-testid="problems">
      {diagnostics.map((d, i) => (
        <li key={i}>
          <button className={`diag ${d.severity}`} onClick={() => reveal(d)}>
            <span className="code">{d.code}</span>
            <span className="msg">{d.message}</span>
            {d.help && <span className="help">{d.help}</span>}
            <span className="where">{where(d)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
