import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createDb } from "@/server/db/client";
import { metrics } from "@/server/observability/metrics";
import { registerWorkerMetrics } from "@/workers/workerMetrics";

type Panel = { title: string; targets?: { expr: string }[] };

describe("deploy/grafana/switchboard.json", () => {
  const dashboard = JSON.parse(readFileSync("deploy/grafana/switchboard.json", "utf8")) as { panels: Panel[] };

  it("queries only metrics the processes expose", () => {
    // Nothing is scraped: registering the worker's gauges reads no database.
    registerWorkerMetrics(createDb("postgresql://unused@127.0.0.1:1/unused"), {});
    const exposed = new Set(
      metrics()
        .registry.getMetricsAsArray()
        .map((m) => m.name),
    );
    const queried = dashboard.panels.flatMap((p) =>
      (p.targets ?? []).flatMap((t) => [...t.expr.matchAll(/\bswitchboard_\w+/g)].map((m) => m[0])),
    );
    expect(queried.length).toBeGreaterThan(15);
    const unknown = queried.filter(
      (name) => !exposed.has(name) && !exposed.has(name.replace(/_(bucket|count|sum)$/, "")),
    );
    expect(unknown).toEqual([]);
  });
});
