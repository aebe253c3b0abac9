/**
 * Design -> diagram mapping: tables become nodes, foreign keys become edges between the exact
 * column handles, many-to-many relationships become dashed edges between the tables. Positions
 * come from design.layout (keyed by table id), never from the tables.
 */
import { Position, type Edge, type Node, type NodeHandle } from "@xyflow/react";
import type { Design } from "../bindings/Design";
import type { NodeLayout } from "../bindings/NodeLayout";
import type { Table } from "../bindings/Table";
import { fkEnds, fkIsUnique, type Ends } from "./crowsfoot";

/** A column as a table node shows it. */
export type ColumnRow = {
  id: string;
  name: string;
  type: string;
  pk: boolean;
  fk: boolean;
  unique: boolean;
  nullable: boolean;
};

/** What a table node renders. */
export type TableData = { table: Table; name: string; rows: ColumnRow[]; color?: string; handles: NodeHandle[] };
/** A table node. */
export type TableNodeT = Node<TableData, "table">;
/** What a relationship edge renders; `simple` draws a plain line (zoomed out). */
export type FkData = { ends: Ends; label?: string; manyToMany?: boolean; simple?: boolean };
/** A relationship edge. */
export type FkEdgeT = Edge<FkData, "fk">;

/** Width of a table box, in diagram units. */
export const NODE_WIDTH = 240;
/** Height of the title row and of one column row. */
export const HEADER_HEIGHT = 34;
export const ROW_HEIGHT = 22;

/** The box height of a table with `columns` columns. */
export function nodeHeight(columns: number): number {
  return HEADER_HEIGHT + ROW_HEIGHT * columns + 6;
}

/** Handle id of a column's left or right side. */
export function handleId(columnId: string, side: "l" | "r"): string {
  return `${side}:${columnId}`;
}

/** Parses a handle id back into the column id. */
export function columnOfHandle(handle: string | null | undefined): string | undefined {
  if (!handle) return undefined;
  const i = handle.indexOf(":");
  return i < 0 ? undefined : handle.slice(i + 1);
}

/** Rows of a table, with markers. */
export function columnRows(table: Table): ColumnRow[] {
  const pk = new Set(table.primary_key?.columns ?? []);
  const fk = new Set((table.foreign_keys ?? []).flatMap((f) => f.columns));
  const unique = new Set((table.uniques ?? []).filter((u) => u.columns.length === 1).map((u) => u.columns[0]));
  return table.columns.map((c) => ({
    id: c.id,
    name: c.name,
    type: c.type,
    pk: pk.has(c.id),
    fk: fk.has(c.id),
    unique: unique.has(c.id),
    nullable: c.nullable === true,
  }));
}

const HANDLE = 7;

/**
 * Where each handle of a table box sits, computed from the box geometry. Given up front, it lets
 * the canvas draw edges without first mounting every node to measure it, so that only the
 * visible nodes are ever mounted.
 */
export function tableHandles(columnIds: string[]): NodeHandle[] {
  const half = HANDLE / 2;
  const out: NodeHandle[] = [];
  const mid = nodeHeight(columnIds.length) / 2 - half;
  out.push({ id: "l", type: "source", position: Position.Left, x: -half, y: mid, width: HANDLE, height: HANDLE });
  out.push({ id: "r", type: "source", position: Position.Right, x: NODE_WIDTH - half, y: mid, width: HANDLE, height: HANDLE });
  columnIds.forEach((id, i) => {
    const y = HEADER_HEIGHT + i * ROW_HEIGHT + ROW_HEIGHT / 2 - half;
    out.push({ id: handleId(id, "l"), type: "source", position: Position.Left, x: -half, y, width: HANDLE, height: HANDLE });
    out.push({ id: handleId(id, "r"), type: "source", position: Position.Right, x: NODE_WIDTH - half, y, width: HANDLE, height: HANDLE });
  });
  return out;
}

// Node data is kept per Table object, so an edit that leaves a table untouched also leaves its
// node data untouched and the memoized node component does not render again.
const dataCache = new WeakMap<Table, TableData>();

function tableData(table: Table, color: string | undefined): TableData {
  const cached = dataCache.get(table);
  if (cached && cached.color === color) return cached;
  const data: TableData = { table, name: table.name, rows: columnRows(table), color, handles: tableHandles(table.columns.map((c) => c.id)) };
  dataCache.set(table, data);
  return data;
}

/** Grid position for the `i`-th table without a stored position (until auto layout places it). */
export function fallbackPosition(i: number): { x: number; y: number } {
  return { x: (i % 12) * 300, y: Math.floor(i / 12) * 320 };
}

/** Table nodes, in design order; `visible` limits them to a subject area when given. */
export function designToNodes(design: Design, visible?: Set<string>): TableNodeT[] {
  const layout: Record<string, NodeLayout> = design.layout?.tables ?? {};
  const nodes: TableNodeT[] = [];
  design.tables.forEach((table, i) => {
    if (visible && !visible.has(table.id)) return;
    const at = layout[table.id];
    const data = tableData(table, at?.color);
    nodes.push({
      id: table.id,
      type: "table",
      position: at ? { x: at.x, y: at.y } : fallbackPosition(i),
      width: NODE_WIDTH,
      height: nodeHeight(table.columns.length),
      // Known sizes count as measured, so zoom to fit covers tables never mounted.
      measured: { width: NODE_WIDTH, height: nodeHeight(table.columns.length) },
      data,
      handles: data.handles,
    });
  });
  return nodes;
}

/** Ids of tables that have no stored position. */
export function unplacedTables(design: Design): string[] {
  const layout = design.layout?.tables ?? {};
  return design.tables.filter((t) => !layout[t.id]).map((t) => t.id);
}

/**
 * Relationship edges. A foreign key's edge runs from the FK column's handle on the referencing
 * table to the referenced column's handle on the referenced table, on the sides facing each other.
 */
export function designToEdges(design: Design, visible?: Set<string>): FkEdgeT[] {
  const byId = new Map(design.tables.map((t) => [t.id, t]));
  const layout = design.layout?.tables ?? {};
  const xOf = (id: string, i: number) => layout[id]?.x ?? fallbackPosition(i).x;
  const indexOf = new Map(design.tables.map((t, i) => [t.id, i]));
  const edges: FkEdgeT[] = [];
  const shown = (id: string) => !visible || visible.has(id);
  for (const table of design.tables) {
    for (const fk of table.foreign_keys ?? []) {
      const parent = byId.get(fk.references);
      if (!parent || !shown(table.id) || !shown(parent.id)) continue;
      const fromCol = fk.columns[0];
      const toCol = fk.referenced_columns?.[0] ?? parent.primary_key?.columns[0] ?? parent.columns[0]?.id;
      if (!fromCol || !toCol) continue;
      const childX = xOf(table.id, indexOf.get(table.id) ?? 0);
      const parentX = xOf(parent.id, indexOf.get(parent.id) ?? 0);
      const self = parent.id === table.id;
      const childLeft = !self && childX > parentX;
      edges.push({
        id: `fk:${table.id}:${fk.id}`,
        type: "fk",
        source: table.id,
        target: parent.id,
        sourceHandle: handleId(fromCol, childLeft ? "l" : "r"),
        targetHandle: handleId(toCol, self ? "r" : childLeft ? "r" : "l"),
        data: { ends: fkEnds(table, fk), label: fkIsUnique(table, fk) ? "1:1" : undefined },
      });
    }
  }
  for (const rel of design.relationships ?? []) {
    if (rel.cardinality !== "many_to_many" || !shown(rel.from) || !shown(rel.to)) continue;
    const from = byId.get(rel.from);
    const to = byId.get(rel.to);
    if (!from || !to) continue;
    const fromCol = from.primary_key?.columns[0] ?? from.columns[0]?.id;
    const toCol = to.primary_key?.columns[0] ?? to.columns[0]?.id;
    if (!fromCol || !toCol) continue;
    const left = xOf(from.id, indexOf.get(from.id) ?? 0) > xOf(to.id, indexOf.get(to.id) ?? 0);
    edges.push({
      id: `rel:${rel.id}`,
      type: "fk",
      source: from.id,
      target: to.id,
      sourceHandle: handleId(fromCol, left ? "l" : "r"),
      targetHandle: handleId(toCol, left ? "r" : "l"),
      data: {
        ends: { child: { min: "zero", max: "many" }, parent: { min: "zero", max: "many" } },
        label: rel.name ?? "M:N",
        manyToMany: true,
      },
    });
  }
  return edges;
}

/**
 * `next` with every item that equals (by `same`) its namesake in `prev` replaced by that older
 * object, and `prev` itself when nothing changed at all. React Flow compares nodes and edges by
 * identity, so after an edit that moved one table only that table and its lines are redone.
 */
export function keepUnchanged<T extends { id: string }>(next: T[], prev: readonly T[], same: (a: T, b: T) => boolean): T[] {
  const old = new Map(prev.map((x) => [x.id, x]));
  let changed = next.length !== prev.length;
  const out = next.map((x, i) => {
    const o = old.get(x.id);
    if (o && same(o, x)) {
      if (prev[i] !== o) changed = true;
      return o;
    }
    changed = true;
    return x;
  });
  return changed ? out : (prev as T[]);
}

const sameEnd = (a: Ends["child"], b: Ends["child"]) => a.min === b.min && a.max === b.max;

/** Whether two relationship edges draw the same. */
export function sameEdge(a: FkEdgeT, b: FkEdgeT): boolean {
  const x = a.data;
  const y = b.data;
  const sameData =
    x === y ||
    (!!x && !!y && x.label === y.label && x.manyToMany === y.manyToMany && x.simple === y.simple && sameEnd(x.ends.child, y.ends.child) && sameEnd(x.ends.parent, y.ends.parent));
  return a.source === b.source && a.target === b.target && a.sourceHandle === b.sourceHandle && a.targetHandle === b.targetHandle && sameData;
}

/** Whether two table nodes draw the same at the same place (selection aside). */
export function sameTableNode(a: TableNodeT, b: TableNodeT): boolean {
  return a.data === b.data && a.position.x === b.position.x && a.position.y === b.position.y && a.width === b.width && a.height === b.height;
}
