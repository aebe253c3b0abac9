/**
 * The whole diagram as a standalone SVG document, built from the design and its layout alone
 * (never from what the canvas has mounted): subject areas as coloured regions, tables as boxes
 * with a title and one row per column, relationships as lines with crow's-foot ends.
 */
import type { Design } from "../bindings/Design";
import { boxesBounds, diagramBoxes, type Box, type Rect } from "../diagram/bounds";
import { endPath } from "../diagram/crowsfoot";
import { HEADER_HEIGHT, NODE_WIDTH, ROW_HEIGHT, columnOfHandle, columnRows, designToEdges } from "../diagram/mapping";

/** Margin around the diagram, in diagram units. */
const PAD = 40;
const AREA_PAD = 28;
const AREA_TITLE = 18;
const DEFAULT_COLOR = "#64748b";
const FONT = "Inter, 'Segoe UI', system-ui, -apple-system, sans-serif";
const MONO = "'JetBrains Mono', 'DejaVu Sans Mono', monospace";

/** An SVG document and its size in pixels (one pixel per diagram unit). */
export type DiagramSvg = { svg: string; width: number; height: number };

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

const n = (v: number) => String(Math.round(v * 10) / 10);

function areaRects(design: Design, byId: Map<string, Box>): { name: string; color: string; rect: Rect }[] {
  const out: { name: string; color: string; rect: Rect }[] = [];
  for (const a of design.layout?.areas ?? []) {
    const boxes = a.tables.map((id) => byId.get(id)).filter((b): b is Box => b !== undefined);
    if (boxes.length === 0) continue;
    const b = boxesBounds(boxes);
    out.push({
      name: a.name,
      color: a.color ?? DEFAULT_COLOR,
      rect: { x: b.x - AREA_PAD, y: b.y - AREA_PAD - AREA_TITLE, width: b.width + 2 * AREA_PAD, height: b.height + 2 * AREA_PAD + AREA_TITLE },
    });
  }
  return out;
}

function tableSvg(box: Box): string {
  const { table, x, y, width, height } = box;
  const color = box.color ?? DEFAULT_COLOR;
  const parts = [
    `<g class="table" data-id="${escapeXml(table.id)}">`,
    `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" rx="6" fill="#ffffff" stroke="#cbd5e1"/>`,
    `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${HEADER_HEIGHT}" rx="6" fill="#f8fafc"/>`,
    `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="4" fill="${escapeXml(color)}"/>`,
    `<text x="${n(x + 10)}" y="${n(y + 23)}" font-weight="600" font-size="13">${escapeXml(table.name)}</text>`,
  ];
  columnRows(table).forEach((row, i) => {
    const base = y + HEADER_HEIGHT + i * ROW_HEIGHT + 15;
    const marks = [row.pk && "PK", row.fk && "FK", row.unique && "UQ", row.nullable && "?"].filter(Boolean).join(" ");
    parts.push(
      `<g class="column">` +
        (marks ? `<text x="${n(x + 10)}" y="${n(base)}" font-size="9" font-weight="700" fill="#64748b">${marks}</text>` : "") +
        `<text x="${n(x + 56)}" y="${n(base)}" font-size="12"${row.pk ? ' font-weight="600"' : ""}>${escapeXml(row.name)}</text>` +
        `<text x="${n(x + NODE_WIDTH - 10)}" y="${n(base)}" font-size="11" fill="#64748b" text-anchor="end" font-family="${MONO}">${escapeXml(row.type)}</text>` +
        `</g>`,
    );
  });
  parts.push("</g>");
  return parts.join("");
}

/** Where a handle id ("l:col" / "r:col") of a box sits, and which way its table lies. */
function handlePoint(box: Box, handle: string | null | undefined): { x: number; y: number; into: 1 | -1 } {
  const left = handle?.startsWith("l") ?? true;
  const column = columnOfHandle(handle);
  const index = Math.max(0, box.table.columns.findIndex((c) => c.id === column));
  const y = box.y + HEADER_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2;
  return left ? { x: box.x, y, into: 1 } : { x: box.x + box.width, y, into: -1 };
}

function edgePath(a: { x: number; y: number; into: 1 | -1 }, b: { x: number; y: number; into: 1 | -1 }): string {
  const out = (p: { x: number; into: 1 | -1 }) => p.x - p.into * 24;
  const ax = out(a);
  const bx = out(b);
  // Facing sides meet half-way; lines leaving on the same side turn beyond the outer one.
  const mid = a.into !== b.into ? (ax + bx) / 2 : a.into === 1 ? Math.min(ax, bx) : Math.max(ax, bx);
  return `M${n(a.x)} ${n(a.y)} H${n(mid)} V${n(b.y)} H${n(b.x)}`;
}

/**
 * The diagram of `design` as SVG: the tables in `visible` (every table when absent), the
 * relationships between them and the subject areas around them.
 */
export function designSvg(design: Design, visible?: Set<string>): DiagramSvg {
  const boxes = diagramBoxes(design, visible);
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const areas = areaRects(design, byId);
  const all = boxesBounds([...boxes, ...areas.map((a) => a.rect)]);
  const width = Math.ceil(all.width + 2 * PAD);
  const height = Math.ceil(all.height + 2 * PAD);
  const dx = PAD - all.x;
  const dy = PAD - all.y;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}" fill="#0f172a">`,
    `<title>${escapeXml(design.name ?? "Diagram")}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g transform="translate(${n(dx)} ${n(dy)})">`,
  ];
  for (const a of areas) {
    const { x, y, width: w, height: h } = a.rect;
    const color = escapeXml(a.color);
    out.push(
      `<g class="area"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="12" fill="${color}" fill-opacity="0.08" stroke="${color}" stroke-width="2" stroke-dasharray="6 4"/>` +
        `<text x="${n(x + 12)}" y="${n(y + 18)}" font-weight="700" font-size="13" fill="${color}">${escapeXml(a.name)}</text></g>`,
    );
  }
  for (const e of designToEdges(design, visible)) {
    const from = byId.get(e.source);
    const to = byId.get(e.target);
    if (!from || !to) continue;
    const a = handlePoint(from, e.sourceHandle);
    const b = handlePoint(to, e.targetHandle);
    const dash = e.data?.manyToMany ? ' stroke-dasharray="6 4"' : "";
    const ends = e.data?.ends;
    out.push(
      `<g class="rel" data-id="${escapeXml(e.id)}"><path d="${edgePath(a, b)}" fill="none" stroke="#475569" stroke-width="1.4"${dash}/>` +
        // One path per end: a filled path spanning both would be as large as the line to draw.
        (ends ? [endPath(ends.child, a.x, a.y, a.into), endPath(ends.parent, b.x, b.y, b.into)].map((d) => `<path d="${d}" fill="#ffffff" stroke="#475569" stroke-width="1.5"/>`).join("") : "") +
        (e.data?.label ? `<text x="${n((a.x + b.x) / 2)}" y="${n((a.y + b.y) / 2 - 4)}" font-size="10" fill="#64748b" text-anchor="middle">${escapeXml(e.data.label)}</text>` : "") +
        `</g>`,
    );
  }
  for (const box of boxes) out.push(tableSvg(box));
  out.push("</g></svg>");
  return { svg: out.join("\n"), width, height };
}
