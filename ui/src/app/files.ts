/** File actions shared by the menu, the toolbar and the shortcuts: new, open, save, save as, close. */
import { ask, open, save } from "@tauri-apps/plugin-dialog";
import type { StoreApi } from "zustand/vanilla";
import type { Diagnostic } from "../bindings/Diagnostic";
import { errorMessage, ipc, isApiError } from "../ipc";
import type { DocState } from "../store/document";

/** Where file problems are shown: a message and the diagnostics with their places. */
export type Report = (message: string, diagnostics?: Diagnostic[]) => void;

const FILTERS = [{ name: "Schemata design", extensions: ["json"] }];

/** Asks before throwing away unsaved changes; true when it is fine to go on. */
export async function confirmDiscard(store: StoreApi<DocState>): Promise<boolean> {
  if (!store.getState().dirty) return true;
  return ask("The design has unsaved changes. Discard them?", { title: "Schemata", kind: "warning" });
}

/** Replaces the document by a new one from an example. */
export async function newDocument(store: StoreApi<DocState>, report: Report, example = "empty"): Promise<void> {
  if (!(await confirmDiscard(store))) return;
  try {
    store.getState().load(await ipc.newDesign(example), null);
  } catch (e) {
    report(errorMessage(e));
  }
}

/** Opens `path`, or asks for a file when it is absent. */
export async function openDocument(store: StoreApi<DocState>, report: Report, path?: string): Promise<void> {
  if (!(await confirmDiscard(store))) return;
  const chosen = path ?? (await open({ multiple: false, directory: false, filters: FILTERS }));
  if (typeof chosen !== "string") return;
  try {
    const opened = await ipc.openDesign(chosen);
    store.getState().load(opened.design, chosen);
    store.getState().setDiagnostics(opened.diagnostics);
  } catch (e) {
    report(`Could not open ${chosen}: ${errorMessage(e)}`, isApiError(e) ? e.diagnostics : undefined);
  }
}

/** Saves to the document's path, or asks for one (always asks with `as`). True when saved. */
export async function saveDocument(store: StoreApi<DocState>, report: Report, as = false): Promise<boolean> {
  const { design, path } = store.getState();
  const target = !as && path ? path : await save({ filters: FILTERS, defaultPath: path ?? "design.schemata.json" });
  if (!target) return false;
  try {
    await ipc.saveDesign(target, design);
    // Only a save of what is still the current design makes it clean.
    if (store.getState().design === design) store.getState().saved(target);
    await ipc.discardAutosave().catch(() => null);
    return true;
  } catch (e) {
    report(`Could not save ${target}: ${errorMessage(e)}`);
    return false;
  }
}

/** Copies text to the clipboard (the DDL panels); a failure is reported. */
export function copyText(report: Report, text: string): void {
  const done = navigator.clipboard?.writeText(text);
  if (!done) report("Could not copy to the clipboard");
  else done.catch(() => report("Could not copy to the clipboard"));
}

/** Saves text through the save dialog (DDL, Mermaid, DBML, SVG). */
export async function saveText(report: Report, contents: string, defaultPath: string): Promise<void> {
  const target = await save({ defaultPath });
  if (!target) return;
  try {
    await ipc.writeTextFile(target, contents);
  } catch (e) {
    report(`Could not write ${target}: ${errorMessage(e)}`);
  }
}

/** Saves binary data (PNG) given as base64 through the save dialog. */
export async function saveBinary(report: Report, base64: string, defaultPath: string): Promise<void> {
  const target = await save({ defaultPath });
  if (!target) return;
  try {
    await ipc.writeBinaryFile(target, base64);
  } catch (e) {
    report(`Could not write ${target}: ${errorMessage(e)}`);
  }
}
