import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/server/db/client";
import { requireSession } from "@/server/auth/currentSession";
import { PageHeader } from "@/components/ui/PageHeader";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  await requireSession();
  const [tenants, nodes, proxies, extensions] = await Promise.all([
    db().domain.count(),
    db().telephonyNode.count(),
    db().sipProxy.count(),
    db().extension.count(),
  ]);
  const cards = [
    { label: "Tenants", value: tenants, href: "/admin/tenants" },
    { label: "Extensions", value: extensions, href: "/admin/tenants" },
    { label: "Telephony nodes", value: nodes, href: "/admin/nodes" },
    { label: "SIP proxies", value: proxies, href: "/admin/proxies" },
  ];
  return (
    <>
      <PageHeader title="Dashboard" description="The state of your platform at a glance." />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {cards.map((c) => (
          <Link key={c.label} href={c.href} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500">
            <p className="text-sm text-slate-500">{c.label}</p>
            <p className="mt-2 text-3xl font-semibold text-slate-900">{c.value.toLocaleString()}</p>
          </Link>
        ))}
      </div>
    </>
  );
}
