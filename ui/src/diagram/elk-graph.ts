/** The ELK graph for an auto layout request, and the positions read back from ELK's answer. */
import type { ElkNode } from "elkjs/lib/elk-api";

/** What the layout worker is asked: boxes and the links between them. */
export type LayoutRequest = {
  nodes: { id: string; width: number; height: number }[];
  edges: { source: string; target: string }[];
};

/** Top-left positions by table id. */
export type Positions = Record<string, { x: number; y: number }>;

/** A layered, orthogonal-edge ELK graph of `req`; edges to boxes outside `req` are left out. */
export function elkGraph(req: LayoutRequest): ElkNode {
  const ids = new Set(req.nodes.map((n) => n.id));
  return {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.layered.spacing.nodeNodeBetweenLayers": "90",
      "elk.spacing.nodeNode": "40",
      "elk.spacing.componentComponent": "80",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
    },
    children: req.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: req.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e, i) => ({ id: `e${i}`, sources: [e.target], targets: [e.source] })),
  };
}

/** Positions of the laid-out children, shifted so that the box of them starts at `origin`. */
export function readPositions(root: ElkNode, origin: { x: number; y: number } = { x: 0, y: 0 }): Positions {
  const out: Positions = {};
  for (const c of root.children ?? []) out[c.id] = { x: Math.round((c.x ?? 0) + origin.x), y: Math.round((c.y ?? 0) + origin.y) };
  return out;
}
