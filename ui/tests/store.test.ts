import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Design } from "../src/bindings/Design";
import { addTable, renameColumn, renameTable } from "../src/model/edit";
import { startAutosave } from "../src/store/autosave";
import { createDocStore, diagnosticMarks } from "../src/store/document";
import { blog } from "./fixtures";

describe("renaming in place", () => {
  it("is a store state of its own, cleared by loading a document", () => {
    const s = createDocStore(blog());
    s.getState().setRenaming({ table: "users", column: "email" });
    expect(s.getState().renaming).toEqual({ table: "users", column: "email" });
    s.getState().load(blog(), null);
    expect(s.getState().renaming).toBeNull();
  });
  it("a column rename keeps the column id, so keys and references stay valid; one undo step", () => {
    const s = createDocStore(blog());
    const d0 = s.getState().design;
    s.getState().edit((d) => renameColumn(d, "posts", "author_id", "writer_id"));
    const posts = s.getState().design.tables.find((t) => t.id === "posts")!;
    expect(posts.columns.map((c) => [c.id, c.name])).toContainEqual(["author_id", "writer_id"]);
    expect(posts.foreign_keys![0].columns).toEqual(["author_id"]);
    expect(s.getState().design.tables[0]).toBe(d0.tables[0]);
    s.getState().undo();
    expect(s.getState().design).toBe(d0);
  });
});

describe("undo and redo", () => {
  it("every edit is one step, undone and redone in order", () => {
    const s = createDocStore(blog());
    const d0 = s.getState().design;
    s.getState().edit((d) => renameTable(d, "users", "people"));
    const d1 = s.getState().design;
    s.getState().edit((d) => renameTable(d, "posts", "articles"));
    expect(s.getState().design.tables.map((t) => t.name).slice(0, 2)).toEqual(["people", "articles"]);
    s.getState().undo();
    expect(s.getState().design).toBe(d1);
    s.getState().undo();
    expect(s.getState().design).toBe(d0);
    s.getState().undo();
    expect(s.getState().design).toBe(d0);
    s.getState().redo();
    s.getState().redo();
    expect(s.getState().design.tables[1].name).toBe("articles");
    expect(s.getState().future).toEqual([]);
  });
  it("a new edit clears redo; an edit that changes nothing is not recorded", () => {
    const s = createDocStore(blog());
    s.getState().edit((d) => renameTable(d, "users", "a"));
    s.getState().undo();
    s.getState().edit((d) => renameTable(d, "users", "b"));
    expect(s.getState().future).toEqual([]);
    s.getState().edit((d) => d);
    expect(s.getState().past.length).toBe(1);
  });
  it("history is unlimited and snapshots share structure", () => {
    const s = createDocStore(blog());
    for (let i = 0; i < 500; i++) s.getState().edit((d) => renameTable(d, "users", `u${i}`));
    expect(s.getState().past.length).toBe(500);
    expect(s.getState().past[499].tables[1]).toBe(s.getState().design.tables[1]);
    for (let i = 0; i < 500; i++) s.getState().undo();
    expect(s.getState().design.tables[0].name).toBe("users");
  });
  it("undo prunes a selection of tables that no longer exist", () => {
    const s = createDocStore(blog());
    let id = "";
    s.getState().edit((d) => {
      const r = addTable(d, { x: 0, y: 0 });
      id = r.tableId;
      return r.design;
    });
    s.getState().select({ tables: [id, "users"], column: { table: id, column: "id" } });
    s.getState().undo();
    expect(s.getState().selection).toEqual({ tables: ["users"], column: undefined });
  });
});

describe("dirty flag", () => {
  it("edits make it dirty, save makes it clean, load resets history", () => {
    const s = createDocStore(blog());
    expect(s.getState().dirty).toBe(false);
    s.getState().edit((d) => renameTable(d, "users", "x"));
    expect(s.getState().dirty).toBe(true);
    s.getState().saved("/tmp/a.schemata.json");
    expect([s.getState().dirty, s.getState().path]).toEqual([false, "/tmp/a.schemata.json"]);
    s.getState().undo();
    expect(s.getState().dirty).toBe(true);
    s.getState().load(blog(), null, true);
    expect([s.getState().dirty, s.getState().past.length, s.getState().path]).toEqual([true, 0, null]);
  });

  it("placing an opened design is neither an edit nor unsaved work", () => {
    const s = createDocStore(blog());
    const before = s.getState().design;
    s.getState().place((d) => renameTable(d, "users", "x"));
    expect(s.getState().design).not.toBe(before);
    expect([s.getState().dirty, s.getState().past.length]).toEqual([false, 0]);
    s.getState().undo();
    expect(s.getState().design).not.toBe(before);
  });
});

describe("diagnostic marks", () => {
  it("keep the worst severity per table and column", () => {
    const marks = diagnosticMarks([
      { code: "N001", severity: "info", message: "", target: { kind: "table", table: "t" } },
      { code: "V011", severity: "error", message: "", target: { kind: "column", table: "t", column: "c" } },
      { code: "N002", severity: "warning", message: "", target: { kind: "column", table: "t", column: "c" } },
      { code: "X", severity: "error", message: "", target: { kind: "design" } },
    ]);
    expect(marks).toEqual({ t: "error", "t/c": "error" });
  });
});

describe("autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves a dirty document once per interval, never a clean one", async () => {
    const s = createDocStore(blog());
    const saves: [Design, string | null][] = [];
    const stop = startAutosave(s, async (d, p) => void saves.push([d, p]), 1000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves.length).toBe(0);
    s.getState().edit((d) => renameTable(d, "users", "a"));
    s.getState().edit((d) => renameTable(d, "users", "b"));
    await vi.advanceTimersByTimeAsync(999);
    expect(saves.length).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves.length).toBe(1);
    expect(saves[0][0].tables[0].name).toBe("b");
    // Nothing changed since: no second write.
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves.length).toBe(1);
    s.getState().edit((d) => renameTable(d, "users", "c"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves.length).toBe(2);
    stop();
    s.getState().edit((d) => renameTable(d, "users", "d"));
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves.length).toBe(2);
  });

  it("retries after a failed save and stops once saved to a file", async () => {
    const s = createDocStore(blog());
    let fail = true;
    let calls = 0;
    startAutosave(
      s,
      async () => {
        calls++;
        if (fail) throw new Error("disk full");
      },
      1000,
    );
    s.getState().edit((d) => renameTable(d, "users", "a"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    s.getState().edit((d) => renameTable(d, "users", "b"));
    s.getState().saved("/x.schemata.json");
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toBe(2);
  });
});
