import type { ProcedurePath } from "./procedures";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One REST operation = one tRPC procedure. The procedure's input is built as
 * `{ ...query-or-body, ...preset, ...pathParameters }`: path parameters carry the same
 * names as the procedure's input fields (`domainId`, `id`), so the URL decides the
 * object and the tenant, never the body.
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

export const restRoutes: RestRoute[] = [
  // Tenants (platform tokens only)
  {
    method: "GET",
    path: "/domains",
    procedure: "domains.list",
    tag: "Domains",
    summary: "List tenants (domains)",
    input: "query",
  },
  {
    method: "POST",
    path: "/domains",
    procedure: "domains.create",
    tag: "Domains",
    summary: "Create a tenant",
    input: "body",
    created: true,
  },
  {
    method: "GET",
    path: "/domains/{id}",
    procedure: "domains.get",
    tag: "Domains",
    summary: "Get a tenant",
    input: "none",
  },
  {
    method: "PATCH",
    path: "/domains/{id}",
    procedure: "domains.update",
    tag: "Domains",
    summary: "Update a tenant's name or limits",
    input: "body",
  },
  {
    method: "POST",
    path: "/domains/{id}/suspend",
    procedure: "domains.suspend",
    tag: "Domains",
    summary: "Suspend a tenant",
    input: "none",
  },
  {
    method: "POST",
    path: "/domains/{id}/resume",
    procedure: "domains.resume",
    tag: "Domains",
    summary: "Resume a suspended tenant",
    input: "none",
  },
  {
    method: "DELETE",
    path: "/domains/{id}",
    procedure: "domains.delete",
    tag: "Domains",
    summary: "Delete a tenant and everything in it (confirmName must repeat the domain name)",
    input: "query",
  },

  // Extensions
  {
    method: "GET",
    path: `${tenantBase}/extensions`,
    procedure: "extensions.list",
    tag: "Extensions",
    summary: "List extensions",
    input: "query",
  },
  {
    method: "POST",
    path: `${tenantBase}/extensions`,
    procedure: "extensions.create",
    tag: "Extensions",
    summary: "Create an extension (the SIP password is returned once; omit it to have one generated)",
    input: "body",
    created: true,
  },
  {
    method: "GET",
    path: `${tenantBase}/extensions/{id}`,
    procedure: "extensions.get",
    tag: "Extensions",
    summary: "Get an extension",
    input: "none",
  },
  {
    method: "PATCH",
    path: `${tenantBase}/extensions/{id}`,
    procedure: "extensions.update",
    tag: "Extensions",
    summary: "Update an extension",
    input: "body",
  },
  {
    method: "POST",
    path: `${tenantBase}/extensions/{id}/reset-sip-password`,
    procedure: "extensions.resetSipPassword",
    tag: "Extensions",
    summary: "Set or generate a new SIP password (returned once)",
    input: "body",
  },
  {
    method: "DELETE",
    path: `${tenantBase}/extensions/{id}`,
    procedure: "extensions.delete",
    tag: "Extensions",
    summary: "Delete an extension",
    input: "none",
  },

  // Phone numbers: the platform owns the pool and assigns numbers to tenants; tenants point them somewhere.
  {
    method: "GET",
    path: "/numbers",
    procedure: "numbers.list",
    tag: "Phone numbers",
    summary: "List the number pool",
    input: "query",
  },
  {
    method: "POST",
    path: "/numbers",
    procedure: "numbers.addRange",
    tag: "Phone numbers",
    summary: "Add one number or a contiguous range (E.164) to the pool",
    input: "body",
    created: true,
  },
  {
    method: "POST",
    path: "/numbers/assign",
    procedure: "numbers.assign",
    tag: "Phone numbers",
    summary: "Assign numbers to a tenant",
    input: "body",
  },
  {
    method: "POST",
    path: "/numbers/unassign",
    procedure: "numbers.unassign",
    tag: "Phone numbers",
    summary: "Return numbers to the unassigned pool",
    input: "body",
  },
  {
    method: "POST",
    path: "/numbers/delete",
    procedure: "numbers.delete",
    tag: "Phone numbers",
    summary: "Delete numbers from the pool",
    input: "body",
  },
  {
    method: "GET",
    path: `${tenantBase}/numbers`,
    procedure: "numbers.listMine",
    tag: "Phone numbers",
    summary: "List a tenant's numbers and where each rings",
    input: "query",
  },
  {
    method: "PUT",
    path: `${tenantBase}/numbers/{id}/destination`,
    procedure: "numbers.setDestination",
    tag: "Phone numbers",
    summary: "Set where one of the tenant's numbers rings",
    input: "body",
  },

  // Trunks (platform-wide carrier gateways)
  { method: "GET", path: "/trunks", procedure: "trunks.list", tag: "Trunks", summary: "List trunks", input: "query" },
  {
    method: "POST",
    path: "/trunks",
    procedure: "trunks.create",
    tag: "Trunks",
    summary: "Create a trunk",
    input: "body",
    created: true,
  },
  {
    method: "PUT",
    path: "/trunks/{id}",
    procedure: "trunks.update",
    tag: "Trunks",
    summary: "Replace a trunk's settings",
    input: "body",
  },
  {
    method: "DELETE",
    path: "/trunks/{id}",
    procedure: "trunks.delete",
    tag: "Trunks",
    summary: "Delete a trunk",
    input: "none",
  },

  // Outbound routes: platform-wide ones, and a tenant's own (when the tenant is allowed them)
  {
    method: "GET",
    path: "/outbound-routes",
    procedure: "routes.platform.list",
    tag: "Outbound routes",
    summary: "List platform routes",
    input: "query",
  },
  {
    method: "POST",
    path: "/outbound-routes",
    procedure: "routes.platform.create",
    tag: "Outbound routes",
    summary: "Create a platform route",
    input: "body",
    created: true,
  },
  {
    method: "PUT",
    path: "/outbound-routes/{id}",
    procedure: "routes.platform.update",
    tag: "Outbound routes",
    summary: "Replace a platform route",
    input: "body",
  },
  {
    method: "DELETE",
    path: "/outbound-routes/{id}",
    procedure: "routes.platform.delete",
    tag: "Outbound routes",
    summary: "Delete a platform route",
    input: "none",
  },
  {
    method: "GET",
    path: `${tenantBase}/outbound-routes`,
    procedure: "routes.tenant.list",
    tag: "Outbound routes",
    summary: "List a tenant's own routes",
    input: "query",
  },
  {
    method: "POST",
    path: `${tenantBase}/outbound-routes`,
    procedure: "routes.tenant.create",
    tag: "Outbound routes",
    summary: "Create a tenant route",
    input: "body",
    created: true,
  },
  {
    method: "PUT",
    path: `${tenantBase}/outbound-routes/{id}`,
    procedure: "routes.tenant.update",
    tag: "Outbound routes",
    summary: "Replace a tenant route",
    input: "body",
  },
  {
    method: "DELETE",
    path: `${tenantBase}/outbound-routes/{id}`,
    procedure: "routes.tenant.delete",
    tag: "Outbound routes",
    summary: "Delete a tenant route",
    input: "none",
  },

  // Ring groups
  {
    method: "GET",
    path: `${tenantBase}/ring-groups`,
    procedure: "ringGroups.list",
    tag: "Ring groups",
    summary: "List ring groups",
    input: "query",
  },
  {
    method: "POST",
    path: `${tenantBase}/ring-groups`,
    procedure: "ringGroups.create",
    tag: "Ring groups",
    summary: "Create a ring group",
    input: "body",
    created: true,
  },
  {
    method: "GET",
    path: `${tenantBase}/ring-groups/{id}`,
    procedure: "ringGroups.get",
    tag: "Ring groups",
    summary: "Get a ring group",
    input: "none",
  },
  {
    method: "PUT",
    path: `${tenantBase}/ring-groups/{id}`,
    procedure: "ringGroups.update",
    tag: "Ring groups",
    summary: "Replace a ring group",
    input: "body",
  },
  {
    method: "DELETE",
    path: `${tenantBase}/ring-groups/{id}`,
    procedure: "ringGroups.delete",
    tag: "Ring groups",
    summary: "Delete a ring group",
    input: "none",
  },

  // IVR menus
  {
    method: "GET",
    path: `${tenantBase}/ivr-menus`,
    procedure: "ivrMenus.list",
    tag: "IVR menus",
    summary: "List IVR menus",
    input: "query",
  },
  {
    method: "POST",
    path: `${tenantBase}/ivr-menus`,
    procedure: "ivrMenus.create",
    tag: "IVR menus",
    summary: "Create an IVR menu",
    input: "body",
    created: true,
  },
  {
    method: "GET",
    path: `${tenantBase}/ivr-menus/{id}`,
    procedure: "ivrMenus.get",
    tag: "IVR menus",
    summary: "Get an IVR menu",
    input: "none",
  },
  {
    method: "PUT",
    path: `${tenantBase}/ivr-menus/{id}`,
    procedure: "ivrMenus.update",
    tag: "IVR menus",
    summary: "Replace an IVR menu",
    input: "body",
  },
  {
    method: "DELETE",
    path: `${tenantBase}/ivr-menus/{id}`,
    procedure: "ivrMenus.delete",
    tag: "IVR menus",
    summary: "Delete an IVR menu",
    input: "none",
  },

  // Telephony nodes
  {
    method: "GET",
    path: "/nodes",
    procedure: "cluster.nodes.list",
    tag: "Telephony nodes",
    summary: "List FreeSWITCH nodes",
    input: "none",
  },
  {
    method: "POST",
    path: "/nodes",
    procedure: "cluster.nodes.create",
    tag: "Telephony nodes",
    summary: "Add a FreeSWITCH node (its xml_curl secret is returned once)",
    input: "body",
    created: true,
  },
  {
    method: "PATCH",
    path: "/nodes/{id}",
    procedure: "cluster.nodes.update",
    tag: "Telephony nodes",
    summary: "Update a node",
    input: "body",
  },
  {
    method: "POST",
    path: "/nodes/{id}/drain",
    procedure: "cluster.nodes.setAdminState",
    tag: "Telephony nodes",
    summary: "Drain a node: no new calls, running calls continue",
    input: "none",
    preset: { adminState: "DRAINING" },
  },
  {
    method: "POST",
    path: "/nodes/{id}/activate",
    procedure: "cluster.nodes.setAdminState",
    tag: "Telephony nodes",
    summary: "Put a node back into service",
    input: "none",
    preset: { adminState: "ACTIVE" },
  },
  {
    method: "POST",
    path: "/nodes/{id}/maintenance",
    procedure: "cluster.nodes.setAdminState",
    tag: "Telephony nodes",
    summary: "Take a node out of service for maintenance",
    input: "none",
    preset: { adminState: "MAINTENANCE" },
  },
  {
    method: "DELETE",
    path: "/nodes/{id}",
    procedure: "cluster.nodes.delete",
    tag: "Telephony nodes",
    summary: "Remove a node",
    input: "none",
  },

  // Domain ↔ node assignments
  {
    method: "GET",
    path: `${tenantBase}/nodes`,
    procedure: "cluster.assignments.list",
    tag: "Domain assignments",
    summary: "Nodes a tenant is pinned to",
    input: "none",
  },
  {
    method: "PUT",
    path: `${tenantBase}/nodes`,
    procedure: "cluster.assignments.set",
    tag: "Domain assignments",
    summary: "Pin a tenant to nodes (an empty list returns it to the general pool)",
    input: "body",
  },
  {
    method: "POST",
    path: "/domain-assignments/bulk",
    procedure: "cluster.assignments.bulkAssign",
    tag: "Domain assignments",
    summary: "Pin many tenants to the same nodes",
    input: "body",
  },

  // SIP proxies
  {
    method: "GET",
    path: "/sip-proxies",
    procedure: "cluster.proxies.list",
    tag: "SIP proxies",
    summary: "List Kamailio proxies",
    input: "none",
  },
  {
    method: "POST",
    path: "/sip-proxies",
    procedure: "cluster.proxies.create",
    tag: "SIP proxies",
    summary: "Add a Kamailio proxy",
    input: "body",
    created: true,
  },
  {
    method: "PATCH",
    path: "/sip-proxies/{id}",
    procedure: "cluster.proxies.update",
    tag: "SIP proxies",
    summary: "Update a proxy",
    input: "body",
  },
  {
    method: "DELETE",
    path: "/sip-proxies/{id}",
    procedure: "cluster.proxies.delete",
    tag: "SIP proxies",
    summary: "Remove a proxy",
    input: "none",
  },

  // Cluster
  {
    method: "GET",
    path: "/cluster/sync-status",
    procedure: "cluster.syncStatus",
    tag: "Cluster",
    summary: "Latest configuration revision and how far each node and proxy has applied it",
    input: "none",
  },

  // Audit log (read only)
  {
    method: "GET",
    path: "/audit-log",
    procedure: "audit.list",
    tag: "Audit log",
    summary: "Search the platform audit log",
    input: "query",
  },
  {
    method: "GET",
    path: `${tenantBase}/audit-log`,
    procedure: "audit.tenant.list",
    tag: "Audit log",
    summary: "Search a tenant's audit log",
    input: "query",
  },
];
