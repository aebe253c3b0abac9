/** Keyboard shortcuts: the table the help overlay shows, and the key -> command matcher. */

/** Command names the shortcuts trigger (keys of Commands). */
export type ShortcutCommand =
  | "addTable"
  | "addColumn"
  | "rename"
  | "remove"
  | "duplicate"
  | "undo"
  | "redo"
  | "search"
  | "fit"
  | "layoutAll"
  | "help"
  | "save"
  | "saveAs"
  | "open"
  | "newDesign";

/** Shortcuts as the help overlay lists them. */
export const SHORTCUTS: { keys: string; what: string; command: ShortcutCommand }[] = [
  { keys: "T", what: "Add a table", command: "addTable" },
  { keys: "C", what: "Add a column to the selected table", command: "addColumn" },
  { keys: "F2 / Enter", what: "Rename the selected table or column (or double-click its name)", command: "rename" },
  { keys: "Delete", what: "Delete the selected tables or column", command: "remove" },
  { keys: "Ctrl+D", what: "Duplicate the selected table", command: "duplicate" },
  { keys: "Ctrl+Z", what: "Undo", command: "undo" },
  { keys: "Ctrl+Shift+Z / Ctrl+Y", what: "Redo", command: "redo" },
  { keys: "Ctrl+F or /", what: "Search tables and columns", command: "search" },
  { keys: "F", what: "Zoom to fit", command: "fit" },
  { keys: "L", what: "Auto layout", command: "layoutAll" },
  { keys: "?", what: "This help", command: "help" },
  { keys: "Ctrl+S / Ctrl+Shift+S", what: "Save / Save as", command: "save" },
  { keys: "Ctrl+O", what: "Open", command: "open" },
  { keys: "Ctrl+N", what: "New design", command: "newDesign" },
];

/** Keys of the native menu's accelerators: the menu sends these, so the page leaves them alone. */
const MENU_KEYS = new Set(["z", "y", "s", "o", "n", "w", "f"]);

/**
 * The command a key press means, or undefined. Plain-letter shortcuts are ignored while typing in
 * a field. `nativeMenu` leaves the menu's accelerators to the menu.
 */
export function commandFor(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">, typing: boolean, nativeMenu: boolean): ShortcutCommand | undefined {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod) {
    if (nativeMenu && MENU_KEYS.has(key)) return undefined;
    if (key === "z") return e.shiftKey ? "redo" : typing ? undefined : "undo";
    if (key === "y") return "redo";
    if (key === "f") return "search";
    if (key === "s") return e.shiftKey ? "saveAs" : "save";
    if (key === "o") return "open";
    if (key === "n") return "newDesign";
    if (key === "d" && !typing) return "duplicate";
    return undefined;
  }
  if (typing || e.altKey) return undefined;
  switch (e.key) {
    case "t":
    case "T":
      return "addTable";
    case "c":
    case "C":
      return "addColumn";
    case "F2":
    case "Enter":
      return "rename";
    case "Delete":
    case "Backspace":
      return "remove";
    case "/":
      return "search";
    case "f":
    case "F":
      return "fit";
    case "l":
    case "L":
      return "layoutAll";
    case "?":
      return "help";
    default:
      return undefined;
  }
}
