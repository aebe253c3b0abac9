import { describe, expect, it } from "vitest";
import type { PatternVerdict } from "../src/bindings/PatternVerdict";
import type { ShardPlan } from "../src/bindings/ShardPlan";
import { FAMILY_COLORS, familyColor, shardClass, shardDecorations } from "../src/diagram/shard";
import { fakeShard } from "../src/mock/fake-shard";
import { shopDesign } from "../src/mock/sample";
import { headline, parseShards, patternVerdictLabel, percent, setSharding, statementLines } from "../src/model/shard";
import { blog } from "./fixtures";

function plan(over: Partial<ShardPlan> = {}): ShardPlan {
  return {
    engine: "citus",
    shards: 32,
    single_shard_share: 0.603,
    score: 0.5,
    tables: [
      { table: "users", name: "users", mode: "distributed", key: "id", family: "f2", reason: "patterns bind users.id" },
      { table: "posts", name: "posts", mode: "distributed", key: "author_id", family: "f1", reason: "co-located with users" },
      { table: "countries", name: "countries", mode: "reference", reason: "small and read with distributed tables" },
      { table: "audit", name: "audit", mode: "local", reason: "no pattern uses it" },
    ],
    families: [
      { id: "f1", name: "posts.id", tables: ["posts"], share: 0.6 },
      { id: "f2", name: "users.id", tables: ["users"], share: 0.4 },
    ],
    distributed_patterns: [],
    patterns: [],
    candidates: [],
    alternatives: [],
    lookups: [],
    ...over,
  };
}

const verdict = (over: Partial<PatternVerdict>): PatternVerdict => ({
  pattern: "p",
  name: "P",
  weight: 1,
  single_shard: false,
  write_fanout: false,
  statements: [],
  ...over,
});

describe("plan -> node decorations", () => {
  it("distributed tables take their family's colour (in family order) and key", () => {
    const d = shardDecorations(plan());
    expect(d.posts).toMatchObject({ mode: "distributed", color: FAMILY_COLORS[0], family: "f1", key: "author_id" });
    expect(d.users).toMatchObject({ mode: "distributed", color: FAMILY_COLORS[1], key: "id" });
    expect(d.users.title).toContain("family users.id");
  });
  it("reference and local tables have no colour and no key", () => {
    const d = shardDecorations(plan());
    expect(d.countries).toEqual({ mode: "reference", title: "Reference table: small and read with distributed tables" });
    expect(d.audit.mode).toBe("local");
    expect(d.audit.key).toBeUndefined();
    expect(shardClass(d.countries)).toBe(" shard-reference");
    expect(shardClass(d.audit)).toBe(" shard-local");
    expect(shardClass(undefined)).toBe("");
  });
  it("keeps the previous decoration objects of tables whose placement did not change", () => {
    const before = shardDecorations(plan());
    const p = plan();
    p.tables = p.tables.map((t) => (t.table === "posts" ? { ...t, key: "id" } : t));
    const after = shardDecorations(p, before);
    expect(after.users).toBe(before.users);
    expect(after.countries).toBe(before.countries);
    expect(after.posts).not.toBe(before.posts);
    expect(after.posts.key).toBe("id");
  });
  it("drops tables no longer in the plan", () => {
    const p = plan();
    p.tables = p.tables.filter((t) => t.table !== "audit");
    expect(Object.keys(shardDecorations(p, shardDecorations(plan())))).not.toContain("audit");
  });
  it("family colours repeat after the last", () => {
    expect(familyColor(FAMILY_COLORS.length)).toBe(FAMILY_COLORS[0]);
    expect(familyColor(1)).toBe(FAMILY_COLORS[1]);
  });
});

describe("verdict formatting", () => {
  it("shares never round to 100% or 0%", () => {
    expect(percent(0.603)).toBe("60.3%");
    expect(percent(1)).toBe("100.0%");
    expect(percent(0.99996)).toBe(">99.9%");
    expect(percent(0.0001)).toBe("<0.1%");
    expect(percent(0)).toBe("0.0%");
    expect(headline(plan())).toBe("60.3% of the rate-weighted worksheet runs on one shard");
  });
  it("a single-shard pattern is '1 shard' (ok) with its routing values", () => {
    const v = verdict({
      single_shard: true,
      statements: [
        { statement: 0, routing: "single_shard", value: "$1 in users.id" },
        { statement: 1, routing: "single_shard", value: "$1 in users.id" },
      ],
    });
    expect(patternVerdictLabel(v)).toEqual({ label: "1 shard", tone: "ok", title: "Every statement routes by $1 in users.id" });
  });
  it("no key filter reaches all shards; an IN list several; the reasons are the tooltip", () => {
    const all = verdict({ reason: "no equality on users.id: every shard is read", cause: "no_key_filter" });
    expect(patternVerdictLabel(all)).toEqual({ label: "all shards", tone: "warn", title: "no equality on users.id: every shard is read" });
    const some = verdict({
      reason: "an IN list on users.id reaches several shards",
      cause: "in_list",
      statements: [{ statement: 0, routing: "multi_shard", reason: "an IN list on users.id reaches several shards", cause: "in_list" }],
    });
    expect(patternVerdictLabel(some)).toMatchObject({ label: "several", tone: "warn", title: "an IN list on users.id reaches several shards" });
    const mixed = verdict({
      cause: "different_values",
      reason: "its statements route by different values or families",
      statements: [{ statement: 1, routing: "multi_shard", reason: "writes reference table countries, which is copied to every node", cause: "writes_reference" }],
    });
    expect(patternVerdictLabel(mixed).label).toBe("all shards");
    expect(patternVerdictLabel(mixed).title).toBe("its statements route by different values or families; writes reference table countries, which is copied to every node");
  });
  it("one line per statement, numbered from 1", () => {
    const v = verdict({
      statements: [
        { statement: 0, routing: "single_shard", value: "$1 in users.id" },
        { statement: 1, routing: "any_node" },
        { statement: 2, routing: "multi_shard", reason: "inserts several rows into posts: several shards", cause: "bulk_insert" },
      ],
    });
    expect(statementLines(v)).toEqual([
      "Statement 1: one shard by $1 in users.id",
      "Statement 2: any node",
      "Statement 3: several shards: inserts several rows into posts: several shards",
    ]);
  });
});

describe("sharding setting", () => {
  it("sets and clears settings.sharding; an equal setting leaves the design as it is", () => {
    const d = blog();
    const on = setSharding(d, { engine: "vitess", shards: 8 });
    expect(on.settings.sharding).toEqual({ engine: "vitess", shards: 8 });
    expect(d.settings.sharding).toBeUndefined();
    expect(setSharding(on, { engine: "vitess", shards: 8 })).toBe(on);
    const off = setSharding(on, undefined);
    expect("sharding" in off.settings).toBe(false);
    expect(setSharding(off, undefined)).toBe(off);
  });
  it("reads shard counts from 1 to 4096", () => {
    expect(parseShards(" 64 ")).toEqual({ shards: 64 });
    expect(parseShards("0").error).toMatch(/from 1 to 4096/);
    expect(parseShards("5000").error).toMatch(/from 1 to 4096/);
    expect(parseShards("many").error).toMatch(/whole number/);
  });
});

describe("the e2e fake plan of the shop", () => {
  it("co-locates customers and orders, keeps products as a reference table", () => {
    const r = fakeShard(shopDesign(), {});
    const d = shardDecorations(r.plan);
    expect(d.orders).toMatchObject({ mode: "distributed", key: "customer_id", family: "f1" });
    expect(d.products.mode).toBe("reference");
    expect(r.plan.patterns.find((v) => v.pattern === "ListCustomerOrders")?.single_shard).toBe(true);
    expect(r.plan.distributed_patterns[0]).toBe("GetCustomerByEmail");
    expect(headline(r.plan)).toBe("31.1% of the rate-weighted worksheet runs on one shard");
    expect(fakeShard(shopDesign(), { engine: "vitess" }).ddl).toContain('"sharded": true');
  });
});
