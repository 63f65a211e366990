"use client";

import { Badge } from "@/components/ui/Badge";
import { Dialog } from "@/components/ui/Dialog";
import type { CallDetail, CallLeg } from "@/server/callRecords/history";
import { DIRECTION_LABELS, DISPOSITION_LABELS, DISPOSITION_TONES, formatDuration } from "./callFormat";

type Props = {
  open: boolean;
  onClose: () => void;
  detail: CallDetail | undefined;
  loading: boolean;
  error?: string;
};

const time = (d: Date | null) => (d ? d.toLocaleTimeString() : "—");

function Leg({ leg }: { leg: CallLeg }) {
  const variables = Object.entries((leg.variables ?? {}) as Record<string, unknown>);
  return (
    <section
      className="rounded-lg p-3 ring-1 ring-slate-200"
      aria-label={leg.leg === "a" ? "Caller leg" : "Callee leg"}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">
          {leg.leg === "a" ? "Caller leg (a-leg)" : "Callee leg (b-leg)"}
        </h3>
        <Badge tone={DISPOSITION_TONES[leg.disposition]}>{DISPOSITION_LABELS[leg.disposition]}</Badge>
      </div>
      <p className="mt-2 text-sm text-slate-800">{leg.hangupText}</p>
      <p className="font-mono text-xs text-slate-500">{leg.hangupCause}</p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
        <dt className="text-slate-500">From</dt>
        <dd className="font-mono">
          {leg.callerNumber} {leg.callerName && <span className="font-sans text-slate-500">({leg.callerName})</span>}
        </dd>
        <dt className="text-slate-500">To</dt>
        <dd className="font-mono">{leg.destinationNumber}</dd>
        <dt className="text-slate-500">Extension</dt>
        <dd className="font-mono">{leg.extension ?? "—"}</dd>
        <dt className="text-slate-500">Started / answered / ended</dt>
        <dd>
          {time(leg.startedAt)} / {time(leg.answeredAt)} / {time(leg.endedAt)}
        </dd>
        <dt className="text-slate-500">Duration / talk time</dt>
        <dd className="tabular-nums">
          {formatDuration(leg.durationSec)} / {formatDuration(leg.billSec)}
        </dd>
        <dt className="text-slate-500">Node</dt>
        <dd>{leg.node ?? "—"}</dd>
        <dt className="text-slate-500">Channel uuid</dt>
        <dd className="break-all font-mono">{leg.legUuid}</dd>
      </dl>
      {variables.length > 0 && (
        <details className="mt-3 text-xs">
          <summary className="cursor-pointer text-slate-600">Channel variables</summary>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            {variables.map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="font-mono text-slate-500">{name}</dt>
                <dd className="break-all font-mono">{String(value)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  );
}

/** A call with each of its legs and why it ended, in words first and FreeSWITCH's code below. */
export function CallDetailDialog({ open, onClose, detail, loading, error }: Props) {
  const call = detail?.call;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={call ? `${call.callerNumber} → ${call.destinationNumber}` : "Call"}
      description={
        call
          ? `${DIRECTION_LABELS[call.direction]} call, ${call.startedAt.toLocaleString()}${call.tenant ? ` · ${call.tenant}` : ""}`
          : undefined
      }
    >
      {loading && <p className="text-sm text-slate-500">Loading the call…</p>}
      {error && <p className="text-sm text-red-600">Could not load the call: {error}</p>}
      {detail && (
        <div className="space-y-3">
          {detail.legs.map((leg) => (
            <Leg key={leg.legUuid} leg={leg} />
          ))}
        </div>
      )}
    </Dialog>
  );
}
