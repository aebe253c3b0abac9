/**
 * A crude index advisor and score for the e2e build's fake IPC only: reads `FROM t WHERE c = ...`
 * out of each statement and recommends an index where no key leads with those columns. The real
 * advice comes from Rust and is tested there.
 */
import type { AdviseReport } from "../bindings/AdviseReport";
import type { Design } from "../bindings/Design";
import type { Diagnostic } from "../bindings/Diagnostic";
import type { Group } from "../bindings/Group";
import type { IndexesApplied } from "../bindings/IndexesApplied";
import type { RecommendedIndex } from "../bindings/RecommendedIndex";
import type { Table } from "../bindings/Table";
import type { Worksheet } from "../bindings/Worksheet";
import { freshId } from "../model/naming";

const GROUPS: [Group, number][] = [
  ["integrity", 30],
  ["normalization", 15],
  ["indexing", 25],
  ["queries", 15],
  ["conventions", 15],
  ["sharding", 0],
];
const GROUP_OF: Record<string, Group> = { V: "integrity", F: "normalization", A: "indexing", Q: "queries", N: "conventions" };
const COST = { error: 5, warning: 2, info: 0.5 };

/** Leading key columns (ids) of the primary key, uniques and indexes of `t`. */
function leads(t: Table): string[][] {
  const out: string[][] = [];
  if (t.primary_key) out.push(t.primary_key.columns);
  for (const u of t.uniques ?? []) out.push(u.columns);
  for (const ix of t.indexes ?? []) out.push(ix.parts.map((p) => p.column ?? ""));
  return out;
}

function recommend(design: Design): { diagnostics: Diagnostic[]; indexes: RecommendedIndex[] } {
  const diagnostics: Diagnostic[] = [];
  const indexes: RecommendedIndex[] = [];
  (design.worksheet?.patterns ?? []).forEach((p, pi) => {
    p.statements.forEach((sql, si) => {
      const at = { target: { kind: "pattern" as const, pattern: p.id }, path: `/worksheet/patterns/${pi}/statements/${si}` };
      const m = /\bfrom\s+(\w+)[\s\S]*?\bwhere\s+([\s\S]*)$/i.exec(sql);
      if (!m) return;
      const table = design.tables.find((t) => t.name === m[1]);
      if (!table) {
        diagnostics.push({ code: "Q002", severity: "error", message: `table \`${m[1]}\` is not in the design`, ...at });
        return;
      }
      const eq: string[] = [];
      for (const [, name] of m[2].matchAll(/(\w+)\s*=\s*(?:\$\d+|'[^']*'|\d+)/g)) {
        const c = table.columns.find((x) => x.name === name);
        if (!c) diagnostics.push({ code: "Q003", severity: "error", message: `column \`${name}\` is not in ${table.name}`, ...at });
        else eq.push(c.id);
      }
      if (eq.length === 0 || leads(table).some((k) => eq.every((c, i) => k[i] === c))) return;
      const names = eq.map((id) => table.columns.find((c) => c.id === id)?.name ?? id);
      const name = `ix_${table.name}_${names.join("_")}`;
      const known = indexes.find((ix) => ix.name === name);
      if (known) {
        known.patterns.push(p.name);
        return;
      }
      diagnostics.push({ code: "A001", severity: "warning", message: `pattern \`${p.name}\` scans ${table.name}`, ...at });
      indexes.push({
        table: table.name,
        name,
        columns: names,
        include: [],
        where: null,
        unique: false,
        patterns: [p.name],
        reason: `equality on ${names.join(", ")}`,
        ddl: `CREATE INDEX ${name} ON ${table.name} (${names.join(", ")});`,
      });
    });
  });
  return { diagnostics, indexes };
}

/** The fake advice on `design`, with `checked` (the fake check's diagnostics) in the score. */
export function fakeAdvise(design: Design, checked: Diagnostic[]): AdviseReport {
  const { diagnostics: found, indexes } = recommend(design);
  const diagnostics = [...checked, ...found];
  const groups = GROUPS.map(([group, max]) => ({ group, max, points: max, lost: [] as AdviseReport["score"]["groups"][number]["lost"] }));
  for (const d of diagnostics) {
    const g = groups.find((x) => x.group === GROUP_OF[d.code[0]]);
    if (!g || g.points <= 0) continue;
    const points = Math.min(g.points, COST[d.severity]);
    g.points -= points;
    g.lost.push({ code: d.code, message: d.message, target: d.target, points });
  }
  const total = Math.round(groups.reduce((s, g) => s + g.points, 0));
  return { score: { total, groups }, diagnostics, indexes, existing: [] };
}

/** The design with the fake's recommended indexes added. */
export function fakeApplyIndexes(design: Design): IndexesApplied {
  const { indexes } = recommend(design);
  const tables = design.tables.map((t) => {
    const mine = indexes.filter((ix) => ix.table === t.name);
    if (mine.length === 0) return t;
    const list = [...(t.indexes ?? [])];
    for (const ix of mine) {
      const parts = ix.columns.map((n) => ({ column: t.columns.find((c) => c.name === n)?.id ?? n }));
      list.push({ id: freshId("ix1", list), name: ix.name, parts });
    }
    return { ...t, indexes: list };
  });
  return { design: { ...design, tables }, indexes };
}

/** A worksheet file's text, the way the real export writes it (rates per second or percent). */
export function fakeWorksheetText(worksheet: Worksheet | undefined): string {
  return (worksheet?.patterns ?? [])
    .map((p) => {
      const lines = [`-- name: ${p.name} :many`];
      if (p.rate) lines.push(`-- rate: ${"percent" in p.rate ? `${p.rate.percent}%` : `${p.rate.per_second}/s`}`);
      return [...lines, ...p.statements.map((s) => `${s};`)].join("\n");
    })
    .join("\n\n");
}

/** The design with the `-- name:` blocks of a worksheet file merged in (same name replaces). */
export function fakeWorksheetImport(design: Design, text: string): Design {
  const patterns = [...(design.worksheet?.patterns ?? [])];
  for (const block of text.split(/^-- name:/m).slice(1)) {
    const [head, ...rest] = block.split("\n");
    const name = head.trim().split(/\s+/)[0];
    const statements = rest
      .filter((l) => !l.startsWith("--"))
      .join("\n")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
    const at = patterns.findIndex((p) => p.name === name);
    const p = { id: at >= 0 ? patterns[at].id : freshId(name, patterns), name, statements };
    if (at >= 0) patterns[at] = p;
    else patterns.push(p);
  }
  return { ...design, worksheet: { patterns } };
}
