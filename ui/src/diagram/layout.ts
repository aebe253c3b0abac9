/** Auto layout through the ELK web worker, for the whole design or a set of tables. */
import type { Design } from "../bindings/Design";
import type { LayoutRequest, Positions } from "./elk-graph";
import { NODE_WIDTH, nodeHeight } from "./mapping";

let worker: Worker | undefined;
let next = 0;
const pending = new Map<number, { resolve: (p: Positions) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<{ id: number; positions?: Positions; error?: string }>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!p) return;
      if (e.data.positions) p.resolve(e.data.positions);
      else p.reject(new Error(e.data.error ?? "layout failed"));
    };
  }
  return worker;
}

/** The layout request for the tables `ids` of `design` (every table when absent). */
export function layoutRequest(design: Design, ids?: Set<string>): LayoutRequest {
  const tables = ids ? design.tables.filter((t) => ids.has(t.id)) : design.tables;
  return {
    nodes: tables.map((t) => ({ id: t.id, width: NODE_WIDTH, height: nodeHeight(t.columns.length) })),
    edges: tables.flatMap((t) => (t.foreign_keys ?? []).map((fk) => ({ source: t.id, target: fk.references }))),
  };
}

/**
 * Lays the tables `ids` out (all when absent). A partial layout keeps the group where its
 * top-left table was.
 */
export async function autoLayout(design: Design, ids?: Set<string>): Promise<Positions> {
  const req = layoutRequest(design, ids);
  const id = next++;
  const result = new Promise<Positions>((resolve, reject) => pending.set(id, { resolve, reject }));
  getWorker().postMessage({ id, req });
  const positions = await result;
  if (!ids) return positions;
  const layout = design.layout?.tables ?? {};
  const xs = [...ids].map((i) => layout[i]).filter((p) => p !== undefined);
  // Tables never placed go below everything placed; placed ones stay where their group was.
  const others = Object.values(layout);
  const below = others.length ? Math.max(...others.map((p) => p.y)) + 400 : 0;
  const ox = xs.length ? Math.min(...xs.map((p) => p.x)) : 0;
  const oy = xs.length ? Math.min(...xs.map((p) => p.y)) : below;
  const out: Positions = {};
  for (const [k, p] of Object.entries(positions)) out[k] = { x: p.x + ox, y: p.y + oy };
  return out;
}
