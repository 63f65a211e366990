import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordChange } from "@/server/cluster/recordChange";
import type { AgentStatus } from "@/server/db/generated/enums";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { eventually } from "../../support/eventually";
import { readSharedFixture } from "../../unit/freeswitch/sharedFixtures";
import { startLiveEndpoint } from "./liveEndpoint";
import { seedSwitchboard, TENANT } from "./seed";

/**
 * mod_callcenter's requests have the shape of the captured conference.conf one (a configuration
 * lookup from a module): its `load_queue` sends a REQUEST_PARAMS event carrying `CC-Queue`, and
 * the module's load sends none. No FreeSWITCH capture of callcenter.conf exists in shared/.
 */
const CAPTURED = readSharedFixture("configuration-conference.conf.body")
  .replace("key_value=conference.conf", "key_value=callcenter.conf")
  .replace("Event-Name=COMMAND", "Event-Name=REQUEST_PARAMS")
  .replace("Event-Calling-File=mod_conference.c", "Event-Calling-File=mod_callcenter.c")
  .replace("Event-Calling-Function=send_presence", "Event-Calling-Function=load_queue");
const queueRequest = (queue: string) => CAPTURED.replace("&presence=true", `&CC-Queue=${encodeURIComponent(queue)}`);
const moduleLoadRequest = CAPTURED.replace("&presence=true", "");

let t: TestDatabase;
let live: Awaited<ReturnType<typeof startLiveEndpoint>>;
const post = (body: string) => live.post(body);
const call = (destination: string) => live.call(destination);

async function queue(domain: string, number: string, agents: [ext: string, level: number, status: AgentStatus][]) {
  const { id: domainId } = await t.db.domain.findUniqueOrThrow({ where: { name: domain }, select: { id: true } });
  const extensions = await Promise.all(
    agents.map(([number, , agentStatus]) =>
      t.db.extension.update({ where: { domainId_number: { domainId, number } }, data: { agentStatus } }),
    ),
  );
  return t.db.callQueue.create({
    data: {
      domainId,
      number,
      name: `Queue ${number}`,
      strategy: "RING_ALL",
      maxWaitSeconds: 90,
      fallbackType: "VOICEMAIL",
      fallbackTarget: agents[0]?.[0] ?? null,
      agents: { create: extensions.map((x, i) => ({ extensionId: x.id, level: agents[i]![1], position: i + 1 })) },
    },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSwitchboard(t.db);
  await queue(TENANT, "800", [
    ["1001", 1, "AVAILABLE"],
    ["1002", 2, "LOGGED_OUT"],
    ["1009", 1, "AVAILABLE"],
  ]);
  // tenant2 (served by fs-node-02 only) has a queue 800 too, and the suspended domain one.
  await queue("tenant2.example", "800", [["2001", 1, "AVAILABLE"]]);
  await queue("suspended.example", "800", [["1001", 1, "AVAILABLE"]]);
  // A queue only tenant2 has: tenant1's callers dialling 850 must not reach it.
  await queue("tenant2.example", "850", [["2001", 1, "AVAILABLE"]]);
  live = await startLiveEndpoint(t);
});

afterAll(async () => {
  await live?.close();
  await t?.drop();
});

describe("call queues over xml_curl", () => {
  it("a queue's callcenter.conf: its params, agents (a disabled extension logged out) and tiers", async () => {
    const body = await post(queueRequest("800@tenant1.example"));
    expect(body).toContain('<queue name="800@tenant1.example">');
    expect(body).toContain('<param name="strategy" value="ring-all"/>');
    expect(body).toContain('<param name="max-wait-time" value="90"/>');
    expect(body).toContain(
      '<agent name="1001@tenant1.example" type="callback" contact="[leg_timeout=20]user/1001@tenant1.example" status="Available"',
    );
    expect(body).toContain(
      '<agent name="1009@tenant1.example" type="callback" contact="[leg_timeout=20]user/1009@tenant1.example" status="Logged Out"',
    );
    expect(body).toContain('<tier agent="1002@tenant1.example" queue="800@tenant1.example" level="2" position="2"/>');
    expect(body).not.toContain("tenant2.example");
  });

  it.each([
    ["an unknown queue", "899@tenant1.example"],
    ["another tenant's queue number under our domain", "850@tenant1.example"],
    ["a queue of a domain this node does not serve", "800@tenant2.example"],
    ["a queue of a suspended domain", "800@suspended.example"],
    ["an unknown domain", "800@nowhere.example"],
    ["a name that is not <number>@<domain>", "support"],
  ])("%s → not found", async (_label, name) => {
    expect(await post(queueRequest(name))).toBe(notFoundDocument);
  });

  it("the module's load gets every queue of the domains this node serves, and only those", async () => {
    const body = await post(moduleLoadRequest);
    expect(body).toContain('<queue name="800@tenant1.example">');
    expect(body).not.toContain("tenant2.example");
    expect(body).not.toContain("suspended.example");
  });

  it("dialling the queue waits in the tenant's own mod_callcenter queue, then falls back", async () => {
    const body = await call("800");
    expect(body).toContain('application="callcenter" data="800@tenant1.example"');
    expect(body).toContain('application="transfer" data="*991001 XML tenant1.example"');
  });

  it("another tenant's queue number is nothing in this tenant's dialplan", async () => {
    const body = await call("850");
    expect(body).not.toContain('application="callcenter"');
    expect(body).not.toContain("tenant2.example");
  });

  it("*22 logs the phone out and back in: stored, audited, pushed, and callcenter.conf follows", async () => {
    const statusOf = async () =>
      (await t.db.extension.findFirstOrThrow({ where: { number: "1001", domain: { name: TENANT } } })).agentStatus;
    expect(await call("*22")).toContain("tone_stream://");
    expect(await statusOf()).toBe("LOGGED_OUT");
    const event = await t.db.outboxEvent.findFirstOrThrow({
      where: { topic: "freeswitch.agent-status" },
      orderBy: { id: "desc" },
    });
    expect(event.payload).toEqual({ domain: TENANT, agent: "1001@tenant1.example", status: "Logged Out" });
    await eventually(async () =>
      expect(await post(queueRequest("800@tenant1.example"))).toContain(
        'contact="[leg_timeout=20]user/1001@tenant1.example" status="Logged Out"',
      ),
    );
    await call("*22");
    expect(await statusOf()).toBe("AVAILABLE");
    expect(await t.db.auditLog.count({ where: { action: "call-queue.agent-status" } })).toBe(2);
  });

  it("*22 from an extension of no queue changes nothing", async () => {
    const fromOther =
      `Caller-Destination-Number=*22&Hunt-Destination-Number=*22&${readSharedFixture("dialplan-sip-invite.body")}`.replace(
        "variable_user_name=1001",
        "variable_user_name=1003",
      );
    expect(await post(fromOther)).toContain("UNALLOCATED_NUMBER");
    expect(await t.db.outboxEvent.count({ where: { topic: "freeswitch.agent-status" } })).toBe(2);
  });

  it("queue callers hear the tenant's hold music (the node's stock class until one is chosen)", async () => {
    expect(await post(queueRequest("800@tenant1.example"))).toContain(
      '<param name="moh-sound" value="local_stream://moh"/>',
    );
    await t.db.$transaction(async (tx) => {
      await tx.domain.update({ where: { name: TENANT }, data: { holdMusic: "moh/16000" } });
      await recordChange(tx, { invalidate: { domain: TENANT } });
    });
    await eventually(async () =>
      expect(await post(queueRequest("800@tenant1.example"))).toContain(
        '<param name="moh-sound" value="local_stream://moh/16000"/>',
      ),
    );
    expect(await post(moduleLoadRequest)).toContain('<param name="moh-sound" value="local_stream://moh/16000"/>');
    expect(await call("800")).toContain('data="cc_moh_override=local_stream://moh/16000"');
  });

  it("uploaded music reaches queue callers through the dialplan, which expands the node's sb_moh_base", async () => {
    const { id: domainId } = await t.db.domain.findUniqueOrThrow({ where: { name: TENANT }, select: { id: true } });
    const file = await t.db.mohFile.create({
      data: { domainId, name: "Jingle", sizeBytes: 4, durationMs: 1, sha256: "00", data: Buffer.from([0, 0, 0, 0]) },
    });
    await t.db.$transaction(async (tx) => {
      await tx.domain.update({ where: { name: TENANT }, data: { holdMusic: "uploaded" } });
      await recordChange(tx, { invalidate: { domain: TENANT } });
    });
    const sound = `http_cache://\${sb_moh_base}/${TENANT}/${file.id}.wav`;
    await eventually(async () => expect(await call("800")).toContain(`data="cc_moh_override=${sound}"`));
    // mod_callcenter plays its moh-sound as written: there the node's stock class stands in.
    expect(await post(queueRequest("800@tenant1.example"))).toContain(
      '<param name="moh-sound" value="local_stream://moh"/>',
    );
  });

  it("a plan without queues switches them off: not dialled, not configured", async () => {
    await t.db.$transaction(async (tx) => {
      await tx.domain.update({ where: { name: TENANT }, data: { maxQueues: 0 } });
      await recordChange(tx, { invalidate: { domain: TENANT } });
    });
    await eventually(async () => expect(await post(queueRequest("800@tenant1.example"))).toBe(notFoundDocument));
    expect(await call("800")).not.toContain('application="callcenter"');
    expect(await post(moduleLoadRequest)).not.toContain("<queue ");
  });
});
