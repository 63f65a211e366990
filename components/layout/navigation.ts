import type { SessionMembership } from "@/server/auth/session";

export type NavItem = { href: string; label: string };
export type NavSection = { title: string; items: NavItem[] };

const PLATFORM: NavItem[] = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/tenants", label: "Tenants" },
  { href: "/admin/nodes", label: "Telephony nodes" },
  { href: "/admin/live-calls", label: "Live calls" },
  { href: "/admin/registrations", label: "Registered phones" },
  { href: "/admin/proxies", label: "SIP proxies" },
  { href: "/admin/calls", label: "Call history" },
  { href: "/admin/trunks", label: "Trunks" },
  { href: "/admin/numbers", label: "Phone numbers" },
  { href: "/admin/routes", label: "Outbound routes" },
  { href: "/admin/call-limits", label: "Abuse limits" },
  { href: "/admin/users", label: "Users & roles" },
  { href: "/admin/api-tokens", label: "API tokens" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/api-docs", label: "API reference" },
  { href: "/admin/audit", label: "Audit log" },
];

function tenantAdminItems(domainId: string): NavItem[] {
  const base = `/t/${domainId}`;
  return [
    { href: `${base}/dashboard`, label: "Dashboard" },
    { href: `${base}/extensions`, label: "Extensions" },
    { href: `${base}/live-calls`, label: "Live calls" },
    { href: `${base}/registrations`, label: "Registered phones" },
    { href: `${base}/ring-groups`, label: "Ring groups" },
    { href: `${base}/pickup-groups`, label: "Pickup groups" },
    { href: `${base}/parking`, label: "Call parking" },
    { href: `${base}/ivr-menus`, label: "IVR menus" },
    { href: `${base}/business-hours`, label: "Business hours" },
    { href: `${base}/conference-rooms`, label: "Conference rooms" },
    { href: `${base}/call-queues`, label: "Call queues" },
    { href: `${base}/music-on-hold`, label: "Music on hold" },
    { href: `${base}/numbers`, label: "Phone numbers" },
    { href: `${base}/routes`, label: "Outbound routes" },
    { href: `${base}/users`, label: "Users" },
    { href: `${base}/calls`, label: "Call history" },
    { href: `${base}/simulator`, label: "Dialplan simulator" },
    { href: `${base}/call-limits`, label: "Call limits" },
    { href: `${base}/api-tokens`, label: "API tokens" },
    { href: `${base}/webhooks`, label: "Webhooks" },
    { href: `${base}/audit`, label: "Audit log" },
  ];
}

/** The navigation a person sees is decided by their memberships; the server enforces the same rules. */
export function navigationFor(memberships: SessionMembership[], activeDomainId: string | null): NavSection[] {
  const sections: NavSection[] = [];
  if (memberships.some((m) => m.role === "PLATFORM_ADMIN")) {
    sections.push({ title: "Platform", items: PLATFORM });
    if (activeDomainId) sections.push({ title: "Tenant", items: tenantAdminItems(activeDomainId) });
    return sections;
  }
  for (const m of memberships) {
    if (!m.domainId) continue;
    if (m.role === "TENANT_ADMIN")
      sections.push({ title: m.domainName ?? "Tenant", items: tenantAdminItems(m.domainId) });
    if (m.role === "TENANT_USER") {
      sections.push({ title: m.domainName ?? "My phone", items: [{ href: `/t/${m.domainId}/me`, label: "My phone" }] });
    }
  }
  return sections;
}
