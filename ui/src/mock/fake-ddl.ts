/**
 * A crude CREATE TABLE printer for the e2e build's fake IPC only; the real DDL comes from Rust
 * and is tested there.
 */
import type { Design } from "../bindings/Design";

/** PostgreSQL-flavoured DDL of `design`, one CREATE TABLE per table and its indexes. */
export function fakeDdl(design: Design, dialect: string): string {
  const byId = new Map(design.tables.map((t) => [t.id, t]));
  const out = [`-- DDL for ${dialect} (e2e fake)`];
  for (const t of design.tables) {
    const name = (id: string) => t.columns.find((c) => c.id === id)?.name ?? id;
    const lines = t.columns.map((c) => `  ${c.name} ${c.type}${c.nullable ? "" : " NOT NULL"}`);
    if (t.primary_key) lines.push(`  PRIMARY KEY (${t.primary_key.columns.map(name).join(", ")})`);
    for (const fk of t.foreign_keys ?? []) {
      const parent = byId.get(fk.references);
      if (!parent) continue;
      const refs = fk.referenced_columns ?? parent.primary_key?.columns ?? [];
      const refName = (id: string) => parent.columns.find((c) => c.id === id)?.name ?? id;
      lines.push(
        `  CONSTRAINT fk_${t.name}_${parent.name} FOREIGN KEY (${fk.columns.map(name).join(", ")}) REFERENCES ${parent.name} (${refs.map(refName).join(", ")})`,
      );
    }
    out.push(`CREATE TABLE ${t.name} (\n${lines.join(",\n")}\n);`);
    for (const ix of t.indexes ?? []) {
      const cols = ix.parts.map((p) => (p.column ? name(p.column) : `(${p.expr ?? ""})`));
      out.push(`CREATE ${ix.unique ? "UNIQUE " : ""}INDEX ${ix.name ?? `ix_${t.name}_${ix.id}`} ON ${t.name} (${cols.join(", ")});`);
    }
  }
  return out.join("\n\n") + "\n";
}
