"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CheckboxField } from "@/components/forms/CheckboxField";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { TableCard, Td, Th } from "@/components/ui/Table";
import { DrainDeadlineCell } from "./DrainDeadlineCell";

const pct = (u: number) => `${Math.round(u * 100)}%`;

/** Load vs capacity per node (the capacity rule's three measures), its spare flag and the failover engine's verdict. */
export function NodeCapacityPanel() {
  const trpc = useTRPC();
  const [drainDetails, setDrainDetails] = useState<string | null>(null);
  const nodes = useQuery({ ...trpc.failover.nodeLoad.queryOptions(), refetchInterval: 5000 });
  const spare = useToastMutation(trpc.failover.setSpare.mutationOptions(), {
    success: (n) => (n.spare ? `${n.hostname} is a spare now` : `${n.hostname} takes tenants again`),
    invalidate: [trpc.failover.nodeLoad.queryKey()],
  });
  return (
    <section aria-label="Load and failover" className="mt-8">
      <h2 className="mb-3 text-base font-semibold text-slate-900">Load and failover</h2>
      <TableCard>
        <thead>
          <tr>
            <Th>Node</Th>
            <Th>Load</Th>
            <Th>Extensions · phones · calls</Th>
            <Th>Failover engine</Th>
            <Th>Spare</Th>
            <Th>Drain</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {(nodes.data ?? []).map((n) => (
            <tr key={n.id}>
              <Td className="font-medium">{n.hostname}</Td>
              <Td>
                <span className="flex items-center gap-2">
                  <span
                    className="h-2 w-24 overflow-hidden rounded-full bg-slate-100"
                    role="meter"
                    aria-label={`${n.hostname} load`}
                    aria-valuenow={Math.round(n.utilisation * 100)}
                    aria-valuemin={0}
                    aria-valuemax={100}
                  >
                    <span
                      className={`block h-full ${n.utilisation > 0.85 ? "bg-red-500" : "bg-brand-600"}`}
                      style={{ width: pct(Math.min(1, n.utilisation)) }}
                    />
                  </span>
                  <span className="text-xs text-slate-500">{pct(n.utilisation)}</span>
                </span>
              </Td>
              <Td className="text-xs">
                {n.load.extensions.toLocaleString()} · {n.load.registrations.toLocaleString()} · {n.load.calls} of{" "}
                {n.capacity} calls
              </Td>
              <Td>
                {n.failoverStatus ? (
                  <span title={n.failoverStatus.reason}>
                    <Badge tone={n.failoverStatus.down ? "red" : "green"}>
                      {n.failoverStatus.down ? "down" : "up"}
                    </Badge>
                    <span className="ml-1 text-xs text-slate-500">
                      since {n.failoverStatus.since.toISOString().slice(11, 19)} UTC
                    </span>
                  </span>
                ) : (
                  <Badge>not judged yet</Badge>
                )}
              </Td>
              <Td>
                <CheckboxField
                  label="Spare"
                  checked={n.spare}
                  disabled={spare.isPending}
                  onChange={(e) => spare.mutate({ id: n.id, spare: e.target.checked })}
                />
              </Td>
              <Td>
                <DrainDeadlineCell
                  nodeId={n.id}
                  adminState={n.adminState}
                  expanded={drainDetails === n.id}
                  onToggle={() => setDrainDetails(drainDetails === n.id ? null : n.id)}
                />
              </Td>
            </tr>
          ))}
        </tbody>
      </TableCard>
      <p className="mt-2 text-xs text-slate-500">
        Capacity rule: a node sized for 1,500 calls carries 10,000 extensions or registered phones; the fullest of the
        three measures is its load. Spare nodes take no new tenants and are the first failover target.
      </p>
    </section>
  );
}
