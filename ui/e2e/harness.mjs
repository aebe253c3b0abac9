// Shared by the browser tests and the benchmark: serve dist/ with `vite preview` and start
// Debian's Chromium through playwright-core.
import { chromium } from "playwright-core";
import { preview } from "vite";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const uiRoot = resolve(here, "..");
export const artifacts = resolve(uiRoot, "../target/e2e-artifacts/ui");

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Starts the preview server on a free port and Chromium; returns them with the base URL. */
export async function start() {
  mkdirSync(artifacts, { recursive: true });
  const server = await preview({ root: uiRoot, mode: "e2e", logLevel: "error", preview: { port: 0, strictPort: false, host: "127.0.0.1" } });
  const url = server.resolvedUrls?.local?.[0];
  if (!url) throw new Error("vite preview did not report its URL");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: FLAGS,
  });
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { url, browser, close };
}

/** A screenshot under target/e2e-artifacts/ui/. */
export async function shot(page, name) {
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
