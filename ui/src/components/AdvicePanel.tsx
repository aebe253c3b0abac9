/**
 * The advice on the design and its worksheet: the score (0-100) by group with every point lost
 * and the diagnostic that cost it, the recommended indexes with the patterns each serves, and
 * the existing indexes no pattern uses. Applying the recommended indexes is one undoable edit.
 */
import { useState } from "react";
import type { GroupScore } from "../bindings/GroupScore";
import type { Report } from "../app/files";
import { applyRecommendedIndexes } from "../app/worksheet";
import { useReveal } from "../hooks/useReveal";
import { useDoc, useDocStore } from "../store/context";
import { SqlView } from "./SqlText";

const GROUP_TITLES: Record<GroupScore["group"], string> = {
  integrity: "Integrity",
  normalization: "Normalization",
  indexing: "Indexing",
  queries: "Queries",
  conventions: "Conventions",
  sharding: "Sharding",
};

const pts = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Advice panel; a point lost to a pattern's diagnostic goes to `onPattern`. */
export function AdvicePanel({ report, onPattern }: { report: Report; onPattern: (patternId: string) => void }) {
  const store = useDocStore();
  const advice = useDoc((s) => s.advice);
  const design = useDoc((s) => s.design);
  const reveal = useReveal(onPattern);
  const [busy, setBusy] = useState(false);
  // How many indexes the last apply added, shown while its result is the current design.
  const [applied, setApplied] = useState<{ count: number; design: typeof design } | null>(null);
  if (!advice) return <p className="muted pad">Computing the advice…</p>;
  const { score, indexes, existing } = advice.report;
  const unused = existing.filter((e) => e.verdict === "unused");
  const tableId = (name: string) => design.tables.find((t) => t.name === name)?.id ?? name;
  const apply = async () => {
    setBusy(true);
    const count = await applyRecommendedIndexes(store, report);
    setApplied({ count, design: store.getState().design });
    setBusy(false);
  };
  return (
    <div className="advice-panel">
      <section className="score" data-testid="score">
        <div className="score-total">
          <span data-testid="score-total">{score.total}</span>
          <small>/100</small>
        </div>
        <ul className="score-groups">
          {score.groups
            .filter((g) => g.max > 0 || g.lost.length > 0)
            .map((g) => (
              <li key={g.group}>
                <details open={g.lost.length > 0}>
                  <summary>
                    <span className="group">{GROUP_TITLES[g.group]}</span>
                    <span className="points">
                      {pts(g.points)}/{pts(g.max)}
                    </span>
                    {g.lost.length > 0 && <span className="lost-total">−{pts(g.max - g.points)}</span>}
                  </summary>
                  <ul className="lost-list">
                    {g.lost.map((l, i) => (
                      <li key={i}>
                        <button className="lost" disabled={!l.target || l.target.kind === "design"} onClick={() => reveal(l.target)}>
                          <span className="minus">−{pts(l.points)}</span>
                          <span className="code">{l.code}</span>
                          <span className="msg">{l.message}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
        </ul>
      </section>
      <section className="recommended">
        <div className="panel-bar">
          <b>Recommended indexes ({indexes.length})</b>
          <button className="primary" disabled={busy || indexes.length === 0} onClick={() => void apply()}>
            Apply recommended indexes
          </button>
          {applied && applied.count > 0 && applied.design === design && <span className="muted">Added {applied.count}; Undo removes them all.</span>}
        </div>
        {indexes.length === 0 ? (
          <p className="muted pad">No index to add: every access pattern is served, or the worksheet is empty.</p>
        ) : (
          <ul className="rec-list" data-testid="recommended">
            {indexes.map((ix) => (
              <li key={`${ix.table}/${ix.name}`}>
                <button className="rec-index" onClick={() => reveal({ kind: "table", table: tableId(ix.table) })}>
                  <SqlView sql={ix.ddl} />
                  <span className="serves">serves {ix.patterns.join(", ")}</span>
                  <span className="reason">{ix.reason}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {unused.length > 0 && (
          <p className="muted pad">
            Serving no pattern: {unused.map((e) => `${e.table}.${e.index}`).join(", ")}
          </p>
        )}
      </section>
    </div>
  );
}
