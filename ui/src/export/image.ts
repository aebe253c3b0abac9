/**
 * Diagram images for export: the SVG built from the design (every table, whatever the canvas has
 * mounted), and a PNG made by drawing that SVG onto a canvas.
 */
import type { Design } from "../bindings/Design";
import { designSvg, type DiagramSvg } from "./svg";

/** Longest side of an exported PNG, in pixels; larger diagrams are scaled down to fit. */
export const PNG_MAX_SIDE = 8000;

/** The diagram of `design` (limited to `visible` tables when given) as an SVG document. */
export function diagramSvg(design: Design, visible?: Set<string>): string {
  return designSvg(design, visible).svg;
}

async function rasterize({ svg, width, height }: DiagramSvg): Promise<string> {
  const scale = Math.min(1, PNG_MAX_SIDE / Math.max(width, height, 1));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image(w, h);
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas to draw the image on");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(img, 0, 0, w, h);
    const data = canvas.toDataURL("image/png");
    if (!data.startsWith("data:image/png")) throw new Error(`the diagram (${w}×${h} px) is too large for a PNG here`);
    return data.slice(data.indexOf(",") + 1);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The diagram of `design` (limited to `visible` tables when given) as PNG bytes in base64. */
export function diagramPngBase64(design: Design, visible?: Set<string>): Promise<string> {
  return rasterize(designSvg(design, visible));
}
