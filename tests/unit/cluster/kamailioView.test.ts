import { describe, expect, it } from "vitest";
import { dbUrlDefine, kamailioDbUrl } from "@/server/cluster/kamailio/kamailioDbUrl";
import { destStateOf, viewRowsOf } from "@/server/cluster/kamailio/readKamailioView";
import { DispatcherListReply, liveDestinations } from "@/server/cluster/kamailio/rpcReplies";

// The reply shape Kamailio 5.6 gave (shared/docs/kamailio.md): sets and targets in reverse order.
const reply = DispatcherListReply.parse({
  NRSETS: 2,
  RECORDS: [
    {
      SET: {
        ID: 2,
        TARGETS: [
          {
            DEST: {
              URI: "sip:10.0.0.2:5060",
              FLAGS: "IP",
              PRIORITY: 0,
              ATTRS: { BODY: "duid=fs-b;weight=100", DUID: "fs-b" },
            },
          },
        ],
      },
    },
    {
      SET: {
        ID: 1,
        TARGETS: [
          { DEST: { URI: "sip:10.0.0.9:5060", FLAGS: "AP", PRIORITY: 0, ATTRS: { BODY: "duid=gone;weight=34" } } },
          { DEST: { URI: "sip:10.0.0.2:5060", FLAGS: "TP", PRIORITY: 0, ATTRS: { BODY: "duid=fs-b;weight=33" } } },
          { DEST: { URI: "sip:10.0.0.1:5060", FLAGS: "DX", PRIORITY: 0, ATTRS: { BODY: "duid=fs-a;weight=33" } } },
        ],
      },
    },
  ],
});

describe("Kamailio's view of the nodes", () => {
  it("maps each target to its node by duid, with the state from the first flag letter", () => {
    const rows = viewRowsOf(
      liveDestinations(reply),
      new Map([
        ["fs-a", "A"],
        ["fs-b", "B"],
      ]),
    );
    expect(rows).toEqual([
      { nodeId: "B", setId: 2, flags: "IP", state: "INACTIVE" },
      { nodeId: "B", setId: 1, flags: "TP", state: "TRYING" },
      { nodeId: "A", setId: 1, flags: "DX", state: "DISABLED" },
    ]);
  });

  it("knows the four states and nothing else", () => {
    expect(["AP", "IP", "TP", "DX", "ax"].map(destStateOf)).toEqual([
      "ACTIVE",
      "INACTIVE",
      "TRYING",
      "DISABLED",
      "ACTIVE",
    ]);
    expect(destStateOf("XP")).toBeUndefined();
    expect(destStateOf("")).toBeUndefined();
  });
});

describe("Kamailio's DBURL", () => {
  it("points the read-only role at Switchboard's database, password encoded", () => {
    const url = kamailioDbUrl({
      adminUrl: "postgresql://postgres:admin@db.internal:6432/switchboard",
      role: "switchboard_kamailio",
      password: "a/b@c",
    });
    expect(url).toBe("postgres://switchboard_kamailio:a%2Fb%40c@db.internal:6432/switchboard");
    expect(dbUrlDefine(url)).toBe(`#!define DBURL "${url}"`);
    expect(
      kamailioDbUrl({
        adminUrl: "postgresql://postgres@127.0.0.1/sb",
        role: "k",
        password: "p",
        host: "10.0.0.2",
        port: 5433,
      }),
    ).toBe("postgres://k:p@10.0.0.2:5433/sb");
  });
});
