/**
 * The worksheet: the design's access patterns as an editable table (name, rate, latency,
 * consistency, SQL) with each pattern's problems from the last advice and, when a shard plan is
 * at hand, where it runs. Every change is one undoable edit; worksheet files are imported and
 * exported here.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { AccessPattern } from "../bindings/AccessPattern";
import type { Consistency } from "../bindings/Consistency";
import type { Diagnostic } from "../bindings/Diagnostic";
import type { PatternVerdict } from "../bindings/PatternVerdict";
import type { Report } from "../app/files";
import { exportWorksheet, importWorksheet } from "../app/worksheet";
import {
  addPattern,
  deletePattern,
  diagnosticsByPattern,
  duplicatePattern,
  formatRate,
  parseLatency,
  parseRate,
  patternsOf,
  splitStatements,
  statementsText,
  updatePattern,
} from "../model/worksheet";
import { verdictsByPattern } from "../model/shard";
import { useDoc, useDocStore } from "../store/context";
import { Select, TextField } from "./inspector/fields";
import { ShardVerdict } from "./ShardVerdict";
import { SqlField } from "./SqlText";

const CONSISTENCY: readonly Consistency[] = ["strong", "read_your_writes", "eventual"];

/** A text field whose text is parsed on commit; text that cannot be read is shown, not stored. */
function ParsedField<T>(props: {
  value: string;
  parse: (text: string) => { value?: T; error?: string };
  onCommit: (v: T | undefined) => void;
  label: string;
  placeholder: string;
}) {
  const [error, setError] = useState<string | null>(null);
  // A new stored value (an edit elsewhere, undo) replaces the text that could not be read.
  useEffect(() => setError(null), [props.value]);
  return (
    <span className={`parsed${error ? " invalid" : ""}`} title={error ?? undefined}>
      <TextField
        label={props.label}
        placeholder={props.placeholder}
        value={props.value}
        onCommit={(text) => {
          const r = props.parse(text);
          setError(r.error ?? null);
          if (!r.error) props.onCommit(r.value);
        }}
      />
      {error && <span className="field-error">{error}</span>}
    </span>
  );
}

const readRate = (t: string) => {
  const r = parseRate(t);
  return { value: r.rate, error: r.error };
};
const readLatency = (t: string) => {
  const r = parseLatency(t);
  return { value: r.ms, error: r.error };
};

function PatternRow(props: { pattern: AccessPattern; problems: Diagnostic[]; focused: boolean; shards: boolean; verdict?: PatternVerdict }) {
  const { pattern, problems, focused } = props;
  const store = useDocStore();
  const row = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (focused) row.current?.scrollIntoView?.({ block: "nearest" });
  }, [focused]);
  const edit = (fn: (p: AccessPattern) => AccessPattern) => store.getState().edit((d) => updatePattern(d, pattern.id, fn));
  const worst = problems.some((d) => d.severity === "error") ? " has-error" : problems.length > 0 ? " has-warning" : "";
  return (
    <tr ref={row} className={`pattern${worst}${focused ? " focused" : ""}`} data-pattern={pattern.id}>
      <td>
        <TextField label="pattern name" value={pattern.name} onCommit={(name) => name.trim() && edit((p) => ({ ...p, name: name.trim() }))} />
      </td>
      <td>
        <ParsedField label="rate" placeholder="120/s or 12%" value={formatRate(pattern.rate)} parse={readRate} onCommit={(rate) => edit((p) => ({ ...p, rate }))} />
      </td>
      <td>
        <ParsedField
          label="latency"
          placeholder="ms"
          value={pattern.latency_ms === undefined ? "" : `${pattern.latency_ms}ms`}
          parse={readLatency}
          onCommit={(latency_ms) => edit((p) => ({ ...p, latency_ms }))}
        />
      </td>
      <td>
        <Select label="consistency" none="—" value={pattern.consistency} options={CONSISTENCY} onChange={(consistency) => edit((p) => ({ ...p, consistency }))} />
      </td>
      <td className="sql-cell">
        <SqlField
          label={`SQL of ${pattern.name}`}
          placeholder="SELECT … ;"
          value={statementsText(pattern.statements)}
          onCommit={(text) => edit((p) => ({ ...p, statements: splitStatements(text) }))}
        />
        {problems.length > 0 && (
          <ul className="row-problems">
            {problems.map((d, i) => (
              <li key={i} className={`diag-line ${d.severity}`}>
                <b>{d.code}</b> {d.message}
              </li>
            ))}
          </ul>
        )}
      </td>
      {props.shards && (
        <td className="shard-cell">
          <ShardVerdict verdict={props.verdict} />
        </td>
      )}
      <td className="row-actions">
        <button className="small" title="Duplicate pattern" onClick={() => store.getState().edit((d) => duplicatePattern(d, pattern.id).design)}>
          Duplicate
        </button>
        <button className="small danger" title="Delete pattern" onClick={() => store.getState().edit((d) => deletePattern(d, pattern.id))}>
          Delete
        </button>
      </td>
    </tr>
  );
}

/** Worksheet panel; `focus` is the id of a pattern to show (e.g. one a diagnostic is about). */
export function WorksheetPanel({ report, focus }: { report: Report; focus?: string }) {
  const store = useDocStore();
  const design = useDoc((s) => s.design);
  const advice = useDoc((s) => s.advice);
  const plan = useDoc((s) => s.shard?.report.plan);
  const verdicts = useMemo(() => (plan ? verdictsByPattern(plan) : undefined), [plan]);
  const patterns = patternsOf(design);
  const problems = useMemo(
    () => (advice ? diagnosticsByPattern(advice.report.diagnostics, patternsOf(advice.design)) : new Map<string, Diagnostic[]>()),
    [advice],
  );
  return (
    <div className="worksheet-panel">
      <div className="panel-bar">
        <button onClick={() => store.getState().edit((d) => addPattern(d).design)}>+ Pattern</button>
        <button onClick={() => void importWorksheet(store, report)}>Import…</button>
        <button onClick={() => void exportWorksheet(store, report)} disabled={patterns.length === 0}>
          Export…
        </button>
        <span className="muted">
          {patterns.length} access pattern{patterns.length === 1 ? "" : "s"}
          {advice ? ` · score ${advice.report.score.total}/100` : ""}
        </span>
      </div>
      {patterns.length === 0 ? (
        <p className="muted pad">No access patterns yet. Add one, or import a worksheet file (sqlc-style `-- name:` blocks).</p>
      ) : (
        <table className="worksheet" data-testid="worksheet">
          <thead>
            <tr>
              <th>Name</th>
              <th>Rate</th>
              <th>Latency</th>
              <th>Consistency</th>
              <th>SQL</th>
              {verdicts && <th>Shards</th>}
              <th />
            </tr>
          </thead>
          <tbody>
            {patterns.map((p) => (
              <PatternRow
                key={p.id}
                pattern={p}
                problems={problems.get(p.id) ?? []}
                focused={focus === p.id}
                shards={verdicts !== undefined}
                verdict={verdicts?.get(p.id)}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
