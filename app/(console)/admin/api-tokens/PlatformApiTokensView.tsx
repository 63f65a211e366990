"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { ApiTokensTable } from "./ApiTokensTable";
import { CreateApiTokenDialog } from "./CreateApiTokenDialog";
import { TokenFiltersBar } from "./TokenFiltersBar";
import { TOKEN_PAGE_SIZE, useTokenFilters } from "./useTokenFilters";

export function PlatformApiTokensView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const filters = useTokenFilters();
  const [creating, setCreating] = useState(false);
  const list = useQuery(trpc.apiTokens.listAll.queryOptions(filters.listInput));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.listAll.queryKey() });
  const create = useMutation(trpc.apiTokens.createPlatform.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(
    trpc.apiTokens.revokeAny.mutationOptions({
      onSuccess: async (token) => {
        toast.success(`Token ${token.name} revoked`);
        await refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens for billing, CRM and provisioning systems. Tokens made here act as a platform administrator; tenant tokens are listed too."
        actions={<Button onClick={() => setCreating(true)}>New platform token</Button>}
      />
      <TokenFiltersBar filters={filters} />
      <ApiTokensTable
        list={list}
        page={filters.page}
        pageSize={TOKEN_PAGE_SIZE}
        onPage={filters.setPage}
        showScope
        emptyText={
          filters.search
            ? "No token matches that search."
            : "No API tokens yet. Create one for each system that automates Switchboard."
        }
        revoke={(token) => revoke.mutateAsync({ id: token.id })}
      />
      <CreateApiTokenDialog
        open={creating}
        onOpenChange={setCreating}
        scopeDescription="This token can do everything a platform administrator can: create tenants, manage numbers, trunks and nodes."
        create={(values) => create.mutateAsync(values)}
      />
    </>
  );
}
