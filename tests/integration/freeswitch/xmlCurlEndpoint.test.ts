import { createHash } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordChange } from "@/server/cluster/recordChange";
import { listenForConfigChanges, type ConfigListener } from "@/server/freeswitch/configListener";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import { hashPassword } from "@/server/security/password";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { readSharedFixture, sharedFixtureNames } from "../../unit/freeswitch/sharedFixtures";
import { serveXmlCurl, type Reply } from "./httpClient";
import { basicAuth, HOSTILE_NAME, NODE, OTHER_NODE, seedSwitchboard, TENANT } from "./seed";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
const settings = { ...defaultXmlCurlSettings, userCacheSeconds: 60 };
const auth = basicAuth(NODE.user, NODE.secret);

let t: TestDatabase;
let service: XmlCurlService;
let endpoint: Awaited<ReturnType<typeof serveXmlCurl>>;
let listener: ConfigListener;
const logs: string[] = [];

/** A captured body with some fields replaced (the first occurrence of a key wins, so prepending overrides). */
function fixture(name: string, overrides: Record<string, string> = {}): string {
  const prefix = Object.entries(overrides)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}&`)
    .join("");
  return prefix + readSharedFixture(name);
}

function expectWellFormed(reply: Reply): void {
  expect(reply.status).toBe(200);
  expect(reply.contentType).toMatch(/^text\/xml/);
  expect(XMLValidator.validate(reply.body)).toBe(true);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSwitchboard(t.db);
  service = new XmlCurlService(t.db, t.db, settings, (m) => logs.push(m));
  listener = listenForConfigChanges(t.url, service.cache, (m) => logs.push(m));
  endpoint = await serveXmlCurl(service, logs);
  await waitUntil(async () => listener.connected(), 5_000);
});

afterAll(async () => {
  await endpoint?.close();
  await listener?.close();
  await t?.drop();
});

describe("every captured FreeSWITCH request, replayed over HTTP", () => {
  // What a correct answer to each capture contains (null = "not found").
  const expected: Record<string, RegExp | null> = {
    "configuration-acl.conf.body":
      /<list name="trunks" default="deny"><node type="allow" cidr="198\.51\.100\.7\/32"\/>/,
    "configuration-conference.conf.body": null,
    "configuration-console.conf.body": null,
    "configuration-event_socket.conf.body": null,
    "configuration-post_load_switch.conf.body": null,
    "configuration-sofia.conf-profile-internal.body":
      /<param name="sip-ip" value="192\.0\.2\.2"\/>.*<gateway name="carrier-a">/,
    "configuration-sofia.conf-rescan.body": /<profile name="internal">.*<gateway name="carrier-b">/,
    "configuration-sofia.conf.body": /<configuration name="sofia\.conf"/,
    "configuration-timezones.conf.body": null,
    "configuration-voicemail.conf.body": null,
    "dialplan-loopback.body":
      /<context name="tenant1\.example">.*expression="\^1002\$".*data="user\/1002@tenant1\.example"/,
    "dialplan-sip-invite.body":
      /data="hash tenant1\.example ext-1001 4 !USER_BUSY".*data="user\/1002@tenant1\.example"/,
    "directory-gateways-profile-rescan.body": null,
    "directory-gateways-profile-start.body": null,
    "directory-message-count.body": /<user id="1001" cacheable="60000">/,
    "directory-network-list.body": /<user id="1003" cidr="203\.0\.113\.0\/24"\/>/,
    "directory-sip_auth-invite.body": /<param name="a1-hash" value="[0-9a-f]{32}"\/>/,
    "directory-sip_auth-register.body": /<param name="a1-hash" value="[0-9a-f]{32}"\/>/,
    "directory-user_data-1.body": /<param name="vm-password" value="91001"\/>/,
    "directory-user_data-2.body": /<variable name="user_context" value="tenant1\.example"\/>/,
    "directory-user_exists.body": /<user id="1001"/,
    "directory-xml_locate.body": /<domain name="tenant1\.example">/,
  };

  it("knows what every capture should get", () => {
    expect(sharedFixtureNames()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, pattern] of Object.entries(expected)) {
    it(name, async () => {
      const reply = await endpoint.post(readSharedFixture(name), auth);
      expectWellFormed(reply);
      if (pattern === null) expect(reply.body).toBe(notFoundDocument);
      else expect(reply.body).toMatch(pattern);
    });
  }

  it("the loopback leg has no extension identity, so no per-extension caller limit", async () => {
    const reply = await endpoint.post(readSharedFixture("dialplan-loopback.body"), auth);
    expect(reply.body).not.toContain("ext-1001");
  });
});

describe("directory", () => {
  it("a REGISTER gets a1-hash = md5(user:domain:password) and never the password", async () => {
    const reply = await endpoint.post(readSharedFixture("directory-sip_auth-register.body"), auth);
    const a1 = createHash("md5").update(`1001:${TENANT}:pw1001`).digest("hex");
    expect(reply.body).toContain(`<param name="a1-hash" value="${a1}"/>`);
    expect(reply.body).not.toContain("pw1001");
    expect(reply.body).not.toMatch(/name="password"/);
  });

  it('a caller ID name with < & " arrives intact', async () => {
    const reply = await endpoint.post(readSharedFixture("directory-user_exists.body"), auth);
    type Doc = {
      document: {
        section: {
          domain: {
            groups: { group: { users: { user: { variables: { variable: { name: string; value: string }[] } } } } };
          };
        };
      };
    };
    const vars = (parser.parse(reply.body) as Doc).document.section.domain.groups.group.users.user.variables.variable;
    expect(vars.find((v) => v.name === "effective_caller_id_name")?.value).toBe(HOSTILE_NAME);
  });

  it.each([
    ["an unknown user", { user: "4444" }],
    ["a disabled extension", { user: "1009" }],
    ["a suspended domain", { domain: "suspended.example" }],
    ["a domain assigned only to another node", { domain: "tenant2.example", user: "2001" }],
    ["an unknown domain", { domain: "nowhere.example" }],
  ])("%s → not found", async (_label, overrides) => {
    const reply = await endpoint.post(fixture("directory-sip_auth-register.body", overrides), auth);
    expectWellFormed(reply);
    expect(reply.body).toBe(notFoundDocument);
  });

  it("serves unassigned domains when XMLCURL_ENFORCE_ASSIGNMENT is off", async () => {
    const lax = new XmlCurlService(t.db, t.db, { ...settings, enforceAssignment: false });
    const server = await serveXmlCurl(lax);
    try {
      const reply = await server.post(
        fixture("directory-sip_auth-register.body", { domain: "tenant2.example", user: "2001" }),
        auth,
      );
      expect(reply.body).toContain('<user id="2001"');
    } finally {
      await server.close();
    }
  });
});

describe("node authentication", () => {
  const body = () => readSharedFixture("directory-sip_auth-register.body");

  it.each([
    ["no credentials", undefined],
    ["a wrong secret", basicAuth(NODE.user, "bad-secret-x9q")],
    ["an unknown user", basicAuth("nobody", NODE.secret)],
    ["garbage", "Basic !!!"],
  ])("%s → 401", async (_label, header) => {
    const reply = await endpoint.post(body(), header);
    expect(reply.status).toBe(401);
    expect(XMLValidator.validate(reply.body)).toBe(true);
    expect(reply.body).not.toContain("a1-hash");
  });

  it("a node outside its allowed sources → 403", async () => {
    const reply = await endpoint.post(
      fixture("directory-sip_auth-register.body", { hostname: OTHER_NODE.hostname }),
      basicAuth(OTHER_NODE.user, OTHER_NODE.secret),
    );
    expect(reply.status).toBe(403);
  });

  it("a body claiming another node's hostname → 403", async () => {
    const reply = await endpoint.post(
      fixture("directory-sip_auth-register.body", { hostname: OTHER_NODE.hostname }),
      auth,
    );
    expect(reply.status).toBe(403);
  });

  it("logs no secrets", () => {
    const all = logs.join("\n");
    for (const secret of [NODE.secret, "bad-secret-x9q", "pw1001", "trunk-pw"]) expect(all).not.toContain(secret);
  });
});

describe("dialplan", () => {
  const call = (destination: string, extra: Record<string, string> = {}) =>
    endpoint.post(
      fixture("dialplan-sip-invite.body", {
        "Caller-Destination-Number": destination,
        "Hunt-Destination-Number": destination,
        ...extra,
      }),
      auth,
    );

  it("ring group, IVR and voicemail codes", async () => {
    expect((await call("600")).body).toContain(
      "[leg_timeout=15]user/1002@tenant1.example|[leg_timeout=15]user/1001@tenant1.example",
    );
    expect((await call("5000")).body).toContain('application="ivr" data="5000@tenant1.example"');
    expect((await call("*97")).body).toContain('data="check default tenant1.example 1001"');
  });

  it("outbound through the route's trunks in order", async () => {
    const reply = await call("030555");
    expectWellFormed(reply);
    expect(reply.body).toMatch(/sofia\/gateway\/carrier-a\/\+4930555.*sofia\/gateway\/carrier-b\/\+4930555/);
    expect(reply.body).toContain('data="effective_caller_id_number=+4930123400"');
  });

  it("unknown numbers are rejected explicitly", async () => {
    expect((await call("777")).body).toContain('data="UNALLOCATED_NUMBER"');
  });

  it("a DID in public transfers into its domain, in any accepted form", async () => {
    for (const did of ["+4930123456", "4930123456", "004930123456"]) {
      const reply = await call(did, {
        "Caller-Context": "public",
        "Hunt-Context": "public",
        variable_user_name: "",
        variable_domain_name: "",
      });
      expectWellFormed(reply);
      expect(reply.body).toContain('data="1001 XML tenant1.example"');
    }
  });

  it("the IVR menu comes from ivr.conf with Menu-Name", async () => {
    const reply = await endpoint.post(
      fixture("configuration-acl.conf.body", { key_value: "ivr.conf", "Menu-Name": "5000@tenant1.example" }),
      auth,
    );
    expect(reply.body).toContain('<entry action="menu-exec-app" digits="1" param="transfer 600 XML tenant1.example"/>');
  });

  it("*78 really turns DND on (audited, flushed, caches invalidated), *79 turns it off", async () => {
    const reply = await call("*78");
    expect(reply.body).toContain("ivr/ivr-dnd_activated.wav");
    const ext = await t.db.extension.findFirstOrThrow({ where: { number: "1001", domain: { name: TENANT } } });
    expect(ext.dnd).toBe(true);
    expect(await t.db.auditLog.count({ where: { action: "extension.dnd", entityId: ext.id } })).toBe(1);
    expect(await t.db.outboxEvent.count({ where: { topic: "freeswitch.flush-user" } })).toBeGreaterThan(0);
    // Calls to 1001 now go to voicemail (the change reached the cache through NOTIFY).
    await waitUntil(async () => (await call("1001")).body.includes('data="*991001 XML tenant1.example"'), 1_000);
    await call("*79");
    expect((await t.db.extension.findUniqueOrThrow({ where: { id: ext.id } })).dnd).toBe(false);
  });

  it("feature codes from an unauthenticated leg change nothing", async () => {
    const reply = await endpoint.post(
      fixture("dialplan-loopback.body", { "Caller-Destination-Number": "*78", "Hunt-Destination-Number": "*78" }),
      auth,
    );
    expect(reply.body).toContain("OUTGOING_CALL_BARRED");
    expect((await t.db.extension.findFirstOrThrow({ where: { number: "1001", domain: { name: TENANT } } })).dnd).toBe(
      false,
    );
  });
});

describe("cache invalidation", () => {
  it("a committed change that calls recordChange is served within 1 s", async () => {
    const before = await endpoint.post(readSharedFixture("directory-user_exists.body"), auth);
    expect(before.body).toContain("Ann &lt;Sales");
    await t.db.$transaction(async (tx) => {
      await tx.extension.updateMany({
        where: { number: "1001", domain: { name: TENANT } },
        data: { internalCallerIdName: "Renamed" },
      });
      await recordChange(tx, { invalidate: { domain: TENANT } });
    });
    const elapsed = await waitUntil(
      async () =>
        (await endpoint.post(readSharedFixture("directory-user_exists.body"), auth)).body.includes('value="Renamed"'),
      1_000,
    );
    expect(elapsed).toBeLessThan(1_000);
  });

  it("a change without a notification is not seen (the answer really is cached)", async () => {
    await t.db.extension.updateMany({
      where: { number: "1001", domain: { name: TENANT } },
      data: { internalCallerIdName: "Sneaky" },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect((await endpoint.post(readSharedFixture("directory-user_exists.body"), auth)).body).not.toContain("Sneaky");
  });
});

describe("database outage", () => {
  it("keeps serving the last good answers when the database is gone", async () => {
    const own = await createTestDatabase();
    await seedSwitchboard(own.db);
    const outageLogs: string[] = [];
    const isolated = new XmlCurlService(own.db, own.db, { ...settings, loadTimeoutMs: 1_000 }, (m) =>
      outageLogs.push(m),
    );
    const ownListener = listenForConfigChanges(own.url, isolated.cache, (m) => outageLogs.push(m));
    const server = await serveXmlCurl(isolated, outageLogs);
    try {
      const register = readSharedFixture("directory-sip_auth-register.body");
      const invite = readSharedFixture("dialplan-sip-invite.body");
      const goodAuth = await server.post(register, auth);
      const goodDialplan = await server.post(invite, auth);
      expect(goodAuth.body).toContain("a1-hash");

      await own.drop(); // the database is gone for good: connections fail, the listener loses its session
      await waitUntil(async () => !ownListener.connected(), 5_000);

      const started = Date.now();
      const during = await server.post(register, auth);
      expect(during.status).toBe(200);
      expect(during.body).toBe(goodAuth.body);
      expect((await server.post(invite, auth)).body).toBe(goodDialplan.body);
      expect(Date.now() - started).toBeLessThan(2_500);
      // Something never seen before cannot be answered, but still cleanly.
      const unseen = await server.post(fixture("directory-sip_auth-register.body", { user: "1002" }), auth);
      expect(unseen.status).toBe(200);
      expect(unseen.body).toBe(notFoundDocument);
      expect(outageLogs.some((m) => m.includes("serving last good answer"))).toBe(true);
    } finally {
      await server.close();
      await ownListener.close();
    }
  });
});

describe("node secret rotation", () => {
  it("a remembered header stops working once the node's secret changes", async () => {
    const body = readSharedFixture("directory-user_exists.body");
    expect((await endpoint.post(body, auth)).status).toBe(200);
    await t.db.$transaction(async (tx) => {
      await tx.telephonyNode.update({
        where: { xmlCurlUser: NODE.user },
        data: { xmlCurlSecretHash: await hashPassword("rotated-secret") },
      });
      await recordChange(tx, { invalidate: { platform: true } });
    });
    await waitUntil(async () => (await endpoint.post(body, auth)).status === 401, 1_000);
    expect((await endpoint.post(body, basicAuth(NODE.user, "rotated-secret"))).status).toBe(200);
  });
});
