"use client";

import { useQuery } from "@tanstack/react-query";
import { CallStatsPanel } from "@/components/callHistory/CallStatsPanel";
import { useTRPC } from "@/components/providers/trpc";

const REFRESH_MS = 60_000;

/** The platform's last 24 hours of calls, loaded after the page so a busy day never delays the dashboard. */
export function PlatformCallStats() {
  const trpc = useTRPC();
  const stats = useQuery({ ...trpc.callRecords.platform.stats.queryOptions(), refetchInterval: REFRESH_MS });
  return (
    <CallStatsPanel
      query={stats}
      concurrencyNote="Calls each node reported in progress (the peak of its samples in every 10 minutes)."
    />
  );
}
