/** SQL with its keywords, strings, numbers, parameters and comments coloured; edited in place. */
import { useState } from "react";
import { sqlTokens } from "../model/sql-tokens";

/** Highlighted SQL, read-only. */
export function SqlView({ sql, className }: { sql: string; className?: string }) {
  return (
    <code className={className ?? "sql"}>
      {sqlTokens(sql).map((t, i) => (t.kind === "text" ? t.text : <span key={i} className={`sql-${t.kind}`}>{t.text}</span>))}
    </code>
  );
}

/**
 * SQL shown highlighted; a click (or Enter) turns it into a text area. Leaving the text area or
 * Ctrl+Enter commits the text (one edit); Escape gives up the changes.
 */
export function SqlField(props: { value: string; onCommit: (v: string) => void; label: string; placeholder?: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <pre
        className="sql-field"
        role="button"
        tabIndex={0}
        aria-label={props.label}
        title="Click to edit"
        onClick={() => setDraft(props.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            setDraft(props.value);
          }
        }}
      >
        {props.value ? <SqlView sql={props.value} /> : <span className="muted">{props.placeholder ?? "SQL…"}</span>}
      </pre>
    );
  }
  const commit = () => {
    if (draft !== props.value) props.onCommit(draft);
    setDraft(null);
  };
  return (
    <textarea
      className="sql-edit"
      aria-label={props.label}
      autoFocus
      spellCheck={false}
      rows={Math.min(12, Math.max(3, draft.split("\n").length + 1))}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) commit();
        if (e.key === "Escape") setDraft(null);
      }}
    />
  );
}
