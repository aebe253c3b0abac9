/** The document store as React sees it: a context and a selector hook. */
import { createContext, useContext } from "react";
import { useStore, type StoreApi } from "zustand";
import type { DocState } from "./document";

/** The open document's store; provided by App. */
export const DocContext = createContext<StoreApi<DocState> | null>(null);

/** The store itself, for actions and reads outside render. */
export function useDocStore(): StoreApi<DocState> {
  const store = useContext(DocContext);
  if (!store) throw new Error("DocContext is missing");
  return store;
}

/** A slice of the document state; the component renders again only when the slice changes. */
export function useDoc<T>(selector: (s: DocState) => T): T {
  return useStore(useDocStore(), selector);
}
