/**
 * Wiring to the desktop shell: keyboard shortcuts, native menu events, the window title, the
 * prompt before closing with unsaved changes, and autosave.
 */
import { isTauri } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { useEffect } from "react";
import { guardClose } from "../app/close";
import type { Commands } from "../app/commands";
import { ipc } from "../ipc";
import { startAutosave } from "../store/autosave";
import { useDoc, useDocStore } from "../store/context";
import { commandFor } from "./shortcuts";

/** True in the real app, where the native menu's accelerators deliver Undo, Save and the like. */
const NATIVE_MENU = import.meta.env.MODE !== "e2e" && isTauri();

/** The window title for a document. */
export function windowTitle(path: string | null, dirty: boolean): string {
  const name = path ? (path.split(/[\\/]/).pop() ?? path) : "Untitled";
  return `${name}${dirty ? " •" : ""} — Schemata`;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

function isControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "BUTTON" || el.tagName === "A" || el.tagName === "SUMMARY" || el.getAttribute?.("role") === "button");
}

/** Installs shortcuts, menu handling, title, close prompt and autosave. */
export function useShell(commands: Commands) {
  const store = useDocStore();
  const path = useDoc((s) => s.path);
  const dirty = useDoc((s) => s.dirty);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Enter on a button or link presses it; elsewhere it renames the selection.
      const typing = isTyping(e.target) || (e.key === "Enter" && isControl(e.target));
      const cmd = commandFor(e, typing, NATIVE_MENU);
      if (!cmd) return;
      e.preventDefault();
      void commands[cmd]();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [commands]);

  useEffect(() => {
    const handlers: Record<string, () => unknown> = {
      "file.new": commands.newDesign,
      "file.open": () => commands.open(),
      "file.save": commands.save,
      "file.save_as": commands.saveAs,
      "file.close": commands.close,
      "edit.undo": commands.undo,
      "edit.redo": commands.redo,
      "edit.find": commands.search,
      "view.fit": commands.fit,
      "view.layout": commands.layoutAll,
    };
    const un = listen<{ id: string }>("menu", (e) => {
      const id = e.payload?.id ?? "";
      if (id.startsWith("file.open_recent:")) void commands.open(id.slice("file.open_recent:".length));
      else void handlers[id]?.();
    });
    return () => {
      void un.then((f) => f()).catch(() => undefined);
    };
  }, [commands]);

  useEffect(() => {
    document.title = windowTitle(path, dirty);
    getCurrentWindow()
      .setTitle(windowTitle(path, dirty))
      .catch(() => undefined);
  }, [path, dirty]);

  useEffect(() => guardClose(store), [store]);

  useEffect(() => startAutosave(store, (design, p) => ipc.autosave(design, p), 4000), [store]);
}
