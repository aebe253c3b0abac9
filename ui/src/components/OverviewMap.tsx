/**
 * The overview map in the corner of the diagram: every table as a small box, drawn onto one
 * canvas (again only when the design or the selection changes, never while panning), with the
 * visible part of the diagram as a frame on top. Pressing or dragging in it moves the view there;
 * the wheel zooms.
 */
import { Panel, useReactFlow, useStore as useFlow } from "@xyflow/react";
import { useEffect, useMemo, useRef } from "react";
import type { Design } from "../bindings/Design";
import { boxesBounds, diagramBoxes, type Box } from "../diagram/bounds";
import { useDoc } from "../store/context";

const W = 200;
const H = 150;
const PAD = 6;

/** How diagram coordinates map onto the map: `map = (diagram - origin) * scale + offset`. */
type Frame = { scale: number; x0: number; y0: number; ox: number; oy: number };

function frameOf(boxes: Box[]): Frame {
  const b = boxesBounds(boxes);
  const scale = Math.min((W - 2 * PAD) / Math.max(1, b.width), (H - 2 * PAD) / Math.max(1, b.height));
  return { scale, x0: b.x, y0: b.y, ox: (W - b.width * scale) / 2, oy: (H - b.height * scale) / 2 };
}

function draw(canvas: HTMLCanvasElement, boxes: Box[], frame: Frame, selected: Set<string>) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, W, H);
  const { scale, x0, y0, ox, oy } = frame;
  for (const pass of [false, true]) {
    for (const b of boxes) {
      if (selected.has(b.id) !== pass) continue;
      ctx.fillStyle = pass ? "#2563eb" : (b.color ?? "#94a3b8");
      ctx.fillRect((b.x - x0) * scale + ox, (b.y - y0) * scale + oy, Math.max(1, b.width * scale), Math.max(1, b.height * scale));
    }
  }
}

/** The overview map of the tables in `visible` (all when absent). */
export function OverviewMap({ design, visible }: { design: Design; visible?: Set<string> }) {
  const flow = useReactFlow();
  const canvas = useRef<HTMLCanvasElement>(null);
  const selection = useDoc((s) => s.selection.tables);
  const boxes = useMemo(() => diagramBoxes(design, visible), [design, visible]);
  const frame = useMemo(() => frameOf(boxes), [boxes]);
  useEffect(() => {
    if (canvas.current) draw(canvas.current, boxes, frame, new Set(selection));
  }, [boxes, frame, selection]);

  const [tx, ty, zoom] = useFlow((s) => s.transform);
  const width = useFlow((s) => s.width);
  const height = useFlow((s) => s.height);
  const view = {
    left: (-tx / zoom - frame.x0) * frame.scale + frame.ox,
    top: (-ty / zoom - frame.y0) * frame.scale + frame.oy,
    width: (width / zoom) * frame.scale,
    height: (height / zoom) * frame.scale,
  };

  const moveTo = (e: React.PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = (e.clientX - r.left - frame.ox) / frame.scale + frame.x0;
    const y = (e.clientY - r.top - frame.oy) / frame.scale + frame.y0;
    void flow.setCenter(x, y, { zoom: flow.getZoom() });
  };

  return (
    <Panel position="bottom-right" className="overview-map nowheel">
      <div
        data-testid="overview-map"
        aria-label="overview map"
        role="img"
        style={{ width: W + 2, height: H + 2 }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons & 1) moveTo(e);
        }}
        onWheel={(e) => void (e.deltaY < 0 ? flow.zoomIn({ duration: 0 }) : flow.zoomOut({ duration: 0 }))}
      >
        <canvas ref={canvas} style={{ width: W, height: H }} />
        <div className="overview-view" style={view} />
      </div>
    </Panel>
  );
}
