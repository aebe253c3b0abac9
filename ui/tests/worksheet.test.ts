import { describe, expect, it, vi } from "vitest";
import type { Design } from "../src/bindings/Design";
import type { Diagnostic } from "../src/bindings/Diagnostic";
import type { IndexesApplied } from "../src/bindings/IndexesApplied";
import type { RecommendedIndex } from "../src/bindings/RecommendedIndex";
import { applyRecommendedIndexes, importWorksheet } from "../src/app/worksheet";
import { renameTable, updateTable } from "../src/model/edit";
import { sqlTokens } from "../src/model/sql-tokens";
import {
  addPattern,
  deletePattern,
  diagnosticsByPattern,
  duplicatePattern,
  formatRate,
  parseLatency,
  parseRate,
  patternsOf,
  splitStatements,
  statementsText,
  updatePattern,
} from "../src/model/worksheet";
import { createDocStore } from "../src/store/document";
import { blog } from "./fixtures";

function withSheet(): Design {
  const d = blog();
  d.worksheet = {
    patterns: [
      { id: "GetUser", name: "GetUser", rate: { per_second: 100 }, statements: ["SELECT id FROM users WHERE email = $1"] },
      { id: "PostsOf", name: "PostsOf", rate: { percent: 20 }, per_row_of: "GetUser", statements: ["SELECT id FROM posts WHERE author_id = $1"] },
      { id: "Broken", name: "Broken", statements: ["SELECT nope FROM users"] },
    ],
  };
  return d;
}

const rec = (table: string, name: string): RecommendedIndex => ({
  table,
  name,
  columns: ["author_id"],
  include: [],
  where: null,
  unique: false,
  patterns: ["PostsOf"],
  reason: "equality on author_id",
  ddl: `CREATE INDEX ${name} ON ${table} (author_id);`,
});

/** What the shell's apply_recommended_indexes does, for two tables at once. */
const fakeApply = async (d: Design): Promise<IndexesApplied> => {
  let design = updateTable(d, "posts", (t) => ({ ...t, indexes: [{ id: "ix1", name: "ix_posts_author_id", parts: [{ column: "author_id" }] }] }));
  design = updateTable(design, "profiles", (t) => ({ ...t, indexes: [{ id: "ix1", parts: [{ column: "user_id" }] }] }));
  return { design, indexes: [rec("posts", "ix_posts_author_id"), rec("profiles", "ix_profiles_user_id")] };
};

describe("rates and latencies", () => {
  it("reads the units worksheet files use", () => {
    expect(parseRate("120/s")).toEqual({ rate: { per_second: 120 } });
    expect(parseRate(" 120 / sec ")).toEqual({ rate: { per_second: 120 } });
    expect(parseRate("30/min")).toEqual({ rate: { per_second: 0.5 } });
    expect(parseRate("7200/h")).toEqual({ rate: { per_second: 2 } });
    expect(parseRate("86400/day")).toEqual({ rate: { per_second: 1 } });
    expect(parseRate("12%")).toEqual({ rate: { percent: 12 } });
    expect(parseRate("2.5")).toEqual({ rate: { per_second: 2.5 } });
    expect(parseRate("")).toEqual({});
  });
  it("refuses what it cannot read, saying what it expects", () => {
    for (const bad of ["fast", "-3/s", "10/week", "%", "1/", "1e/s", "12%%"]) {
      const r = parseRate(bad);
      expect(r.rate, bad).toBeUndefined();
      expect(r.error, bad).toMatch(/expected e\.g\. 120\/s/);
    }
  });
  it("prints the largest unit that keeps the number at least 1, and reads it back", () => {
    expect(formatRate({ per_second: 120 })).toBe("120/s");
    expect(formatRate({ per_second: 0.5 })).toBe("30/min");
    expect(formatRate({ per_second: 1 / 3600 })).toBe("1/h");
    expect(formatRate({ per_second: 1 / 86400 })).toBe("1/day");
    expect(formatRate({ percent: 15 })).toBe("15%");
    expect(formatRate(undefined)).toBe("");
    for (const r of [{ per_second: 0.25 }, { per_second: 42 }, { percent: 7.5 }]) expect(parseRate(formatRate(r)).rate).toEqual(r);
  });
  it("reads latencies in ms or s", () => {
    expect(parseLatency("20ms")).toEqual({ ms: 20 });
    expect(parseLatency("1.5s")).toEqual({ ms: 1500 });
    expect(parseLatency("7")).toEqual({ ms: 7 });
    expect(parseLatency(" ")).toEqual({});
    expect(parseLatency("soon").error).toMatch(/latency/);
  });
});

describe("statements", () => {
  it("splits at semicolons outside quotes and comments", () => {
    const text = "SELECT ';' FROM t; -- a; comment\nUPDATE \"a;b\" SET x = 1 /* ; */;\n\n SELECT $$;$$ ;;";
    expect(splitStatements(text)).toEqual(["SELECT ';' FROM t", "-- a; comment\nUPDATE \"a;b\" SET x = 1 /* ; */", "SELECT $$;$$"]);
    expect(splitStatements("  ")).toEqual([]);
  });
  it("prints statements so that splitting gives them back", () => {
    const list = ["SELECT 1", "UPDATE t SET a = 'x;y' WHERE id = $1"];
    expect(splitStatements(statementsText(list))).toEqual(list);
  });
  it("highlights keywords but not strings, names or parameters", () => {
    const sql = "select id, 'from' FROM users_from WHERE id = $1 -- where\nLIMIT 10";
    const tokens = sqlTokens(sql);
    expect(tokens.map((t) => t.text).join("")).toBe(sql);
    const kinds = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.text);
    expect(kinds("keyword")).toEqual(["select", "FROM", "WHERE", "LIMIT"]);
    expect(kinds("string")).toEqual(["'from'"]);
    expect(kinds("param")).toEqual(["$1"]);
    expect(kinds("number")).toEqual(["10"]);
    expect(kinds("comment")).toEqual(["-- where"]);
  });
});

describe("pattern edits through the store", () => {
  it("add, edit, duplicate and delete are one undo step each", () => {
    const s = createDocStore(withSheet());
    const d0 = s.getState().design;
    s.getState().edit((d) => addPattern(d).design);
    expect(patternsOf(s.getState().design).map((p) => p.name)).toEqual(["GetUser", "PostsOf", "Broken", "NewPattern"]);
    s.getState().edit((d) => updatePattern(d, "GetUser", (p) => ({ ...p, rate: parseRate("5%").rate, latency_ms: 20 })));
    expect(patternsOf(s.getState().design)[0]).toMatchObject({ rate: { percent: 5 }, latency_ms: 20 });
    s.getState().edit((d) => duplicatePattern(d, "GetUser").design);
    expect(patternsOf(s.getState().design)[1]).toMatchObject({ id: "GetUserCopy", name: "GetUserCopy", latency_ms: 20 });
    s.getState().edit((d) => deletePattern(d, "GetUser"));
    const after = patternsOf(s.getState().design);
    expect(after.map((p) => p.id)).not.toContain("GetUser");
    // Patterns issued per row of the deleted one no longer point at it.
    expect(after.find((p) => p.id === "PostsOf")?.per_row_of).toBeUndefined();
    expect(s.getState().past.length).toBe(4);
    s.getState().undo();
    expect(patternsOf(s.getState().design)[0].id).toBe("GetUser");
    expect(patternsOf(s.getState().design).find((p) => p.id === "PostsOf")?.per_row_of).toBe("GetUser");
    for (let i = 0; i < 3; i++) s.getState().undo();
    expect(s.getState().design).toBe(d0);
  });
  it("an edit that changes nothing is not recorded; clearing a field drops it", () => {
    const s = createDocStore(withSheet());
    s.getState().edit((d) => updatePattern(d, "GetUser", (p) => ({ ...p, rate: { per_second: 100 } })));
    s.getState().edit((d) => updatePattern(d, "missing", (p) => ({ ...p, name: "x" })));
    expect(s.getState().past.length).toBe(0);
    s.getState().edit((d) => updatePattern(d, "GetUser", (p) => ({ ...p, rate: undefined, comment: "" })));
    const p = patternsOf(s.getState().design)[0];
    expect("rate" in p).toBe(false);
    expect("comment" in p).toBe(false);
    expect(p.statements).toEqual(["SELECT id FROM users WHERE email = $1"]);
  });
  it("a design without a worksheet gets one from its first pattern", () => {
    const out = addPattern(blog());
    expect(out.patternId).toBe("NewPattern");
    expect(out.design.worksheet?.patterns).toEqual([{ id: "NewPattern", name: "NewPattern", rate: { per_second: 1 }, statements: [] }]);
    expect(deletePattern(blog(), "x")).toEqual(blog());
  });
});

describe("diagnostics of patterns", () => {
  const diag = (code: string, extra: Partial<Diagnostic>): Diagnostic => ({ code, severity: "error", message: code, ...extra });
  it("sorts diagnostics to patterns by target, else by path", () => {
    const patterns = patternsOf(withSheet());
    const list = [
      diag("Q003", { target: { kind: "pattern", pattern: "Broken" }, path: "/worksheet/patterns/2/statements/0" }),
      diag("Q001", { path: "/worksheet/patterns/1/statements/0" }),
      diag("V034", { path: "/worksheet/patterns/0" }),
      diag("Q002", { path: "/worksheet/patterns/9/statements/0" }),
      diag("V004", { target: { kind: "table", table: "users" }, path: "/tables/0/columns/1" }),
      diag("Q004", { path: "/worksheet/patterns/12x" }),
      diag("A010", { severity: "warning", target: { kind: "pattern", pattern: "Broken" } }),
    ];
    const by = diagnosticsByPattern(list, patterns);
    expect([...by.keys()].sort()).toEqual(["Broken", "GetUser", "PostsOf"]);
    expect(by.get("Broken")?.map((d) => d.code)).toEqual(["Q003", "A010"]);
    expect(by.get("PostsOf")?.map((d) => d.code)).toEqual(["Q001"]);
    expect(by.get("GetUser")?.map((d) => d.code)).toEqual(["V034"]);
  });
  it("maps paths by the patterns the advice was computed for", () => {
    const advised = patternsOf(withSheet());
    const reordered = [...advised].reverse();
    const d = diag("Q002", { path: "/worksheet/patterns/0/statements/0" });
    expect([...diagnosticsByPattern([d], advised).keys()]).toEqual(["GetUser"]);
    expect([...diagnosticsByPattern([d], reordered).keys()]).toEqual(["Broken"]);
  });
});

describe("applying the recommended indexes", () => {
  it("adds them all as one undo step", async () => {
    const s = createDocStore(withSheet());
    const d0 = s.getState().design;
    const report = vi.fn();
    expect(await applyRecommendedIndexes(s, report, fakeApply)).toBe(2);
    const ids = (d: Design) => d.tables.flatMap((t) => (t.indexes ?? []).map((ix) => `${t.id}.${ix.id}`));
    expect(ids(s.getState().design)).toEqual(["posts.ix1", "profiles.ix1"]);
    expect(s.getState().past.length).toBe(1);
    expect(s.getState().dirty).toBe(true);
    s.getState().undo();
    expect(s.getState().design).toBe(d0);
    expect(ids(s.getState().design)).toEqual([]);
    s.getState().redo();
    expect(ids(s.getState().design)).toEqual(["posts.ix1", "profiles.ix1"]);
    expect(report).not.toHaveBeenCalled();
  });
  it("changes nothing when the design moved on, when there is nothing to add, or on failure", async () => {
    const s = createDocStore(withSheet());
    const report = vi.fn();
    const slow = async (d: Design) => {
      s.getState().edit((x) => renameTable(x, "users", "people"));
      return fakeApply(d);
    };
    expect(await applyRecommendedIndexes(s, report, slow)).toBe(0);
    expect(report).toHaveBeenLastCalledWith(expect.stringMatching(/changed/));
    expect(s.getState().past.length).toBe(1);
    expect(await applyRecommendedIndexes(s, report, async (design) => ({ design, indexes: [] }))).toBe(0);
    expect(await applyRecommendedIndexes(s, report, () => Promise.reject({ code: "internal", message: "boom" }))).toBe(0);
    expect(report).toHaveBeenLastCalledWith("Could not apply the recommended indexes: boom");
    expect(s.getState().past.length).toBe(1);
  });
});

describe("importing a worksheet file", () => {
  it("merges the file's patterns as one undo step and reports its warnings", async () => {
    const s = createDocStore(withSheet());
    const report = vi.fn();
    const warn: Diagnostic = { code: "Q005", severity: "warning", message: "odd header" };
    const call = vi.fn(async (d: Design) => ({ design: addPattern(d).design, diagnostics: [warn] }));
    expect(await importWorksheet(s, report, "/tmp/shop.sql", call)).toBe(true);
    expect(call).toHaveBeenCalledWith(expect.anything(), "/tmp/shop.sql");
    expect(patternsOf(s.getState().design)).toHaveLength(4);
    expect(report).toHaveBeenCalledWith("/tmp/shop.sql: imported with 1 warning(s)", [warn]);
    s.getState().undo();
    expect(patternsOf(s.getState().design)).toHaveLength(3);
  });
  it("shows the refusal of a file with errors and changes nothing", async () => {
    const s = createDocStore(withSheet());
    const report = vi.fn();
    const err = { code: "invalid_argument", message: "the worksheet file has 1 problem(s): line 1: SQL before the first `-- name:` line", diagnostics: [] };
    expect(await importWorksheet(s, report, "/tmp/bad.sql", () => Promise.reject(err))).toBe(false);
    expect(report).toHaveBeenCalledWith(`Could not import /tmp/bad.sql: ${err.message}`, []);
    expect(s.getState().past.length).toBe(0);
  });
});
