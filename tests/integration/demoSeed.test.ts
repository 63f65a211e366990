import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoPlatform } from "@/server/seed/demoPlatform";
import { DemoCredentialsSchema, demoSummary, type DemoCredentials } from "@/server/seed/demoSummary";
import { createTestDatabase, type TestDatabase } from "../support/database";

let t: TestDatabase;
let creds: DemoCredentials;

beforeAll(async () => {
  t = await createTestDatabase();
  creds = await seedDemoPlatform(t.db);
});
afterAll(() => t.drop());

describe("demo platform", () => {
  it("seeds its made-up carrier as a gateway that never registers", async () => {
    const trunks = await t.db.trunk.findMany({ select: { name: true, proxyHost: true, register: true } });
    expect(trunks).toEqual([{ name: "demo-carrier", proxyHost: "sip.carrier.example", register: false }]);
  });

  it("says at start what is a placeholder, and how to point a FreeSWITCH at a demo node", () => {
    const text = demoSummary(DemoCredentialsSchema.parse(JSON.parse(JSON.stringify(creds))), 3917);
    expect(text).toContain("trunk demo-carrier → sip.carrier.example: a made-up carrier, not registering");
    expect(text).toContain('SIP proxy kamailio-1 at http://127.0.0.1:5071/RPC: "never connected" until a Kamailio');
    expect(text).toMatch(
      /node fs-node-01 \(SIP 127\.0\.0\.1:5080, event socket 127\.0\.0\.1:8021\): "never connected"/,
    );
    const [first] = creds.nodes;
    expect(text).toContain('<param name="gateway-url" value="http://THIS-HOST:3917/freeswitch/xml" .../>');
    expect(text).toContain(`<param name="gateway-credentials" value="fs-node-01:${first!.xmlCurlSecret}"/>`);
  });

  it("still prints a credentials file written before trunks and proxies were recorded", () => {
    const older = {
      logins: creds.logins,
      phones: creds.phones,
      nodes: creds.nodes.map((n) => ({
        hostname: n.hostname,
        xmlCurlUser: n.xmlCurlUser,
        xmlCurlSecret: n.xmlCurlSecret,
      })),
    };
    const text = demoSummary(DemoCredentialsSchema.parse(older), 3000);
    expect(text).toContain("Demo logins");
    expect(text).not.toContain("trunk demo-carrier");
    expect(text).toContain('"never connected" until a FreeSWITCH uses its credentials');
  });
});
