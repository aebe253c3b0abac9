/** Inspector section for indexes (parts with order, method, where, include) and functional dependencies. */
import type { Index } from "../../bindings/Index";
import type { IndexMethod } from "../../bindings/IndexMethod";
import type { IndexPart } from "../../bindings/IndexPart";
import type { Table } from "../../bindings/Table";
import { updateTable } from "../../model/edit";
import { freshId } from "../../model/naming";
import { useDocStore } from "../../store/context";
import { Check, ColumnsField, Select, TextField, clean } from "./fields";

const METHODS: IndexMethod[] = ["btree", "hash", "gin", "gist", "brin", "spgist"];

/** Index parts as text: `name`, `name desc`, or `(expression)`, separated by commas. */
export function partsText(parts: IndexPart[], table: Table): string {
  return parts
    .map((p) => {
      const base = p.column ? (table.columns.find((c) => c.id === p.column)?.name ?? p.column) : `(${p.expr ?? ""})`;
      return p.order === "desc" ? `${base} desc` : base;
    })
    .join(", ");
}

/** Reads index parts written as `partsText` prints them. */
export function parseParts(text: string, table: Table): IndexPart[] {
  return text
    .split(/,(?![^(]*\))/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const desc = /\s+desc$/i.test(s);
      const body = s.replace(/\s+(asc|desc)$/i, "");
      const part: IndexPart = body.startsWith("(") && body.endsWith(")") ? { expr: body.slice(1, -1) } : { column: table.columns.find((c) => c.name === body)?.id ?? body };
      return desc ? { ...part, order: "desc" } : part;
    });
}

/** Indexes and functional dependencies of `table`. */
export function IndexEditor({ table }: { table: Table }) {
  const store = useDocStore();
  const edit = (fn: (t: Table) => Table) => store.getState().edit((d) => updateTable(d, table.id, (t) => clean(fn(t))));
  const setIx = (id: string, fn: (i: Index) => Index) => edit((t) => ({ ...t, indexes: t.indexes?.map((i) => (i.id === id ? clean(fn(i)) : i)) }));
  return (
    <section className="insp-section">
      <h3>Indexes</h3>
      {(table.indexes ?? []).map((ix) => (
        <div className="fk-item" key={ix.id}>
          <div className="grid2">
            <label>Parts</label>
            <TextField label="index parts" value={partsText(ix.parts, table)} onCommit={(v) => setIx(ix.id, (i) => ({ ...i, parts: parseParts(v, table) }))} />
            <label>Method</label>
            <Select<IndexMethod> label="index method" none="(default)" options={METHODS} value={ix.method} onChange={(method) => setIx(ix.id, (i) => ({ ...i, method }))} />
            <label>Where</label>
            <TextField label="index where" value={ix.where ?? ""} onCommit={(where) => setIx(ix.id, (i) => ({ ...i, where }))} />
            <label>Include</label>
            <ColumnsField label="index include" ids={ix.include ?? []} columns={table.columns} onCommit={(include) => setIx(ix.id, (i) => ({ ...i, include }))} />
          </div>
          <Check label="unique" checked={ix.unique === true} onChange={(v) => setIx(ix.id, (i) => ({ ...i, unique: v || undefined }))} />
          <button className="small danger" onClick={() => edit((t) => ({ ...t, indexes: t.indexes?.filter((i) => i.id !== ix.id) }))}>
            Remove index
          </button>
        </div>
      ))}
      <button
        className="small"
        onClick={() => edit((t) => ({ ...t, indexes: [...(t.indexes ?? []), { id: freshId(`ix${(t.indexes?.length ?? 0) + 1}`, t.indexes ?? []), parts: t.columns[0] ? [{ column: t.columns[0].id }] : [] }] }))}
      >
        + index
      </button>
      <h3>Functional dependencies</h3>
      {(table.functional_dependencies ?? []).map((fd) => (
        <div className="item" key={fd.id}>
          <ColumnsField label="determinant" ids={fd.lhs} columns={table.columns} onCommit={(lhs) => edit((t) => ({ ...t, functional_dependencies: t.functional_dependencies?.map((x) => (x.id === fd.id ? { ...x, lhs } : x)) }))} />
          <span className="arrow">→</span>
          <ColumnsField label="dependent" ids={fd.rhs} columns={table.columns} onCommit={(rhs) => edit((t) => ({ ...t, functional_dependencies: t.functional_dependencies?.map((x) => (x.id === fd.id ? { ...x, rhs } : x)) }))} />
          <button className="icon" title="Remove" onClick={() => edit((t) => ({ ...t, functional_dependencies: t.functional_dependencies?.filter((x) => x.id !== fd.id) }))}>
            ×
          </button>
        </div>
      ))}
      <button className="small" onClick={() => edit((t) => ({ ...t, functional_dependencies: [...(t.functional_dependencies ?? []), { id: freshId(`fd${(t.functional_dependencies?.length ?? 0) + 1}`, t.functional_dependencies ?? []), lhs: [], rhs: [] }] }))}>
        + dependency
      </button>
    </section>
  );
}
