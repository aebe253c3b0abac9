/** The tabbed panel under the diagram: DDL, problems, worksheet, advice, sharding, normalization, FD calculator. */
import { useCallback, useState } from "react";
import type { Report } from "../app/files";
import { useLiveAdvice } from "../hooks/useLiveAdvice";
import { useShardControls } from "../hooks/useShardControls";
import { percent } from "../model/shard";
import { useDoc } from "../store/context";
import { AdvicePanel } from "./AdvicePanel";
import { DdlPanel } from "./DdlPanel";
import { FdCalculator } from "./FdCalculator";
import { NormalizePanel } from "./NormalizePanel";
import { ProblemsPanel } from "./ProblemsPanel";
import { ShardPanel } from "./ShardPanel";
import { WorksheetPanel } from "./WorksheetPanel";

type Tab = "ddl" | "problems" | "worksheet" | "advice" | "sharding" | "normalize" | "fd";

/** Bottom panel. */
export function BottomPanel({ report }: { report: Report }) {
  const [tab, setTab] = useState<Tab>("ddl");
  const [open, setOpen] = useState(true);
  const [focus, setFocus] = useState<string | undefined>(undefined);
  const count = useDoc((s) => s.diagnostics.length);
  const patterns = useDoc((s) => s.design.worksheet?.patterns.length ?? 0);
  const score = useDoc((s) => s.advice?.report.score.total);
  const showAdvice = open && (tab === "worksheet" || tab === "advice");
  useLiveAdvice(showAdvice);
  const shard = useShardControls(open && tab === "sharding", open && tab === "worksheet");
  const share = useDoc((s) => s.shard?.report.plan.single_shard_share);
  const toPattern = useCallback((id: string) => {
    setFocus(id);
    setTab("worksheet");
    setOpen(true);
  }, []);
  const tabs: [Tab, string][] = [
    ["ddl", "DDL"],
    ["problems", `Problems (${count})`],
    ["worksheet", `Worksheet (${patterns})`],
    ["advice", score === undefined ? "Score & indexes" : `Score & indexes (${score})`],
    ["sharding", share === undefined ? "Sharding" : `Sharding (${percent(share)})`],
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
          {tab === "problems" && <ProblemsPanel onPattern={toPattern} />}
          {tab === "worksheet" && <WorksheetPanel report={report} focus={focus} />}
          {tab === "advice" && <AdvicePanel report={report} onPattern={toPattern} />}
          {tab === "sharding" && <ShardPanel report={report} controls={shard} onPattern={toPattern} />}
          {tab === "normalize" && <NormalizePanel report={report} />}
          {tab === "fd" && <FdCalculator />}
        </div>
      )}
    </section>
  );
}
