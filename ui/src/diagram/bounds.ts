/**
 * Where every table's box is on the diagram, straight from the design (its layout, or the grid
 * place of an unplaced table) and the box geometry: for the overview map and the image export,
 * which cover the whole diagram whatever the canvas has mounted.
 */
import type { Design } from "../bindings/Design";
import type { Table } from "../bindings/Table";
import { NODE_WIDTH, fallbackPosition, nodeHeight } from "./mapping";

/** A table's box in diagram coordinates. */
export type Box = { id: string; table: Table; x: number; y: number; width: number; height: number; color?: string };

/** Boxes of the tables in `visible` (every table when absent), in design order. */
export function diagramBoxes(design: Design, visible?: Set<string>): Box[] {
  const layout = design.layout?.tables ?? {};
  const out: Box[] = [];
  design.tables.forEach((table, i) => {
    if (visible && !visible.has(table.id)) return;
    const at = layout[table.id] ?? fallbackPosition(i);
    const color = layout[table.id]?.color ?? undefined;
    out.push({ id: table.id, table, x: at.x, y: at.y, width: NODE_WIDTH, height: nodeHeight(table.columns.length), color });
  });
  return out;
}

/** A rectangle in diagram coordinates. */
export type Rect = { x: number; y: number; width: number; height: number };

/** The smallest rectangle around `boxes`; a zero rectangle when there are none. */
export function boxesBounds(boxes: Rect[]): Rect {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
