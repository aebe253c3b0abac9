/**
 * The state behind the Sharding tab: the engine and shard count (the design's settings.sharding
 * when it plans for sharding, else a choice kept here), the "Show shard plan" toggle, and the
 * live plan while a view needs it.
 */
import { useCallback, useState } from "react";
import type { Sharding } from "../bindings/Sharding";
import type { ShardControls } from "../components/ShardPanel";
import { DEFAULT_SHARDING, setSharding } from "../model/shard";
import { useDoc, useDocStore } from "../store/context";
import { useLiveShard } from "./useLiveShard";

/**
 * `tabShown`: the Sharding tab is open; `worksheetShown`: the Worksheet tab is open, which shows
 * verdicts when the design plans for sharding or a plan was made.
 */
export function useShardControls(tabShown: boolean, worksheetShown: boolean): ShardControls {
  const store = useDocStore();
  const setting = useDoc((s) => s.design.settings.sharding);
  const hasPlan = useDoc((s) => s.shard !== null);
  const [draft, setDraft] = useState<Sharding>(DEFAULT_SHARDING);
  const [showPlan, setShowPlan] = useState(false);
  const request = setting ?? draft;
  const enabled = tabShown || showPlan || (worksheetShown && (setting !== undefined || hasPlan));
  const error = useLiveShard(enabled, request, tabShown || showPlan);

  const onRequest = useCallback(
    (next: Sharding) => {
      if (store.getState().design.settings.sharding) store.getState().edit((d) => setSharding(d, next));
      else setDraft(next);
    },
    [store],
  );
  const onPlanned = useCallback(
    (on: boolean) => {
      const current = store.getState().design.settings.sharding;
      if (on) store.getState().edit((d) => setSharding(d, draft));
      else {
        if (current) setDraft(current);
        store.getState().edit((d) => setSharding(d, undefined));
      }
    },
    [store, draft],
  );
  return { request, planned: setting !== undefined, onRequest, onPlanned, showPlan, onShowPlan: setShowPlan, error };
}
