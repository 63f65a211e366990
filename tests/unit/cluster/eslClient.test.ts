import { afterEach, describe, expect, it } from "vitest";
import { EslConnection, EslError, eslApi } from "@/server/cluster/esl/eslClient";
import { nodeCommandsFor } from "@/server/cluster/freeswitch/nodeCommands";
import { startFakeEsl, type FakeEsl } from "./fakeEslServer";

let fake: FakeEsl | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe("ESL client against a fake event socket", () => {
  it("authenticates and runs api commands in order, reading bodies split across packets", async () => {
    fake = await startFakeEsl("s3cret", {
      "show calls count": "\n3 total.\n",
      "sofia profile external killgw": "-ERR no such gateway\n",
    });
    const replies = await eslApi({ host: "127.0.0.1", port: fake.port, password: "s3cret" }, [
      "show calls count",
      "reloadacl",
    ]);
    expect(replies).toEqual(["\n3 total.\n", "+OK\n"]);
    expect(fake.commands).toEqual(["show calls count", "reloadacl"]);
  });

  it("rejects a wrong password without echoing it", async () => {
    fake = await startFakeEsl("s3cret");
    const failure = EslConnection.open({ host: "127.0.0.1", port: fake.port, password: "wrong-pass" });
    await expect(failure).rejects.toThrow(EslError);
    await expect(failure).rejects.not.toThrow(/wrong-pass/);
  });

  it("turns -ERR replies into errors", async () => {
    fake = await startFakeEsl("pw", { xml_flush_cache: "-ERR bad\n" });
    const esl = await EslConnection.open({ host: "127.0.0.1", port: fake.port, password: "pw" });
    try {
      await expect(esl.api("xml_flush_cache id 1001 t1.example")).rejects.toThrow(/-ERR bad/);
    } finally {
      esl.close();
    }
  });

  it("fails fast when nothing listens", async () => {
    await expect(eslApi({ host: "127.0.0.1", port: 1, password: "x", timeoutMs: 500 }, ["reloadacl"])).rejects.toThrow(
      EslError,
    );
  });
});

describe("node commands per event", () => {
  it("flushes each user of the domain", () => {
    expect(
      nodeCommandsFor({ topic: "freeswitch.flush-user", domain: "t1.example", users: ["1001", "1002"] }).map(
        (c) => c.command,
      ),
    ).toEqual(["xml_flush_cache id 1001 t1.example", "xml_flush_cache id 1002 t1.example"]);
  });

  it("kills the old and new gateway, then rescans", () => {
    expect(
      nodeCommandsFor({ topic: "freeswitch.trunk-changed", gateway: "carrier-b", previousGateway: "carrier-a" }),
    ).toEqual([
      { command: "sofia profile external killgw carrier-a", mayFail: true },
      { command: "sofia profile external killgw carrier-b", mayFail: true },
      { command: "sofia profile external rescan", mayFail: false },
    ]);
  });

  it("reloads ACLs, and refuses names that could inject a second command", () => {
    expect(nodeCommandsFor({ topic: "freeswitch.acl-changed" })).toEqual([{ command: "reloadacl", mayFail: false }]);
    expect(() =>
      nodeCommandsFor({ topic: "freeswitch.flush-user", domain: "t1.example", users: ["1001\n\napi shutdown"] }),
    ).toThrow(/unsafe/);
  });

  it("reloads a changed call queue and drops the tiers of agents taken off it", () => {
    expect(
      nodeCommandsFor({
        topic: "freeswitch.queue-changed",
        domain: "t1.example",
        queue: "800@t1.example",
        removedAgents: ["1002@t1.example"],
        deleted: false,
      }),
    ).toEqual([
      { command: "callcenter_config queue reload 800@t1.example", mayFail: false },
      { command: "callcenter_config tier del 800@t1.example 1002@t1.example", mayFail: true },
    ]);
    expect(
      nodeCommandsFor({
        topic: "freeswitch.queue-changed",
        domain: "t1.example",
        queue: "800@t1.example",
        removedAgents: [],
        deleted: true,
      }),
    ).toEqual([{ command: "callcenter_config queue unload 800@t1.example", mayFail: true }]);
  });

  it("sets an agent's status, quoting the status mod_callcenter spells with a space", () => {
    expect(
      nodeCommandsFor({
        topic: "freeswitch.agent-status",
        domain: "t1.example",
        agent: "1001@t1.example",
        status: "Logged Out",
      }),
    ).toEqual([{ command: "callcenter_config agent set status 1001@t1.example 'Logged Out'", mayFail: true }]);
  });
});
