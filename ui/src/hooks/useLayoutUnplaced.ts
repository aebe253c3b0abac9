/**
 * Lays out tables that have no stored position (an imported design) with ELK in the worker; the
 * canvas shows them on a grid meanwhile.
 */
import { useEffect } from "react";
import { autoLayout } from "../diagram/layout";
import { unplacedTables } from "../diagram/mapping";
import { moveTables } from "../model/edit";
import { useDoc, useDocStore } from "../store/context";

export function useLayoutUnplaced() {
  const store = useDocStore();
  const design = useDoc((s) => s.design);
  useEffect(() => {
    const missing = unplacedTables(design);
    if (missing.length === 0) return;
    let live = true;
    const all = missing.length === design.tables.length;
    autoLayout(design, all ? undefined : new Set(missing)).then(
      (positions) => {
        if (!live) return;
        store.getState().edit((d) => moveTables(d, positions));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [design, store]);
}
