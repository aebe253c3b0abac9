/**
 * The editor's commands, shared by the toolbar, the keyboard shortcuts and the native menu.
 */
import { useReactFlow } from "@xyflow/react";
import { useMemo } from "react";
import type { Recovered } from "../bindings/Recovered";
import { autoLayout } from "../diagram/layout";
import { diagramPngBase64, diagramSvg } from "../export/image";
import { errorMessage, ipc, type TextFormat } from "../ipc";
import { addColumn, addTable, alignTables, deleteColumn, deleteTables, duplicateTable, moveTables } from "../model/edit";
import { useDocStore } from "../store/context";
import { closeWindow } from "./close";
import { newDocument, openDocument, saveBinary, saveDocument, saveText, type Report } from "./files";

/** Panels the commands open. */
export type Ui = { setSearch: (open: boolean) => void; setHelp: (open: boolean) => void };

/** Every command, bound to the current store and diagram. */
export function useCommands(report: Report, ui: Ui) {
  const store = useDocStore();
  const flow = useReactFlow();
  return useMemo(() => {
    const st = () => store.getState();
    const focus = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);
    const layout = async (onlySelection: boolean) => {
      const sel = st().selection.tables;
      const ids = onlySelection && sel.length > 1 ? new Set(sel) : undefined;
      try {
        const positions = await autoLayout(st().design, ids);
        st().edit((d) => moveTables(d, positions));
        if (!ids) setTimeout(() => flow.fitView({ duration: 300 }), 50);
      } catch (e) {
        report(`Auto layout failed: ${errorMessage(e)}`);
      }
    };
    const exportText = async (format: TextFormat) => {
      try {
        const text = await ipc.exportText(st().design, format);
        await saveText(report, text, `${st().design.name ?? "design"}.${format === "mermaid" ? "mmd" : "dbml"}`);
      } catch (e) {
        report(errorMessage(e));
      }
    };
    // Export covers the whole diagram, or the subject area shown alone.
    const shown = () => {
      const { design, area } = st();
      const a = area ? design.layout?.areas?.find((x) => x.id === area) : undefined;
      return a ? new Set(a.tables) : undefined;
    };
    return {
      newDesign: () => newDocument(store, report),
      open: (path?: string) => openDocument(store, report, path),
      save: () => saveDocument(store, report),
      saveAs: () => saveDocument(store, report, true),
      close: () => closeWindow(),
      restore: (r: Recovered) => st().load(r.design, r.path, true),
      undo: () => st().undo(),
      redo: () => st().redo(),
      addTable: () => {
        const el = document.querySelector(".react-flow");
        const r = el?.getBoundingClientRect();
        const at = r ? flow.screenToFlowPosition({ x: r.left + r.width / 2 - 120, y: r.top + r.height / 3 }) : { x: 0, y: 0 };
        // Step aside from boxes already at that spot, so that new tables never stack up.
        const taken = Object.values(st().design.layout?.tables ?? {});
        let moved = false;
        while (taken.some((p) => Math.abs(p.x - at.x) < 200 && Math.abs(p.y - at.y) < 120)) {
          at.x += 300;
          moved = true;
        }
        if (moved) flow.setCenter(at.x + 120, at.y + 80, { zoom: flow.getZoom() });
        let id = "";
        st().edit((d) => {
          const out = addTable(d, at);
          id = out.tableId;
          return out.design;
        });
        st().select({ tables: [id] });
        focus("table-name");
      },
      addColumn: () => {
        const [table] = st().selection.tables;
        if (!table) return;
        let column = "";
        st().edit((d) => {
          const out = addColumn(d, table);
          column = out.columnId;
          return out.design;
        });
        if (column) {
          st().select({ tables: [table], column: { table, column } });
          focus("column-name");
        }
      },
      rename: () => {
        // In place on the diagram when the name is on screen, else in the inspector.
        const { selection } = st();
        const col = selection.column;
        const table = col?.table ?? selection.tables[0];
        const node = table ? document.querySelector(`.react-flow__node[data-id="${CSS.escape(table)}"]`) : null;
        const target = col ? node?.querySelector(`[data-column="${CSS.escape(col.column)}"] .cname`) : node?.querySelector(".tname");
        if (table && target) st().setRenaming(col ? { table, column: col.column } : { table });
        else focus(col ? "column-name" : "table-name");
      },
      remove: () => {
        const { selection } = st();
        if (selection.column) {
          const c = selection.column;
          st().edit((d) => deleteColumn(d, c.table, c.column));
          st().select({ tables: [c.table] });
        } else if (selection.tables.length > 0) {
          st().edit((d) => deleteTables(d, selection.tables));
        }
      },
      duplicate: () => {
        const [table] = st().selection.tables;
        if (!table) return;
        let id = "";
        st().edit((d) => {
          const out = duplicateTable(d, table);
          id = out.tableId;
          return out.design;
        });
        st().select({ tables: [id] });
      },
      align: (edge: "left" | "top") => st().edit((d) => alignTables(d, st().selection.tables, edge)),
      fit: () => flow.fitView({ duration: 300 }),
      layoutAll: () => layout(false),
      layoutSelection: () => layout(true),
      search: () => ui.setSearch(true),
      help: () => ui.setHelp(true),
      exportSvg: async () => {
        try {
          await saveText(report, diagramSvg(st().design, shown()), `${st().design.name ?? "diagram"}.svg`);
        } catch (e) {
          report(`SVG export failed: ${errorMessage(e)}`);
        }
      },
      exportPng: async () => {
        try {
          await saveBinary(report, await diagramPngBase64(st().design, shown()), `${st().design.name ?? "diagram"}.png`);
        } catch (e) {
          report(`PNG export failed: ${errorMessage(e)}`);
        }
      },
      exportMermaid: () => exportText("mermaid"),
      exportDbml: () => exportText("dbml"),
    };
  }, [store, flow, report, ui]);
}

/** The command set's type. */
export type Commands = ReturnType<typeof useCommands>;
