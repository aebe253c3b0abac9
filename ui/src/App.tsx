/** The workbench: loads the start-up document, then lays out toolbar, diagram, inspector and panels. */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { StoreApi } from "zustand/vanilla";
import type { Diagnostic } from "./bindings/Diagnostic";
import type { Recovered } from "./bindings/Recovered";
import { useCommands } from "./app/commands";
import { BottomPanel } from "./components/BottomPanel";
import { Canvas } from "./components/Canvas";
import { ConfirmDialog } from "./components/ConfirmDialog";
import { HelpOverlay } from "./components/HelpOverlay";
import { Inspector } from "./components/inspector/Inspector";
import { ErrorBox, RestoreBanner } from "./components/Notices";
import { useLiveCheck } from "./components/ProblemsPanel";
import { SearchBox } from "./components/SearchBox";
import { Toolbar } from "./components/Toolbar";
import { useLayoutUnplaced } from "./hooks/useLayoutUnplaced";
import { useShell } from "./hooks/useShell";
import { errorMessage, ipc, isApiError } from "./ipc";
import { emptyDesign } from "./model/empty";
import { DocContext } from "./store/context";
import { createDocStore, type DocState } from "./store/document";

type Problem = { message: string; diagnostics?: Diagnostic[] };

function Workbench({ initialProblem, recovered }: { initialProblem: Problem | null; recovered: Recovered | null }) {
  const [problem, setProblem] = useState<Problem | null>(initialProblem);
  const [offer, setOffer] = useState<Recovered | null>(recovered);
  const [search, setSearch] = useState(false);
  const [help, setHelp] = useState(false);
  const report = useCallback((message: string, diagnostics?: Diagnostic[]) => setProblem({ message, diagnostics }), []);
  const ui = useMemo(() => ({ setSearch, setHelp }), []);
  const commands = useCommands(report, ui);
  useShell(commands);
  useLiveCheck();
  useLayoutUnplaced();
  return (
    <div className="app">
      <Toolbar commands={commands} />
      <main className="main">
        <div className="center">
          {offer && (
            <RestoreBanner
              recovered={offer}
              onRestore={() => {
                commands.restore(offer);
                setOffer(null);
              }}
              onDiscard={() => {
                void ipc.discardAutosave().catch(() => null);
                setOffer(null);
              }}
            />
          )}
          {problem && <ErrorBox message={problem.message} diagnostics={problem.diagnostics} onClose={() => setProblem(null)} />}
          <Canvas />
          <BottomPanel report={report} />
        </div>
        <Inspector />
      </main>
      {search && <SearchBox onClose={() => setSearch(false)} />}
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      <ConfirmDialog />
    </div>
  );
}

/** Root component: asks the shell for the start-up document, then shows the workbench. */
export function App() {
  const [boot, setBoot] = useState<{ store: StoreApi<DocState>; problem: Problem | null; recovered: Recovered | null } | null>(null);
  useEffect(() => {
    ipc.startup().then(
      (s) => {
        const store = createDocStore(s.design, s.path);
        store.getState().setDiagnostics(s.diagnostics);
        const problem = s.error ? { message: s.error.message, diagnostics: s.error.diagnostics } : null;
        setBoot({ store, problem, recovered: s.recovered });
      },
      (e) =>
        setBoot({
          store: createDocStore(emptyDesign()),
          problem: { message: `Could not start: ${errorMessage(e)}`, diagnostics: isApiError(e) ? e.diagnostics : undefined },
          recovered: null,
        }),
    );
  }, []);
  if (!boot) return <div className="loading">Loading…</div>;
  return (
    <DocContext.Provider value={boot.store}>
      <Workbench initialProblem={boot.problem} recovered={boot.recovered} />
    </DocContext.Provider>
  );
}
