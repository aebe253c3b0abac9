/**
 * Autosave: while the document is dirty, hand the design to `save` every `intervalMs`. Nothing is
 * written while the document is clean; a failing save is retried on the next tick.
 */
import type { StoreApi } from "zustand/vanilla";
import type { Design } from "../bindings/Design";
import type { DocState } from "./document";

/** Starts autosaving; returns the function that stops it. */
export function startAutosave(
  store: StoreApi<DocState>,
  save: (design: Design, path: string | null) => Promise<unknown>,
  intervalMs = 5000,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSaved: Design | undefined;
  const tick = () => {
    timer = undefined;
    const { design, path, dirty } = store.getState();
    if (!dirty || design === lastSaved) return;
    save(design, path).then(
      () => {
        lastSaved = design;
      },
      () => schedule(),
    );
  };
  const schedule = () => {
    if (timer === undefined && store.getState().dirty) timer = setTimeout(tick, intervalMs);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.design !== prev.design || s.dirty !== prev.dirty) schedule();
  });
  schedule();
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
