import { Badge } from "@/components/ui/Badge";

const STATE_TONE = { ACTIVE: "green", TRYING: "amber", INACTIVE: "red", DISABLED: "slate" } as const;

type Props = {
  hostname: string;
  view: {
    inactiveOnEveryProxy: boolean;
    perProxy: { proxyId: string; proxyName: string; state: keyof typeof STATE_TONE; since: Date; stale: boolean }[];
  } | null;
};

const time = (d: Date) => d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** What each SIP proxy's probing sees of the node: "proxy-1 sees fs-b inactive since 12:03:11". */
export function KamailioViewCell({ hostname, view }: Props) {
  if (!view) return <span className="text-xs text-slate-500">No proxy reports it yet</span>;
  return (
    <ul className="flex flex-col items-start gap-1">
      {view.perProxy.map((p) => (
        <li key={p.proxyId} className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
          <Badge tone={p.stale ? "slate" : STATE_TONE[p.state]}>{p.state.toLowerCase()}</Badge>
          <span>
            {`${p.proxyName} sees ${hostname} ${p.state.toLowerCase()} since ${time(p.since)}`}
            {p.stale && " (proxy not answering; last known)"}
          </span>
        </li>
      ))}
    </ul>
  );
}
