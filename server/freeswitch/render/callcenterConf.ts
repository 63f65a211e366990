import type { AgentStatus, QueueStrategy } from "@/server/db/generated/enums";
import { AGENT_STATUS_PARAMS, QUEUE_STRATEGY_PARAMS } from "@/server/dialplan/callQueue";
import { el, freeswitchDocument, param, type XmlNode } from "../xml";

export type QueueAgentView = {
  /** dialplan/callQueue.ts `queueAgentName`. */
  name: string;
  /** What mod_callcenter dials to offer a call: the extension's `user/` dial string. */
  contact: string;
  status: AgentStatus;
  level: number;
  position: number;
};

export type CallQueueView = {
  /** dialplan/callQueue.ts `callQueueName`. */
  name: string;
  domain: string;
  number: string;
  strategy: QueueStrategy;
  /** 0 = no limit. */
  maxWaitSeconds: number;
  /** 0 = callers wait (up to maxWaitSeconds) even while no agent is logged in. */
  noAgentWaitSeconds: number;
  tierWaitSeconds: number;
  record: boolean;
  /** What callers hear while they wait. */
  mohSound: string;
  agents: QueueAgentView[];
};

export type CallcenterSettings = {
  /** mod_callcenter's agent/tier store shared by every node (see deploy/README.md); null = each node's own SQLite. */
  odbcDsn: string | null;
};

// Agent timings are one set for every agent: mod_callcenter keeps one agent per extension,
// whatever queues it answers, so a per-queue value would have no single meaning.
const AGENT_TIMINGS = {
  "max-no-answer": 3,
  "wrap-up-time": 10,
  "reject-delay-time": 10,
  "busy-delay-time": 30,
  "no-answer-delay-time": 15,
} as const;

/** How long an agent's phone rings per offer before mod_callcenter tries the next agent. */
export const AGENT_RING_SECONDS = 20;

function queueElement(q: CallQueueView): XmlNode {
  const levels = new Set(q.agents.map((a) => a.level));
  return el("queue", { name: q.name }, [
    param("strategy", QUEUE_STRATEGY_PARAMS[q.strategy]),
    param("moh-sound", q.mohSound),
    // Callers keep the time they already spent in an IVR or a transfer.
    param("time-base-score", "system"),
    param("max-wait-time", q.maxWaitSeconds),
    param("max-wait-time-with-no-agent", q.noAgentWaitSeconds),
    param("max-wait-time-with-no-agent-time-reached", 5),
    // Levels only mean "later" when there are several of them.
    param("tier-rules-apply", levels.size > 1),
    param("tier-rule-wait-second", q.tierWaitSeconds),
    param("tier-rule-wait-multiply-level", true),
    param("tier-rule-no-agent-no-wait", true),
    param("discard-abandoned-after", 60),
    param("abandoned-resume-allowed", false),
    q.record &&
      param(
        "record-template",
        `\${recordings_dir}/${q.domain}/queue-${q.number}-\${strftime(%Y%m%d-%H%M%S)}-\${uuid}.wav`,
      ),
  ]);
}

const agentElement = (a: QueueAgentView): XmlNode =>
  el("agent", {
    name: a.name,
    type: "callback",
    contact: a.contact,
    status: AGENT_STATUS_PARAMS[a.status],
    ...AGENT_TIMINGS,
  });

/**
 * callcenter.conf with the given queues, their agents (each once, however many queues it
 * answers) and tiers. mod_callcenter asks with `CC-Queue` for one queue when a call or
 * `callcenter_config queue load|reload` needs it, and without when the module loads.
 */
export function renderCallcenterConf(settings: CallcenterSettings, queues: CallQueueView[]): string {
  const agents = new Map<string, QueueAgentView>();
  for (const q of queues) for (const a of q.agents) if (!agents.has(a.name)) agents.set(a.name, a);
  return freeswitchDocument("configuration", [
    el("configuration", { name: "callcenter.conf", description: "Call queues" }, [
      el("settings", {}, [settings.odbcDsn !== null && param("odbc-dsn", settings.odbcDsn)]),
      el("queues", {}, queues.map(queueElement)),
      el("agents", {}, [...agents.values()].map(agentElement)),
      el(
        "tiers",
        {},
        queues.flatMap((q) =>
          q.agents.map((a) => el("tier", { agent: a.name, queue: q.name, level: a.level, position: a.position })),
        ),
      ),
    ]),
  ]);
}
