/** The inspector panel: the selected table (and column) with everything the model holds about it. */
import type { Table } from "../../bindings/Table";
import { addColumn, duplicateTable, deleteTables, moveTables, updateTable } from "../../model/edit";
import { useDoc, useDocStore } from "../../store/context";
import { ColumnEditor } from "./ColumnEditor";
import { ConstraintsEditor } from "./ConstraintsEditor";
import { IndexEditor } from "./IndexEditor";
import { Check, NumberField, TextField, clean } from "./fields";

function TableSection({ table }: { table: Table }) {
  const store = useDocStore();
  const color = useDoc((s) => s.design.layout?.tables?.[table.id]?.color);
  const edit = (fn: (t: Table) => Table) => store.getState().edit((d) => updateTable(d, table.id, (t) => clean(fn(t))));
  const selectedColumn = useDoc((s) => s.selection.column?.column);
  const scale = table.scale ?? {};
  const setScale = (patch: Partial<typeof scale>) => edit((t) => ({ ...t, scale: Object.keys(clean({ ...scale, ...patch })).length ? clean({ ...scale, ...patch }) : undefined }));
  return (
    <section className="insp-section">
      <h3>Table</h3>
      <div className="grid2">
        <label>Name</label>
        <TextField id="table-name" label="table name" value={table.name} onCommit={(name) => edit((t) => ({ ...t, name }))} />
        <label>Schema</label>
        <TextField label="schema" value={table.schema ?? ""} onCommit={(schema) => edit((t) => ({ ...t, schema }))} />
        <label>Comment</label>
        <TextField label="table comment" value={table.comment ?? ""} onCommit={(comment) => edit((t) => ({ ...t, comment }))} />
        <label>Colour</label>
        <input
          type="color"
          aria-label="table colour"
          value={color ?? "#64748b"}
          onChange={(e) => {
            const c = e.target.value;
            store.getState().edit((d) => {
              const at = d.layout?.tables?.[table.id] ?? { x: 0, y: 0 };
              const moved = moveTables(d, { [table.id]: at });
              return { ...moved, layout: { ...moved.layout, tables: { ...moved.layout?.tables, [table.id]: { ...at, color: c } } } };
            });
          }}
        />
        <label>Rows</label>
        <NumberField label="expected rows" value={scale.rows} onCommit={(rows) => setScale({ rows })} />
        <label>Growth per day</label>
        <NumberField label="growth per day" value={scale.growth_per_day} onCommit={(growth_per_day) => setScale({ growth_per_day })} />
        <label>Scale notes</label>
        <TextField label="scale notes" value={scale.notes ?? ""} onCommit={(notes) => setScale({ notes })} />
      </div>
      <h4>Columns</h4>
      <ul className="col-list">
        {table.columns.map((c) => (
          <li key={c.id}>
            <button
              className={`col-pick${selectedColumn === c.id ? " on" : ""}`}
              onClick={() => store.getState().select({ tables: [table.id], column: { table: table.id, column: c.id } })}
            >
              <span>{c.name}</span>
              <span className="ctype">{c.type}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="buttons">
        <button
          onClick={() => {
            let col = "";
            store.getState().edit((d) => {
              const r = addColumn(d, table.id);
              col = r.columnId;
              return r.design;
            });
            if (col) store.getState().select({ tables: [table.id], column: { table: table.id, column: col } });
          }}
        >
          + Column
        </button>
        <button onClick={() => store.getState().edit((d) => duplicateTable(d, table.id).design)}>Duplicate table</button>
        <button className="danger" onClick={() => store.getState().edit((d) => deleteTables(d, [table.id]))}>
          Delete table
        </button>
      </div>
    </section>
  );
}

function AreaMembership({ table }: { table: Table }) {
  const store = useDocStore();
  const areas = useDoc((s) => s.design.layout?.areas) ?? [];
  if (areas.length === 0) return null;
  return (
    <section className="insp-section">
      <h3>Subject areas</h3>
      {areas.map((a) => (
        <Check
          key={a.id}
          label={a.name}
          checked={a.tables.includes(table.id)}
          onChange={(on) =>
            store.getState().edit((d) => ({
              ...d,
              layout: {
                ...d.layout,
                areas: d.layout?.areas?.map((x) =>
                  x.id !== a.id ? x : { ...x, tables: on ? [...x.tables, table.id] : x.tables.filter((t) => t !== table.id) },
                ),
              },
            }))
          }
        />
      ))}
    </section>
  );
}

/** The inspector for the current selection. */
export function Inspector() {
  const design = useDoc((s) => s.design);
  const selection = useDoc((s) => s.selection);
  if (selection.tables.length !== 1) {
    return (
      <aside className="inspector" data-testid="inspector">
        <p className="muted">
          {selection.tables.length > 1
            ? `${selection.tables.length} tables selected. Use Align in the toolbar, or Delete to remove them.`
            : "Select a table to edit it. Press T to add a table, ? for every shortcut."}
        </p>
      </aside>
    );
  }
  const table = design.tables.find((t) => t.id === selection.tables[0]);
  if (!table) return <aside className="inspector" />;
  const column = selection.column?.table === table.id ? table.columns.find((c) => c.id === selection.column?.column) : undefined;
  return (
    <aside className="inspector" data-testid="inspector">
      {column && <ColumnEditor table={table} column={column} />}
      <TableSection table={table} />
      <ConstraintsEditor table={table} design={design} />
      <IndexEditor table={table} />
      <AreaMembership table={table} />
    </aside>
  );
}
