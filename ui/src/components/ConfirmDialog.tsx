/** The window's own yes/no dialog, showing the question asked with `askInWindow`. */
import { useEffect, useRef } from "react";
import { useQuestion } from "../app/confirm";
import "./ConfirmDialog.css";

/** Confirmation dialog; Cancel has the focus, Escape cancels. */
export function ConfirmDialog() {
  const question = useQuestion();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), [question]);
  if (!question) return null;
  return (
    <div
      className="overlay"
      onKeyDown={(e) => {
        // The workbench's shortcuts stay off while the question is open.
        e.stopPropagation();
        if (e.key === "Escape") question.answer(false);
      }}
    >
      <div className="confirm" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-message" data-testid="confirm">
        <h2 id="confirm-title">{question.title}</h2>
        <p id="confirm-message">{question.message}</p>
        <div className="confirm-buttons">
          <button ref={cancel} onClick={() => question.answer(false)}>
            {question.cancel}
          </button>
          <button className="danger" onClick={() => question.answer(true)}>
            {question.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
