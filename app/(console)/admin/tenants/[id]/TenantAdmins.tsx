"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { CreateUserDialog } from "../../users/CreateUserDialog";

export function TenantAdmins({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const admins = useQuery(trpc.users.platform.list.queryOptions({ domainId, role: "TENANT_ADMIN", pageSize: 50 }));
  return (
    <div className="space-y-3">
      {admins.isPending && <p className="text-sm text-slate-500">Loading administrators…</p>}
      {admins.data?.items.length === 0 && (
        <p className="text-sm text-slate-500">No administrator yet: create one so the tenant can manage itself.</p>
      )}
      <ul className="space-y-1">
        {admins.data?.items.map((u) => (
          <li key={u.id} className="flex items-center justify-between gap-2 text-sm">
            <span>
              <span className="font-medium">{u.email}</span> <span className="text-slate-500">{u.name}</span>
            </span>
            {u.disabled && <Badge tone="red">Disabled</Badge>}
          </li>
        ))}
      </ul>
      <Button size="sm" variant="secondary" onClick={() => setCreating(true)}>
        Add tenant admin
      </Button>
      <CreateUserDialog
        open={creating}
        onOpenChange={setCreating}
        title="New tenant administrator"
        initialMemberships={[{ role: "TENANT_ADMIN", domainId, extensionId: null }]}
      />
    </div>
  );
}
