import { describe, expect, it, vi } from "vitest";
import { CLOSE_UNSAVED, mayClose } from "../src/app/close";
import { askInWindow, onQuestion, openQuestion } from "../src/app/confirm";
import { renameTable } from "../src/model/edit";
import { createDocStore } from "../src/store/document";
import { blog } from "./fixtures";

const question = { title: "T", message: "Go on?", confirm: "Yes", cancel: "No" };

describe("questions asked in the window", () => {
  it("shows one question until it is answered, and resolves with the answer", async () => {
    const seen: (string | undefined)[] = [];
    const stop = onQuestion(() => seen.push(openQuestion()?.message));
    const yes = askInWindow(question);
    expect(openQuestion()?.confirm).toBe("Yes");
    openQuestion()?.answer(true);
    await expect(yes).resolves.toBe(true);
    expect(openQuestion()).toBeNull();
    const no = askInWindow(question);
    openQuestion()?.answer(false);
    await expect(no).resolves.toBe(false);
    stop();
    expect(seen).toEqual(["Go on?", undefined, "Go on?", undefined]);
  });

  it("a second question answers the first with no", async () => {
    const first = askInWindow(question);
    const second = askInWindow({ ...question, message: "Really?" });
    await expect(first).resolves.toBe(false);
    expect(openQuestion()?.message).toBe("Really?");
    openQuestion()?.answer(true);
    await expect(second).resolves.toBe(true);
    expect(openQuestion()).toBeNull();
  });
});

describe("closing the window", () => {
  it("closes a saved document without asking", async () => {
    const ask = vi.fn(async () => false);
    const discard = vi.fn(async () => null);
    expect(await mayClose(createDocStore(blog()), ask, discard)).toBe(true);
    expect(ask).not.toHaveBeenCalled();
    expect(discard).not.toHaveBeenCalled();
  });

  it("asks about unsaved changes: cancel keeps the window and the autosave", async () => {
    const store = createDocStore(blog());
    store.getState().edit((d) => renameTable(d, "users", "people"));
    const ask = vi.fn(async () => false);
    const discard = vi.fn(async () => null);
    expect(await mayClose(store, ask, discard)).toBe(false);
    expect(ask).toHaveBeenCalledWith(CLOSE_UNSAVED);
    expect(discard).not.toHaveBeenCalled();
    expect(store.getState().dirty).toBe(true);
  });

  it("a confirmed close drops the autosave, and closes even when that fails", async () => {
    const store = createDocStore(blog());
    store.getState().edit((d) => renameTable(d, "users", "people"));
    const discard = vi.fn(async () => null);
    expect(await mayClose(store, async () => true, discard)).toBe(true);
    expect(discard).toHaveBeenCalledOnce();
    expect(await mayClose(store, async () => true, () => Promise.reject(new Error("disk full")))).toBe(true);
  });
});
