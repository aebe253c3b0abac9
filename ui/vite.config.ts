import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The Tauri shell loads the built files from dist/ (or the dev server on port 5173).
// The e2e build (with the in-memory IPC fake) goes to its own folder, so that dist/ only ever
// holds a production build.
export default defineConfig(({ mode }) => ({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: { target: "es2022", chunkSizeWarningLimit: 2000, outDir: mode === "e2e" ? "dist-e2e" : "dist" },
  worker: { format: "es" },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts"],
  },
}));
