/** Functional-dependency calculator for relations on paper, through `fd`. */
import { useState } from "react";
import type { FdRelation } from "../bindings/FdRelation";
import type { FdReport } from "../bindings/FdReport";
import { errorMessage, ipc } from "../ipc";

const set = (xs: string[]) => `{${xs.join(", ")}}`;

function Relations({ title, rels }: { title: string; rels: FdRelation[] }) {
  if (rels.length === 0) return null;
  return (
    <div>
      <h4>{title}</h4>
      <ul>
        {rels.map((r, i) => (
          <li key={i}>
            R{i + 1}({r.attributes.join(", ")}) {r.keys ? `keys ${r.keys.map(set).join(" ")}` : ""} {r.normal_form ?? ""}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** FD calculator panel. */
export function FdCalculator() {
  const [attributes, setAttributes] = useState("A, B, C, D");
  const [deps, setDeps] = useState("A -> B\nB -> C");
  const [report, setReport] = useState<FdReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () =>
    ipc.fd(attributes, deps).then(
      (r) => {
        setReport(r);
        setError(null);
      },
      (e) => setError(errorMessage(e)),
    );
  return (
    <div className="fd-panel">
      <div className="fd-inputs">
        <label>
          Attributes
          <input className="field" value={attributes} onChange={(e) => setAttributes(e.target.value)} />
        </label>
        <label>
          Dependencies (one per line, <code>A, B -&gt; C</code>)
          <textarea className="field" rows={4} value={deps} onChange={(e) => setDeps(e.target.value)} />
        </label>
        <button onClick={run}>Compute</button>
        {error && <p className="err">{error}</p>}
      </div>
      {report && (
        <div className="fd-result">
          <p>
            <b>Normal form:</b> {report.normal_form} · <b>Keys:</b> {report.keys.map(set).join(" ")}
            {report.keys_complete ? "" : " (not all keys listed)"} · <b>Prime:</b> {set(report.prime)}
          </p>
          <p>
            <b>Minimal cover:</b> {report.cover.map((d) => `${d.lhs.join(",")} → ${d.rhs.join(",")}`).join("; ")}
          </p>
          {report.violations.map((v, i) => (
            <p key={i} className="diag-line warning">
              breaks {v.breaks}: {v.explanation}
            </p>
          ))}
          <Relations title="3NF synthesis" rels={report.synthesis_3nf} />
          <Relations title="BCNF decomposition" rels={report.bcnf} />
          {report.bcnf_lost_dependencies.length > 0 && (
            <p className="muted">BCNF loses: {report.bcnf_lost_dependencies.map((d) => `${d.lhs.join(",")} → ${d.rhs.join(",")}`).join("; ")}</p>
          )}
        </div>
      )}
    </div>
  );
}
