/**
 * Questions the window asks in a dialog of its own rather than a native one: the window stays
 * in charge of the answer, which the keyboard, the mouse and WebDriver all reach alike.
 *
 * One question is open at a time; asking another answers the open one with "no".
 */
import { useSyncExternalStore } from "react";

/** What the dialog shows: a title, the question and the labels of its two buttons. */
export type Question = { title: string; message: string; confirm: string; cancel: string };

/** The open question and how to answer it. */
export type OpenQuestion = Question & { answer: (yes: boolean) => void };

let open: OpenQuestion | null = null;
const listeners = new Set<() => void>();

function show(next: OpenQuestion | null) {
  open = next;
  for (const listener of listeners) listener();
}

/** Shows `question` in the window's dialog; resolves true when it is confirmed. */
export function askInWindow(question: Question): Promise<boolean> {
  open?.answer(false);
  return new Promise((resolve) => {
    const asked: OpenQuestion = {
      ...question,
      answer: (yes) => {
        if (open === asked) show(null);
        resolve(yes);
      },
    };
    show(asked);
  });
}

/** The open question, or null. */
export function openQuestion(): OpenQuestion | null {
  return open;
}

/** Calls `listener` whenever a question opens or is answered; returns the unsubscribe function. */
export function onQuestion(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The open question, for a component. */
export function useQuestion(): OpenQuestion | null {
  return useSyncExternalStore(onQuestion, openQuestion);
}
