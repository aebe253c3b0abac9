/** The keyboard shortcuts, listed. */
import { SHORTCUTS } from "../hooks/shortcuts";

/** Help overlay. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="overlay" onMouseDown={onClose} onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div className="help" role="dialog" aria-label="Keyboard shortcuts" onMouseDown={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Drag from a column's dot onto another table to create a foreign key there. Shift-drag selects an area; Ctrl-click adds to the selection.
        </p>
        <button autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
