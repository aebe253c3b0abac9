/**
 * A table box: title and one row per column with its markers and a handle on each side. While
 * the shard plan is shown, a distributed table takes its family colour and marks its shard key,
 * a reference table carries a REF badge, a local table is dimmed.
 */
import { Handle, Position, useStore as useFlow, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { handleId, type ColumnRow, type TableNodeT } from "../diagram/mapping";
import { shardClass, type TableShard } from "../diagram/shard";
import { useDoc } from "../store/context";

/** Below this zoom a table is drawn as its name only. */
export const SIMPLE_ZOOM = 0.45;

/** Store selector: whether the diagram is zoomed out below SIMPLE_ZOOM. */
export const zoomedOut = (s: { transform: [number, number, number] }) => s.transform[2] < SIMPLE_ZOOM;

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
  const mark = useDoc((s) => s.marks[`${table}/${row.id}`]);
  const selected = useDoc((s) => s.selection.column?.table === table && s.selection.column.column === row.id);
  const shardKey = useDoc((s) => s.shardDecor?.[table]?.key === row.id);
  return (
    <div
      className={`row${selected ? " sel" : ""}${mark ? ` diag-${mark}` : ""}`}
      data-column={row.id}
      title={row.nullable ? `${row.name} ${row.type} NULL` : `${row.name} ${row.type} NOT NULL`}
    >
      <Handle type="source" position={Position.Left} id={handleId(row.id, "l")} className="h" />
      <Markers row={row} />
      <span className={`cname${row.pk ? " pkname" : ""}`}>{row.name}</span>
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
  const simple = useFlow(zoomedOut);
  const mark = useDoc((s) => s.marks[id]);
  const shard = useDoc((s) => s.shardDecor?.[id]);
  const color = shard?.color ?? data.color;
  const style = color ? { borderTopColor: color } : undefined;
  const cls = `${selected ? " selected" : ""}${mark ? ` diag-${mark}` : ""}${shardClass(shard)}`;
  if (simple) {
    return (
      <div className={`tnode simple${cls}`} style={style}>
        <Handle type="source" position={Position.Left} id="l" className="h" />
        <Handle type="source" position={Position.Right} id="r" className="h" />
        <div className="tname">{data.name}</div>
        <RefBadge shard={shard} />
      </div>
    );
  }
  return (
    <div className={`tnode${cls}`} style={style} data-table={id}>
      <div className="thead" title={shard?.title}>
        <span className="tname">{data.name}</span>
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
