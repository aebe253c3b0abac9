/** Diagnostics from `check` (debounced); clicking one selects and reveals what it concerns. */
import { useEffect } from "react";
import type { Diagnostic } from "../bindings/Diagnostic";
import { useDebounced } from "../hooks/useDebounced";
import { useReveal } from "../hooks/useReveal";
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

/** Problems panel; a diagnostic about a pattern goes to `onPattern`. */
export function ProblemsPanel({ onPattern }: { onPattern?: (patternId: string) => void }) {
  const diagnostics = useDoc((s) => s.diagnostics);
  const reveal = useReveal(onPattern);
  if (diagnostics.length === 0) return <p className="muted pad">No problems found.</p>;
  return (
    <ul className="problems" data-testid="problems">
      {diagnostics.map((d, i) => (
        <li key={i}>
          <button className={`diag ${d.severity}`} onClick={() => reveal(d.target)}>
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
