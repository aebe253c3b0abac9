/**
 * The parts of a shard plan: families with their colours, every table's placement, the
 * distributed patterns and why, the alternatives and the lookups worth adding. Clicking a table
 * selects it on the diagram; clicking a pattern opens it in the worksheet.
 */
import type { ShardPlan } from "../bindings/ShardPlan";
import { familyColors } from "../diagram/shard";
import { useReveal } from "../hooks/useReveal";
import { patternVerdictLabel, percent, verdictsByPattern } from "../model/shard";
import { useDoc } from "../store/context";

/** The plan's sections. */
export function ShardPlanView({ plan, onPattern }: { plan: ShardPlan; onPattern: (id: string) => void }) {
  const design = useDoc((s) => s.design);
  const reveal = useReveal(onPattern);
  const colors = familyColors(plan);
  const tableName = (id: string) => design.tables.find((t) => t.id === id)?.name ?? plan.tables.find((t) => t.table === id)?.name ?? id;
  const columnName = (table: string, column: string | undefined) =>
    design.tables.find((t) => t.id === table)?.columns.find((c) => c.id === column)?.name ?? column ?? "";
  const verdicts = verdictsByPattern(plan);
  const patternName = (id: string) => verdicts.get(id)?.name ?? id;
  return (
    <>
      <section className="shard-section">
        <h4>Families ({plan.families.length})</h4>
        {plan.families.length === 0 ? (
          <p className="muted">No distributed table.</p>
        ) : (
          <ul className="shard-list" data-testid="shard-families">
            {plan.families.map((f) => (
              <li key={f.id} className="family">
                <span className="swatch" style={{ background: colors.get(f.id) }} />
                <b>{f.name}</b>
                <span className="muted">{f.tables.map(tableName).join(", ")}</span>
                <span className="share">{percent(f.share)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="shard-section">
        <h4>Tables</h4>
        <table className="nf-table shard-tables" data-testid="shard-tables">
          <tbody>
            {plan.tables.map((t) => (
              <tr key={t.table} title={t.reason}>
                <td>
                  <button className="link" onClick={() => reveal({ kind: "table", table: t.table })}>
                    {tableName(t.table)}
                  </button>
                </td>
                <td>
                  {t.family && <span className="swatch" style={{ background: colors.get(t.family) }} />}
                  {t.mode}
                </td>
                <td>{t.mode === "distributed" ? columnName(t.table, t.key) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="shard-section">
        <h4>Distributed patterns ({plan.distributed_patterns.length})</h4>
        {plan.distributed_patterns.length === 0 ? (
          <p className="muted">Every pattern runs on one shard.</p>
        ) : (
          <ul className="shard-list" data-testid="shard-patterns">
            {plan.distributed_patterns.map((id) => {
              const v = verdicts.get(id);
              const label = v ? patternVerdictLabel(v) : undefined;
              return (
                <li key={id}>
                  <button className="link" onClick={() => onPattern(id)}>
                    {patternName(id)}
                  </button>
                  {label && <span className={`verdict ${label.tone}`}>{label.label}</span>}
                  {v?.write_fanout && <span className="verdict warn">writes several shards</span>}
                  <span className="muted">{label?.title}</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="shard-section">
        <h4>Alternatives ({plan.alternatives.length})</h4>
        <ul className="shard-list" data-testid="shard-alternatives">
          {plan.alternatives.map((a) => (
            <li key={a.name}>
              <b>{a.name}</b>
              <span className="share">{percent(a.single_shard_share)}</span>
              <span className="muted">{a.verdict}</span>
            </li>
          ))}
        </ul>
      </section>
      {plan.lookups.length > 0 && (
        <section className="shard-section">
          <h4>Lookups ({plan.lookups.length})</h4>
          <ul className="shard-list" data-testid="shard-lookups">
            {plan.lookups.map((l) => (
              <li key={`${l.table}/${l.column}`}>
                <button className="link" onClick={() => reveal({ kind: "column", table: l.table, column: l.column })}>
                  {tableName(l.table)}.{columnName(l.table, l.column)}
                </button>
                {l.unique && <span className="mk uq">UQ</span>}
                <span className="muted">routes {l.patterns.map(patternName).join(", ")}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
