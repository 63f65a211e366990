import type { ProcedurePath } from "./procedures";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One REST operation = one tRPC procedure. The procedure's input is built as
 * `{ ...query-or-body, ...preset, ...pathParameters }`: path parameters carry the same
 * names as the procedure's input fields (`domainId`, `id`), so the URL decides the
 * object and the tenant, never the body. The table lives here rather than in `.meta()` on the
 * procedures so that one procedure can back several routes (drain, activate, maintenance)
 * and the routers stay free of HTTP details.
 */
export type RestRoute = {
  method: HttpMethod;
  /** Relative to /api/v1. */
  path: `/${string}`;
  procedure: ProcedurePath;
  tag: string;
  summary: string;
  /** Where the fields that are not path parameters come from. */
  input: "query" | "body" | "none";
  /** Fields the route itself fixes, e.g. drain = setAdminState with adminState DRAINING. */
  preset?: Record<string, string | number | boolean>;
  /** 201 for creations; 200 otherwise (204 when the procedure returns nothing). */
  created?: true;
};

const tenantBase = "/domains/{domainId}";

/** The routes of one section of the reference (an OpenAPI tag). */
const tagged = (tag: string, routes: Omit<RestRoute, "tag">[]): RestRoute[] =>
  routes.map((route) => ({ ...route, tag }));

export const restRoutes: RestRoute[] = [
  // Tenants (platform tokens only)
  ...tagged("Domains", [
    {
      method: "GET",
      path: "/domains",
      procedure: "domains.list",
      summary: "List tenants (domains)",
      input: "query",
    },
    {
      method: "POST",
      path: "/domains",
      procedure: "domains.create",
      summary: "Create a tenant",
      input: "body",
      created: true,
    },
    {
      method: "GET",
      path: "/domains/{id}",
      procedure: "domains.get",
      summary: "Get a tenant",
      input: "none",
    },
    {
      method: "PATCH",
      path: "/domains/{id}",
      procedure: "domains.update",
      summary: "Update a tenant's name, limits or fallback to any node",
      input: "body",
    },
    {
      method: "POST",
      path: "/domains/{id}/suspend",
      procedure: "domains.suspend",
      summary: "Suspend a tenant",
      input: "none",
    },
    {
      method: "POST",
      path: "/domains/{id}/resume",
      procedure: "domains.resume",
      summary: "Resume a suspended tenant",
      input: "none",
    },
    {
      method: "DELETE",
      path: "/domains/{id}",
      procedure: "domains.delete",
      summary: "Delete a tenant and everything in it (confirmName must repeat the domain name)",
      input: "query",
    },
  ]),
  ...tagged("Extensions", [
    {
      method: "GET",
      path: `${tenantBase}/extensions`,
      procedure: "extensions.list",
      summary: "List extensions",
      input: "query",
    },
    {
      method: "POST",
      path: `${tenantBase}/extensions`,
      procedure: "extensions.create",
      summary: "Create an extension (the SIP password is returned once; omit it to have one generated)",
      input: "body",
      created: true,
    },
    {
      method: "GET",
      path: `${tenantBase}/extensions/{id}`,
      procedure: "extensions.get",
      summary: "Get an extension",
      input: "none",
    },
    {
      method: "PATCH",
      path: `${tenantBase}/extensions/{id}`,
      procedure: "extensions.update",
      summary: "Update an extension",
      input: "body",
    },
    {
      method: "POST",
      path: `${tenantBase}/extensions/{id}/reset-sip-password`,
      procedure: "extensions.resetSipPassword",
      summary: "Set or generate a new SIP password (returned once)",
      input: "body",
    },
    {
      method: "DELETE",
      path: `${tenantBase}/extensions/{id}`,
      procedure: "extensions.delete",
      summary: "Delete an extension",
      input: "none",
    },
  ]),
  // Phone numbers: the platform owns the pool and assigns numbers to tenants; tenants point them somewhere.
  ...tagged("Phone numbers", [
    {
      method: "GET",
      path: "/numbers",
      procedure: "numbers.list",
      summary: "List the number pool",
      input: "query",
    },
    {
      method: "POST",
      path: "/numbers",
      procedure: "numbers.addRange",
      summary: "Add one number or a contiguous range (E.164) to the pool",
      input: "body",
      created: true,
    },
    {
      method: "POST",
      path: "/numbers/assign",
      procedure: "numbers.assign",
      summary: "Assign numbers to a tenant",
      input: "body",
    },
    {
      method: "POST",
      path: "/numbers/unassign",
      procedure: "numbers.unassign",
      summary: "Return numbers to the unassigned pool",
      input: "body",
    },
    {
      method: "POST",
      path: "/numbers/delete",
      procedure: "numbers.delete",
      summary: "Delete numbers from the pool",
      input: "body",
    },
    {
      method: "GET",
      path: `${tenantBase}/numbers`,
      procedure: "numbers.listMine",
      summary: "List a tenant's numbers and where each rings",
      input: "query",
    },
    {
      method: "PUT",
      path: `${tenantBase}/numbers/{id}/destination`,
      procedure: "numbers.setDestination",
      summary: "Set where one of the tenant's numbers rings",
      input: "body",
    },
  ]),
  // Trunks (platform-wide carrier gateways)
  ...tagged("Trunks", [
    { method: "GET", path: "/trunks", procedure: "trunks.list", summary: "List trunks", input: "query" },
    {
      method: "POST",
      path: "/trunks",
      procedure: "trunks.create",
      summary: "Create a trunk",
      input: "body",
      created: true,
    },
    {
      method: "PUT",
      path: "/trunks/{id}",
      procedure: "trunks.update",
      summary: "Replace a trunk's settings",
      input: "body",
    },
    {
      method: "DELETE",
      path: "/trunks/{id}",
      procedure: "trunks.delete",
      summary: "Delete a trunk",
      input: "none",
    },
  ]),
  // Outbound routes: platform-wide ones, and a tenant's own (when the tenant is allowed them)
  ...tagged("Outbound routes", [
    {
      method: "GET",
      path: "/outbound-routes",
      procedure: "routes.platform.list",
      summary: "List platform routes",
      input: "query",
    },
    {
      method: "POST",
      path: "/outbound-routes",
      procedure: "routes.platform.create",
      summary: "Create a platform route",
      input: "body",
      created: true,
    },
    {
      method: "PUT",
      path: "/outbound-routes/{id}",
      procedure: "routes.platform.update",
      summary: "Replace a platform route",
      input: "body",
    },
    {
      method: "DELETE",
      path: "/outbound-routes/{id}",
      procedure: "routes.platform.delete",
      summary: "Delete a platform route",
      input: "none",
    },
    {
      method: "GET",
      path: `${tenantBase}/outbound-routes`,
      procedure: "routes.tenant.list",
      summary: "List a tenant's own routes",
      input: "query",
    },
    {
      method: "POST",
      path: `${tenantBase}/outbound-routes`,
      procedure: "routes.tenant.create",
      summary: "Create a tenant route",
      input: "body",
      created: true,
    },
    {
      method: "PUT",
      path: `${tenantBase}/outbound-routes/{id}`,
      procedure: "routes.tenant.update",
      summary: "Replace a tenant route",
      input: "body",
    },
    {
      method: "DELETE",
      path: `${tenantBase}/outbound-routes/{id}`,
      procedure: "routes.tenant.delete",
      summary: "Delete a tenant route",
      input: "none",
    },
  ]),
  ...tagged("Ring groups", [
    {
      method: "GET",
      path: `${tenantBase}/ring-groups`,
      procedure: "ringGroups.list",
      summary: "List ring groups",
      input: "query",
    },
    {
      method: "POST",
      path: `${tenantBase}/ring-groups`,
      procedure: "ringGroups.create",
      summary: "Create a ring group",
      input: "body",
      created: true,
    },
    {
      method: "GET",
      path: `${tenantBase}/ring-groups/{id}`,
      procedure: "ringGroups.get",
      summary: "Get a ring group",
      input: "none",
    },
    {
      method: "PUT",
      path: `${tenantBase}/ring-groups/{id}`,
      procedure: "ringGroups.update",
      summary: "Replace a ring group",
      input: "body",
    },
    {
      method: "DELETE",
      path: `${tenantBase}/ring-groups/{id}`,
      procedure: "ringGroups.delete",
      summary: "Delete a ring group",
      input: "none",
    },
  ]),
  ...tagged("IVR menus", [
    {
      method: "GET",
      path: `${tenantBase}/ivr-menus`,
      procedure: "ivrMenus.list",
      summary: "List IVR menus",
      input: "query",
    },
    {
      method: "POST",
      path: `${tenantBase}/ivr-menus`,
      procedure: "ivrMenus.create",
      summary: "Create an IVR menu",
      input: "body",
      created: true,
    },
    {
      method: "GET",
      path: `${tenantBase}/ivr-menus/{id}`,
      procedure: "ivrMenus.get",
      summary: "Get an IVR menu",
      input: "none",
    },
    {
      method: "PUT",
      path: `${tenantBase}/ivr-menus/{id}`,
      procedure: "ivrMenus.update",
      summary: "Replace an IVR menu",
      input: "body",
    },
    {
      method: "DELETE",
      path: `${tenantBase}/ivr-menus/{id}`,
      procedure: "ivrMenus.delete",
      summary: "Delete an IVR menu",
      input: "none",
    },
  ]),
  ...tagged("Conference rooms", [
    {
      method: "GET",
      path: `${tenantBase}/conference-rooms`,
      procedure: "conferenceRooms.list",
      summary: "List conference rooms",
      input: "query",
    },
    {
      method: "POST",
      path: `${tenantBase}/conference-rooms`,
      procedure: "conferenceRooms.create",
      summary: "Create a conference room",
      input: "body",
      created: true,
    },
    {
      method: "GET",
      path: `${tenantBase}/conference-rooms/{id}`,
      procedure: "conferenceRooms.get",
      summary: "Get a conference room",
      input: "none",
    },
    {
      method: "PUT",
      path: `${tenantBase}/conference-rooms/{id}`,
      procedure: "conferenceRooms.update",
      summary: "Replace a conference room",
      input: "body",
    },
    {
      method: "DELETE",
      path: `${tenantBase}/conference-rooms/{id}`,
      procedure: "conferenceRooms.delete",
      summary: "Delete a conference room",
      input: "none",
    },
  ]),
  ...tagged("Call pickup", [
    {
      method: "GET",
      path: `${tenantBase}/pickup-groups`,
      procedure: "pickupGroups.list",
      summary: "List pickup groups",
      input: "query",
    },
    {
      method: "POST",
      path: `${tenantBase}/pickup-groups`,
      procedure: "pickupGroups.create",
      summary: "Create a pickup group",
      input: "body",
      created: true,
    },
    {
      method: "GET",
      path: `${tenantBase}/pickup-groups/{id}`,
      procedure: "pickupGroups.get",
      summary: "Get a pickup group",
      input: "none",
    },
    {
      method: "PUT",
      path: `${tenantBase}/pickup-groups/{id}`,
      procedure: "pickupGroups.update",
      summary: "Replace a pickup group",
      input: "body",
    },
    {
      method: "DELETE",
      path: `${tenantBase}/pickup-groups/{id}`,
      procedure: "pickupGroups.delete",
      summary: "Delete a pickup group",
      input: "none",
    },
  ]),
  ...tagged("Call parking", [
    {
      method: "GET",
      path: `${tenantBase}/parking`,
      procedure: "parking.get",
      summary: "A tenant's parking lot: slots, timeout, enabled (defaults when never saved)",
      input: "none",
    },
    {
      method: "PUT",
      path: `${tenantBase}/parking`,
      procedure: "parking.update",
      summary: "Set a tenant's parking lot",
      input: "body",
    },
  ]),
  ...tagged("Telephony nodes", [
    {
      method: "GET",
      path: "/nodes",
      procedure: "cluster.nodes.list",
      summary: "List FreeSWITCH nodes",
      input: "none",
    },
    {
      method: "POST",
      path: "/nodes",
      procedure: "cluster.nodes.create",
      summary: "Add a FreeSWITCH node (its xml_curl secret is returned once)",
      input: "body",
      created: true,
    },
    {
      method: "PATCH",
      path: "/nodes/{id}",
      procedure: "cluster.nodes.update",
      summary: "Update a node",
      input: "body",
    },
    {
      method: "POST",
      path: "/nodes/{id}/drain",
      procedure: "cluster.nodes.setAdminState",
      summary:
        "Drain a node: no new calls, running calls continue (?drainDeadlineMinutes=N: list what is left after N)",
      input: "query",
      preset: { adminState: "DRAINING" },
    },
    {
      method: "POST",
      path: "/nodes/{id}/activate",
      procedure: "cluster.nodes.setAdminState",
      summary: "Put a node back into service",
      input: "none",
      preset: { adminState: "ACTIVE" },
    },
    {
      method: "POST",
      path: "/nodes/{id}/maintenance",
      procedure: "cluster.nodes.setAdminState",
      summary: "Take a node out of service for maintenance",
      input: "none",
      preset: { adminState: "MAINTENANCE" },
    },
    {
      method: "DELETE",
      path: "/nodes/{id}",
      procedure: "cluster.nodes.delete",
      summary: "Remove a node",
      input: "none",
    },
  ]),
  // Domain ↔ node assignments
  ...tagged("Domain assignments", [
    {
      method: "GET",
      path: `${tenantBase}/nodes`,
      procedure: "cluster.assignments.list",
      summary: "Nodes a tenant is pinned to",
      input: "none",
    },
    {
      method: "PUT",
      path: `${tenantBase}/nodes`,
      procedure: "cluster.assignments.set",
      summary: "Pin a tenant to nodes (an empty list returns it to the general pool)",
      input: "body",
    },
    {
      method: "POST",
      path: "/domain-assignments/bulk",
      procedure: "cluster.assignments.bulkAssign",
      summary: "Pin many tenants to the same nodes",
      input: "body",
    },
  ]),
  ...tagged("SIP proxies", [
    {
      method: "GET",
      path: "/sip-proxies",
      procedure: "cluster.proxies.list",
      summary: "List Kamailio proxies",
      input: "none",
    },
    {
      method: "POST",
      path: "/sip-proxies",
      procedure: "cluster.proxies.create",
      summary: "Add a Kamailio proxy",
      input: "body",
      created: true,
    },
    {
      method: "PATCH",
      path: "/sip-proxies/{id}",
      procedure: "cluster.proxies.update",
      summary: "Update a proxy",
      input: "body",
    },
    {
      method: "DELETE",
      path: "/sip-proxies/{id}",
      procedure: "cluster.proxies.delete",
      summary: "Remove a proxy",
      input: "none",
    },
  ]),
  ...tagged("Cluster", [
    {
      method: "GET",
      path: "/cluster/sync-status",
      procedure: "cluster.syncStatus",
      summary: "Latest configuration revision and how far each node and proxy has applied it",
      input: "none",
    },
  ]),
  // Audit log (read only)
  ...tagged("Audit log", [
    {
      method: "GET",
      path: "/audit-log",
      procedure: "audit.list",
      summary: "Search the platform audit log",
      input: "query",
    },
    {
      method: "GET",
      path: `${tenantBase}/audit-log`,
      procedure: "audit.tenant.list",
      summary: "Search a tenant's audit log",
      input: "query",
    },
  ]),
  // Call history (HISTORY). The CSV exports stream from their own routes, outside this table:
  // GET /api/v1/domains/{domainId}/call-records.csv and GET /api/v1/call-records.csv (same filters).
  ...tagged("Call history", [
    {
      method: "GET",
      path: `${tenantBase}/call-records`,
      procedure: "callRecords.list",
      summary: "Search a tenant's calls, newest first (pass nextCursor back as cursor for the next page)",
      input: "query",
    },
    {
      method: "GET",
      path: `${tenantBase}/call-records/{callId}`,
      procedure: "callRecords.get",
      summary: "One call with both legs and the hangup cause in words",
      input: "none",
    },
    {
      method: "GET",
      path: `${tenantBase}/call-stats`,
      procedure: "callRecords.stats",
      summary: "A tenant's last 24 hours: calls per hour, answer-seizure ratio, average duration, concurrency",
      input: "none",
    },
    {
      method: "GET",
      path: "/call-records",
      procedure: "callRecords.platform.list",
      summary: "Search every tenant's calls (domainId filters one tenant, unattributed=true the calls of no tenant)",
      input: "query",
    },
    {
      method: "GET",
      path: "/call-records/{callId}",
      procedure: "callRecords.platform.get",
      summary: "One call of any tenant with both legs",
      input: "none",
    },
    {
      method: "GET",
      path: "/call-stats",
      procedure: "callRecords.platform.stats",
      summary: "The platform's last 24 hours, with concurrent calls per node from the node samples",
      input: "none",
    },
  ]),
  // Registered phones and live calls (live state fed by the nodes' event sockets)
  ...tagged("Live state", [
    {
      method: "GET",
      path: `${tenantBase}/registrations`,
      procedure: "liveState.registrations",
      summary: "A tenant's registered phones (extension, user agent, contact, node, expiry)",
      input: "query",
    },
    {
      method: "GET",
      path: `${tenantBase}/live-calls`,
      procedure: "liveState.liveCalls",
      summary: "A tenant's calls up now, one row per call",
      input: "query",
    },
    {
      method: "POST",
      path: `${tenantBase}/live-calls/{uuid}/hangup`,
      procedure: "liveState.hangup",
      summary: "Hang up one of the tenant's calls (uuid_kill on its node)",
      input: "none",
    },
    {
      method: "GET",
      path: "/registrations",
      procedure: "liveState.platform.registrations",
      summary: "Registered phones on every node (domainId / nodeId filter)",
      input: "query",
    },
    {
      method: "GET",
      path: "/live-calls",
      procedure: "liveState.platform.liveCalls",
      summary: "Calls up now on every node (domainId / nodeId filter)",
      input: "query",
    },
    {
      method: "POST",
      path: "/live-calls/{uuid}/hangup",
      procedure: "liveState.platform.hangup",
      summary: "Hang up any call (uuid_kill on its node)",
      input: "none",
    },
  ]),
  // Failover (FAILOVER)
  ...tagged("Failover", [
    {
      method: "GET",
      path: "/failover/settings",
      procedure: "failover.settings.get",
      summary: "Failover settings: detection rule, hysteresis, automatic restore, default drain deadline",
      input: "none",
    },
    {
      method: "PATCH",
      path: "/failover/settings",
      procedure: "failover.settings.update",
      summary: "Change the failover settings",
      input: "body",
    },
    {
      method: "GET",
      path: "/failover/events",
      procedure: "failover.events",
      summary: "Failover moves, newest first (openOnly: not restored yet)",
      input: "query",
    },
    {
      method: "POST",
      path: "/domains/{domainId}/failover/restore",
      procedure: "failover.restore",
      summary: "Restore a failed-over domain's original node assignment",
      input: "body",
    },
    {
      method: "PUT",
      path: "/domains/{domainId}/failover",
      procedure: "failover.setPolicy",
      summary: "Turn automatic failover on or off for a tenant",
      input: "body",
    },
    {
      method: "PUT",
      path: "/nodes/{id}/spare",
      procedure: "failover.setSpare",
      summary: "Put a node into the spare pool (N+1) or take it out",
      input: "body",
    },
    {
      method: "GET",
      path: "/cluster/node-load",
      procedure: "failover.nodeLoad",
      summary: "Each node's load (extensions, registered phones, calls) against its capacity",
      input: "none",
    },
    {
      method: "GET",
      path: "/nodes/{id}/drain",
      procedure: "failover.drainStatus",
      summary: "A draining node's deadline and, past it, the calls still up there",
      input: "none",
    },
    {
      method: "GET",
      path: "/cluster/placement",
      procedure: "failover.placement",
      summary: "Suggested nodes for a new tenant of the given size",
      input: "query",
    },
  ]),
  // ───── Abuse limits (PROTECT) ─────
  ...tagged("Abuse limits", [
    {
      method: "GET",
      path: `${tenantBase}/call-limits`,
      procedure: "callLimits.mine",
      summary: "A tenant's abuse limits, minutes used today, recent trips and open notices (read-only for tenants)",
      input: "none",
    },
    {
      method: "PUT",
      path: `${tenantBase}/call-limits`,
      procedure: "callLimits.set",
      summary: "Set a tenant's abuse limits (platform)",
      input: "body",
    },
    {
      method: "PUT",
      path: `${tenantBase}/call-limits/block`,
      procedure: "callLimits.setBlock",
      summary: "Block or unblock a tenant's outbound calls (platform)",
      input: "body",
    },
    {
      method: "GET",
      path: "/call-limits/policy",
      procedure: "callLimits.policy",
      summary: "The platform's auto-block switch and premium-rate prefixes",
      input: "none",
    },
    {
      method: "PUT",
      path: "/call-limits/policy",
      procedure: "callLimits.setPolicy",
      summary: "Change the auto-block switch (N trips in M minutes) and premium-rate prefixes",
      input: "body",
    },
    {
      method: "GET",
      path: "/call-limits/notices",
      procedure: "callLimits.notices",
      summary: "Tenants tripping their limits repeatedly (not yet acknowledged)",
      input: "none",
    },
    {
      method: "POST",
      path: "/call-limits/notices/{id}/acknowledge",
      procedure: "callLimits.acknowledgeNotice",
      summary: "Acknowledge a notice",
      input: "none",
    },
  ]),
  ...tagged("Webhooks", [
    {
      method: "GET",
      path: `${tenantBase}/webhooks`,
      procedure: "webhooks.list",
      summary: "List a tenant's webhook endpoints",
      input: "none",
    },
    {
      method: "POST",
      path: `${tenantBase}/webhooks`,
      procedure: "webhooks.create",
      summary: "Register a tenant's webhook endpoint (the signing secret is in the answer, once)",
      input: "body",
      created: true,
    },
    {
      method: "GET",
      path: `${tenantBase}/webhooks/{id}`,
      procedure: "webhooks.get",
      summary: "Get a tenant's webhook endpoint",
      input: "none",
    },
    {
      method: "PATCH",
      path: `${tenantBase}/webhooks/{id}`,
      procedure: "webhooks.update",
      summary: "Change a tenant's webhook endpoint; enabled=true re-enables a disabled one and sends what waited",
      input: "body",
    },
    {
      method: "DELETE",
      path: `${tenantBase}/webhooks/{id}`,
      procedure: "webhooks.delete",
      summary: "Delete a tenant's webhook endpoint and its delivery log",
      input: "none",
    },
    {
      method: "POST",
      path: `${tenantBase}/webhooks/{id}/rotate-secret`,
      procedure: "webhooks.rotateSecret",
      summary: "Replace the signing secret of a tenant's webhook endpoint (shown once)",
      input: "none",
    },
    {
      method: "GET",
      path: `${tenantBase}/webhooks/{id}/deliveries`,
      procedure: "webhooks.deliveries",
      summary: "Delivery log of a tenant's webhook endpoint: status, attempts and response codes, newest first",
      input: "query",
    },
    {
      method: "GET",
      path: "/webhooks",
      procedure: "webhooks.platform.list",
      summary: "List a platform webhook endpoints",
      input: "none",
    },
    {
      method: "POST",
      path: "/webhooks",
      procedure: "webhooks.platform.create",
      summary: "Register a platform webhook endpoint (the signing secret is in the answer, once)",
      input: "body",
      created: true,
    },
    {
      method: "GET",
      path: "/webhooks/{id}",
      procedure: "webhooks.platform.get",
      summary: "Get a platform webhook endpoint",
      input: "none",
    },
    {
      method: "PATCH",
      path: "/webhooks/{id}",
      procedure: "webhooks.platform.update",
      summary: "Change a platform webhook endpoint; enabled=true re-enables a disabled one and sends what waited",
      input: "body",
    },
    {
      method: "DELETE",
      path: "/webhooks/{id}",
      procedure: "webhooks.platform.delete",
      summary: "Delete a platform webhook endpoint and its delivery log",
      input: "none",
    },
    {
      method: "POST",
      path: "/webhooks/{id}/rotate-secret",
      procedure: "webhooks.platform.rotateSecret",
      summary: "Replace the signing secret of a platform webhook endpoint (shown once)",
      input: "none",
    },
    {
      method: "GET",
      path: "/webhooks/{id}/deliveries",
      procedure: "webhooks.platform.deliveries",
      summary: "Delivery log of a platform webhook endpoint: status, attempts and response codes, newest first",
      input: "query",
    },
  ]),
];
