/** Inspector section for one column: name, type, nullability, default, identity, generated, comment. */
import type { Column } from "../../bindings/Column";
import type { DefaultValue } from "../../bindings/DefaultValue";
import type { Identity } from "../../bindings/Identity";
import type { Table } from "../../bindings/Table";
import { deleteColumn, duplicateColumn, updateColumn, updateTable } from "../../model/edit";
import { useDocStore } from "../../store/context";
import { Check, NumberField, Select, TextField, clean } from "./fields";

function defaultText(d: DefaultValue | undefined): string {
  if (d === undefined) return "";
  if (typeof d === "object") return `=${d.expr}`;
  return typeof d === "string" ? d : String(d);
}

/** Reads a default: `=expr` is an expression; numbers and true/false are literals; else text. */
export function parseDefault(text: string, type: string): DefaultValue | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (t.startsWith("=")) return { expr: t.slice(1).trim() };
  if (t === "true" || t === "false") return t === "true";
  if (/^-?\d+(\.\d+)?$/.test(t) && !/char|text|enum/i.test(type)) return Number(t);
  return text;
}

/** Editor of the column `column` of `table`. */
export function ColumnEditor({ table, column }: { table: Table; column: Column }) {
  const store = useDocStore();
  const edit = (fn: (c: Column) => Column) => store.getState().edit((d) => updateColumn(d, table.id, column.id, (c) => clean(fn(c))));
  const inPk = table.primary_key?.columns.includes(column.id) ?? false;
  const unique = table.uniques?.some((u) => u.columns.length === 1 && u.columns[0] === column.id) ?? false;
  const togglePk = (on: boolean) =>
    store.getState().edit((d) =>
      updateTable(d, table.id, (t) => {
        const cols = (t.primary_key?.columns ?? []).filter((c) => c !== column.id);
        if (on) cols.push(column.id);
        return clean({ ...t, primary_key: cols.length ? { ...t.primary_key, columns: cols } : undefined });
      }),
    );
  const toggleUnique = (on: boolean) =>
    store.getState().edit((d) =>
      updateTable(d, table.id, (t) => {
        const rest = (t.uniques ?? []).filter((u) => !(u.columns.length === 1 && u.columns[0] === column.id));
        if (on) {
          let n = rest.length + 1;
          while (rest.some((u) => u.id === `uq${n}`)) n++;
          rest.push({ id: `uq${n}`, columns: [column.id] });
        }
        return clean({ ...t, uniques: rest });
      }),
    );
  return (
    <section className="insp-section" data-testid="column-editor">
      <h3>
        Column <code>{column.name}</code>
      </h3>
      <div className="grid2">
        <label>Name</label>
        <TextField id="column-name" label="column name" value={column.name} onCommit={(name) => edit((c) => ({ ...c, name }))} />
        <label>Type</label>
        <TextField label="column type" value={column.type} onCommit={(type) => edit((c) => ({ ...c, type }))} />
        <label>Default</label>
        <TextField
          label="default"
          placeholder="literal, or =expression"
          value={defaultText(column.default)}
          onCommit={(v) => edit((c) => ({ ...c, default: parseDefault(v, c.type) }))}
        />
        <label>Identity</label>
        <Select<Identity> label="identity" none="none" options={["always", "by_default"]} value={column.identity} onChange={(identity) => edit((c) => ({ ...c, identity }))} />
        <label>Generated</label>
        <TextField
          label="generated expression"
          placeholder="SQL expression"
          value={column.generated?.expr ?? ""}
          onCommit={(expr) => edit((c) => ({ ...c, generated: expr ? { expr, stored: c.generated?.stored ?? true } : undefined }))}
        />
        <label>Distinct values</label>
        <NumberField label="distinct values" value={column.distinct} onCommit={(distinct) => edit((c) => ({ ...c, distinct }))} />
        <label>Comment</label>
        <TextField label="column comment" value={column.comment ?? ""} onCommit={(comment) => edit((c) => ({ ...c, comment }))} />
      </div>
      <div className="checks">
        <Check label="nullable" checked={column.nullable === true} onChange={(v) => edit((c) => ({ ...c, nullable: v || undefined }))} />
        <Check label="primary key" checked={inPk} onChange={togglePk} />
        <Check label="unique" checked={unique} onChange={toggleUnique} />
        {column.generated && (
          <Check label="stored" checked={column.generated.stored} onChange={(stored) => edit((c) => ({ ...c, generated: c.generated && { ...c.generated, stored } }))} />
        )}
      </div>
      <div className="buttons">
        <button onClick={() => store.getState().edit((d) => duplicateColumn(d, table.id, column.id))}>Duplicate</button>
        <button className="danger" onClick={() => store.getState().edit((d) => deleteColumn(d, table.id, column.id))}>
          Delete column
        </button>
      </div>
    </section>
  );
}
