"use client";

import type { ReactNode } from "react";
import { Dialog } from "@/components/ui/Dialog";

/** `null` closes the dialog; "new" creates; a row edits it. */
export type Editing<T> = T | "new" | null;

/**
 * The create/edit dialog of a tenant feature. The form is keyed by the row, so each opening
 * starts from the saved values (or the empty form for "new").
 */
export function EditorDialog<T extends { id: string }>({
  editing,
  onClose,
  title,
  description,
  form,
}: {
  editing: Editing<T>;
  onClose: () => void;
  title: (existing: T | null) => string;
  description: string;
  form: (existing: T | null) => ReactNode;
}) {
  const existing = editing !== null && editing !== "new" ? editing : null;
  return (
    <Dialog
      open={editing !== null}
      onOpenChange={(open) => !open && onClose()}
      title={title(existing)}
      description={description}
    >
      <div key={existing?.id ?? "new"}>{form(existing)}</div>
    </Dialog>
  );
}
