import { Badge } from "@/components/ui/Badge";
import { formatDuration } from "./useNow";

const HEALTH_TONE = { UP: "green", DOWN: "red", UNKNOWN: "slate" } as const;

type Props = {
  node: {
    health: keyof typeof HEALTH_TONE;
    healthNote: string;
    uptimeSec: number | null;
    sessionCount: number | null;
    cpuIdle: number | null;
  };
};

/** Up/down from the node's heartbeats, with why ("never connected", "lost 2 min ago") and its last load. */
export function NodeHealthCell({ node }: Props) {
  const load = [
    node.uptimeSec !== null && `up ${formatDuration(node.uptimeSec)}`,
    node.sessionCount !== null && `${node.sessionCount} sessions`,
    node.cpuIdle !== null && `CPU ${Math.round(node.cpuIdle)}% idle`,
  ].filter(Boolean);
  return (
    <div className="flex flex-col items-start gap-0.5">
      <Badge tone={HEALTH_TONE[node.health]}>{node.health.toLowerCase()}</Badge>
      <span className="text-xs text-slate-500">{node.healthNote}</span>
      {load.length > 0 && <span className="text-xs text-slate-500">{load.join(" · ")}</span>}
    </div>
  );
}
