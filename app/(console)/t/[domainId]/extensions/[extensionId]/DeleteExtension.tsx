"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";

type Props = { domainId: string; extension: { id: string; number: string; displayName: string } };

/** The header's "Delete": typed confirmation, then back to the list. */
export function DeleteExtension({ domainId, extension }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const remove = useToastMutation(trpc.extensions.delete.mutationOptions(), {
    success: () => `Extension ${extension.number} deleted`,
    onDone: () => router.push(`/t/${domainId}/extensions`),
    invalidate: [trpc.extensions.list.queryKey()],
  });

  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Delete
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete extension ${extension.number}?`}
        confirmLabel="Delete extension"
        busy={remove.isPending}
        typeToConfirm={extension.number}
        onConfirm={() => remove.mutate({ domainId, id: extension.id })}
      >
        The phone stops working at once and {extension.displayName} loses their voicemail settings. Ring groups drop it
        as a member.
      </ConfirmDialog>
    </>
  );
}
