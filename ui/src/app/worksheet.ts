/**
 * Worksheet and index-advice actions on the open document: apply the recommended indexes,
 * import a worksheet file, export one. Each change of the design is one undoable edit.
 */
import { open } from "@tauri-apps/plugin-dialog";
import type { StoreApi } from "zustand/vanilla";
import type { Design } from "../bindings/Design";
import type { IndexesApplied } from "../bindings/IndexesApplied";
import type { WorksheetImported } from "../bindings/WorksheetImported";
import { errorMessage, ipc, isApiError } from "../ipc";
import type { DocState } from "../store/document";
import { saveText, type Report } from "./files";

const SQL_FILTERS = [{ name: "Worksheet (SQL)", extensions: ["sql"] }];

/**
 * Adds every recommended index to the design as one undoable edit; returns how many were added.
 * Nothing changes when the design was edited while the advice was computed.
 */
export async function applyRecommendedIndexes(
  store: StoreApi<DocState>,
  report: Report,
  call: (d: Design) => Promise<IndexesApplied> = ipc.applyRecommendedIndexes,
): Promise<number> {
  const base = store.getState().design;
  let out: IndexesApplied;
  try {
    out = await call(base);
  } catch (e) {
    report(`Could not apply the recommended indexes: ${errorMessage(e)}`);
    return 0;
  }
  if (store.getState().design !== base) {
    report("The design changed while the indexes were computed; apply them again.");
    return 0;
  }
  if (out.indexes.length === 0) return 0;
  store.getState().edit(() => out.design);
  return out.indexes.length;
}

/**
 * Merges the patterns of a worksheet file into the design (a pattern with the name of an existing
 * one replaces it) as one undoable edit. Asks for the file when `path` is absent.
 */
export async function importWorksheet(
  store: StoreApi<DocState>,
  report: Report,
  path?: string,
  call: (d: Design, path: string) => Promise<WorksheetImported> = ipc.worksheetImport,
): Promise<boolean> {
  const chosen = path ?? (await open({ multiple: false, directory: false, filters: SQL_FILTERS }));
  if (typeof chosen !== "string") return false;
  const base = store.getState().design;
  try {
    const out = await call(base, chosen);
    if (store.getState().design !== base) {
      report("The design changed while the worksheet was read; import it again.");
      return false;
    }
    store.getState().edit(() => out.design);
    if (out.diagnostics.length > 0) report(`${chosen}: imported with ${out.diagnostics.length} warning(s)`, out.diagnostics);
    return true;
  } catch (e) {
    report(`Could not import ${chosen}: ${errorMessage(e)}`, isApiError(e) ? e.diagnostics : undefined);
    return false;
  }
}

/** Writes the design's worksheet as a worksheet file through the save dialog. */
export async function exportWorksheet(store: StoreApi<DocState>, report: Report): Promise<void> {
  const design = store.getState().design;
  try {
    const text = await ipc.worksheetExport(design);
    await saveText(report, text, `${design.name ?? "design"}.worksheet.sql`);
  } catch (e) {
    report(`Could not export the worksheet: ${errorMessage(e)}`);
  }
}
