/**
 * Shard plan -> table node decorations: the family colour and distribution column of each
 * distributed table, a REF badge for reference tables, local tables dimmed. The map keeps the
 * previous entry objects where nothing changed, so that a new plan renders again only the
 * nodes whose placement changed.
 */
import type { ShardPlan } from "../bindings/ShardPlan";
import type { TableMode } from "../bindings/TableMode";

/** How one table node shows its placement. */
export type TableShard = {
  mode: TableMode;
  /** Family colour (distributed tables). */
  color?: string;
  /** Family id (distributed tables). */
  family?: string;
  /** Distribution column id (distributed tables). */
  key?: string;
  /** A tooltip: placement, family and reason. */
  title: string;
};

/** Decorations by table id. */
export type ShardDecor = Record<string, TableShard>;

/** Family colours, in family order (f1 is the busiest); they repeat after the last. */
export const FAMILY_COLORS = ["#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#db2777", "#65a30d", "#b45309"];

/** The colour of the `index`-th family. */
export function familyColor(index: number): string {
  return FAMILY_COLORS[((index % FAMILY_COLORS.length) + FAMILY_COLORS.length) % FAMILY_COLORS.length];
}

/** Colour by family id, in the plan's family order. */
export function familyColors(plan: ShardPlan): Map<string, string> {
  return new Map(plan.families.map((f, i) => [f.id, familyColor(i)]));
}

const same = (a: TableShard, b: TableShard) =>
  a.mode === b.mode && a.color === b.color && a.family === b.family && a.key === b.key && a.title === b.title;

/** The decoration of every table of `plan`; entries equal to those of `prev` are `prev`'s objects. */
export function shardDecorations(plan: ShardPlan, prev?: ShardDecor | null): ShardDecor {
  const colors = familyColors(plan);
  const names = new Map(plan.families.map((f) => [f.id, f.name]));
  const out: ShardDecor = {};
  for (const t of plan.tables) {
    let next: TableShard;
    if (t.mode === "distributed") {
      const family = t.family;
      const fam = family ? ` (family ${names.get(family) ?? family})` : "";
      next = { mode: t.mode, color: family ? colors.get(family) : undefined, family, key: t.key, title: `Distributed${fam}: ${t.reason}` };
    } else {
      next = { mode: t.mode, title: `${t.mode === "reference" ? "Reference table" : "Local table"}: ${t.reason}` };
    }
    const old = prev?.[t.table];
    out[t.table] = old && same(old, next) ? old : next;
  }
  return out;
}

/** The class names a table box adds for its placement (leading space), or "" without a plan. */
export function shardClass(shard: TableShard | undefined): string {
  return shard ? ` shard-${shard.mode}` : "";
}
