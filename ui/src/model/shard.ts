/**
 * The shard plan as people read it: shares as percentages, a pattern's verdict as "1 shard",
 * "several" or "all shards" with its reasons, and the design's sharding setting.
 */
import type { Cause } from "../bindings/Cause";
import type { Design } from "../bindings/Design";
import type { PatternVerdict } from "../bindings/PatternVerdict";
import type { ShardEngine } from "../bindings/ShardEngine";
import type { ShardPlan } from "../bindings/ShardPlan";
import type { Sharding } from "../bindings/Sharding";
import type { StatementVerdict } from "../bindings/StatementVerdict";

/** What the advisor plans for when the design does not say. */
export const DEFAULT_SHARDING: Sharding = { engine: "citus", shards: 32 };

/** Shard counts the advisor accepts. */
export const MIN_SHARDS = 1;
export const MAX_SHARDS = 4096;

/** Engine names for people. */
export const ENGINE_TITLES: Record<ShardEngine, string> = { citus: "Citus", vitess: "Vitess" };

/** A share (0 to 1) as a percentage with one decimal that never rounds to 100% or 0% (as the CLI prints it). */
export function percent(share: number): string {
  const p = share * 100;
  if (p < 100 && p > 99.95) return ">99.9%";
  if (p > 0 && p < 0.05) return "<0.1%";
  return `${p.toFixed(1)}%`;
}

/** The plan's headline sentence. */
export function headline(plan: ShardPlan): string {
  return `${percent(plan.single_shard_share)} of the rate-weighted worksheet runs on one shard`;
}

/** Causes that reach every shard; the others reach some. */
const EVERY_SHARD: ReadonlySet<Cause> = new Set<Cause>(["no_key_filter", "non_colocated_join", "writes_reference", "local_with_distributed"]);

/** How a pattern routes, in a word, with a tone for its colour and the reasons for a tooltip. */
export type VerdictLabel = { label: "1 shard" | "several" | "all shards"; tone: "ok" | "warn"; title: string };

/** The verdict on a pattern: one shard (green), or several / all shards (amber) and why. */
export function patternVerdictLabel(v: PatternVerdict): VerdictLabel {
  if (v.single_shard) {
    const values = v.statements.map((s) => s.value).filter((x): x is string => !!x);
    const title = values.length > 0 ? `Every statement routes by ${[...new Set(values)].join(", ")}` : "Every statement runs on one node";
    return { label: "1 shard", tone: "ok", title };
  }
  const causes = [v.cause, ...v.statements.map((s) => s.cause)].filter((c): c is Cause => !!c);
  const every = causes.some((c) => EVERY_SHARD.has(c));
  const reasons = [v.reason, ...v.statements.map((s) => s.reason)].filter((r): r is string => !!r);
  const title = [...new Set(reasons)].join("; ") || "Its statements reach several shards";
  return { label: every ? "all shards" : "several", tone: "warn", title };
}

const ROUTING: Record<StatementVerdict["routing"], string> = { single_shard: "one shard", any_node: "any node", multi_shard: "several shards" };

/** One line per statement: its position (from 1), how it routes, and by what value or why not. */
export function statementLines(v: PatternVerdict): string[] {
  return v.statements.map((s) => {
    const detail = s.value ? ` by ${s.value}` : s.reason ? `: ${s.reason}` : "";
    return `Statement ${s.statement + 1}: ${ROUTING[s.routing]}${detail}`;
  });
}

/** The verdict of each pattern by pattern id. */
export function verdictsByPattern(plan: ShardPlan): Map<string, PatternVerdict> {
  return new Map(plan.patterns.map((v) => [v.pattern, v]));
}

/** The design's sharding setting, if it plans for sharding. */
export function shardingOf(design: Design): Sharding | undefined {
  return design.settings.sharding;
}

/** The design with `sharding` as its setting, or without one when `undefined`. */
export function setSharding(design: Design, sharding: Sharding | undefined): Design {
  const current = design.settings.sharding;
  if (current === sharding || (current && sharding && current.engine === sharding.engine && current.shards === sharding.shards)) return design;
  const settings = { ...design.settings };
  if (sharding) settings.sharding = sharding;
  else delete settings.sharding;
  return { ...design, settings };
}

/** Reads a shard count typed by hand; an error for text that is not a whole number in range. */
export function parseShards(text: string): { shards?: number; error?: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: `the shard count must be a whole number from ${MIN_SHARDS} to ${MAX_SHARDS}` };
  const n = Number(t);
  if (n < MIN_SHARDS || n > MAX_SHARDS) return { error: `the shard count must be from ${MIN_SHARDS} to ${MAX_SHARDS}` };
  return { shards: n };
}
