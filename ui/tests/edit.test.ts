import { describe, expect, it } from "vitest";
import { addColumn, addForeignKey, addTable, alignTables, deleteColumn, deleteTables, duplicateTable, moveTables } from "../src/model/edit";
import { fkColumnName, freshName, singular } from "../src/model/naming";
import { blog } from "./fixtures";

describe("naming", () => {
  it("singularizes the last word of a snake_case name", () => {
    expect(singular("users")).toBe("user");
    expect(singular("order_items")).toBe("order_item");
    expect(singular("categories")).toBe("category");
    expect(singular("people")).toBe("person");
  });
  it("fills the FK column template", () => {
    const n = blog().settings.naming;
    expect(fkColumnName(n, "categories", "id")).toBe("category_id");
    expect(fkColumnName({ ...n, foreign_key_column: "{referenced}_{column}" }, "users", "uid")).toBe("users_uid");
  });
  it("fresh names skip taken ones without case", () => {
    expect(freshName("a", ["A", "a_2"])).toBe("a_3");
  });
});

describe("foreign key creation", () => {
  it("names the column by convention and copies the referenced type", () => {
    const d = blog();
    const r = addForeignKey(d, "tags", "users");
    const tags = r.design.tables.find((t) => t.id === "tags")!;
    expect(tags.columns.at(-1)).toEqual({ id: "user_id", name: "user_id", type: "bigint" });
    expect(tags.foreign_keys).toEqual([{ id: "fk1", columns: ["user_id"], references: "users" }]);
    expect(r.foreignKeyId).toBe("fk1");
  });
  it("a non-PK referenced column is named explicitly; a second FK gets a fresh column name", () => {
    let d = addForeignKey(blog(), "tags", "users", "email").design;
    d = addForeignKey(d, "tags", "users", "email").design;
    const tags = d.tables.find((t) => t.id === "tags")!;
    expect(tags.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "integer"],
      ["user_id", "varchar(255)"],
      ["user_id_2", "varchar(255)"],
    ]);
    expect(tags.foreign_keys?.map((f) => f.referenced_columns)).toEqual([["email"], ["email"]]);
  });
  it("leaves the design alone for unknown tables", () => {
    const d = blog();
    expect(addForeignKey(d, "tags", "ghosts").design).toBe(d);
  });
});

describe("table and column edits", () => {
  it("add table places it in layout by id, with a surrogate key", () => {
    const r = addTable(blog(), { x: 5, y: 6 });
    expect(r.tableId).toBe("new_tables");
    expect(r.design.layout?.tables?.new_tables).toEqual({ x: 5, y: 6 });
    expect(r.design.tables.at(-1)?.primary_key).toEqual({ columns: ["id"] });
    expect("x" in r.design.tables.at(-1)!).toBe(false);
  });
  it("delete table drops FKs to it, relationships and its layout", () => {
    const d = deleteTables(blog(), ["users"]);
    expect(d.tables.map((t) => t.id)).toEqual(["posts", "profiles", "tags"]);
    expect(d.tables.find((t) => t.id === "posts")?.foreign_keys).toEqual([]);
    expect(d.layout?.tables?.users).toBeUndefined();
    expect(deleteTables(blog(), ["tags"]).relationships).toEqual([]);
  });
  it("duplicate gives fresh id and name, drops constraint names, offsets the box", () => {
    const r = duplicateTable(blog(), "posts");
    const copy = r.design.tables.at(-1)!;
    expect([copy.id, copy.name]).toEqual(["posts_copy", "posts_copy"]);
    expect(copy.foreign_keys?.length).toBe(2);
    expect(r.design.layout?.tables?.posts_copy).toEqual({ x: 440, y: 40 });
  });
  it("delete column removes it from keys and FKs", () => {
    const d = deleteColumn(blog(), "posts", "author_id");
    const posts = d.tables.find((t) => t.id === "posts")!;
    expect(posts.columns.map((c) => c.id)).toEqual(["id", "editor_id"]);
    expect(posts.foreign_keys?.map((f) => f.id)).toEqual(["fk2"]);
  });
  it("add column is nullable text with a fresh name", () => {
    const r = addColumn(blog(), "tags");
    expect(r.design.tables.find((t) => t.id === "tags")?.columns.at(-1)).toEqual({ id: "new_column", name: "new_column", type: "text", nullable: true });
  });
  it("edits share untouched tables (structural sharing)", () => {
    const d = blog();
    const e = moveTables(d, { users: { x: 1, y: 1 } });
    expect(e.tables).toBe(d.tables);
    const f = addColumn(d, "tags").design;
    expect(f.tables[0]).toBe(d.tables[0]);
  });
  it("align lines tables up on the leftmost edge", () => {
    const d = alignTables(blog(), ["users", "posts", "profiles"], "left");
    expect(Object.values(d.layout!.tables!).map((p) => p.x)).toEqual([-400, -400, -400]);
  });
});
