"use client";

import type { QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";

type Props = { domainId: string; extension: { id: string; number: string }; invalidate: QueryKey[] };

/** The header's "Reset SIP password": confirm, then the new password, shown this once. */
export function ResetSipPassword({ domainId, extension, invalidate }: Props) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const reset = useToastMutation(trpc.extensions.resetSipPassword.mutationOptions(), {
    success: () => "SIP password reset",
    onDone: (result) => {
      setConfirming(false);
      setNewPassword(result.sipPassword);
    },
    invalidate,
  });

  return (
    <>
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Reset SIP password
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Reset the SIP password of ${extension.number}?`}
        confirmLabel="Reset password"
        busy={reset.isPending}
        onConfirm={() => reset.mutate({ domainId, id: extension.id })}
      >
        The phone stops registering until it is configured with the new password, which is shown once.
      </ConfirmDialog>
      <Dialog
        open={newPassword !== null}
        onOpenChange={(open) => !open && setNewPassword(null)}
        title={`New SIP password for ${extension.number}`}
      >
        <div className="space-y-4">
          <p className="text-sm text-slate-600">Copy it now: it is shown only once and is never stored in clear.</p>
          <p className="rounded-lg bg-slate-50 p-4 font-mono text-sm" data-testid="sip-password">
            {newPassword}
          </p>
          <div className="flex justify-end gap-2">
            <Button
              variant="secondary"
              onClick={() =>
                newPassword && void navigator.clipboard?.writeText(newPassword).then(() => toast.success("Copied"))
              }
            >
              Copy
            </Button>
            <Button onClick={() => setNewPassword(null)}>Done</Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
