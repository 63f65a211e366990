"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/serverErrors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import type { UserView } from "@/server/users/service";
import { setMembershipsSchema } from "@/server/users/schemas";
import { MembershipRows } from "./MembershipRows";

type FormInput = z.input<typeof setMembershipsSchema>;
type FormOutput = z.output<typeof setMembershipsSchema>;

export function RolesDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
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
  const save = useMutation(
    trpc.users.platform.setMemberships.mutationOptions({
      onSuccess: async (saved) => {
        toast.success(`Roles of ${saved.email} saved`);
        await queryClient.invalidateQueries({ queryKey: trpc.users.platform.list.queryKey() });
        onClose();
      },
      onError: (error) => {
        const message = applyServerErrors(error, form.setError);
        if (message) toast.error(message);
      },
    }),
  );
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
        <div className="flex justify-end gap-2 pt-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={save.isPending}>
            Save roles
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
