import { collectDefaultMetrics, Counter, Registry } from "prom-client";
import { HotCounter, HotHistogram } from "./hotMetrics";

/** The FreeSWITCH section a request was for; "unknown" when it never got that far (bad auth, bad body). */
export type XmlCurlSection = "directory" | "dialplan" | "configuration" | "unknown";
export type XmlCurlOutcome = "answered" | "not_found" | "unauthorized" | "forbidden" | "method_not_allowed" | "error";
export type CacheLookup = "hit" | "miss" | "stale";

const SECTIONS: readonly XmlCurlSection[] = ["directory", "dialplan", "configuration", "unknown"];
const OUTCOMES: readonly XmlCurlOutcome[] = [
  "answered",
  "not_found",
  "unauthorized",
  "forbidden",
  "method_not_allowed",
  "error",
];
const CACHE_LOOKUPS: readonly CacheLookup[] = ["hit", "miss", "stale"];

const xmlCurlSeries = SECTIONS.flatMap((section) => OUTCOMES.map((outcome) => ({ section, outcome })));
const xmlCurlIndex = (section: XmlCurlSection, outcome: XmlCurlOutcome) =>
  SECTIONS.indexOf(section) * OUTCOMES.length + OUTCOMES.indexOf(outcome);
/** Series indexes resolved once, so an observation looks up no label. */
const XMLCURL_SERIES = Object.fromEntries(
  SECTIONS.map((s) => [s, Object.fromEntries(OUTCOMES.map((o) => [o, xmlCurlIndex(s, o)]))]),
) as Record<XmlCurlSection, Record<XmlCurlOutcome, number>>;

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: "switchboard_" });
  return {
    registry,
    xmlCurl: new HotHistogram(
      "switchboard_xmlcurl_request_duration_seconds",
      "mod_xml_curl requests by FreeSWITCH section and outcome (its _count is the request count)",
      xmlCurlSeries,
      // Hits take tens of microseconds, misses milliseconds; FreeSWITCH gives up after seconds.
      [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
      registry,
    ),
    cache: new HotCounter(
      "switchboard_xmlcurl_cache_lookups_total",
      "Answer-cache lookups: hit, miss (loaded from the database), stale (last good answer served while the database failed)",
      CACHE_LOOKUPS.map((result) => ({ result })),
      registry,
    ),
    databaseErrors: new Counter({
      name: "switchboard_database_errors_total",
      help: "Database operations that failed, by the component that ran them",
      labelNames: ["component"] as const,
      registers,
    }),
    restRequests: new Counter({
      name: "switchboard_rest_requests_total",
      help: "REST API requests by method, route template and status",
      labelNames: ["method", "route", "status"] as const,
      registers,
    }),
    signInFailures: new Counter({
      name: "switchboard_signin_failures_total",
      help: "Portal sign-ins refused",
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per process: Next.js bundles its own copy of this module beside the server's.
const holder = globalThis as unknown as { __switchboardMetrics?: Metrics };

export function metrics(): Metrics {
  return (holder.__switchboardMetrics ??= createMetrics());
}

/** The xml_curl hot path: one histogram observation. */
export function observeXmlCurl(section: XmlCurlSection, outcome: XmlCurlOutcome, seconds: number): void {
  metrics().xmlCurl.observe(XMLCURL_SERIES[section][outcome], seconds);
}

export function countCacheLookup(result: CacheLookup): void {
  metrics().cache.inc(CACHE_LOOKUPS.indexOf(result));
}

export function countDatabaseError(component: string): void {
  metrics().databaseErrors.inc({ component });
}

export function countSignInFailure(): void {
  metrics().signInFailures.inc();
}
