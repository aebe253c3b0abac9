/**
 * A hand-written shard plan for the e2e build's fake IPC only, fitted to the mock's shop design:
 * customers and orders co-located by customer id, order_items by order id, products a reference
 * table, any other table local. Patterns are read as `FROM t WHERE c = ...` and route to one shard
 * when `c` is `t`'s key. The real plan comes from Rust and is tested there.
 */
import type { Design } from "../bindings/Design";
import type { Diagnostic } from "../bindings/Diagnostic";
import type { PatternVerdict } from "../bindings/PatternVerdict";
import type { ShardEngine } from "../bindings/ShardEngine";
import type { ShardReport } from "../bindings/ShardReport";
import type { ShardRequest } from "../bindings/ShardRequest";
import type { TablePlan } from "../bindings/TablePlan";

type Place = { key: string; family: "f1" | "f2" } | "reference";
const PLACES: Record<string, Place> = {
  customers: { key: "id", family: "f1" },
  orders: { key: "customer_id", family: "f1" },
  order_items: { key: "order_id", family: "f2" },
  products: "reference",
};
const FAMILY_NAMES = { f1: "customers.id", f2: "orders.id" };
/** The same design planned with each table keyed by its primary key. */
const BY_PRIMARY_KEY: Record<string, string> = { customers: "id", orders: "id", order_items: "order_id", products: "id" };

const weightOf = (p: { rate?: { per_second: number } | { percent: number } }) =>
  !p.rate ? 1 : "per_second" in p.rate ? p.rate.per_second : p.rate.percent;

function verdicts(design: Design, keyOf: (table: string) => string | undefined): PatternVerdict[] {
  return (design.worksheet?.patterns ?? []).map((p) => {
    const statements = p.statements.map((sql, statement) => {
      const m = /\bfrom\s+(\w+)[\s\S]*?\bwhere\s+(\w+)\s*=\s*(\$\d+|'[^']*'|\d+)/i.exec(sql);
      const table = m ? design.tables.find((t) => t.name === m[1]) : undefined;
      const key = table ? keyOf(table.id) : undefined;
      if (table && key === "reference") return { statement, routing: "any_node" as const };
      if (m && table && key && table.columns.find((c) => c.id === key)?.name === m[2]) {
        const place = PLACES[table.id];
        const family = typeof place === "object" ? FAMILY_NAMES[place.family] : `${table.name}.${key}`;
        return { statement, routing: "single_shard" as const, value: `${m[3]} in ${family}` };
      }
      const name = table?.name ?? m?.[1] ?? "the table";
      const keyName = table?.columns.find((c) => c.id === key)?.name ?? "its key";
      return {
        statement,
        routing: "multi_shard" as const,
        reason: `no equality on ${name}.${keyName}: every shard is read`,
        cause: "no_key_filter" as const,
      };
    });
    const multi = statements.find((s) => s.routing === "multi_shard");
    return {
      pattern: p.id,
      name: p.name,
      weight: weightOf(p),
      single_shard: !multi,
      write_fanout: false,
      reason: multi?.reason,
      cause: multi?.cause,
      statements,
    };
  });
}

const share = (vs: PatternVerdict[]) => {
  const total = vs.reduce((s, v) => s + v.weight, 0);
  return total === 0 ? 1 : vs.filter((v) => v.single_shard).reduce((s, v) => s + v.weight, 0) / total;
};

function ddlText(design: Design, engine: ShardEngine, tables: TablePlan[]): string {
  const name = (id: string) => design.tables.find((t) => t.id === id)?.name ?? id;
  const col = (t: string, c?: string) => design.tables.find((x) => x.id === t)?.columns.find((x) => x.id === c)?.name ?? c;
  if (engine === "vitess") {
    const vs: Record<string, unknown> = {};
    for (const t of tables) {
      vs[name(t.table)] = t.mode === "distributed" ? { column_vindexes: [{ column: col(t.table, t.key), name: "xxhash" }] } : { type: "reference" };
    }
    return JSON.stringify({ sharded: true, vindexes: { xxhash: { type: "xxhash" } }, tables: vs }, null, 2);
  }
  const lines = ["-- DDL for Citus (PostgreSQL with the citus extension)", `-- Design: ${design.name}`, ""];
  for (const t of tables) {
    if (t.mode === "distributed") {
      const first = tables.find((x) => x.family === t.family);
      const with_ = first && first.table !== t.table ? `, colocate_with => '${name(first.table)}'` : "";
      lines.push(`SELECT create_distributed_table('${name(t.table)}', '${col(t.table, t.key)}'${with_});`);
    } else if (t.mode === "reference") lines.push(`SELECT create_reference_table('${name(t.table)}');`);
  }
  return lines.join("\n") + "\n";
}

/** The fake shard report on `design`. */
export function fakeShard(design: Design, request: ShardRequest): ShardReport {
  const engine = request.engine ?? design.settings.sharding?.engine ?? "citus";
  const shards = request.shards ?? design.settings.sharding?.shards ?? 32;
  const tables: TablePlan[] = design.tables.map((t) => {
    const place = PLACES[t.id];
    if (place === "reference") return { table: t.id, name: t.name, mode: "reference", reason: "small and read with distributed tables" };
    if (place && t.columns.some((c) => c.id === place.key)) {
      return { table: t.id, name: t.name, mode: "distributed", key: place.key, family: place.family, reason: `patterns bind ${t.name}.${place.key}` };
    }
    return { table: t.id, name: t.name, mode: "local", reason: "no pattern uses it" };
  });
  const keyOf = (id: string) => {
    const t = tables.find((x) => x.table === id);
    return t?.mode === "reference" ? "reference" : t?.key;
  };
  const patterns = verdicts(design, keyOf);
  const alt = verdicts(design, (id) => BY_PRIMARY_KEY[id]);
  const best = share(patterns);
  const families = (["f1", "f2"] as const)
    .map((id) => ({ id, name: FAMILY_NAMES[id], tables: tables.filter((t) => t.family === id).map((t) => t.table), share: 0 }))
    .filter((f) => f.tables.length > 0);
  const total = patterns.reduce((s, v) => s + v.weight, 0) || 1;
  for (const f of families) {
    const names = new Set(f.tables.map((id) => design.tables.find((t) => t.id === id)?.name));
    const touching = (design.worksheet?.patterns ?? []).filter((p) => p.statements.some((s) => [...names].some((n) => n && new RegExp(`\\b${n}\\b`).test(s))));
    f.share = touching.reduce((s, p) => s + weightOf(p), 0) / total;
  }
  const distributed = patterns.filter((v) => !v.single_shard).sort((a, b) => b.weight - a.weight);
  const lost = alt.filter((v, i) => !v.single_shard && patterns[i]?.single_shard);
  const diagnostics: Diagnostic[] = [];
  design.tables.forEach((t, i) => {
    const p = tables[i];
    const pk = t.primary_key?.columns ?? [];
    if (p.mode === "distributed" && p.key && pk.length > 0 && !pk.includes(p.key)) {
      diagnostics.push({
        code: "S001",
        severity: "warning",
        message: `the primary key of \`${t.name}\` (${pk.join(", ")}) does not contain the distribution column \`${p.key}\`; it is appended`,
        target: { kind: "table", table: t.id },
        path: `/tables/${i}/primary_key`,
      });
    }
  });
  patterns.forEach((v, i) => {
    if (v.single_shard) return;
    diagnostics.push({
      code: "S008",
      severity: "info",
      message: `pattern ${v.name} reads several shards: ${v.reason ?? "no equality on the distribution column"}`,
      target: { kind: "pattern", pattern: v.pattern },
      path: `/worksheet/patterns/${i}`,
    });
  });
  const email = design.tables.find((t) => t.id === "customers")?.columns.find((c) => c.name === "email");
  const byEmail = patterns.filter((v) => !v.single_shard && design.worksheet?.patterns.find((p) => p.id === v.pattern)?.statements.some((s) => /\bemail\s*=/.test(s)));
  return {
    plan: {
      engine,
      shards,
      single_shard_share: best,
      score: best,
      tables,
      families,
      distributed_patterns: distributed.map((v) => v.pattern),
      patterns,
      candidates: [],
      alternatives: [
        {
          name: "each table by its primary key",
          single_shard_share: share(alt),
          score: share(alt),
          distributed_patterns: alt.filter((v) => !v.single_shard).map((v) => v.pattern),
          tables: design.tables.map((t) => [t.id, BY_PRIMARY_KEY[t.id] ?? "local"]),
          verdict:
            lost.length > 0
              ? `${(share(alt) * 100).toFixed(1)}% single-shard against ${(best * 100).toFixed(1)}%: ${lost.length} more pattern(s) fan out, e.g. ${lost[0].name}`
              : `${(share(alt) * 100).toFixed(1)}% single-shard, but its keys spread rows worse over the shards or keep fewer foreign keys`,
        },
      ],
      lookups: email && byEmail.length > 0 ? [{ table: "customers", column: email.id, unique: true, weight: byEmail.reduce((s, v) => s + v.weight, 0), patterns: byEmail.map((v) => v.pattern) }] : [],
    },
    diagnostics,
    ddl: ddlText(design, engine, tables),
  };
}
