/** The live DDL for the chosen dialect, recomputed (debounced) as the design changes; copy and save. */
import { useEffect, useState } from "react";
import type { DialectName } from "../bindings/DialectName";
import type { Diagnostic } from "../bindings/Diagnostic";
import { copyText, saveText, type Report } from "../app/files";
import { useDebounced } from "../hooks/useDebounced";
import { errorMessage, ipc } from "../ipc";
import { useDoc } from "../store/context";

const EXT: Record<DialectName, string> = { postgres: "postgres.sql", mysql: "mysql.sql", sqlite: "sqlite.sql" };

/** DDL panel. */
export function DdlPanel({ report }: { report: Report }) {
  const design = useDebounced(
    useDoc((s) => s.design),
    350,
  );
  const [dialect, setDialect] = useState<DialectName>("postgres");
  const [sql, setSql] = useState("");
  const [notes, setNotes] = useState<Diagnostic[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    ipc.ddl(design, dialect).then(
      (out) => {
        if (!live) return;
        setSql(out.sql);
        setNotes(out.diagnostics);
        setError(null);
      },
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [design, dialect]);
  return (
    <div className="ddl-panel">
      <div className="panel-bar">
        <select aria-label="dialect" value={dialect} onChange={(e) => setDialect(e.target.value as DialectName)}>
          <option value="postgres">PostgreSQL 15+</option>
          <option value="mysql">MySQL 8</option>
          <option value="sqlite">SQLite 3</option>
        </select>
        <button onClick={() => copyText(report, sql)}>Copy</button>
        <button onClick={() => saveText(report, sql, `${design.name ?? "design"}.${EXT[dialect]}`)}>Save…</button>
        {notes.length > 0 && <span className="muted">{notes.length} dialect notes</span>}
        {error && <span className="err">{error}</span>}
      </div>
      <pre className="ddl" data-testid="ddl">
        {sql}
      </pre>
    </div>
  );
}
