"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from "@/server/webhooks/schemas";

/**
 * The webhook procedures of one owner: a tenant's (`domainId`) or the platform's (null). Both
 * sets are declared (hooks cannot be conditional); only the owner's run.
 */
export function useWebhookApi(domainId: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = trpc.webhooks;
  const platform = trpc.webhooks.platform;
  const isTenant = domainId !== null;
  const tenantList = useQuery({
    ...tenant.list.queryOptions({ domainId: domainId ?? "" }),
    enabled: isTenant,
    refetchInterval: 10_000,
  });
  const platformList = useQuery({ ...platform.list.queryOptions(), enabled: !isTenant, refetchInterval: 10_000 });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: tenant.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: platform.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: tenant.deliveries.queryKey() }),
      queryClient.invalidateQueries({ queryKey: platform.deliveries.queryKey() }),
    ]);
  const options = { onSuccess: refresh };
  const m = {
    tenantCreate: useMutation(tenant.create.mutationOptions(options)),
    platformCreate: useMutation(platform.create.mutationOptions(options)),
    tenantUpdate: useMutation(tenant.update.mutationOptions(options)),
    platformUpdate: useMutation(platform.update.mutationOptions(options)),
    tenantRotate: useMutation(tenant.rotateSecret.mutationOptions(options)),
    platformRotate: useMutation(platform.rotateSecret.mutationOptions(options)),
    tenantDelete: useMutation(tenant.delete.mutationOptions(options)),
    platformDelete: useMutation(platform.delete.mutationOptions(options)),
  };
  return {
    list: isTenant ? tenantList : platformList,
    create: (values: CreateWebhookEndpointInput) =>
      isTenant ? m.tenantCreate.mutateAsync({ domainId, ...values }) : m.platformCreate.mutateAsync(values),
    update: (values: UpdateWebhookEndpointInput) =>
      isTenant ? m.tenantUpdate.mutateAsync({ domainId, ...values }) : m.platformUpdate.mutateAsync(values),
    rotateSecret: (id: string) =>
      isTenant ? m.tenantRotate.mutateAsync({ domainId, id }) : m.platformRotate.mutateAsync({ id }),
    remove: (id: string) =>
      isTenant ? m.tenantDelete.mutateAsync({ domainId, id }) : m.platformDelete.mutateAsync({ id }),
  };
}

/** One endpoint's delivery log, a page at a time. */
export function useWebhookDeliveries(domainId: string | null, id: string, page: number, pageSize: number) {
  const trpc = useTRPC();
  const isTenant = domainId !== null;
  const tenantLog = useQuery({
    ...trpc.webhooks.deliveries.queryOptions({ domainId: domainId ?? "", id, page, pageSize }),
    enabled: isTenant,
    refetchInterval: 5_000,
  });
  const platformLog = useQuery({
    ...trpc.webhooks.platform.deliveries.queryOptions({ id, page, pageSize }),
    enabled: !isTenant,
    refetchInterval: 5_000,
  });
  return isTenant ? tenantLog : platformLog;
}
