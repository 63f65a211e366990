"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/Dialog";
import type { UserView } from "@/server/users/service";
import { setMembershipsSchema } from "@/server/users/schemas";
import { MembershipRows } from "./MembershipRows";

type FormInput = z.input<typeof setMembershipsSchema>;
type FormOutput = z.output<typeof setMembershipsSchema>;

export function RolesDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const trpc = useTRPC();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(setMembershipsSchema),
    values: {
      id: user?.id ?? "",
      memberships: (user?.memberships ?? []).map((m) => ({
        role: m.role,
        domainId: m.domain?.id ?? "",
        extensionId: m.extension?.id ?? "",
      })),
    },
  });
  const memberships = useWatch({ control: form.control, name: "memberships" });
  const save = useToastMutation(trpc.users.platform.setMemberships.mutationOptions(), {
    success: (saved) => `Roles of ${saved.email} saved`,
    onDone: onClose,
    invalidate: [trpc.users.platform.list.queryKey()],
    setError: form.setError,
  });
  return (
    <Dialog
      open={user !== null}
      onOpenChange={(o) => !o && onClose()}
      title={`Roles of ${user?.email ?? ""}`}
      description="Changes apply on the user's next request."
    >
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        <MembershipRows
          value={memberships}
          onChange={(rows) => form.setValue("memberships", rows, { shouldValidate: form.formState.isSubmitted })}
          errors={form.formState.errors.memberships}
        />
        <DialogFooter submitLabel="Save roles" busy={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
