/**
 * Zoom levels of the diagram. Components learn the level through one value that only changes
 * when the zoom crosses a threshold, never through the zoom itself, so that panning and zooming
 * within a level renders no table again.
 */
import { createContext } from "react";

/** Below this zoom a table is drawn as its name only. */
export const SIMPLE_ZOOM = 0.45;
/** Below this zoom even the names are too small to read: boxes are drawn plain. */
export const TINY_ZOOM = 0.15;

/** How much of a table the diagram draws at a zoom. */
export type ZoomLevel = "full" | "simple" | "tiny";

/** The level for `zoom`. */
export function zoomLevel(zoom: number): ZoomLevel {
  if (zoom < TINY_ZOOM) return "tiny";
  return zoom < SIMPLE_ZOOM ? "simple" : "full";
}

/** Flow-store selector: the current level (a string, so subscribers render only when it flips). */
export const zoomLevelOf = (s: { transform: [number, number, number] }): ZoomLevel => zoomLevel(s.transform[2]);

/** Whether tables are drawn in their name-only form; provided by the canvas. */
export const SimpleContext = createContext(false);
