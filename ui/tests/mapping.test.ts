import { describe, expect, it } from "vitest";
import { fkEnds, markerId } from "../src/diagram/crowsfoot";
import {
  columnOfHandle,
  columnRows,
  designToEdges,
  designToNodes,
  fallbackPosition,
  keepUnchanged,
  nodeHeight,
  sameEdge,
  sameTableNode,
  unplacedTables,
} from "../src/diagram/mapping";
import { elkGraph, readPositions } from "../src/diagram/elk-graph";
import { moveTables, renameTable } from "../src/model/edit";
import { blog } from "./fixtures";

const table = (id: string) => blog().tables.find((t) => t.id === id)!;

describe("crow's foot", () => {
  it("NOT NULL FK: exactly one parent, zero or many children", () => {
    const posts = table("posts");
    expect(fkEnds(posts, posts.foreign_keys![0])).toEqual({ parent: { min: "one", max: "one" }, child: { min: "zero", max: "many" } });
  });
  it("nullable FK: zero or one parent", () => {
    const posts = table("posts");
    expect(fkEnds(posts, posts.foreign_keys![1]).parent).toEqual({ min: "zero", max: "one" });
  });
  it("unique FK is one-to-one", () => {
    const p = table("profiles");
    expect(fkEnds(p, p.foreign_keys![0]).child).toEqual({ min: "zero", max: "one" });
  });
  it("FK equal to the primary key or a unique index is one-to-one too; a partial unique index is not", () => {
    const p = table("profiles");
    const viaPk = { ...p, uniques: [], primary_key: { columns: ["user_id"] } };
    expect(fkEnds(viaPk, p.foreign_keys![0]).child.max).toBe("one");
    const viaIndex = { ...p, uniques: [], indexes: [{ id: "ix1", unique: true, parts: [{ column: "user_id" }] }] };
    expect(fkEnds(viaIndex, p.foreign_keys![0]).child.max).toBe("one");
    const partial = { ...p, uniques: [], indexes: [{ id: "ix1", unique: true, where: "user_id > 0", parts: [{ column: "user_id" }] }] };
    expect(fkEnds(partial, p.foreign_keys![0]).child.max).toBe("many");
  });
  it("marker ids name both bounds", () => {
    expect(markerId({ min: "zero", max: "many" })).toBe("cf-zero-many");
  });
});

describe("nodes", () => {
  it("one node per table, placed from layout by id, unplaced ones on the grid", () => {
    const nodes = designToNodes(blog());
    expect(nodes.map((n) => n.id)).toEqual(["users", "posts", "profiles", "tags"]);
    expect(nodes[1].position).toEqual({ x: 400, y: 0 });
    expect(nodes[3].position).toEqual(fallbackPosition(3));
    expect(nodes[1].height).toBe(nodeHeight(3));
    expect(unplacedTables(blog())).toEqual(["tags"]);
  });
  it("column markers: PK, FK, unique, nullable", () => {
    const rows = columnRows(table("posts"));
    expect(rows.map((r) => [r.name, r.pk, r.fk, r.unique, r.nullable])).toEqual([
      ["id", true, false, false, false],
      ["author_id", false, true, false, false],
      ["editor_id", false, true, false, true],
    ]);
    expect(columnRows(table("users"))[1].unique).toBe(true);
  });
  it("keeps node data of untouched tables across edits (memoized nodes do not re-render)", () => {
    const d1 = blog();
    const d2 = renameTable(d1, "posts", "articles");
    const [a, b] = [designToNodes(d1), designToNodes(d2)];
    expect(b[0].data).toBe(a[0].data);
    expect(b[1].data).not.toBe(a[1].data);
    expect(b[1].data.name).toBe("articles");
  });
  it("a subject area limits nodes and edges", () => {
    const only = new Set(["users", "posts"]);
    expect(designToNodes(blog(), only).map((n) => n.id)).toEqual(["users", "posts"]);
    expect(designToEdges(blog(), only).every((e) => only.has(e.source) && only.has(e.target))).toBe(true);
  });
});

describe("edges", () => {
  it("run between the exact column handles, on the facing sides", () => {
    const edges = designToEdges(blog());
    const editor = edges.find((e) => e.id === "fk:posts:fk2")!;
    // posts (x 400) is right of users (x 0): leave posts on the left, enter users on the right.
    expect([editor.source, editor.sourceHandle, editor.target, editor.targetHandle]).toEqual(["posts", "l:editor_id", "users", "r:id"]);
    const profile = edges.find((e) => e.id === "fk:profiles:fk1")!;
    expect([profile.sourceHandle, profile.targetHandle]).toEqual(["r:user_id", "l:id"]);
    expect(profile.data?.label).toBe("1:1");
    expect(columnOfHandle("l:editor_id")).toBe("editor_id");
  });
  it("sides follow the tables when one moves", () => {
    const moved = moveTables(blog(), { posts: { x: -900, y: 0 } });
    const e = designToEdges(moved).find((x) => x.id === "fk:posts:fk1")!;
    expect([e.sourceHandle, e.targetHandle]).toEqual(["r:author_id", "l:id"]);
  });
  it("many-to-many relationships are drawn, many at both ends, dashed", () => {
    const m2m = designToEdges(blog()).find((e) => e.id === "rel:r1")!;
    expect(m2m.data).toMatchObject({ manyToMany: true, label: "tagged", ends: { child: { max: "many" }, parent: { max: "many" } } });
  });
  it("dangling references draw nothing", () => {
    const d = blog();
    d.tables[1] = { ...d.tables[1], foreign_keys: [{ id: "fk9", columns: ["author_id"], references: "ghosts" }] };
    expect(designToEdges(d).some((e) => e.source === "posts" && e.id.startsWith("fk:"))).toBe(false);
  });
});

describe("ELK graph", () => {
  it("is layered with orthogonal edges and drops edges leaving the request", () => {
    const g = elkGraph({ nodes: [{ id: "a", width: 10, height: 10 }, { id: "b", width: 10, height: 10 }], edges: [{ source: "a", target: "b" }, { source: "a", target: "z" }, { source: "a", target: "a" }] });
    expect(g.layoutOptions?.["elk.algorithm"]).toBe("layered");
    expect(g.layoutOptions?.["elk.edgeRouting"]).toBe("ORTHOGONAL");
    expect(g.edges).toEqual([{ id: "e0", sources: ["b"], targets: ["a"] }]);
    expect(readPositions({ id: "root", children: [{ id: "a", x: 1.4, y: 2.6 }] }, { x: 10, y: 0 })).toEqual({ a: { x: 11, y: 3 } });
  });
});

describe("unchanged nodes and edges keep their objects", () => {
  it("moving one table renews only its node and the lines whose sides change", () => {
    const d0 = blog();
    const n0 = designToNodes(d0);
    const e0 = designToEdges(d0);
    expect(keepUnchanged(designToNodes(d0), n0, sameTableNode)).toBe(n0);
    expect(keepUnchanged(designToEdges(d0), e0, sameEdge)).toBe(e0);
    // profiles jumps from the left of users to its right: its line changes sides, the rest stay.
    const d1 = moveTables(d0, { profiles: { x: 900, y: 0 } });
    const n1 = keepUnchanged(designToNodes(d1), n0, sameTableNode);
    expect(n1).not.toBe(n0);
    expect(n1.filter((n, i) => n !== n0[i]).map((n) => n.id)).toEqual(["profiles"]);
    const e1 = keepUnchanged(designToEdges(d1), e0, sameEdge);
    expect(e1.filter((e, i) => e !== e0[i]).map((e) => e.id)).toEqual(["fk:profiles:fk1"]);
  });
});
