"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiTokensTable } from "@/app/(console)/admin/api-tokens/ApiTokensTable";
import { CreateApiTokenDialog } from "@/app/(console)/admin/api-tokens/CreateApiTokenDialog";
import { TokenFiltersBar } from "@/app/(console)/admin/api-tokens/TokenFiltersBar";
import { TOKEN_PAGE_SIZE, useTokenFilters } from "@/app/(console)/admin/api-tokens/useTokenFilters";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";

export function DomainApiTokensView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const filters = useTokenFilters();
  const [creating, setCreating] = useState(false);
  const list = useQuery(trpc.apiTokens.list.queryOptions({ domainId, ...filters.listInput }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
  const create = useMutation(trpc.apiTokens.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useToastMutation(trpc.apiTokens.revoke.mutationOptions(), {
    success: (token) => `Token ${token.name} revoked`,
    invalidate: [trpc.apiTokens.list.queryKey()],
  });

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Let your own systems manage this tenant's extensions, ring groups, menus and numbers over the REST API."
        actions={<Button onClick={() => setCreating(true)}>New token</Button>}
      />
      <TokenFiltersBar filters={filters} />
      <ApiTokensTable
        list={list}
        page={filters.page}
        pageSize={TOKEN_PAGE_SIZE}
        onPage={filters.setPage}
        showScope={false}
        emptyText={
          filters.search
            ? "No token matches that search."
            : "No API tokens yet. Create one for each system that should manage this tenant."
        }
        revoke={(token) => revoke.mutateAsync({ domainId, id: token.id })}
      />
      <CreateApiTokenDialog
        open={creating}
        onOpenChange={setCreating}
        scopeDescription="This token acts as an administrator of this tenant only; it cannot see other tenants."
        create={(values) => create.mutateAsync({ domainId, ...values })}
      />
    </>
  );
}
