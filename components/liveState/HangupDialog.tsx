"use client";

import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import type { LiveCallView } from "@/server/liveState/service";

type Props = { call: LiveCallView | null; busy: boolean; onClose: () => void; onConfirm: (call: LiveCallView) => void };

/** Asks before cutting a call: both parties are disconnected at once. */
export function HangupDialog({ call, busy, onClose, onConfirm }: Props) {
  return (
    <ConfirmDialog
      open={call !== null}
      onOpenChange={(o) => !o && onClose()}
      title={`Hang up ${call?.callerNumber ?? ""} → ${call?.destinationNumber ?? ""}?`}
      confirmLabel="Hang up call"
      busy={busy}
      onConfirm={() => call && onConfirm(call)}
    >
      Both parties are disconnected now. The call is recorded in the audit log.
    </ConfirmDialog>
  );
}
