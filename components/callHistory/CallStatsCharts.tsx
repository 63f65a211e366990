"use client";

import type { ReactNode } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { CallStats } from "@/server/callRecords/dashboardStats";
import { formatDuration } from "./callFormat";

const NODE_COLORS = ["#2563eb", "#059669", "#d97706", "#dc2626", "#7c3aed", "#0891b2", "#be185d", "#4b5563"];

const hourLabel = (d: Date) => d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });

function Tile({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-2 text-3xl font-semibold text-slate-900">{value}</p>
      <p className="mt-1 text-xs text-slate-500">{note}</p>
    </div>
  );
}

function ChartCard({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label={title}>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mb-4 text-xs text-slate-500">{description}</p>
      <div className="h-64">{children}</div>
    </section>
  );
}

type Props = {
  stats: CallStats;
  /** What the concurrency chart counts: the nodes' own reports (platform) or this tenant's records. */
  concurrencyNote: string;
};

/** The last 24 hours at a glance: tiles for ASR and average duration, calls per hour, concurrent calls per node. */
export function CallStatsCharts({ stats, concurrencyNote }: Props) {
  const hours = stats.hourly.map((h) => ({
    hour: hourLabel(h.hour),
    Answered: h.answered,
    "Not answered": h.unanswered,
  }));
  const concurrency = stats.concurrency.map((p) => ({ at: hourLabel(p.at), ...p.calls }));
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Tile
          label="Calls, last 24 h"
          value={stats.calls.toLocaleString()}
          note={`${stats.answered.toLocaleString()} answered`}
        />
        <Tile
          label="Answer-seizure ratio"
          value={stats.asr === null ? "—" : `${Math.round(stats.asr * 1000) / 10}%`}
          note="answered of all attempted calls"
        />
        <Tile
          label="Average call duration"
          value={stats.averageDurationSec === null ? "—" : formatDuration(Math.round(stats.averageDurationSec))}
          note="talk time of answered calls"
        />
      </div>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <ChartCard
          title="Calls per hour"
          description="Answered and not answered (busy, no answer, failed), last 24 hours."
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={hours}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="hour" fontSize={11} minTickGap={16} />
              <YAxis allowDecimals={false} fontSize={11} width={40} />
              <Tooltip />
              <Legend />
              <Bar dataKey="Answered" stackId="calls" fill="#059669" isAnimationActive={false} />
              <Bar dataKey="Not answered" stackId="calls" fill="#94a3b8" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title="Concurrent calls per node" description={concurrencyNote}>
          {stats.nodes.length === 0 ? (
            <p className="py-20 text-center text-sm text-slate-500">No calls in progress in the last 24 hours.</p>
          ) : (
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={concurrency}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="at" fontSize={11} minTickGap={24} />
                <YAxis allowDecimals={false} fontSize={11} width={40} />
                <Tooltip />
                <Legend />
                {stats.nodes.map((node, i) => (
                  <Line
                    key={node.id}
                    dataKey={node.id}
                    name={node.hostname}
                    stroke={NODE_COLORS[i % NODE_COLORS.length]}
                    dot={false}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          )}
        </ChartCard>
      </div>
    </div>
  );
}
