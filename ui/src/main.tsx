/** Entry point. In the e2e build the Tauri IPC is answered by the in-memory fake first. */
import { ReactFlowProvider } from "@xyflow/react";
import "@xyflow/react/dist/base.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./styles.css";

async function start() {
  if (import.meta.env.MODE === "e2e") {
    const { installMock } = await import("./ipc-mock");
    installMock();
  }
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <ReactFlowProvider>
        <App />
      </ReactFlowProvider>
    </StrictMode>,
  );
}

void start();
