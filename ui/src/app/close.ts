/**
 * Closing the window: File ▸ Close and the window manager's close button both end in the
 * window's close request, which asks before unsaved changes are lost.
 */
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { StoreApi } from "zustand/vanilla";
import { ipc } from "../ipc";
import type { DocState } from "../store/document";
import { askInWindow } from "./confirm";

/** The question asked before closing with unsaved changes. */
export const CLOSE_UNSAVED = {
  title: "Unsaved changes",
  message: "The design has unsaved changes. Close without saving?",
  confirm: "Close without saving",
  cancel: "Cancel",
};

/** Requests the window's close, as its close button does. */
export async function closeWindow(): Promise<void> {
  await getCurrentWindow().close();
}

/**
 * Whether the window may close now: true for a saved document; otherwise `ask` decides, and a
 * confirmed close drops the autosave, so that the discarded work is not offered back.
 */
export async function mayClose(store: StoreApi<DocState>, ask = askInWindow, discard = () => ipc.discardAutosave()): Promise<boolean> {
  if (!store.getState().dirty) return true;
  if (!(await ask(CLOSE_UNSAVED))) return false;
  await discard().catch(() => null);
  return true;
}

/** Asks before the window closes with unsaved changes; returns the function that stops asking. */
export function guardClose(store: StoreApi<DocState>): () => void {
  const un = getCurrentWindow().onCloseRequested(async (event) => {
    if (!(await mayClose(store))) event.preventDefault();
  });
  return () => {
    void un.then((f) => f()).catch(() => undefined);
  };
}
