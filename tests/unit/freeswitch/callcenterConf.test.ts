import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { DialCallQueue } from "@/server/dialplan/callData";
import { planCall } from "@/server/dialplan/planCall";
import { renderCallcenterConf, type CallQueueView } from "@/server/freeswitch/render/callcenterConf";
import { renderDialplan } from "@/server/freeswitch/render/dialplan";
import { callData, extension } from "../dialplan/callDataFixtures";
import { expectGolden } from "./golden";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

const agent = (number: string, level = 1, position = 1): CallQueueView["agents"][number] => ({
  name: `${number}@tenant1.example`,
  contact: `[leg_timeout=20]user/${number}@tenant1.example`,
  status: "AVAILABLE",
  level,
  position,
});

const queue = (overrides: Partial<CallQueueView> = {}): CallQueueView => ({
  name: "800@tenant1.example",
  domain: "tenant1.example",
  number: "800",
  strategy: "LONGEST_IDLE_AGENT",
  maxWaitSeconds: 120,
  noAgentWaitSeconds: 0,
  tierWaitSeconds: 30,
  record: false,
  mohSound: "local_stream://moh",
  agents: [agent("1001"), { ...agent("1002", 2), status: "LOGGED_OUT" }],
  ...overrides,
});

type Param = { name: string; value: string | number | boolean };
type Parsed = {
  document: {
    section: {
      configuration: {
        settings: "" | { param: Param };
        queues: { queue: { name: string; param: Param[] } | { name: string; param: Param[] }[] };
        agents: { agent: Record<string, string> | Record<string, string>[] };
        tiers: { tier: Record<string, string> | Record<string, string>[] };
      };
    };
  };
};
const parsed = (xml: string) => (parser.parse(xml) as Parsed).document.section.configuration;
const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
const paramsOf = (q: { param: Param[] }) => Object.fromEntries(q.param.map((p) => [p.name, String(p.value)]));

describe("callcenter.conf", () => {
  it("one queue with its agents and tiers", () =>
    expectGolden("callcenter.conf-queue", renderCallcenterConf({ odbcDsn: null }, [queue()])));

  it("tier rules apply only when agents sit at more than one level", () => {
    const oneLevel = queue({ agents: [agent("1001"), agent("1002", 1, 2)] });
    const [q] = list(parsed(renderCallcenterConf({ odbcDsn: null }, [oneLevel])).queues.queue);
    expect(paramsOf(q!)["tier-rules-apply"]).toBe("false");
    const [q2] = list(parsed(renderCallcenterConf({ odbcDsn: null }, [queue()])).queues.queue);
    expect(paramsOf(q2!)["tier-rules-apply"]).toBe("true");
  });

  it("an agent of two queues is one agent with two tiers; a shared store is the odbc-dsn", () => {
    const second = queue({ name: "801@tenant1.example", number: "801", agents: [agent("1001")] });
    const conf = parsed(renderCallcenterConf({ odbcDsn: "pgsql://hostaddr=10.0.0.5 dbname=cc" }, [queue(), second]));
    expect(list(conf.agents.agent).map((a) => a.name)).toEqual(["1001@tenant1.example", "1002@tenant1.example"]);
    expect(list(conf.tiers.tier).map((t) => `${t.queue}/${t.agent}`)).toEqual([
      "800@tenant1.example/1001@tenant1.example",
      "800@tenant1.example/1002@tenant1.example",
      "801@tenant1.example/1001@tenant1.example",
    ]);
    expect(conf.settings).toEqual({ param: { name: "odbc-dsn", value: "pgsql://hostaddr=10.0.0.5 dbname=cc" } });
  });

  it("recording goes to the tenant's own folder; the statuses are mod_callcenter's words", () => {
    const xml = renderCallcenterConf({ odbcDsn: null }, [queue({ record: true })]);
    const [q] = list(parsed(xml).queues.queue);
    expect(paramsOf(q!)["record-template"]).toMatch(/^\$\{recordings_dir\}\/tenant1\.example\/queue-800-/);
    expect(list(parsed(xml).agents.agent).map((a) => a.status)).toEqual(["Available", "Logged Out"]);
  });

  it("no queues: settings and empty lists, still well-formed", () =>
    expectGolden("callcenter.conf-empty", renderCallcenterConf({ odbcDsn: null }, [])));
});

describe("the dialplan's queue branch", () => {
  const q: DialCallQueue = {
    number: "800",
    name: "Support",
    strategy: "RING_ALL",
    maxWaitSeconds: 120,
    fallbackType: "VOICEMAIL",
    fallbackTarget: "1001",
    agents: [
      { number: "1001", status: "AVAILABLE" },
      { number: "1002", status: "ON_BREAK" },
    ],
  };
  const data = callData({ local: { kind: "queue", queue: q } });

  it("answers, waits in <number>@<domain>, then takes the fallback", () => {
    const plan = planCall(data, "800");
    expect(plan.rule).toEqual({
      type: "queue",
      number: "800",
      name: "Support",
      strategy: "RING_ALL",
      maxWaitSeconds: 120,
      availableAgents: ["1001"],
      fallback: "*991001",
    });
    const xml = renderDialplan(plan);
    expectGolden("dialplan-queue", xml);
    expect(xml).toContain('application="callcenter" data="800@tenant1.example"');
  });

  it("another tenant's queue 800 is another mod_callcenter queue", () => {
    const other = planCall({ ...data, domain: { ...data.domain, name: "tenant2.example" } }, "800");
    expect(renderDialplan(other)).toContain('data="800@tenant2.example"');
  });

  it("a queue that hangs up after the wait says so", () => {
    const plan = planCall(callData({ local: { kind: "queue", queue: { ...q, fallbackType: "HANGUP" } } }), "800");
    expect(plan.rule).toMatchObject({ fallback: null });
    expect(plan.actions.at(-1)).toEqual({ app: "hangup", data: "NORMAL_CLEARING" });
  });
});

describe("*22, the agent login toggle", () => {
  const caller = extension("1001");
  it("logs a logged-out agent in, and an available or on-break one out", () => {
    const login = planCall(callData({ callerAgent: { status: "LOGGED_OUT", queues: 2 } }), "*22");
    expect(login.agentStatusSwitch).toEqual({ extension: caller.number, status: "AVAILABLE" });
    expect(login.rule).toEqual({ type: "feature-code", code: "agent-toggle" });
    for (const status of ["AVAILABLE", "ON_BREAK"] as const)
      expect(planCall(callData({ callerAgent: { status, queues: 1 } }), "*22").agentStatusSwitch).toEqual({
        extension: "1001",
        status: "LOGGED_OUT",
      });
  });

  it("an extension of no queue changes nothing; a DID caller is refused", () => {
    const none = planCall(callData({ callerAgent: { status: "LOGGED_OUT", queues: 0 } }), "*22");
    expect(none.agentStatusSwitch).toBeUndefined();
    expect(none.rule).toEqual({ type: "denied", reason: "extension 1001 answers no call queue" });
    const did = planCall(callData({ identity: { kind: "did" } }), "*22");
    expect(did.agentStatusSwitch).toBeUndefined();
    expect(did.rule.type).toBe("denied");
  });
});
