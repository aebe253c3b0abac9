/** Keeps the store's advice current with the design (debounced) while `enabled`. */
import { useEffect } from "react";
import { ipc } from "../ipc";
import { useDoc, useDocStore } from "../store/context";
import { useDebounced } from "./useDebounced";

/** Asks for advice on the design once it has stopped changing for half a second. */
export function useLiveAdvice(enabled: boolean) {
  const store = useDocStore();
  const design = useDebounced(
    useDoc((s) => s.design),
    500,
  );
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    ipc.advise(design).then(
      (report) => live && store.getState().setAdvice({ report, design }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [design, enabled, store]);
}
