/// <reference lib="webworker" />
/** Runs ELK off the main thread: receives a LayoutRequest, answers with Positions. */
import ELK from "elkjs/lib/elk.bundled.js";
import { elkGraph, readPositions, type LayoutRequest } from "./elk-graph";

const elk = new ELK();

self.onmessage = async (event: MessageEvent<{ id: number; req: LayoutRequest }>) => {
  const { id, req } = event.data;
  try {
    const root = await elk.layout(elkGraph(req));
    self.postMessage({ id, positions: readPositions(root) });
  } catch (e) {
    self.postMessage({ id, error: String(e) });
  }
};
