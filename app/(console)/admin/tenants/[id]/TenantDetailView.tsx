"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice } from "@/components/ui/AccessNotice";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { FailoverBanner } from "@/components/cluster/FailoverBanner";
import { FallbackSetting } from "./FallbackSetting";
import { FailoverPolicySetting } from "./FailoverPolicySetting";
import { LimitsForm } from "./LimitsForm";
import { NodeAssignment } from "./NodeAssignment";
import { TenantAdmins } from "./TenantAdmins";
import { TenantCallLimits } from "./TenantCallLimits";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label={title}>
      <h2 className="mb-4 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export function TenantDetailView({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirm, setConfirm] = useState<"suspend" | "delete" | null>(null);
  const domain = useQuery(trpc.domains.get.queryOptions({ id }));
  const statusFeedback = {
    success: (d: { name: string; status: string }) =>
      `${d.name} is ${d.status === "ACTIVE" ? "active again" : "suspended"}`,
    onDone: () => setConfirm(null),
    invalidate: [trpc.domains.get.queryKey({ id })],
  };
  const suspend = useToastMutation(trpc.domains.suspend.mutationOptions(), statusFeedback);
  const resume = useToastMutation(trpc.domains.resume.mutationOptions(), statusFeedback);
  const remove = useToastMutation(trpc.domains.delete.mutationOptions(), {
    success: () => `${domain.data?.name} deleted`,
    onDone: () => router.push("/admin/tenants"),
    invalidate: [trpc.domains.list.queryKey()],
  });

  if (domain.error) return <AccessNotice code={domain.error.data?.code} />;
  if (!domain.data) return <p className="text-sm text-slate-500">Loading tenant…</p>;
  const d = domain.data;
  const active = d.status === "ACTIVE";

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/admin/tenants" className="text-brand-700 hover:underline">
          ← Tenants
        </Link>
      </nav>
      <PageHeader
        title={d.displayName}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{d.name}</span>
            <Badge tone={active ? "green" : "amber"}>{active ? "Active" : "Suspended"}</Badge>
            <span>
              {d._count.extensions} extensions · {d._count.phoneNumbers} numbers
            </span>
          </span>
        }
        actions={
          <>
            <Link
              href={`/t/${d.id}/extensions`}
              className="rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              Open workspace
            </Link>
            {active ? (
              <Button variant="secondary" onClick={() => setConfirm("suspend")}>
                Suspend
              </Button>
            ) : (
              <Button variant="secondary" busy={resume.isPending} onClick={() => resume.mutate({ id })}>
                Resume
              </Button>
            )}
            <Button variant="danger" onClick={() => setConfirm("delete")}>
              Delete
            </Button>
          </>
        }
      />
      <FailoverBanner domainId={d.id} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Section title="Limits">
          <LimitsForm domain={d} />
        </Section>
        <Section title="Administrators">
          <TenantAdmins domainId={d.id} />
        </Section>
        <div className="lg:col-span-2">
          <Section title="Abuse limits">
            <TenantCallLimits domainId={d.id} />
          </Section>
        </div>
        <div className="lg:col-span-2">
          <Section title="Telephony nodes">
            <div className="space-y-4">
              <FallbackSetting domain={d} />
              <FailoverPolicySetting domain={d} />
              <NodeAssignment domainId={d.id} />
            </div>
          </Section>
        </div>
      </div>
      <ConfirmDialog
        open={confirm === "suspend"}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={`Suspend ${d.name}?`}
        confirmLabel="Suspend"
        busy={suspend.isPending}
        onConfirm={() => suspend.mutate({ id })}
      >
        Its phones stop registering and calls are refused until you resume it. Nothing is deleted.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "delete"}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={`Delete ${d.name}?`}
        confirmLabel="Delete tenant"
        busy={remove.isPending}
        typeToConfirm={d.name}
        onConfirm={(typed) => remove.mutate({ id, confirmName: typed })}
      >
        This deletes its {d._count.extensions} extensions, users&apos; access, ring groups and IVR menus for good. Its{" "}
        {d._count.phoneNumbers} numbers return to the unassigned pool.
      </ConfirmDialog>
    </>
  );
}
