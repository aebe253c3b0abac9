import { describe, expect, it } from "vitest";
import { endPath } from "../src/diagram/crowsfoot";
import { designSvg, escapeXml } from "../src/export/svg";
import { bigDesign } from "../src/mock/sample";
import { blog } from "./fixtures";

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe("diagram SVG", () => {
  it("draws every table and relationship of a 2,000-table design, mounted or not", () => {
    const { svg, width, height } = designSvg(bigDesign(2000, 2500));
    expect(count(svg, '<g class="table"')).toBe(2000);
    expect(count(svg, '<g class="rel"')).toBe(2500);
    expect(svg).toContain(">table_1999</text>");
    // 50 columns of 320 units, 40 rows of 260 units, plus the margins.
    expect(width).toBeGreaterThan(50 * 320 - 100);
    expect(height).toBeGreaterThan(39 * 260);
    expect(count(svg, "<g")).toBe(count(svg, "</g>"));
  });

  it("draws one row per column and crow's-foot ends on every foreign key", () => {
    const { svg } = designSvg(blog());
    expect(count(svg, '<g class="column">')).toBe(2 + 3 + 2 + 1);
    // posts -> users twice, profiles -> users once, plus the many-to-many posts <-> tags.
    expect(count(svg, '<g class="rel"')).toBe(4);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toMatch(/<path d="M[^"]+ A3\.5 3\.5/);
  });

  it("escapes names", () => {
    const d = blog();
    d.tables[0] = { ...d.tables[0], name: `a<b & "c" 'd'`, columns: [{ id: "id", name: "<x>", type: "int&" }, ...d.tables[0].columns.slice(1)] };
    const { svg } = designSvg(d);
    expect(svg).toContain("a&lt;b &amp; &quot;c&quot; &apos;d&apos;");
    expect(svg).toContain("&lt;x&gt;");
    expect(svg).toContain("int&amp;");
    expect(svg).not.toContain("<x>");
    expect(escapeXml("<&>")).toBe("&lt;&amp;&gt;");
  });

  it("draws subject areas behind their tables and keeps to the tables shown", () => {
    const d = blog();
    d.layout = { ...d.layout, areas: [{ id: "a1", name: "Content & more", color: "#2563eb", tables: ["posts", "tags"] }] };
    const { svg } = designSvg(d);
    expect(count(svg, '<g class="area">')).toBe(1);
    expect(svg).toContain("Content &amp; more");
    expect(svg.indexOf('<g class="area">')).toBeLessThan(svg.indexOf('<g class="table"'));
    const only = designSvg(d, new Set(["posts", "tags"])).svg;
    expect(count(only, '<g class="table"')).toBe(2);
    // Only the many-to-many between the two shown tables remains.
    expect(count(only, '<g class="rel"')).toBe(1);
  });

  it("an empty design is a blank page, not an error", () => {
    const d = blog();
    d.tables = [];
    d.relationships = [];
    const { svg, width, height } = designSvg(d);
    expect(count(svg, '<g class="table"')).toBe(0);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
  });
});

describe("crow's-foot ends", () => {
  it("put the tip on the table side and the symbol back along the line", () => {
    // A table to the right (its left side at x = 100): the prongs end at the tip, x = 100.
    expect(endPath({ min: "one", max: "many" }, 100, 50, 1)).toBe("M90 50 L100 43 M90 50 L100 50 M90 50 L100 57 M86 44 L86 56");
    // A table to the left: mirrored.
    expect(endPath({ min: "one", max: "one" }, 100, 50, -1)).toBe("M106 44 L106 56 M114 44 L114 56");
    expect(endPath({ min: "zero", max: "one" }, 0, 0, 1)).toContain("A3.5 3.5");
  });
});
