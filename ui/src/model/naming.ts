/** Names and ids for edits made on the diagram: fresh ids and names, FK column names. */
import pluralize from "pluralize";
import type { Design } from "../bindings/Design";
import type { NamingConvention } from "../bindings/NamingConvention";

/** The singular of a table name, word by word on its last snake_case segment. */
export function singular(name: string): string {
  const parts = name.split("_");
  const last = parts.pop() ?? name;
  return [...parts, pluralize.singular(last)].join("_");
}

/**
 * Fills the convention's foreign-key column template (e.g. `{referenced_singular}_id`) for a
 * referenced table and column.
 */
export function fkColumnName(naming: NamingConvention, referencedTable: string, referencedColumn: string): string {
  return naming.foreign_key_column
    .replaceAll("{referenced_singular}", singular(referencedTable))
    .replaceAll("{referenced}", referencedTable)
    .replaceAll("{column}", referencedColumn)
    .replaceAll("{columns}", referencedColumn);
}

/** `base`, or `base_2`, `base_3`... : the first one not in `taken` (compared without case). */
export function freshName(base: string, taken: Iterable<string>): string {
  const used = new Set<string>();
  for (const t of taken) used.add(t.toLowerCase());
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}_${i}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** A new table name following the convention's number rule. */
export function newTableName(design: Design): string {
  const base = design.settings.naming.tables === "singular_snake_case" ? "new_table" : "new_tables";
  return freshName(base, design.tables.map((t) => t.name));
}

/** An id from `prefix` that no item in `items` has. */
export function freshId(prefix: string, items: Iterable<{ id: string }>): string {
  const ids: string[] = [];
  for (const item of items) ids.push(item.id);
  return freshName(prefix, ids);
}
