/** Small form fields for the inspector; text fields commit on Enter or blur, one undo step each. */
import { useEffect, useState } from "react";

/** A text input that reports its value when Enter is pressed or focus leaves. */
export function TextField(props: {
  value: string;
  onCommit: (v: string) => void;
  placeholder?: string;
  label?: string;
  id?: string;
  className?: string;
}) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const commit = () => {
    if (text !== props.value) props.onCommit(text);
  };
  return (
    <input
      id={props.id}
      className={props.className ?? "field"}
      aria-label={props.label}
      placeholder={props.placeholder}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
        if (e.key === "Escape") setText(props.value);
      }}
    />
  );
}

/** A number input; empty means absent. */
export function NumberField(props: { value?: number; onCommit: (v: number | undefined) => void; label: string }) {
  return (
    <TextField
      label={props.label}
      value={props.value === undefined ? "" : String(props.value)}
      onCommit={(v) => {
        const n = Number(v);
        props.onCommit(v.trim() === "" || !Number.isFinite(n) ? undefined : n);
      }}
    />
  );
}

/** A checkbox with its label. */
export function Check(props: { checked: boolean; onChange: (v: boolean) => void; label: string }) {
  return (
    <label className="check">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      {props.label}
    </label>
  );
}

/** A select over string options; the empty option stands for "absent". */
export function Select<T extends string>(props: {
  value: T | undefined;
  options: readonly T[];
  onChange: (v: T | undefined) => void;
  label: string;
  none?: string;
}) {
  return (
    <select aria-label={props.label} className="field" value={props.value ?? ""} onChange={(e) => props.onChange((e.target.value || undefined) as T | undefined)}>
      {props.none !== undefined && <option value="">{props.none}</option>}
      {props.options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

/** Column ids as a comma-separated list of names, edited as text. */
export function ColumnsField(props: {
  ids: string[];
  columns: { id: string; name: string }[];
  onCommit: (ids: string[]) => void;
  label: string;
}) {
  const nameOf = (id: string) => props.columns.find((c) => c.id === id)?.name ?? id;
  const idOf = (name: string) => props.columns.find((c) => c.name === name)?.id ?? name;
  return (
    <TextField
      label={props.label}
      value={props.ids.map(nameOf).join(", ")}
      onCommit={(v) =>
        props.onCommit(
          v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
            .map(idOf),
        )
      }
    />
  );
}

/** Drops undefined, empty-string and empty-array properties, so the design file stays minimal. */
export function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0 && k !== "columns" && k !== "parts")) continue;
    out[k] = v;
  }
  return out as T;
}
