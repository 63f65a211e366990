import { metrics } from "@/server/observability/metrics";
import { matchRoute } from "./matchRoute";

/**
 * Counts a REST request under its route template (`/domains/{domainId}/extensions`), so ids in
 * paths do not make a series each; a path no route matches counts as "unmatched".
 */
export function countRestRequest(method: string, path: string, status: number): void {
  const match = path === "/openapi.json" ? null : matchRoute(method, path);
  const route = match === null ? path : match.kind === "found" ? match.route.path : "unmatched";
  metrics().restRequests.inc({ method, route, status: String(status) });
}
