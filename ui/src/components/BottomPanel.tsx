/** The tabbed panel under the diagram: DDL, problems, normalization, FD calculator. */
import { useState } from "react";
import type { Report } from "../app/files";
import { useDoc } from "../store/context";
import { DdlPanel } from "./DdlPanel";
import { FdCalculator } from "./FdCalculator";
import { NormalizePanel } from "./NormalizePanel";
import { ProblemsPanel } from "./ProblemsPanel";

type Tab = "ddl" | "problems" | "normalize" | "fd";

/** Bottom panel. */
export function BottomPanel({ report }: { report: Report }) {
  const [tab, setTab] = useState<Tab>("ddl");
  const [open, setOpen] = useState(true);
  const count = useDoc((s) => s.diagnostics.length);
  const tabs: [Tab, string][] = [
    ["ddl", "DDL"],
    ["problems", `Problems (${count})`],
    ["normalize", "Normalization"],
    ["fd", "FD calculator"],
  ];
  return (
    <section className={`bottom${open ? "" : " closed"}`}>
      <nav className="tabs">
        {tabs.map(([id, label]) => (
          <button key={id} className={tab === id ? "on" : ""} onClick={() => { setTab(id); setOpen(true); }}>
            {label}
          </button>
        ))}
        <span className="spacer" />
        <button className="icon" title={open ? "Hide panel" : "Show panel"} onClick={() => setOpen(!open)}>
          {open ? "▾" : "▴"}
        </button>
      </nav>
      {open && (
        <div className="tab-body">
          {tab === "ddl" && <DdlPanel report={report} />}
          {tab === "problems" && <ProblemsPanel />}
          {tab === "normalize" && <NormalizePanel report={report} />}
          {tab === "fd" && <FdCalculator />}
        </div>
      )}
    </section>
  );
}
