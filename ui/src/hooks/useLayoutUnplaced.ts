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
    // Laying out tables that had no position when the design was opened is part of opening it
    // (the oldest undo snapshot is the design as opened).
    const st = store.getState();
    const opened = st.past.length > 0 ? st.past[0] : st.design;
    const unplacedAtOpen = new Set(unplacedTables(opened));
    const opening = missing.every((id) => unplacedAtOpen.has(id));
    autoLayout(design, all ? undefined : new Set(missing)).then(
      (positions) => {
        if (!live) return;
        const now = store.getState();
        // Tables added without a position later are placed by an ordinary, undoable edit.
        if (opening) now.place((d) => moveTables(d, positions));
        else now.edit((d) => moveTables(d, positions));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [design, store]);
}
