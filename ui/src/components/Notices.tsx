/** Banners over the diagram: the offer to restore autosaved work, and file errors with their places. */
import type { Diagnostic } from "../bindings/Diagnostic";
import type { Recovered } from "../bindings/Recovered";

/** Offers to restore work an earlier session left unsaved. */
export function RestoreBanner(props: { recovered: Recovered; onRestore: () => void; onDiscard: () => void }) {
  const when = new Date(props.recovered.saved_at);
  return (
    <div className="banner" role="alert" data-testid="restore">
      <span>
        Unsaved work from {Number.isNaN(when.getTime()) ? props.recovered.saved_at : when.toLocaleString()}
        {props.recovered.path ? ` (${props.recovered.path})` : ""} was found.
      </span>
      <button className="primary" onClick={props.onRestore}>
        Restore
      </button>
      <button onClick={props.onDiscard}>Discard</button>
    </div>
  );
}

/** A file problem: the message and each diagnostic with line:column and JSON pointer. */
export function ErrorBox(props: { message: string; diagnostics?: Diagnostic[]; onClose: () => void }) {
  return (
    <div className="banner error" role="alert" data-testid="error">
      <div className="error-body">
        <b>{props.message}</b>
        {props.diagnostics && props.diagnostics.length > 0 && (
          <ul>
            {props.diagnostics.map((d, i) => (
              <li key={i}>
                <code>{d.code}</code> {d.location ? `${d.location.line}:${d.location.column}` : ""} {d.path ?? ""} — {d.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button onClick={props.onClose}>Dismiss</button>
    </div>
  );
}
