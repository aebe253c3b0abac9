import { describe, expect, it } from "vitest";
import { SIMPLE_ZOOM, TINY_ZOOM, zoomLevel } from "../src/diagram/zoom";

describe("zoom levels", () => {
  it("flip only at the thresholds", () => {
    expect(zoomLevel(1)).toBe("full");
    expect(zoomLevel(SIMPLE_ZOOM)).toBe("full");
    expect(zoomLevel(SIMPLE_ZOOM - 0.01)).toBe("simple");
    expect(zoomLevel(TINY_ZOOM)).toBe("simple");
    expect(zoomLevel(TINY_ZOOM - 0.01)).toBe("tiny");
  });
});
