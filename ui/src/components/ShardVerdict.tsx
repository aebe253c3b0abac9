/** Where a pattern runs under the shard plan: a coloured word, the reasons on hover, then one line per statement. */
import type { PatternVerdict } from "../bindings/PatternVerdict";
import { patternVerdictLabel, statementLines } from "../model/shard";

/** A pattern's shard verdict; a pattern the plan does not know yet (just added) shows a dash. */
export function ShardVerdict({ verdict }: { verdict: PatternVerdict | undefined }) {
  if (!verdict) return <span className="muted">—</span>;
  const label = patternVerdictLabel(verdict);
  const lines = statementLines(verdict);
  return (
    <span className="shard-verdict" data-testid="shard-verdict">
      <span className={`verdict ${label.tone}`} title={label.title}>
        {label.label}
      </span>
      {lines.length > 0 && (
        <ul className="verdict-pop" role="tooltip">
          {lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
    </span>
  );
}
