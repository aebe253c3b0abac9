/** Search to jump to a table or column: type, pick with the arrows and Enter, Escape closes. */
import { useReactFlow } from "@xyflow/react";
import { useMemo, useState } from "react";
import { useDoc, useDocStore } from "../store/context";

type Hit = { table: string; column?: string; label: string; detail: string };

const LIMIT = 50;

/** Search overlay. */
export function SearchBox({ onClose }: { onClose: () => void }) {
  const store = useDocStore();
  const tables = useDoc((s) => s.design.tables);
  const flow = useReactFlow();
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  const hits = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!needle) return [];
    const out: Hit[] = [];
    for (const t of tables) {
      if (t.name.toLowerCase().includes(needle)) out.push({ table: t.id, label: t.name, detail: `table · ${t.columns.length} columns` });
      if (out.length >= LIMIT) break;
      for (const c of t.columns) {
        if (c.name.toLowerCase().includes(needle)) out.push({ table: t.id, column: c.id, label: `${t.name}.${c.name}`, detail: c.type });
        if (out.length >= LIMIT) break;
      }
      if (out.length >= LIMIT) break;
    }
    return out;
  }, [q, tables]);
  const go = (h: Hit | undefined) => {
    if (!h) return;
    store.getState().setArea(null);
    store.getState().select({ tables: [h.table], column: h.column ? { table: h.table, column: h.column } : undefined });
    const at = store.getState().design.layout?.tables?.[h.table];
    const node = flow.getNode(h.table);
    const p = node?.position ?? at;
    if (p) flow.setCenter(p.x + 120, p.y + 80, { zoom: 1, duration: 300 });
    onClose();
  };
  return (
    <div className="overlay" onMouseDown={onClose}>
      <div className="search" onMouseDown={(e) => e.stopPropagation()} role="dialog" aria-label="Search">
        <input
          autoFocus
          className="field"
          placeholder="Search tables and columns…"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") onClose();
            if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, hits.length - 1));
            if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
            if (e.key === "Enter") go(hits[active]);
          }}
        />
        <ul>
          {hits.map((h, i) => (
            <li key={`${h.table}/${h.column ?? ""}`}>
              <button className={i === active ? "on" : ""} onClick={() => go(h)}>
                <span>{h.label}</span>
                <span className="muted">{h.detail}</span>
              </button>
            </li>
          ))}
          {q && hits.length === 0 && <li className="muted pad">Nothing matches.</li>}
        </ul>
      </div>
    </div>
  );
}
