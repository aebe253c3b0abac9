/**
 * The diagram: table nodes and relationship edges from the design, subject-area regions behind
 * them, minimap and controls. Positions are committed to design.layout when a drag ends (one undo
 * step); connecting a column to another table creates a foreign key there.
 */
import {
  Background,
  ConnectionMode,
  Controls,
  ReactFlow,
  applyNodeChanges,
  useStore as useFlow,
  type FinalConnectionState,
  type Node,
  type NodeChange,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { columnOfHandle, designToEdges, designToNodes, keepUnchanged, sameEdge, sameTableNode, type FkEdgeT, type TableNodeT } from "../diagram/mapping";
import { SimpleContext, zoomLevelOf } from "../diagram/zoom";
import { addForeignKey, moveTables } from "../model/edit";
import { useDoc, useDocStore } from "../store/context";
import { AreaNode, areaNodes, type AreaNodeT } from "./AreaNode";
import { FkEdge } from "./FkEdge";
import { OverviewMap } from "./OverviewMap";
import { TableNode } from "./TableNode";

const nodeTypes = { table: TableNode, area: AreaNode };
const edgeTypes = { fk: FkEdge };
type AnyNode = TableNodeT | AreaNodeT;

function tableUnderPointer(event: MouseEvent | TouchEvent): string | undefined {
  const point = "changedTouches" in event ? event.changedTouches[0] : event;
  if (!point) return undefined;
  const el = document.elementFromPoint(point.clientX, point.clientY);
  const node = el?.closest(".react-flow__node-table");
  return node?.getAttribute("data-id") ?? undefined;
}

function simpleEdge(e: FkEdgeT): FkEdgeT {
  return { ...e, sourceHandle: e.sourceHandle?.[0], targetHandle: e.targetHandle?.[0], data: e.data && { ...e.data, label: undefined, simple: true } };
}

/** Designs with more tables than this open unfitted. */
const LARGE = 300;
const START_VIEWPORT = { x: 40, y: 40, zoom: 0.75 };

/** The diagram canvas. */
export function Canvas() {
  const store = useDocStore();
  const design = useDoc((s) => s.design);
  const area = useDoc((s) => s.area);
  const selection = useDoc((s) => s.selection);
  const visible = useMemo(() => {
    const a = area ? design.layout?.areas?.find((x) => x.id === area) : undefined;
    return a ? new Set(a.tables) : undefined;
  }, [area, design.layout?.areas]);
  // Edges that draw the same as before keep their objects (and a layout edit that moves one
  // table redraws only that table's lines).
  const lastEdges = useRef<FkEdgeT[]>([]);
  const detailed = useMemo(() => {
    const next = keepUnchanged(designToEdges(design, visible), lastEdges.current, sameEdge);
    lastEdges.current = next;
    return next;
  }, [design, visible]);
  // Zoomed out, a table is a name box with one dot per side: edges attach to those. The level
  // only changes at a threshold, so panning and zooming within it renders no table again.
  const level = useFlow(zoomLevelOf);
  const simple = level !== "full";
  const large = design.tables.length > LARGE;
  // A zoomed-out large design shows its boxes only: thousands of hairlines would be unreadable
  // and slow to draw; the lines come back when zooming in.
  const overview = simple && large;
  const edges = useMemo(() => (overview ? [] : simple ? detailed.map((e) => simpleEdge(e)) : detailed), [overview, simple, detailed]);
  const [nodes, setNodes] = useState<AnyNode[]>([]);
  // A large design opens at reading zoom on its first tables, not fitted (a fitted view of
  // thousands of boxes is slow to draw and unreadable); zoom to fit is one key away.
  const [fitAtStart] = useState(() => design.tables.length <= LARGE);
  const selectedRef = useRef(selection);
  selectedRef.current = selection;

  // Nodes are handed over once the pane knows its size, so that only the visible ones mount.
  const [inited, setInited] = useState(false);
  const sized = useFlow((s) => s.width > 0 && s.height > 0);
  const ready = inited && sized;
  // Rebuild nodes when the design changes; keep what React Flow knows about selection. Tables
  // that did not change keep their node objects, so React Flow skips them.
  const builtSimple = useRef(simple);
  useEffect(() => {
    if (!ready) return;
    const sel = new Set(selectedRef.current.tables);
    const fresh = designToNodes(design, visible);
    // Rebuilt afresh on crossing the zoom threshold: fresh node objects take their handle places
    // from the computed geometry again, for mounted and unmounted tables alike.
    const reuse = builtSimple.current === simple;
    builtSimple.current = simple;
    setNodes((prev) => {
      const before = reuse ? prev.filter((n): n is TableNodeT => n.type === "table") : [];
      const tables = keepUnchanged(fresh, before, sameTableNode).map((n) => {
        const want = sel.has(n.id);
        return (n.selected ?? false) === want ? n : { ...n, selected: want };
      });
      return [...areaNodes(design, tables, visible), ...tables];
    });
  }, [design, visible, ready, simple]);

  // Selection made outside the canvas (search, diagnostics, inspector) shows on the nodes.
  useEffect(() => {
    const sel = new Set(selection.tables);
    setNodes((ns) => {
      let changed = false;
      const out = ns.map((n) => {
        const want = n.type === "table" && sel.has(n.id);
        if ((n.selected ?? false) === want) return n;
        changed = true;
        return { ...n, selected: want };
      });
      return changed ? out : ns;
    });
  }, [selection]);

  const onNodesChange = useCallback((changes: NodeChange<AnyNode>[]) => {
    const update = () => setNodes((ns) => applyNodeChanges(changes, ns));
    // A drag step is committed right away, inside the pointer event, so that the box moves in
    // the frame that handles the move instead of the next one. Only the canvas's own node list
    // changes; the design's layout is written once, when the drag ends.
    if (changes.some((c) => c.type === "position" && c.dragging)) flushSync(update);
    else update();
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, _node: Node, dragged: Node[]) => {
      const positions: Record<string, { x: number; y: number }> = {};
      for (const n of dragged) if (n.type === "table") positions[n.id] = n.position;
      store.getState().edit((d) => moveTables(d, positions));
    },
    [store],
  );

  const onSelectionChange = useCallback(
    ({ nodes: sel }: OnSelectionChangeParams) => {
      const tables = sel.filter((n) => n.type === "table").map((n) => n.id);
      const cur = store.getState().selection;
      if (tables.length === cur.tables.length && tables.every((t, i) => t === cur.tables[i])) return;
      const column = cur.column && tables.includes(cur.column.table) ? cur.column : undefined;
      store.getState().select({ tables, column });
    },
    [store],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const from = state.fromNode?.id;
      const column = columnOfHandle(state.fromHandle?.id);
      const to = state.toNode?.id ?? tableUnderPointer(event);
      if (!from || !column || !to || to === from) return;
      let created: { table: string; column: string } | undefined;
      store.getState().edit((d) => {
        const r = addForeignKey(d, to, from, column);
        if (r.columnId) created = { table: to, column: r.columnId };
        return r.design;
      });
      if (created) store.getState().select({ tables: [created.table], column: created });
    },
    [store],
  );

  const onRowClick = useCallback(
    (event: React.MouseEvent, node: Node) => {
      const row = (event.target as HTMLElement).closest("[data-column]");
      const column = row?.getAttribute("data-column");
      if (node.type === "table" && column) store.getState().select({ tables: [node.id], column: { table: node.id, column } });
    },
    [store],
  );

  return (
    <div className={`canvas zoom-${level}${large ? " large" : ""}`} data-testid="canvas">
      <SimpleContext value={simple}>
        <ReactFlow<AnyNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onNodeDragStop={onNodeDragStop}
          onSelectionChange={onSelectionChange}
          onConnectEnd={onConnectEnd}
          onInit={() => setInited(true)}
          onNodeClick={onRowClick}
          connectionMode={ConnectionMode.Loose}
          // Only what is on screen is mounted, except when zoomed out to plain boxes: there nearly
          // every table is on screen anyway, and panning would mount and unmount (and measure)
          // boxes at the edges on every frame.
          onlyRenderVisibleElements={level !== "tiny"}
          minZoom={0.05}
          maxZoom={2}
          fitView={fitAtStart}
          defaultViewport={START_VIEWPORT}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={["Meta", "Control"]}
          proOptions={{ hideAttribution: true }}
        >
          {/* The dot grid repaints the whole pane on every pan frame: small designs only. */}
          {!large && <Background gap={24} size={1} />}
          <OverviewMap design={design} visible={visible} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </SimpleContext>
      {overview && (
        <div className="canvas-note" role="note">
          Relationship lines are hidden at this zoom ({design.tables.length} tables); zoom in to see them.
        </div>
      )}
    </div>
  );
}
