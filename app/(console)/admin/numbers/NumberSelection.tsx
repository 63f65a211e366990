"use client";

import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { AssignDialog } from "./AssignDialog";

export type BulkAction = "assign" | "unassign" | "delete";

/** What can be done to the selected numbers, above the table while any are selected. */
export function SelectionBar({
  count,
  onAction,
  onClear,
}: {
  count: number;
  onAction: (action: BulkAction) => void;
  onClear: () => void;
}) {
  return (
    <div
      className="mb-3 flex flex-wrap items-center gap-2 rounded-lg bg-brand-50 px-4 py-2 text-sm"
      role="region"
      aria-label="Selection"
    >
      <span className="font-medium text-brand-700">{count} selected</span>
      <Button size="sm" onClick={() => onAction("assign")}>
        Assign to tenant
      </Button>
      <Button size="sm" variant="secondary" onClick={() => onAction("unassign")}>
        Unassign
      </Button>
      <Button size="sm" variant="ghost" onClick={() => onAction("delete")}>
        Delete
      </Button>
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear
      </Button>
    </div>
  );
}

type DialogsProps = {
  ids: string[];
  action: BulkAction | null;
  onActionChange: (action: BulkAction | null) => void;
  /** The selection is spent: clear it. */
  onDone: () => void;
};

/** The dialog of the chosen bulk action: assign to a tenant, or confirm an unassign or a delete. */
export function BulkActionDialogs({ ids, action, onActionChange, onDone }: DialogsProps) {
  const trpc = useTRPC();
  const bulk = {
    onDone: () => {
      onDone();
      onActionChange(null);
    },
    invalidate: [trpc.numbers.list.queryKey()],
  };
  const unassign = useToastMutation(trpc.numbers.unassign.mutationOptions(), {
    ...bulk,
    success: (n) => `${n} number(s) unassigned`,
  });
  const remove = useToastMutation(trpc.numbers.delete.mutationOptions(), {
    ...bulk,
    success: (n) => `${n} number(s) deleted`,
  });
  const openAs = (which: BulkAction) => (open: boolean) => onActionChange(open ? which : null);

  return (
    <>
      <AssignDialog ids={ids} open={action === "assign"} onOpenChange={openAs("assign")} onDone={onDone} />
      <ConfirmDialog
        open={action === "unassign"}
        onOpenChange={openAs("unassign")}
        title={`Unassign ${ids.length} number(s)?`}
        confirmLabel="Unassign"
        busy={unassign.isPending}
        onConfirm={() => unassign.mutate({ ids })}
      >
        Calls to these numbers stop reaching their tenants at once, and their destinations are cleared.
      </ConfirmDialog>
      <ConfirmDialog
        open={action === "delete"}
        onOpenChange={openAs("delete")}
        title={`Delete ${ids.length} number(s)?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onConfirm={() => remove.mutate({ ids })}
      >
        Only unassigned numbers can be deleted.
      </ConfirmDialog>
    </>
  );
}
