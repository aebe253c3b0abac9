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
