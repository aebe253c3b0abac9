/** Renders the diagram (every table, not just the visible part) to SVG or PNG. */
import { getNodesBounds, getViewportForBounds, type Node } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";

const PAD = 40;

function options(nodes: Node[]) {
  const bounds = getNodesBounds(nodes);
  const width = Math.min(8000, Math.ceil(bounds.width + 2 * PAD));
  const height = Math.min(8000, Math.ceil(bounds.height + 2 * PAD));
  const vp = getViewportForBounds(bounds, width, height, 0.05, 2, PAD / Math.max(width, height));
  return {
    backgroundColor: "#ffffff",
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
  };
}

function viewport(): HTMLElement {
  const el = document.querySelector<HTMLElement>(".react-flow__viewport");
  if (!el) throw new Error("the diagram is not on screen");
  return el;
}

/** The diagram as an SVG document. */
export async function diagramSvg(nodes: Node[]): Promise<string> {
  const url = await toSvg(viewport(), options(nodes));
  return decodeURIComponent(url.slice(url.indexOf(",") + 1));
}

/** The diagram as PNG bytes in base64. */
export async function diagramPngBase64(nodes: Node[]): Promise<string> {
  const url = await toPng(viewport(), { ...options(nodes), pixelRatio: 1 });
  return url.slice(url.indexOf(",") + 1);
}
