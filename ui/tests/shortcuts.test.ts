import { describe, expect, it } from "vitest";
import { commandFor } from "../src/hooks/shortcuts";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("shortcuts", () => {
  it("letters act only outside text fields", () => {
    expect(commandFor(key("t"), false, false)).toBe("addTable");
    expect(commandFor(key("t"), true, false)).toBeUndefined();
    expect(commandFor(key("Delete"), false, false)).toBe("remove");
    expect(commandFor(key("Delete"), true, false)).toBeUndefined();
  });
  it("F2 and Enter rename, but not while typing", () => {
    expect(commandFor(key("F2"), false, false)).toBe("rename");
    expect(commandFor(key("Enter"), false, false)).toBe("rename");
    expect(commandFor(key("Enter"), true, false)).toBeUndefined();
  });
  it("undo, redo and search with the modifier", () => {
    expect(commandFor(key("z", { ctrlKey: true }), false, false)).toBe("undo");
    expect(commandFor(key("Z", { ctrlKey: true, shiftKey: true }), false, false)).toBe("redo");
    expect(commandFor(key("y", { metaKey: true }), false, false)).toBe("redo");
    expect(commandFor(key("f", { ctrlKey: true }), true, false)).toBe("search");
  });
  it("leaves the native menu's accelerators to the menu", () => {
    expect(commandFor(key("z", { ctrlKey: true }), false, true)).toBeUndefined();
    expect(commandFor(key("s", { ctrlKey: true }), false, true)).toBeUndefined();
    expect(commandFor(key("d", { ctrlKey: true }), false, true)).toBe("duplicate");
  });
});
