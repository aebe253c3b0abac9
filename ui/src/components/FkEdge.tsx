/**
 * A relationship line in crow's-foot notation; a plain straight line when the diagram is zoomed
 * out. The ends are drawn as one path of their own rather than SVG markers: markers are painted
 * one by one on every frame, and on a panned diagram they cost more than the lines themselves.
 */
import { BaseEdge, EdgeLabelRenderer, Position, getSmoothStepPath, getStraightPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { endPath } from "../diagram/crowsfoot";
import type { FkEdgeT } from "../diagram/mapping";

function FkEdgeImpl(props: EdgeProps<FkEdgeT>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  // Zoomed out: a plain straight line, no crow's feet (too small to read, and cheaper to draw).
  if (data?.simple) {
    const [line] = getStraightPath({ sourceX, sourceY, targetX, targetY });
    return <BaseEdge id={props.id} path={line} className={`fk-edge simple${data.manyToMany ? " m2m" : ""}${selected ? " sel" : ""}`} />;
  }
  const [path, lx, ly] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, offset: 24 });
  const ends = data?.ends;
  const into = (p: Position) => (p === Position.Left ? 1 : -1);
  return (
    <>
      <BaseEdge id={props.id} path={path} className={`fk-edge${data?.manyToMany ? " m2m" : ""}${selected ? " sel" : ""}`} />
      {/* One path per end: a filled path spanning both ends would be as large as the whole line. */}
      {ends && <path className={`fk-end${selected ? " sel" : ""}`} d={endPath(ends.child, sourceX, sourceY, into(sourcePosition))} />}
      {ends && <path className={`fk-end${selected ? " sel" : ""}`} d={endPath(ends.parent, targetX, targetY, into(targetPosition))} />}
      {data?.label && (
        <EdgeLabelRenderer>
          <div className="edge-label" style={{ transform: `translate(-50%, -50%) translate(${lx}px,${ly}px)` }}>
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/** Memoized relationship edge. */
export const FkEdge = memo(FkEdgeImpl);
