/**
 * Keeps the store's shard plan current with the design (debounced) while `enabled`, and its
 * per-table decorations on the diagram while `onDiagram`.
 */
import { useEffect, useState } from "react";
import type { Sharding } from "../bindings/Sharding";
import { shardDecorations } from "../diagram/shard";
import { errorMessage, ipc } from "../ipc";
import { useDoc, useDocStore } from "../store/context";
import { useDebounced } from "./useDebounced";

/** Plans the design once it has stopped changing for half a second; the last error, if any. */
export function useLiveShard(enabled: boolean, request: Sharding, onDiagram: boolean): string | null {
  const store = useDocStore();
  const design = useDebounced(
    useDoc((s) => s.design),
    500,
  );
  const { engine, shards } = request;
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    ipc.shard(design, { engine, shards }).then(
      (report) => {
        if (!live) return;
        store.getState().setShard({ report, design, request: { engine, shards } });
        setError(null);
      },
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [design, enabled, engine, shards, store]);

  // Decorations follow the plan; unchanged tables keep their decoration object (no re-render).
  const plan = useDoc((s) => s.shard?.report.plan);
  useEffect(() => {
    const st = store.getState();
    st.setShardDecor(onDiagram && plan ? shardDecorations(plan, st.shardDecor) : null);
  }, [plan, onDiagram, store]);
  return enabled ? error : null;
}
