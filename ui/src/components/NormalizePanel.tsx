/** Normal forms per table from `normalize`; preview of a 3NF/BCNF decomposition; apply as one undo step. */
import { useState } from "react";
import type { Goal } from "../bindings/Goal";
import type { NormalizeApplied } from "../bindings/NormalizeApplied";
import type { NormalizeReport } from "../bindings/NormalizeReport";
import type { Report } from "../app/files";
import { errorMessage, ipc } from "../ipc";
import { useDoc, useDocStore } from "../store/context";

const fd = (lhs: string[], rhs: string[]) => `${lhs.join(", ")} → ${rhs.join(", ")}`;

/** Normalization panel. */
export function NormalizePanel({ report }: { report: Report }) {
  const store = useDocStore();
  const design = useDoc((s) => s.design);
  const selected = useDoc((s) => (s.selection.tables.length === 1 ? s.selection.tables[0] : undefined));
  const [result, setResult] = useState<NormalizeReport | null>(null);
  const [preview, setPreview] = useState<{ applied: NormalizeApplied; base: typeof design } | null>(null);
  const options = selected ? { table: selected } : {};
  const analyze = () => ipc.normalize(design, options).then(setResult, (e) => report(errorMessage(e)));
  const previewGoal = (goal: Goal) =>
    ipc.normalizeApply(design, options, goal).then((applied) => setPreview({ applied, base: design }), (e) => report(errorMessage(e)));
  const apply = () => {
    if (!preview) return;
    if (store.getState().design !== preview.base) {
      report("The design changed since the preview; preview again before applying.");
      return;
    }
    store.getState().edit(() => preview.applied.design);
    setPreview(null);
    setResult(null);
  };
  return (
    <div className="normalize-panel">
      <div className="panel-bar">
        <span className="muted">{selected ? "Selected table" : "All tables"}</span>
        <button onClick={analyze}>Analyze</button>
        <button onClick={() => previewGoal("3nf")}>Preview 3NF</button>
        <button onClick={() => previewGoal("bcnf")}>Preview BCNF</button>
        {preview && preview.applied.proposals.length > 0 && (
          <button className="primary" onClick={apply}>
            Apply
          </button>
        )}
      </div>
      {preview && <pre className="preview">{preview.applied.preview}</pre>}
      {result && (
        <table className="nf-table">
          <thead>
            <tr>
              <th>Table</th>
              <th>Normal form</th>
              <th>Keys</th>
              <th>Violations</th>
            </tr>
          </thead>
          <tbody>
            {result.tables.map((t) => (
              <tr key={t.table}>
                <td>{t.name}</td>
                <td>{t.normal_form}</td>
                <td>{t.keys.map((k) => `{${k.join(", ")}}`).join(" ")}</td>
                <td>
                  {[...t.first_normal_form, ...t.violations].map((v, i) => (
                    <div key={i} className={`diag-line ${v.severity}`}>
                      {v.code}: {v.message}
                    </div>
                  ))}
                  {t.cover.length > 0 && <div className="muted">cover: {t.cover.map((c) => fd(c.lhs, c.rhs)).join("; ")}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
