/** Crow's-foot notation derived from the model: how many rows each end of a foreign key allows. */
import type { ForeignKey } from "../bindings/ForeignKey";
import type { Table } from "../bindings/Table";

/** One end of a relationship line: the least and the most number of partner rows. */
export type End = { min: "zero" | "one"; max: "one" | "many" };

/** Both ends of a foreign key's line. */
export type Ends = {
  /** At the referencing (child) table: how many child rows one parent row has. */
  child: End;
  /** At the referenced (parent) table: how many parent rows one child row has. */
  parent: End;
};

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Whether the FK columns are unique on their own (a primary key, unique constraint or index on exactly them). */
export function fkIsUnique(table: Table, fk: ForeignKey): boolean {
  if (table.primary_key && sameSet(table.primary_key.columns, fk.columns)) return true;
  if (table.uniques?.some((u) => sameSet(u.columns, fk.columns))) return true;
  return (
    table.indexes?.some(
      (ix) => ix.unique === true && !ix.where && ix.parts.every((p) => p.column) && sameSet(ix.parts.map((p) => p.column ?? ""), fk.columns),
    ) ?? false
  );
}

/**
 * The crow's-foot ends of a foreign key: a child row has exactly one parent when every FK column
 * is NOT NULL, else at most one; a parent has any number of children, or at most one when the FK
 * columns are unique (one-to-one).
 */
export function fkEnds(table: Table, fk: ForeignKey): Ends {
  const nullable = fk.columns.some((id) => table.columns.find((c) => c.id === id)?.nullable === true);
  return {
    parent: { min: nullable ? "zero" : "one", max: "one" },
    child: { min: "zero", max: fkIsUnique(table, fk) ? "one" : "many" },
  };
}

/** The marker id drawn for an end (see FkEdge's <defs>). */
export function markerId(end: End): string {
  return `cf-${end.min}-${end.max}`;
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

/**
 * The crow's-foot end as SVG path data, drawn where a line meets a table: the tip at (`x`, `y`)
 * on the table's side, the symbol stretching 22 units back along the line. `into` is the
 * direction from the line into the table: 1 when the table lies towards +x (its left side),
 * -1 when it lies towards -x. Lines are open sub-paths; the "zero" circle is closed, so that
 * filling the path with the background blanks the line behind the circle.
 */
export function endPath(end: End, x: number, y: number, into: 1 | -1): string {
  // Symbol coordinates: u from 0 (back along the line) to 22 (the tip), v across the line.
  const p = (u: number, v: number) => `${fmt(x + into * (u - 22))} ${fmt(y + v)}`;
  const parts: string[] = [];
  if (end.max === "many") parts.push(`M${p(12, 0)} L${p(22, -7)} M${p(12, 0)} L${p(22, 0)} M${p(12, 0)} L${p(22, 7)}`);
  else parts.push(`M${p(16, -6)} L${p(16, 6)}`);
  if (end.min === "one") parts.push(`M${p(8, -6)} L${p(8, 6)}`);
  else parts.push(`M${p(2.5, 0)} A3.5 3.5 0 1 0 ${p(9.5, 0)} A3.5 3.5 0 1 0 ${p(2.5, 0)} Z`);
  return parts.join(" ");
}
