/** Selecting and centring what a diagnostic is about, shared by the Problems and Advice panels. */
import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import type { Target } from "../bindings/Target";
import { useDocStore } from "../store/context";

/**
 * A function that selects a diagnostic's target on the diagram and centres it: tables, columns,
 * constraints and indexes select their table (and column); a relationship selects its two
 * tables; a pattern goes to `onPattern`.
 */
export function useReveal(onPattern?: (patternId: string) => void): (target: Target | undefined) => void {
  const store = useDocStore();
  const flow = useReactFlow();
  return useCallback(
    (t: Target | undefined) => {
      if (!t) return;
      if (t.kind === "pattern") {
        onPattern?.(t.pattern);
        return;
      }
      let tables: string[] = [];
      if ("table" in t) tables = [t.table];
      else if (t.kind === "relationship") {
        const r = store.getState().design.relationships?.find((x) => x.id === t.relationship);
        if (r) tables = [r.from, r.to];
      }
      if (tables.length === 0) return;
      const column = t.kind === "column" ? { table: t.table, column: t.column } : undefined;
      store.getState().select({ tables, column });
      const node = flow.getNode(tables[0]);
      if (node) flow.setCenter(node.position.x + (node.width ?? 240) / 2, node.position.y + 60, { zoom: 1, duration: 300 });
    },
    [store, flow, onPattern],
  );
}
