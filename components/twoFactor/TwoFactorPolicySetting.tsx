"use client";

import { useQuery } from "@tanstack/react-query";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";

const HINT = "Those without it are sent to set it up right after their password, at their next sign-in.";

/** Platform → Users: "require two-factor sign-in for platform admins". */
export function PlatformTwoFactorPolicySetting() {
  const trpc = useTRPC();
  const policy = useQuery(trpc.twoFactor.platformPolicy.queryOptions());
  const save = useToastMutation(trpc.twoFactor.setPlatformPolicy.mutationOptions(), {
    success: (p) =>
      p.requireForPlatformAdmins
        ? "Platform admins must use two-factor sign-in"
        : "Two-factor sign-in is optional for platform admins",
    invalidate: [trpc.twoFactor.platformPolicy.queryKey()],
  });
  const checked =
    (save.isPending ? save.variables?.requireForPlatformAdmins : undefined) ?? policy.data?.requireForPlatformAdmins;
  return (
    <CheckboxField
      label="Require two-factor sign-in for platform admins"
      hint={HINT}
      checked={checked ?? false}
      disabled={!policy.data || save.isPending}
      onChange={(e) => save.mutate({ requireForPlatformAdmins: e.target.checked })}
    />
  );
}

/** A tenant's Users page: "require two-factor sign-in for this tenant's admins". */
export function TenantTwoFactorPolicySetting({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const policy = useQuery(trpc.twoFactor.tenantPolicy.queryOptions({ domainId }));
  const save = useToastMutation(trpc.twoFactor.setTenantPolicy.mutationOptions(), {
    success: (p) =>
      p.requireForAdmins
        ? "This tenant's admins must use two-factor sign-in"
        : "Two-factor sign-in is optional for this tenant's admins",
    invalidate: [trpc.twoFactor.tenantPolicy.queryKey({ domainId })],
  });
  const checked = (save.isPending ? save.variables?.requireForAdmins : undefined) ?? policy.data?.requireForAdmins;
  return (
    <CheckboxField
      label="Require two-factor sign-in for this tenant's admins"
      hint={HINT}
      checked={checked ?? false}
      disabled={!policy.data || save.isPending}
      onChange={(e) => save.mutate({ domainId, requireForAdmins: e.target.checked })}
    />
  );
}
