// Performance figures of the designer on a generated 2,000-table, 2,500-FK design, in headless
// Chromium: time to an interactive canvas, frame times during a scripted pan and zoom (at reading
// zoom and zoomed out to the whole diagram), and the delay between a pointer move and the dragged
// table moving. Prints the figures; not a pass/fail test. Run after `vite build --mode e2e`.
import { loadavg } from "node:os";
import { start } from "./harness.mjs";

const { url, browser, close } = await start();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

const fmt = (n) => n.toFixed(1);

async function openBig() {
  const t0 = Date.now();
  await page.goto(`${url}?design=big`);
  await page.locator(".react-flow__node-table").first().waitFor({ timeout: 60000 });
  // Interactive: the next two animation frames arrive (the main thread is free).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return Date.now() - t0;
}

async function recordFrames(action) {
  await page.evaluate(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await action();
  const frames = await page.evaluate(() => {
    window.__recording = false;
    return window.__frames;
  });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const total = frames.at(-1) - frames[0];
  return {
    fps: ((frames.length - 1) / total) * 1000,
    p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
    worst: gaps.at(-1) ?? 0,
    frames: frames.length,
  };
}

async function panAndZoom() {
  // Press on the pane between boxes, so that the gesture pans instead of dragging a table.
  const box = await page.locator(".react-flow__pane").boundingBox();
  const cx = box.x + box.width - 260;
  const cy = box.y + 20;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx - 500, cy - 300, { steps: 60 });
  await page.mouse.move(cx, cy, { steps: 60 });
  await page.mouse.up();
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, i < 10 ? -60 : 60);
    await page.waitForTimeout(16);
  }
}

async function dragLatency() {
  const node = page.locator(".react-flow__node-table").first();
  const id = await node.getAttribute("data-id");
  const box = await node.locator(".thead").boundingBox();
  const transform = () =>
    page.evaluate((nodeId) => document.querySelector(`.react-flow__node[data-id="${nodeId}"]`)?.style.transform ?? "", id);
  // In the page: from each pointer event to the first animation frame that finds the box moved
  // (the frame that draws it), free of the driver's round trips.
  await page.evaluate((nodeId) => {
    window.__moves = [];
    const el = () => document.querySelector(`.react-flow__node[data-id="${nodeId}"]`);
    window.addEventListener(
      "pointermove",
      () => {
        const t0 = performance.now();
        const old = el()?.style.transform;
        const check = () => (el()?.style.transform !== old ? window.__moves.push(performance.now() - t0) : requestAnimationFrame(check));
        requestAnimationFrame(check);
      },
      true,
    );
  }, id);
  await page.mouse.move(box.x + 40, box.y + 10);
  await page.mouse.down();
  // Past React Flow's drag threshold first.
  await page.mouse.move(box.x + 50, box.y + 15);
  await page.waitForTimeout(100);
  const lat = [];
  for (let i = 1; i <= 30; i++) {
    const before = await transform();
    const t0 = Date.now();
    await page.mouse.move(box.x + 50 + i * 6, box.y + 15 + i * 3);
    // The move counts as shown once the box's transform has changed and a frame has passed.
    await page.waitForFunction(
      ([nodeId, old]) =>
        new Promise((r) =>
          requestAnimationFrame(() => r(document.querySelector(`.react-flow__node[data-id="${nodeId}"]`)?.style.transform !== old)),
        ),
      [id, before],
      { polling: "raf", timeout: 10000 },
    );
    const dt = Date.now() - t0;
    lat.push([dt, dt]);
  }
  await page.mouse.up();
  // The first moves (press, threshold) are not part of the series.
  const inPage = (await page.evaluate(() => window.__moves)).slice(-30);
  return { lat, inPage };
}

const openMs = await openBig();
const mounted = await page.locator(".react-flow__node-table").count();
const reading = await recordFrames(panAndZoom);
const { lat, inPage } = await dragLatency();
await page.locator(".react-flow__pane").click({ position: { x: 30, y: 30 } });
const fitT0 = Date.now();
await page.keyboard.press("f");
await page.waitForFunction(() => document.querySelectorAll(".tnode.simple").length > 1000, null, { timeout: 60000 });
const fitMs = Date.now() - fitT0;
await page.waitForTimeout(500);
const overview = await recordFrames(panAndZoom);
await close();

const update = lat.map((l) => l[0]).sort((a, b) => a - b);
const med = (xs) => xs[Math.floor(xs.length / 2)] ?? NaN;
console.log("Schemata designer benchmark: 2,000 tables, 2,500 foreign keys (headless Chromium)");
console.log(`  open to interactive canvas:        ${openMs} ms (${mounted} table nodes mounted)`);
console.log(`  pan + zoom at reading zoom:        ${fmt(reading.fps)} fps, p95 frame ${fmt(reading.p95)} ms, worst ${fmt(reading.worst)} ms (${reading.frames} frames)`);
console.log(`  zoom to fit (all 2,000 as names):  ${fitMs} ms`);
console.log(`  pan + zoom zoomed out to all:      ${fmt(overview.fps)} fps, p95 frame ${fmt(overview.p95)} ms, worst ${fmt(overview.worst)} ms (${overview.frames} frames)`);
console.log(`  drag one table, move -> new frame: median ${fmt(med(update))} ms, max ${fmt(update.at(-1) ?? NaN)} ms (${lat.length} moves, as the driver sees it: includes its round trips and frame waits)`);
const pageLat = inPage.sort((a, b) => a - b);
console.log(`  drag, in the page, event -> frame:  median ${fmt(med(pageLat))} ms, max ${fmt(pageLat.at(-1) ?? NaN)} ms (${pageLat.length} moves)`);
console.log(`  machine load average at the end (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(1)).join(", ")}`);
