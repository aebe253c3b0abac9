/** A relationship line in crow's-foot notation, with the markers' shared SVG definitions. */
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { markerId, type End } from "../diagram/crowsfoot";
import type { FkEdgeT } from "../diagram/mapping";

const ENDS: End[] = [
  { min: "zero", max: "one" },
  { min: "one", max: "one" },
  { min: "zero", max: "many" },
  { min: "one", max: "many" },
];

// Drawn along +x with the tip (x = 22) touching the table; orient auto-start-reverse flips the
// marker at the start of a path so that it also points into its table.
function Marker({ end }: { end: End }) {
  return (
    <marker
      id={markerId(end)}
      viewBox="0 0 24 20"
      markerWidth="24"
      markerHeight="20"
      refX="22"
      refY="10"
      markerUnits="userSpaceOnUse"
      orient="auto-start-reverse"
    >
      <g fill="none" stroke="var(--edge)" strokeWidth="1.5">
        {end.max === "many" ? <path d="M12 10 L22 3 M12 10 L22 10 M12 10 L22 17" /> : <path d="M16 4 L16 16" />}
        {end.min === "one" ? <path d="M8 4 L8 16" /> : <circle cx="6" cy="10" r="3.5" fill="var(--bg)" />}
      </g>
    </marker>
  );
}

/** The <defs> every FkEdge refers to; rendered once per canvas. */
export function CrowsFootDefs() {
  return (
    <svg className="cf-defs" width="0" height="0" aria-hidden>
      <defs>
        {ENDS.map((e) => (
          <Marker key={markerId(e)} end={e} />
        ))}
      </defs>
    </svg>
  );
}

function FkEdgeImpl(props: EdgeProps<FkEdgeT>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, lx, ly] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, offset: 24 });
  const ends = data?.ends;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        className={`fk-edge${data?.manyToMany ? " m2m" : ""}${selected ? " sel" : ""}`}
        markerStart={ends ? `url(#${markerId(ends.child)})` : undefined}
        markerEnd={ends ? `url(#${markerId(ends.parent)})` : undefined}
      />
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
