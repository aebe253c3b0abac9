/**
 * A name edited in place on the diagram: Enter or leaving the field commits, Escape cancels. The
 * commit goes through the document store as one undoable edit, the same edit the inspector makes.
 */
import { useRef, useState } from "react";
import { renameColumn, renameTable } from "../model/edit";
import { useDocStore } from "../store/context";

/** The input that replaces a table or column name while it is renamed. */
export function InlineName({ table, column, value, label }: { table: string; column?: string; value: string; label: string }) {
  const store = useDocStore();
  const [text, setText] = useState(value);
  const done = useRef(false);
  const finish = (name: string | null) => {
    if (done.current) return;
    done.current = true;
    const st = store.getState();
    st.setRenaming(null);
    const next = name?.trim();
    if (!next || next === value) return;
    st.edit((d) => (column ? renameColumn(d, table, column, next) : renameTable(d, table, next)));
  };
  return (
    <input
      className="inline-name nodrag nopan nowheel"
      aria-label={label}
      autoFocus
      value={text}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => finish(text)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter") finish(text);
        else if (e.key === "Escape") finish(null);
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    />
  );
}
