import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { homeFor, requireSession } from "@/server/auth/currentSession";
import { db } from "@/server/db/client";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/Badge";
import { FailoverBanner } from "@/components/cluster/FailoverBanner";
import { PlatformCallLimitNotices } from "@/components/callLimits/CallLimitNotices";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadPlatformDashboard } from "@/server/dashboard/service";
import { PlatformCallStats } from "./PlatformCallStats";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

const HEALTH_TONE = { UP: "green", DOWN: "red", UNKNOWN: "slate" } as const;

function Card({ title, href, children }: { title: string; href: string; children: ReactNode }) {
  return (
    <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label={title}>
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        <Link href={href} className="text-sm text-brand-700 hover:underline">
          Manage
        </Link>
      </div>
      {children}
    </section>
  );
}

export default async function DashboardPage() {
  const session = await requireSession();
  if (!session.memberships.some((m) => m.role === "PLATFORM_ADMIN")) redirect(homeFor(session.memberships));
  const data = await loadPlatformDashboard({
    db: db(),
    actor: { userId: session.userId, tokenId: null, label: session.email, ip: null },
  });
  const calls = data.nodes.reduce((sum, n) => sum + n.activeCalls, 0);
  const capacity = data.nodes.filter((n) => n.adminState === "ACTIVE").reduce((sum, n) => sum + n.capacity, 0);
  const proxiesBehind = data.proxies.filter((p) => !p.inSync).length;

  const stats = [
    {
      label: "Tenants",
      value: `${data.tenants.active}`,
      note: data.tenants.suspended ? `${data.tenants.suspended} suspended` : "all active",
      href: "/admin/tenants",
    },
    {
      label: "Calls now",
      value: `${calls}`,
      note: `of ${capacity.toLocaleString()} active capacity`,
      href: "/admin/nodes",
    },
    {
      label: "Nodes up",
      value: `${data.nodes.filter((n) => n.health === "UP").length} / ${data.nodes.length}`,
      note: "telephony nodes",
      href: "/admin/nodes",
    },
    {
      label: "Proxies in sync",
      value: `${data.proxies.length - proxiesBehind} / ${data.proxies.length}`,
      note: `latest revision ${data.latestRevision}`,
      href: "/admin/proxies",
    },
  ];

  return (
    <>
      <PageHeader title="Dashboard" description="The state of your platform at a glance." />
      <FailoverBanner />
      <PlatformCallLimitNotices />
      <div className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        {stats.map((s) => (
          <Link
            key={s.label}
            href={s.href}
            className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500"
          >
            <p className="text-sm text-slate-500">{s.label}</p>
            <p className="mt-2 text-3xl font-semibold text-slate-900">{s.value}</p>
            <p className="mt-1 text-xs text-slate-500">{s.note}</p>
          </Link>
        ))}
      </div>
      <div className="mb-6">
        <PlatformCallStats />
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Telephony nodes" href="/admin/nodes">
          {data.nodes.length === 0 && (
            <p className="text-sm text-slate-500">No nodes yet. Add your first FreeSWITCH server.</p>
          )}
          <ul className="space-y-3">
            {data.nodes.map((n) => {
              const load = n.capacity > 0 ? Math.min(100, Math.round((n.activeCalls / n.capacity) * 100)) : 0;
              return (
                <li key={n.id} className="text-sm">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{n.hostname}</span>
                    <span className="flex gap-1">
                      <Badge tone={HEALTH_TONE[n.health]}>{n.health.toLowerCase()}</Badge>
                      {n.adminState !== "ACTIVE" && <Badge tone="amber">{n.adminState.toLowerCase()}</Badge>}
                      {!n.inSync && <Badge tone="amber">config behind</Badge>}
                    </span>
                  </div>
                  <p className="text-xs text-slate-500">{n.healthNote}</p>
                  <div className="mt-1 flex items-center gap-2">
                    <div
                      className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100"
                      role="meter"
                      aria-label={`${n.hostname} calls`}
                      aria-valuenow={n.activeCalls}
                      aria-valuemin={0}
                      aria-valuemax={n.capacity}
                    >
                      <div
                        className={`h-full ${load > 85 ? "bg-red-500" : "bg-brand-600"}`}
                        style={{ width: `${load}%` }}
                      />
                    </div>
                    <span className="w-28 text-right text-xs text-slate-500">
                      {n.activeCalls} / {n.capacity} calls
                    </span>
                  </div>
                </li>
              );
            })}
          </ul>
        </Card>
        <Card title="SIP proxies" href="/admin/proxies">
          {data.proxies.length === 0 && (
            <p className="text-sm text-slate-500">No SIP proxies yet. Add your Kamailio instances.</p>
          )}
          <ul className="space-y-2">
            {data.proxies.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span className="font-medium">{p.name}</span>
                <span className="flex items-center gap-2 text-xs text-slate-500">
                  revision {p.appliedRevision.toString()} / {data.kamailioRevision.toString()}
                  {!p.enabled ? (
                    <Badge>disabled</Badge>
                  ) : p.neverConnected ? (
                    <Badge>never connected</Badge>
                  ) : p.inSync ? (
                    <Badge tone="green">in sync</Badge>
                  ) : (
                    <Badge tone="amber">behind</Badge>
                  )}
                </span>
                {p.lastError && <p className="w-full text-xs text-red-600">{p.lastError}</p>}
              </li>
            ))}
          </ul>
        </Card>
        <div className="lg:col-span-2">
          <Card title="Recent changes" href="/admin/audit">
            {data.recent.length === 0 && <p className="text-sm text-slate-500">Nothing has happened yet.</p>}
            <ul className="divide-y divide-slate-100">
              {data.recent.map((r) => (
                <li key={r.id.toString()} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span>
                    <span className="font-mono text-xs">{r.action}</span>
                    {r.domain && <span className="ml-2 text-slate-500">{r.domain.name}</span>}
                  </span>
                  <span className="text-xs text-slate-500">
                    {r.actorLabel} · {r.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </>
  );
}
