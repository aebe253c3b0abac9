/**
 * The worksheet (access patterns) as pure functions: edits that return a new Design, rates and
 * latencies read and printed the way worksheet files write them, statements split at `;`, and
 * diagnostics sorted to the patterns they concern.
 */
import type { AccessPattern } from "../bindings/AccessPattern";
import type { Design } from "../bindings/Design";
import type { Diagnostic } from "../bindings/Diagnostic";
import type { Rate } from "../bindings/Rate";
import { freshId, freshName } from "./naming";

/** The design's patterns (none when it has no worksheet). */
export function patternsOf(design: Design): AccessPattern[] {
  return design.worksheet?.patterns ?? [];
}

function withPatterns(design: Design, patterns: AccessPattern[]): Design {
  return { ...design, worksheet: { ...design.worksheet, patterns } };
}

/** Appends an empty pattern with a fresh name; returns the design and the new pattern's id. */
export function addPattern(design: Design): { design: Design; patternId: string } {
  const patterns = patternsOf(design);
  const name = freshName("NewPattern", patterns.map((p) => p.name));
  const id = freshId(name, patterns);
  const pattern: AccessPattern = { id, name, rate: { per_second: 1 }, statements: [] };
  return { design: withPatterns(design, [...patterns, pattern]), patternId: id };
}

/** Replaces the pattern with id `id` by `fn(pattern)`; the design itself when it is absent or unchanged. */
export function updatePattern(design: Design, id: string, fn: (p: AccessPattern) => AccessPattern): Design {
  const patterns = patternsOf(design);
  const index = patterns.findIndex((p) => p.id === id);
  if (index < 0) return design;
  const next = cleanPattern(fn(patterns[index]));
  if (JSON.stringify(next) === JSON.stringify(patterns[index])) return design;
  const list = patterns.slice();
  list[index] = next;
  return withPatterns(design, list);
}

/** Drops absent and empty optional fields, so the design file stays minimal. */
export function cleanPattern(p: AccessPattern): AccessPattern {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || (v === "" && k !== "name" && k !== "id")) continue;
    out[k] = v;
  }
  return out as AccessPattern;
}

/** Deletes a pattern; patterns issued per row of it stop pointing at it. */
export function deletePattern(design: Design, id: string): Design {
  const patterns = patternsOf(design);
  if (!patterns.some((p) => p.id === id)) return design;
  return withPatterns(
    design,
    patterns
      .filter((p) => p.id !== id)
      .map((p) => {
        if (p.per_row_of !== id) return p;
        const rest = { ...p };
        delete rest.per_row_of;
        return rest;
      }),
  );
}

/** Copies a pattern right after itself with a fresh id and name; returns the copy's id. */
export function duplicatePattern(design: Design, id: string): { design: Design; patternId: string } {
  const patterns = patternsOf(design);
  const index = patterns.findIndex((p) => p.id === id);
  if (index < 0) return { design, patternId: "" };
  const name = freshName(`${patterns[index].name}Copy`, patterns.map((p) => p.name));
  const copy: AccessPattern = { ...structuredClone(patterns[index]), id: freshId(name, patterns), name };
  const list = patterns.slice();
  list.splice(index + 1, 0, copy);
  return { design: withPatterns(design, list), patternId: copy.id };
}

const UNITS: Record<string, number> = { s: 1, sec: 1, second: 1, m: 60, min: 60, minute: 60, h: 3600, hr: 3600, hour: 3600, d: 86400, day: 86400 };

const number = (s: string): number | undefined => {
  if (!/^\d*\.?\d+(e[+-]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * Reads a rate as worksheet files write it: `120/s`, `30/min`, `5/h`, `100/day`, `12%`, or a bare
 * number per second. Empty text means no rate.
 */
export function parseRate(text: string): { rate?: Rate; error?: string } {
  const t = text.replace(/\s+/g, "");
  if (t === "") return {};
  const bad = { error: `cannot read the rate \`${text.trim()}\` (expected e.g. 120/s, 30/min, 5/h, 100/day or 12%)` };
  if (t.endsWith("%")) {
    const n = number(t.slice(0, -1));
    return n === undefined ? bad : { rate: { percent: n } };
  }
  const slash = t.indexOf("/");
  const n = number(slash < 0 ? t : t.slice(0, slash));
  const per = slash < 0 ? 1 : UNITS[t.slice(slash + 1).toLowerCase()];
  if (n === undefined || per === undefined) return bad;
  return { rate: { per_second: n / per } };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** A rate as worksheet files write it: the largest unit that keeps the number at least 1. */
export function formatRate(rate: Rate | undefined): string {
  if (!rate) return "";
  if ("percent" in rate) return `${round(rate.percent)}%`;
  const r = rate.per_second;
  for (const [unit, factor] of [["s", 1], ["min", 60], ["h", 3600]] as const) {
    if (r * factor >= 1) return `${round(r * factor)}/${unit}`;
  }
  return `${round(r * 86400)}/day`;
}

/** Reads a latency target: `20ms`, `1.5s`, or a bare number of milliseconds. Empty means none. */
export function parseLatency(text: string): { ms?: number; error?: string } {
  const t = text.trim().toLowerCase();
  if (t === "") return {};
  const [body, factor] = t.endsWith("ms") ? [t.slice(0, -2), 1] : t.endsWith("s") ? [t.slice(0, -1), 1000] : [t, 1];
  const n = number(body.trim());
  return n === undefined ? { error: `cannot read the latency \`${text.trim()}\` (expected e.g. 20ms or 1s)` } : { ms: n * factor };
}

/**
 * Splits SQL text at `;` outside strings, quoted names, dollar quotes and comments; statements
 * come back trimmed, without their `;`, empty ones dropped.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const skipTo = (end: string, from: number) => {
    const at = sql.indexOf(end, from);
    return at < 0 ? sql.length : at + end.length;
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === "`") i = skipTo(c, i + 1);
    else if (c === "-" && next === "-") i = skipTo("\n", i + 2);
    else if (c === "/" && next === "*") i = skipTo("*/", i + 2);
    else if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      i = tag ? skipTo(tag, i + tag.length) : i + 1;
    } else if (c === ";") {
      out.push(sql.slice(start, i));
      start = i + 1;
      i += 1;
    } else i += 1;
  }
  out.push(sql.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== "");
}

/** Statements as one editable text: each ends with `;`, one per paragraph. */
export function statementsText(statements: string[]): string {
  return statements.map((s) => `${s.trim()};`).join("\n\n");
}

/**
 * Diagnostics per pattern id: those whose target is a pattern, and those whose path points into
 * `/worksheet/patterns/N/...` of `patterns` (the patterns the diagnostics were computed for).
 * Each pattern's list keeps the order given.
 */
export function diagnosticsByPattern(diagnostics: Diagnostic[], patterns: AccessPattern[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    let id: string | undefined;
    if (d.target?.kind === "pattern") id = d.target.pattern;
    else {
      const m = d.path ? /^\/worksheet\/patterns\/(\d+)(\/|$)/.exec(d.path) : null;
      if (m) id = patterns[Number(m[1])]?.id;
    }
    if (id === undefined) continue;
    const list = out.get(id);
    if (list) list.push(d);
    else out.set(id, [d]);
  }
  return out;
}
