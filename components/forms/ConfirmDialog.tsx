"use client";

import { useState, type ReactNode } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { DialogFooter } from "./DialogFooter";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  /** Gets the typed confirmation (empty without typeToConfirm), so the server can check it too. */
  onConfirm: (typed: string) => void;
  /** When set, the confirm button stays disabled until this text is typed exactly. */
  typeToConfirm?: string;
};

/** Every destructive action goes through this: say what happens, then a red button. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  busy,
  onConfirm,
  typeToConfirm,
}: Props) {
  const [typed, setTyped] = useState("");
  const ready = typeToConfirm === undefined || typed.trim().toLowerCase() === typeToConfirm.toLowerCase();
  const close = (next: boolean) => {
    if (!next) setTyped("");
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={close} title={title}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) onConfirm(typed.trim());
        }}
      >
        <div className="text-sm text-slate-600">{children}</div>
        {typeToConfirm !== undefined && (
          <Field
            label={`Type ${typeToConfirm} to confirm`}
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        )}
        <DialogFooter
          submitLabel={confirmLabel}
          variant="danger"
          busy={busy}
          disabled={!ready}
          onCancel={() => close(false)}
        />
      </form>
    </Dialog>
  );
}
