/** Inspector section for a table's keys and constraints: primary key, uniques, checks, foreign keys. */
import type { Deferrable } from "../../bindings/Deferrable";
import type { Design } from "../../bindings/Design";
import type { FkAction } from "../../bindings/FkAction";
import type { ForeignKey } from "../../bindings/ForeignKey";
import type { Table } from "../../bindings/Table";
import { updateTable } from "../../model/edit";
import { freshId } from "../../model/naming";
import { useDocStore } from "../../store/context";
import { Check, ColumnsField, Select, TextField, clean } from "./fields";

const ACTIONS: FkAction[] = ["no_action", "restrict", "cascade", "set_null", "set_default"];
const DEFERRABLE: Deferrable[] = ["no", "initially_immediate", "initially_deferred"];

/** Keys and constraints of `table`. */
export function ConstraintsEditor({ table, design }: { table: Table; design: Design }) {
  const store = useDocStore();
  const edit = (fn: (t: Table) => Table) => store.getState().edit((d) => updateTable(d, table.id, (t) => clean(fn(t))));
  const setFk = (id: string, fn: (f: ForeignKey) => ForeignKey) =>
    edit((t) => ({ ...t, foreign_keys: t.foreign_keys?.map((f) => (f.id === id ? clean(fn(f)) : f)) }));
  const cols = table.columns;
  return (
    <section className="insp-section">
      <h3>Keys and constraints</h3>
      <div className="grid2">
        <label>Primary key</label>
        <ColumnsField
          label="primary key columns"
          ids={table.primary_key?.columns ?? []}
          columns={cols}
          onCommit={(ids) => edit((t) => ({ ...t, primary_key: ids.length ? { ...t.primary_key, columns: ids } : undefined }))}
        />
      </div>
      <h4>Unique</h4>
      {(table.uniques ?? []).map((u) => (
        <div className="item" key={u.id}>
          <ColumnsField
            label="unique columns"
            ids={u.columns}
            columns={cols}
            onCommit={(ids) => edit((t) => ({ ...t, uniques: t.uniques?.map((x) => (x.id === u.id ? { ...x, columns: ids } : x)) }))}
          />
          <Check
            label="nulls not distinct"
            checked={u.nulls_not_distinct === true}
            onChange={(v) => edit((t) => ({ ...t, uniques: t.uniques?.map((x) => (x.id === u.id ? clean({ ...x, nulls_not_distinct: v || undefined }) : x)) }))}
          />
          <button className="icon" title="Remove" onClick={() => edit((t) => ({ ...t, uniques: t.uniques?.filter((x) => x.id !== u.id) }))}>
            ×
          </button>
        </div>
      ))}
      <h4>Checks</h4>
      {(table.checks ?? []).map((c) => (
        <div className="item" key={c.id}>
          <TextField
            label="check expression"
            value={c.expr}
            onCommit={(expr) => edit((t) => ({ ...t, checks: t.checks?.map((x) => (x.id === c.id ? { ...x, expr } : x)) }))}
          />
          <button className="icon" title="Remove" onClick={() => edit((t) => ({ ...t, checks: t.checks?.filter((x) => x.id !== c.id) }))}>
            ×
          </button>
        </div>
      ))}
      <button className="small" onClick={() => edit((t) => ({ ...t, checks: [...(t.checks ?? []), { id: freshId("ck1", t.checks ?? []), expr: "true" }] }))}>
        + check
      </button>
      <h4>Foreign keys</h4>
      {(table.foreign_keys ?? []).map((fk) => {
        const parent = design.tables.find((t) => t.id === fk.references);
        return (
          <div className="fk-item" key={fk.id}>
            <div>
              <ColumnsField label="foreign key columns" ids={fk.columns} columns={cols} onCommit={(ids) => setFk(fk.id, (f) => ({ ...f, columns: ids }))} />
              <span className="arrow">→ {parent?.name ?? fk.references}</span>
            </div>
            <div className="grid2">
              <label>On delete</label>
              <Select<FkAction> label="on delete" none="(default)" options={ACTIONS} value={fk.on_delete} onChange={(on_delete) => setFk(fk.id, (f) => ({ ...f, on_delete }))} />
              <label>On update</label>
              <Select<FkAction> label="on update" none="(default)" options={ACTIONS} value={fk.on_update} onChange={(on_update) => setFk(fk.id, (f) => ({ ...f, on_update }))} />
              <label>Deferrable</label>
              <Select<Deferrable> label="deferrable" none="(default)" options={DEFERRABLE} value={fk.deferrable} onChange={(deferrable) => setFk(fk.id, (f) => ({ ...f, deferrable }))} />
            </div>
            <button className="small danger" onClick={() => edit((t) => ({ ...t, foreign_keys: t.foreign_keys?.filter((f) => f.id !== fk.id) }))}>
              Remove FK
            </button>
          </div>
        );
      })}
    </section>
  );
}
