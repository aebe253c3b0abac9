/**
 * Edits of a design as pure functions: each returns a new Design sharing every untouched table,
 * column and layout entry with the old one, so snapshots for undo stay cheap.
 */
import type { Column } from "../bindings/Column";
import type { Design } from "../bindings/Design";
import type { ForeignKey } from "../bindings/ForeignKey";
import type { NodeLayout } from "../bindings/NodeLayout";
import type { Table } from "../bindings/Table";
import { fkColumnName, freshId, freshName, newTableName } from "./naming";

/** Replaces the table with id `tableId` by `fn(table)`; the design itself when it is absent. */
export function updateTable(design: Design, tableId: string, fn: (t: Table) => Table): Design {
  const index = design.tables.findIndex((t) => t.id === tableId);
  if (index < 0) return design;
  const tables = design.tables.slice();
  tables[index] = fn(tables[index]);
  return { ...design, tables };
}

/** Replaces one column of one table by `fn(column)`. */
export function updateColumn(design: Design, tableId: string, columnId: string, fn: (c: Column) => Column): Design {
  return updateTable(design, tableId, (t) => ({
    ...t,
    columns: t.columns.map((c) => (c.id === columnId ? fn(c) : c)),
  }));
}

/** Sets the diagram positions of several tables at once. */
export function moveTables(design: Design, positions: Record<string, { x: number; y: number }>): Design {
  const old = design.layout?.tables ?? {};
  const tables: Record<string, NodeLayout> = { ...old };
  for (const [id, p] of Object.entries(positions)) {
    tables[id] = { ...old[id], x: Math.round(p.x), y: Math.round(p.y) };
  }
  return { ...design, layout: { ...design.layout, tables } };
}

/** Adds a table with a surrogate key at `position`; returns the design and the new table's id. */
export function addTable(design: Design, position: { x: number; y: number }): { design: Design; tableId: string } {
  const name = newTableName(design);
  const id = freshId(name, design.tables);
  const pk = design.settings.naming.primary_key_column || "id";
  const table: Table = {
    id,
    name,
    columns: [{ id: pk, name: pk, type: "bigint", identity: "by_default" }],
    primary_key: { columns: [pk] },
  };
  const next = { ...design, tables: [...design.tables, table] };
  return { design: moveTables(next, { [id]: position }), tableId: id };
}

/** Renames a table (its id stays, so every reference stays valid). */
export function renameTable(design: Design, tableId: string, name: string): Design {
  return updateTable(design, tableId, (t) => ({ ...t, name }));
}

/** Renames a column (its id stays, so keys, indexes and foreign keys that use it stay valid). */
export function renameColumn(design: Design, tableId: string, columnId: string, name: string): Design {
  return updateColumn(design, tableId, columnId, (c) => ({ ...c, name }));
}

/** Deletes tables, the foreign keys, relationships and layout entries that point at them. */
export function deleteTables(design: Design, tableIds: string[]): Design {
  const gone = new Set(tableIds);
  const tables = design.tables
    .filter((t) => !gone.has(t.id))
    .map((t) => {
      const fks = t.foreign_keys;
      if (!fks || !fks.some((fk) => gone.has(fk.references))) return t;
      return { ...t, foreign_keys: fks.filter((fk) => !gone.has(fk.references)) };
    });
  const relationships = design.relationships?.filter((r) => !gone.has(r.from) && !gone.has(r.to));
  const layoutTables = { ...design.layout?.tables };
  for (const id of gone) delete layoutTables[id];
  const areas = design.layout?.areas?.map((a) => ({ ...a, tables: a.tables.filter((id) => !gone.has(id)) }));
  return {
    ...design,
    tables,
    ...(relationships ? { relationships } : {}),
    layout: { ...design.layout, tables: layoutTables, ...(areas ? { areas } : {}) },
  };
}

/** Copies a table beside the original with a fresh id and name; FKs to other tables are kept. */
export function duplicateTable(design: Design, tableId: string): { design: Design; tableId: string } {
  const source = design.tables.find((t) => t.id === tableId);
  if (!source) return { design, tableId };
  const name = freshName(`${source.name}_copy`, design.tables.map((t) => t.name));
  const id = freshId(name, design.tables);
  const copy: Table = structuredClone(source);
  copy.id = id;
  copy.name = name;
  // Constraint names are per schema: let the copy derive its own.
  for (const list of [copy.uniques, copy.checks, copy.foreign_keys, copy.indexes]) {
    for (const item of list ?? []) delete item.name;
  }
  if (copy.primary_key) delete copy.primary_key.name;
  const at = design.layout?.tables?.[tableId] ?? { x: 0, y: 0 };
  const next = { ...design, tables: [...design.tables, copy] };
  return { design: moveTables(next, { [id]: { x: at.x + 40, y: at.y + 40 } }), tableId: id };
}

/** Appends a nullable text column; returns the design and the new column's id. */
export function addColumn(design: Design, tableId: string): { design: Design; columnId: string } {
  const table = design.tables.find((t) => t.id === tableId);
  if (!table) return { design, columnId: "" };
  const name = freshName("new_column", table.columns.map((c) => c.name));
  const id = freshId(name, table.columns);
  const column: Column = { id, name, type: "text", nullable: true };
  return { design: updateTable(design, tableId, (t) => ({ ...t, columns: [...t.columns, column] })), columnId: id };
}

/** Removes a column from a table and from every key, index and FK that uses it. */
export function deleteColumn(design: Design, tableId: string, columnId: string): Design {
  const keep = (ids: string[]) => !ids.includes(columnId);
  let next = updateTable(design, tableId, (t) => {
    const pk = t.primary_key?.columns.filter((c) => c !== columnId);
    return {
      ...t,
      columns: t.columns.filter((c) => c.id !== columnId),
      primary_key: pk && pk.length > 0 ? { ...t.primary_key, columns: pk } : undefined,
      uniques: t.uniques?.filter((u) => keep(u.columns)),
      foreign_keys: t.foreign_keys?.filter((fk) => keep(fk.columns)),
      indexes: t.indexes?.filter((ix) => !ix.parts.some((p) => p.column === columnId)),
      functional_dependencies: t.functional_dependencies?.filter((fd) => keep(fd.lhs) && keep(fd.rhs)),
    };
  });
  // Foreign keys of other tables that referenced this column explicitly.
  next = {
    ...next,
    tables: next.tables.map((t) =>
      t.foreign_keys?.some((fk) => fk.references === tableId && fk.referenced_columns?.includes(columnId))
        ? {
            ...t,
            foreign_keys: t.foreign_keys.filter(
              (fk) => !(fk.references === tableId && fk.referenced_columns?.includes(columnId)),
            ),
          }
        : t,
    ),
  };
  return next;
}

/** Copies a column right after itself with a fresh id and name. */
export function duplicateColumn(design: Design, tableId: string, columnId: string): Design {
  return updateTable(design, tableId, (t) => {
    const index = t.columns.findIndex((c) => c.id === columnId);
    if (index < 0) return t;
    const name = freshName(`${t.columns[index].name}_copy`, t.columns.map((c) => c.name));
    const copy = { ...t.columns[index], id: freshId(name, t.columns), name };
    const columns = t.columns.slice();
    columns.splice(index + 1, 0, copy);
    return { ...t, columns };
  });
}

/**
 * Creates a foreign key from `fromTable` to the column `toColumn` of `toTable` (its primary key
 * when `toColumn` is absent): a new column named by the convention and typed like the referenced
 * column. Returns the design unchanged when the referenced column cannot be found.
 */
export function addForeignKey(
  design: Design,
  fromTable: string,
  toTable: string,
  toColumn?: string,
): { design: Design; columnId: string; foreignKeyId: string } {
  const from = design.tables.find((t) => t.id === fromTable);
  const to = design.tables.find((t) => t.id === toTable);
  const refId = toColumn ?? to?.primary_key?.columns[0] ?? to?.columns[0]?.id;
  const ref = to?.columns.find((c) => c.id === refId);
  if (!from || !to || !ref) return { design, columnId: "", foreignKeyId: "" };
  const name = freshName(fkColumnName(design.settings.naming, to.name, ref.name), from.columns.map((c) => c.name));
  const columnId = freshId(name, from.columns);
  const type = ref.type.trim().toLowerCase() === "serial" ? "integer" : ref.type;
  const column: Column = { id: columnId, name, type };
  const fks = from.foreign_keys ?? [];
  const fkId = freshId(`fk${fks.length + 1}`, fks);
  const isPk = to.primary_key?.columns.length === 1 && to.primary_key.columns[0] === ref.id;
  const fk: ForeignKey = { id: fkId, columns: [columnId], references: to.id, ...(isPk ? {} : { referenced_columns: [ref.id] }) };
  const next = updateTable(design, fromTable, (t) => ({
    ...t,
    columns: [...t.columns, column],
    foreign_keys: [...fks, fk],
  }));
  return { design: next, columnId, foreignKeyId: fkId };
}

/** Lines the tables `ids` up on the left edge or the top edge of the leftmost/topmost one. */
export function alignTables(design: Design, ids: string[], edge: "left" | "top"): Design {
  const layout = design.layout?.tables ?? {};
  const placed = ids.filter((id) => layout[id]);
  if (placed.length < 2) return design;
  const target = Math.min(...placed.map((id) => (edge === "left" ? layout[id].x : layout[id].y)));
  const positions: Record<string, { x: number; y: number }> = {};
  for (const id of placed) {
    const p = layout[id];
    positions[id] = edge === "left" ? { x: target, y: p.y } : { x: p.x, y: target };
  }
  return moveTables(design, positions);
}
