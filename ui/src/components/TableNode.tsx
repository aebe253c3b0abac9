/**
 * A table box: title and one row per column with its markers and a handle on each side. While
 * the shard plan is shown, a distributed table takes its family colour and marks its shard key,
 * a reference table carries a REF badge, a local table is dimmed. Double-clicking the title or a
 * column name edits it in place.
 */
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo, useContext } from "react";
import { handleId, type ColumnRow, type TableNodeT } from "../diagram/mapping";
import { shardClass, type TableShard } from "../diagram/shard";
import { SimpleContext } from "../diagram/zoom";
import { useDoc, useDocStore } from "../store/context";
import { InlineName } from "./InlineName";

function Markers({ row }: { row: ColumnRow }) {
  return (
    <span className="markers">
      {row.pk && <span className="mk pk" title="primary key">PK</span>}
      {row.fk && <span className="mk fk" title="foreign key">FK</span>}
      {row.unique && <span className="mk uq" title="unique">UQ</span>}
      {row.nullable && <span className="mk null" title="nullable">?</span>}
    </span>
  );
}

const Row = memo(function Row({ table, row }: { table: string; row: ColumnRow }) {
  const store = useDocStore();
  const mark = useDoc((s) => s.marks[`${table}/${row.id}`]);
  const selected = useDoc((s) => s.selection.column?.table === table && s.selection.column.column === row.id);
  const shardKey = useDoc((s) => s.shardDecor?.[table]?.key === row.id);
  const renaming = useDoc((s) => s.renaming?.table === table && s.renaming.column === row.id);
  return (
    <div
      className={`row${selected ? " sel" : ""}${mark ? ` diag-${mark}` : ""}`}
      data-column={row.id}
      title={row.nullable ? `${row.name} ${row.type} NULL` : `${row.name} ${row.type} NOT NULL`}
    >
      <Handle type="source" position={Position.Left} id={handleId(row.id, "l")} className="h" />
      <Markers row={row} />
      {renaming ? (
        <InlineName table={table} column={row.id} value={row.name} label="column name on the diagram" />
      ) : (
        <span
          className={`cname${row.pk ? " pkname" : ""}`}
          onDoubleClick={() => {
            store.getState().select({ tables: [table], column: { table, column: row.id } });
            store.getState().setRenaming({ table, column: row.id });
          }}
        >
          {row.name}
        </span>
      )}
      {/* The badge takes the type's place (the type stays in the row's tooltip). */}
      {shardKey ? (
        <span className="mk shard-key" title={`distribution column (shard key), ${row.type}`}>
          shard key
        </span>
      ) : (
        <span className="ctype">{row.type}</span>
      )}
      <Handle type="source" position={Position.Right} id={handleId(row.id, "r")} className="h" />
    </div>
  );
});

function RefBadge({ shard }: { shard: TableShard | undefined }) {
  if (shard?.mode !== "reference") return null;
  return (
    <span className="mk shard-ref" title={shard.title}>
      REF
    </span>
  );
}

function TableNodeImpl({ id, data, selected }: NodeProps<TableNodeT>) {
  const store = useDocStore();
  // The name-only form comes from the canvas, which flips it only at the zoom threshold.
  const simple = useContext(SimpleContext);
  const mark = useDoc((s) => s.marks[id]);
  const shard = useDoc((s) => s.shardDecor?.[id]);
  const renaming = useDoc((s) => s.renaming?.table === id && s.renaming.column === undefined);
  const color = shard?.color ?? data.color;
  const style = color ? { borderTopColor: color } : undefined;
  const cls = `${selected ? " selected" : ""}${mark ? ` diag-${mark}` : ""}${shardClass(shard)}`;
  const name = renaming ? (
    <InlineName table={id} value={data.name} label="table name on the diagram" />
  ) : (
    <span className="tname" onDoubleClick={() => store.getState().setRenaming({ table: id })}>
      {data.name}
    </span>
  );
  if (simple) {
    return (
      <div className={`tnode simple${cls}`} style={style}>
        <Handle type="source" position={Position.Left} id="l" className="h" />
        <Handle type="source" position={Position.Right} id="r" className="h" />
        {name}
        <RefBadge shard={shard} />
      </div>
    );
  }
  return (
    <div className={`tnode${cls}`} style={style} data-table={id}>
      <div className="thead" title={shard?.title}>
        {name}
        <RefBadge shard={shard} />
        {mark && <span className={`badge ${mark}`}>{mark === "error" ? "!" : "⚠"}</span>}
      </div>
      {data.rows.map((r) => (
        <Row key={r.id} table={id} row={r} />
      ))}
    </div>
  );
}

/** Memoized: renders again only when its data (kept per Table object) or selection changes. */
export const TableNode = memo(TableNodeImpl);
