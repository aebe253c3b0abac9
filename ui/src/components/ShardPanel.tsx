/**
 * The shard plan: engine and shard count, whether the design plans for sharding (one undoable
 * edit of settings.sharding), the share of the worksheet that runs on one shard, the families,
 * every table's placement, the distributed patterns and why, the alternatives, the lookups, the
 * S-code diagnostics and the generated Citus SQL or Vitess VSchema.
 */
import { useState } from "react";
import type { Diagnostic } from "../bindings/Diagnostic";
import type { ShardEngine } from "../bindings/ShardEngine";
import type { Sharding } from "../bindings/Sharding";
import { copyText, saveText, type Report } from "../app/files";
import { useReveal } from "../hooks/useReveal";
import { ENGINE_TITLES, parseShards, percent } from "../model/shard";
import { useDoc } from "../store/context";
import { Check, TextField } from "./inspector/fields";
import { ShardPlanView } from "./ShardPlanView";

/** What the panel asks of its owner, which keeps the request and the diagram toggle. */
export type ShardControls = {
  /** The engine and shard count planned for. */
  request: Sharding;
  /** The design plans for sharding (has settings.sharding). */
  planned: boolean;
  onRequest: (next: Sharding) => void;
  onPlanned: (on: boolean) => void;
  /** The plan stays on the diagram when the tab is left. */
  showPlan: boolean;
  onShowPlan: (on: boolean) => void;
  /** The last planning error. */
  error: string | null;
};

function ShardsField({ value, onCommit }: { value: number; onCommit: (n: number) => void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <span className={`parsed shards-field${error ? " invalid" : ""}`} title={error ?? undefined}>
      <TextField
        label="shard count"
        value={String(value)}
        onCommit={(text) => {
          const r = parseShards(text);
          setError(r.error ?? null);
          if (r.shards !== undefined) onCommit(r.shards);
        }}
      />
      {error && <span className="field-error">{error}</span>}
    </span>
  );
}

function DiagnosticList({ diagnostics, onPattern }: { diagnostics: Diagnostic[]; onPattern: (id: string) => void }) {
  const reveal = useReveal(onPattern);
  if (diagnostics.length === 0) return <p className="muted">No sharding problems.</p>;
  return (
    <ul className="problems" data-testid="shard-diagnostics">
      {diagnostics.map((d, i) => (
        <li key={i}>
          <button className={`diag ${d.severity}`} onClick={() => reveal(d.target)}>
            <span className="code">{d.code}</span>
            <span className="msg">{d.message}</span>
            {d.help && <span className="help">{d.help}</span>}
            <span className="where">{d.path ?? ""}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Sharding panel; a pattern chosen in it goes to `onPattern`. */
export function ShardPanel({ report, controls, onPattern }: { report: Report; controls: ShardControls; onPattern: (id: string) => void }) {
  const shard = useDoc((s) => s.shard);
  const name = useDoc((s) => s.design.name);
  const { request } = controls;
  const current = shard && shard.request.engine === request.engine && shard.request.shards === request.shards ? shard : null;
  const ddlName = `${name || "design"}.${request.engine === "vitess" ? "vschema.json" : "citus.sql"}`;
  return (
    <div className="shard-panel">
      <div className="panel-bar">
        <select aria-label="engine" value={request.engine} onChange={(e) => controls.onRequest({ ...request, engine: e.target.value as ShardEngine })}>
          {(Object.keys(ENGINE_TITLES) as ShardEngine[]).map((e) => (
            <option key={e} value={e}>
              {ENGINE_TITLES[e]}
            </option>
          ))}
        </select>
        <ShardsField value={request.shards} onCommit={(shards) => controls.onRequest({ ...request, shards })} />
        <span className="muted">shards</span>
        <Check label="Plan for sharding in this design" checked={controls.planned} onChange={controls.onPlanned} />
        <Check label="Show shard plan" checked={controls.showPlan} onChange={controls.onShowPlan} />
        {controls.error && <span className="err">{controls.error}</span>}
        {!current && !controls.error && <span className="muted">Planning…</span>}
      </div>
      {current && (
        <div className="shard-body">
          <section className="shard-headline" data-testid="shard-headline">
            <span className="share">{percent(current.report.plan.single_shard_share)}</span> of the rate-weighted worksheet runs on one shard
            <span className="muted">
              {" "}
              · {ENGINE_TITLES[current.report.plan.engine]}, {current.report.plan.shards} shards
            </span>
          </section>
          <ShardPlanView plan={current.report.plan} onPattern={onPattern} />
          <section className="shard-section">
            <h4>Diagnostics ({current.report.diagnostics.length})</h4>
            <DiagnosticList diagnostics={current.report.diagnostics} onPattern={onPattern} />
          </section>
          <section className="shard-section shard-ddl">
            <div className="panel-bar">
              <b>{request.engine === "vitess" ? "VSchema" : "Citus SQL"}</b>
              <button onClick={() => copyText(report, current.report.ddl)}>Copy</button>
              <button onClick={() => void saveText(report, current.report.ddl, ddlName)}>Save…</button>
            </div>
            <pre className="ddl" data-testid="shard-ddl">
              {current.report.ddl}
            </pre>
          </section>
        </div>
      )}
    </div>
  );
}
