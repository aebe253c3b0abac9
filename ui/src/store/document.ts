/**
 * The open document: design, file path, dirty flag, selection, and snapshot-based undo/redo.
 * A plain zustand vanilla store, so it is tested without React.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { AdviseReport } from "../bindings/AdviseReport";
import type { Design } from "../bindings/Design";
import type { Diagnostic } from "../bindings/Diagnostic";
import type { Severity } from "../bindings/Severity";
import type { ShardReport } from "../bindings/ShardReport";
import type { Sharding } from "../bindings/Sharding";
import type { ShardDecor } from "../diagram/shard";

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Worst severity per table and per column that diagnostics target. */
export function diagnosticMarks(diagnostics: Diagnostic[]): Record<string, Severity> {
  const marks: Record<string, Severity> = {};
  const put = (key: string, s: Severity) => {
    const old = marks[key];
    if (old === undefined || RANK[s] > RANK[old]) marks[key] = s;
  };
  for (const d of diagnostics) {
    const t = d.target;
    if (!t || !("table" in t)) continue;
    put(t.table, d.severity);
    if (t.kind === "column") put(`${t.table}/${t.column}`, d.severity);
  }
  return marks;
}

/** What is selected: tables, and at most one column of one of them. */
export type Selection = { tables: string[]; column?: { table: string; column: string } };

/** A table name, or a column name when `column` is set, being edited in place on the diagram. */
export type Renaming = { table: string; column?: string };

/** The advisors' last report and the design it was computed for. */
export type Advice = { report: AdviseReport; design: Design };

/** The shard advisor's last plan, the design and the engine and shard count it was made for. */
export type ShardResult = { report: ShardReport; design: Design; request: Sharding };

/** Document state and the actions that change it. */
export type DocState = {
  design: Design;
  path: string | null;
  dirty: boolean;
  selection: Selection;
  /** Designs before each edit, oldest first. */
  past: Design[];
  /** Designs undone, most recently undone last. */
  future: Design[];
  /** Diagnostics from the last check of the design. */
  diagnostics: Diagnostic[];
  /** Worst severity per table id and per `tableId/columnId`, from `diagnostics`. */
  marks: Record<string, Severity>;
  /** Subject area shown alone, if any. */
  area: string | null;
  /** The last advice (score, index advice), while the advice panels are shown. */
  advice: Advice | null;
  /** The last shard plan, while the sharding views are shown. */
  shard: ShardResult | null;
  /** Shard placement per table id drawn on the diagram, while the plan is shown there. */
  shardDecor: ShardDecor | null;
  /** The name being edited in place on the diagram, if any. */
  renaming: Renaming | null;
  /** Replaces the document (open, new, restore); clears history. `dirty` for restored work. */
  load: (design: Design, path: string | null, dirty?: boolean) => void;
  /** Applies one undoable edit. An edit returning the same design is not recorded. */
  edit: (fn: (d: Design) => Design) => void;
  /**
   * Completes the document as it was opened (the first automatic layout of a design stored
   * without positions): not an edit, so neither recorded for undo nor marking it unsaved.
   */
  place: (fn: (d: Design) => Design) => void;
  undo: () => void;
  redo: () => void;
  /** Records a successful save to `path`. */
  saved: (path: string) => void;
  select: (selection: Selection) => void;
  setDiagnostics: (d: Diagnostic[]) => void;
  setArea: (area: string | null) => void;
  setAdvice: (advice: Advice | null) => void;
  setShard: (shard: ShardResult | null) => void;
  setShardDecor: (decor: ShardDecor | null) => void;
  /** Opens (or with null closes) the in-place name editor. */
  setRenaming: (renaming: Renaming | null) => void;
};

/** Drops selected ids that no longer exist in `design`. */
function pruneSelection(sel: Selection, design: Design): Selection {
  const ids = new Set(design.tables.map((t) => t.id));
  const tables = sel.tables.filter((id) => ids.has(id));
  const col = sel.column;
  const keepCol =
    col && design.tables.find((t) => t.id === col.table)?.columns.some((c) => c.id === col.column) ? col : undefined;
  if (tables.length === sel.tables.length && keepCol === col) return sel;
  return { tables, column: keepCol };
}

/** Creates a document store holding `design`. */
export function createDocStore(design: Design, path: string | null = null): StoreApi<DocState> {
  return createStore<DocState>()((set, get) => ({
    design,
    path,
    dirty: false,
    selection: { tables: [] },
    past: [],
    future: [],
    diagnostics: [],
    marks: {},
    area: null,
    advice: null,
    shard: null,
    shardDecor: null,
    renaming: null,
    load: (d, p, dirty = false) =>
      set({ design: d, path: p, dirty, past: [], future: [], selection: { tables: [] }, diagnostics: [], marks: {}, area: null, advice: null, shard: null, shardDecor: null, renaming: null }),
    edit: (fn) => {
      const { design: before, past, selection } = get();
      const after = fn(before);
      if (after === before) return;
      set({ design: after, past: [...past, before], future: [], dirty: true, selection: pruneSelection(selection, after) });
    },
    place: (fn) => {
      const { design: before, selection } = get();
      const after = fn(before);
      if (after === before) return;
      set({ design: after, selection: pruneSelection(selection, after) });
    },
    undo: () => {
      const { past, future, design: now, selection } = get();
      const prev = past[past.length - 1];
      if (!prev) return;
      set({ design: prev, past: past.slice(0, -1), future: [...future, now], dirty: true, selection: pruneSelection(selection, prev) });
    },
    redo: () => {
      const { past, future, design: now, selection } = get();
      const next = future[future.length - 1];
      if (!next) return;
      set({ design: next, future: future.slice(0, -1), past: [...past, now], dirty: true, selection: pruneSelection(selection, next) });
    },
    saved: (p) => set({ path: p, dirty: false }),
    select: (selection) => set({ selection }),
    setDiagnostics: (diagnostics) => set({ diagnostics, marks: diagnosticMarks(diagnostics) }),
    setArea: (area) => set({ area }),
    setAdvice: (advice) => set({ advice }),
    setShard: (shard) => set({ shard }),
    setShardDecor: (shardDecor) => set({ shardDecor }),
    setRenaming: (renaming) => set({ renaming }),
  }));
}
