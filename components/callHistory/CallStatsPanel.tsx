"use client";

import type { CallStats } from "@/server/callRecords/dashboardStats";
import { CallStatsCharts } from "./CallStatsCharts";

type Props = {
  query: { data: CallStats | undefined; isPending: boolean; error: { message: string } | null };
  concurrencyNote: string;
};

/** The charts with their loading and error states, for the tenant and platform dashboards. */
export function CallStatsPanel({ query, concurrencyNote }: Props) {
  if (query.isPending) return <p className="py-12 text-center text-sm text-slate-500">Loading call statistics…</p>;
  if (query.error) return <p className="text-sm text-red-600">Could not load call statistics: {query.error.message}</p>;
  return query.data ? <CallStatsCharts stats={query.data} concurrencyNote={concurrencyNote} /> : null;
}
