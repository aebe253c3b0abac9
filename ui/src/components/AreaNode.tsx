/** Subject areas drawn as coloured regions behind their tables. */
import type { Node, NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { Design } from "../bindings/Design";
import type { TableNodeT } from "../diagram/mapping";

/** What an area region renders. */
export type AreaData = { name: string; color: string };
/** An area region node. */
export type AreaNodeT = Node<AreaData, "area">;

const PAD = 28;

/** Region nodes around the tables of each area (only areas with a visible table). */
export function areaNodes(design: Design, tables: TableNodeT[], visible?: Set<string>): AreaNodeT[] {
  const areas = design.layout?.areas ?? [];
  if (areas.length === 0) return [];
  const byId = new Map(tables.map((n) => [n.id, n]));
  const out: AreaNodeT[] = [];
  for (const a of areas) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const id of a.tables) {
      if (visible && !visible.has(id)) continue;
      const n = byId.get(id);
      if (!n) continue;
      x0 = Math.min(x0, n.position.x);
      y0 = Math.min(y0, n.position.y);
      x1 = Math.max(x1, n.position.x + (n.width ?? 0));
      y1 = Math.max(y1, n.position.y + (n.height ?? 0));
    }
    if (x0 === Infinity) continue;
    out.push({
      id: `area:${a.id}`,
      type: "area",
      position: { x: x0 - PAD, y: y0 - PAD - 18 },
      width: x1 - x0 + 2 * PAD,
      height: y1 - y0 + 2 * PAD + 18,
      data: { name: a.name, color: a.color ?? "#64748b" },
      selectable: false,
      draggable: false,
      connectable: false,
      zIndex: -1,
    });
  }
  return out;
}

function AreaNodeImpl({ data }: NodeProps<AreaNodeT>) {
  return (
    <div className="area" style={{ borderColor: data.color, background: `${data.color}14` }}>
      <span className="area-name" style={{ color: data.color }}>
        {data.name}
      </span>
    </div>
  );
}

/** Memoized area region. */
export const AreaNode = memo(AreaNodeImpl);
