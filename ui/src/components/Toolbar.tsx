/** The toolbar: file, edit, diagram and export commands, subject-area filter. */
import type { Commands } from "../app/commands";
import { useDoc, useDocStore } from "../store/context";

function AreaFilter() {
  const store = useDocStore();
  const areas = useDoc((s) => s.design.layout?.areas) ?? [];
  const area = useDoc((s) => s.area);
  if (areas.length === 0) return null;
  return (
    <select aria-label="subject area" value={area ?? ""} onChange={(e) => store.getState().setArea(e.target.value || null)}>
      <option value="">All tables</option>
      {areas.map((a) => (
        <option key={a.id} value={a.id}>
          Only {a.name}
        </option>
      ))}
    </select>
  );
}

/** Toolbar. */
export function Toolbar({ commands }: { commands: Commands }) {
  const canUndo = useDoc((s) => s.past.length > 0);
  const canRedo = useDoc((s) => s.future.length > 0);
  const selected = useDoc((s) => s.selection.tables.length);
  const name = useDoc((s) => s.design.name);
  const count = useDoc((s) => s.design.tables.length);
  return (
    <header className="toolbar">
      <span className="brand">Schemata</span>
      <span className="doc-name" title={name}>
        {name ?? "Untitled"} <span className="muted">· {count} tables</span>
      </span>
      <div className="group">
        <button onClick={commands.newDesign}>New</button>
        <button onClick={() => commands.open()}>Open</button>
        <button onClick={commands.save}>Save</button>
      </div>
      <div className="group">
        <button onClick={commands.undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button onClick={commands.redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
      </div>
      <div className="group">
        <button onClick={commands.addTable} title="Add table (T)">
          + Table
        </button>
        <button onClick={commands.addColumn} disabled={selected !== 1} title="Add column (C)">
          + Column
        </button>
        <button onClick={commands.align.bind(null, "left")} disabled={selected < 2} title="Align left edges">
          Align ⇤
        </button>
        <button onClick={commands.align.bind(null, "top")} disabled={selected < 2} title="Align top edges">
          Align ⤒
        </button>
      </div>
      <div className="group">
        <button onClick={selected > 1 ? commands.layoutSelection : commands.layoutAll} title="Auto layout (L)">
          {selected > 1 ? "Layout selection" : "Auto layout"}
        </button>
        <button onClick={commands.fit} title="Zoom to fit (F)">
          Fit
        </button>
        <button onClick={commands.search} title="Search (Ctrl+F)">
          Search
        </button>
        <AreaFilter />
      </div>
      <div className="group">
        <select
          aria-label="export"
          value=""
          onChange={(e) => {
            const v = e.target.value as "exportSvg" | "exportPng" | "exportMermaid" | "exportDbml";
            if (v) void commands[v]();
          }}
        >
          <option value="">Export…</option>
          <option value="exportSvg">Diagram as SVG</option>
          <option value="exportPng">Diagram as PNG</option>
          <option value="exportMermaid">Mermaid erDiagram</option>
          <option value="exportDbml">DBML</option>
        </select>
        <button onClick={commands.help} title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </header>
  );
}
