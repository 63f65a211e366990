import { restRoutes, type HttpMethod, type RestRoute } from "./routes";

export type RouteMatch =
  | { kind: "found"; route: RestRoute; params: Record<string, string> }
  | { kind: "wrong-method"; allowed: HttpMethod[] }
  | { kind: "none" };

type CompiledRoute = { route: RestRoute; pattern: RegExp; names: string[] };

const PARAM = /\{(\w+)\}/g;

export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(PARAM)].map((m) => m[1]!);
}

function compile(route: RestRoute): CompiledRoute {
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(PARAM, "([^/]+)");
  return { route, pattern: new RegExp(`^${source}/?$`), names: pathParameterNames(route.path) };
}

const compiled = restRoutes.map(compile);

function decodeParams(names: string[], match: RegExpExecArray): Record<string, string> | null {
  const params: Record<string, string> = {};
  try {
    names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
  } catch {
    return null; // a malformed %-escape names no object
  }
  return params;
}

/** Finds the route for a path relative to /api/v1, telling "no such path" from "wrong method". */
export function matchRoute(method: string, path: string): RouteMatch {
  const allowed: HttpMethod[] = [];
  for (const { route, pattern, names } of compiled) {
    const m = pattern.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params = decodeParams(names, m);
    return params ? { kind: "found", route, params } : { kind: "none" };
  }
  return allowed.length ? { kind: "wrong-method", allowed } : { kind: "none" };
}
