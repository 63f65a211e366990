import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { planCall, planInbound } from "@/server/dialplan/planCall";
import { renderAclConf } from "@/server/freeswitch/render/aclConf";
import { renderDialplan } from "@/server/freeswitch/render/dialplan";
import { renderDirectoryDomain } from "@/server/freeswitch/render/directoryDomain";
import { renderDirectoryUser, type DirectoryUserView } from "@/server/freeswitch/render/directoryUser";
import type { GatewayView } from "@/server/freeswitch/render/gateway";
import { renderGatewaysDirectory } from "@/server/freeswitch/render/gateways";
import { renderIvrConf } from "@/server/freeswitch/render/ivrConf";
import { renderNetworkList } from "@/server/freeswitch/render/networkList";
import { renderSofiaConf } from "@/server/freeswitch/render/sofiaConf";
import { escapeXml, notFoundDocument } from "@/server/freeswitch/xml";
import { callData, extension } from "../dialplan/callDataFixtures";
import { expectGolden } from "./golden";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

const HOSTILE_NAME = `O'Brien <Sales & "Support">`;

const user1001: DirectoryUserView = {
  domain: "tenant1.example",
  number: "1001",
  displayName: HOSTILE_NAME,
  a1Hash: "0123456789abcdef0123456789abcdef",
  voicemailPin: "4321",
  voicemailEnabled: true,
  voicemailEmail: "ann@tenant1.example",
  internalCallerIdName: null,
  internalCallerIdNumber: null,
  externalCallerIdName: "Tenant One",
  externalCallerIdNumber: "+4930123456",
  forwardAlways: { enabled: false, target: null },
  forwardBusy: { enabled: true, target: "1002" },
  forwardNoAnswer: { enabled: false, target: "+4917012345" },
  noAnswerTimeout: 25,
  dnd: false,
  maxCalls: 4,
  tollAllow: ["local", "domestic"],
  recordCalls: true,
  cidr: null,
};

const trunk: GatewayView = {
  name: "carrier-a",
  proxyHost: "198.51.100.7",
  proxyPort: 5060,
  transport: "UDP",
  realm: null,
  username: "acct&1",
  password: 'p<w>"d',
  register: true,
  expireSeconds: 600,
  callerIdInFrom: true,
  pingSeconds: 30,
};

type Variable = { name: string; value: string };
type ParsedUser = {
  document: {
    section: { domain: { groups: { group: { users: { user: { variables: { variable: Variable[] } } } } } } };
  };
};
type ParsedSofia = {
  document: { section: { configuration: { profiles: { profile: { gateways: { gateway: { name: string } } }[] } } } };
};

describe("xml", () => {
  it("escapes the five specials and strips characters XML 1.0 forbids", () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f");
    expect(escapeXml("ok\u0000\u0007\u001b\uFFFE\uD800!\tnl\n")).toBe("ok!\tnl\n");
    expect(escapeXml("emoji 😀 stays")).toBe("emoji 😀 stays");
  });

  it("not-found is the document FreeSWITCH expects", () => {
    expectGolden("not-found", notFoundDocument);
  });
});

describe("renderDirectoryUser", () => {
  const xml = renderDirectoryUser(user1001, 300_000);

  it("matches the golden document", () => expectGolden("directory-user", xml));

  it("sends the a1-hash, never a password param", () => {
    expect(xml).toContain('<param name="a1-hash" value="0123456789abcdef0123456789abcdef"/>');
    expect(xml).not.toContain('name="password"');
  });

  it("keeps a caller ID name with < & \" ' intact", () => {
    const parsed = parser.parse(xml) as ParsedUser;
    const name = parsed.document.section.domain.groups.group.users.user.variables.variable.find(
      (v) => v.name === "effective_caller_id_name",
    );
    expect(name?.value).toBe(HOSTILE_NAME);
  });

  it("makes the user cacheable only when configured", () => {
    expect(xml).toContain('cacheable="300000"');
    expect(renderDirectoryUser(user1001, 0)).not.toContain("cacheable");
  });
});

describe("directory documents", () => {
  it("domain for xml_locate", () => expectGolden("directory-domain", renderDirectoryDomain("tenant1.example")));
  it("network list", () =>
    expectGolden("network-list", renderNetworkList("tenant1.example", [{ number: "1001", cidr: "203.0.113.0/24" }])));
  it("gateways under their domains, or nothing", () => {
    expectGolden(
      "gateways",
      renderGatewaysDirectory([
        { domain: "tenant1.example", gateways: [trunk] },
        { domain: "fs-node-01", gateways: [] },
      ]) ?? "",
    );
    expect(renderGatewaysDirectory([{ domain: "x.example", gateways: [] }])).toBeNull();
  });
});

describe("configuration documents", () => {
  it("sofia.conf for a node", () => {
    const node = { hostname: "fs-node-01", sipAddress: "192.0.2.2", sipPort: 5060, externalSipPort: null };
    const xml = renderSofiaConf({ ...node, gateways: [trunk] });
    expectGolden("sofia.conf", xml);
    const parsed = parser.parse(xml) as ParsedSofia;
    expect(parsed.document.section.configuration.profiles.profile[1]?.gateways.gateway.name).toBe("carrier-a");
    // FreeSWITCH 1.10 warns about the old per-profile RTP timeouts; the dialplan sets media_timeout instead.
    expect(xml).not.toMatch(/rtp-timeout-sec|rtp-hold-timeout-sec/);
    // The external profile listens on sipPort + 20 unless the node names its own port.
    expect(xml).toMatch(/<profile name="external">.*<param name="sip-port" value="5080"\/>/);
    const own = renderSofiaConf({ ...node, externalSipPort: 5090, gateways: [] });
    expect(own).toMatch(/<profile name="internal">.*<param name="sip-port" value="5060"\/>.*<profile name="external">/);
    expect(own).toMatch(/<profile name="external">.*<param name="sip-port" value="5090"\/>/);
  });

  it("acl.conf", () =>
    expectGolden(
      "acl.conf",
      renderAclConf({
        trunkCidrs: ["198.51.100.7/32"],
        proxyCidrs: ["192.0.2.10/32"],
        domainsWithCidrUsers: ["tenant1.example"],
      }),
    ));

  it("ivr.conf", () =>
    expectGolden(
      "ivr.conf",
      renderIvrConf([
        {
          name: "5000@tenant1.example",
          domain: "tenant1.example",
          greeting: "ivr/welcome-${evil}.wav",
          timeoutSeconds: 10,
          maxFailures: 3,
          options: [
            { digits: "1", step: { app: "transfer", number: "1001" } },
            { digits: "9", step: { app: "transfer", number: "*991001" } },
          ],
          onInvalid: { app: "hangup", cause: "NORMAL_CLEARING" },
          onTimeout: { app: "transfer", number: "1002" },
        },
      ]),
    ));
});

describe("renderDialplan", () => {
  it("local extension with busy forward and voicemail", () => {
    const data = callData({
      local: { kind: "extension", extension: extension("1002", { forwardBusy: { enabled: true, target: "1003" } }) },
    });
    expectGolden("dialplan-extension", renderDialplan(planCall(data, "1002")));
  });

  it("outbound route over two trunks", () => {
    const data = callData({
      routes: [
        {
          name: "national",
          pattern: "_0Z.",
          stripDigits: 1,
          prepend: "+49",
          callerIdNumber: null,
          gateways: ["carrier-a", "carrier-b"],
        },
      ],
    });
    expectGolden("dialplan-outbound", renderDialplan(planCall(data, "030123456")));
  });

  it("inbound DID", () => {
    expectGolden(
      "dialplan-inbound",
      renderDialplan(
        planInbound("+4930123456", {
          did: "+4930123456",
          domain: "tenant1.example",
          destType: "RING_GROUP",
          destTarget: "600",
        }),
      ),
    );
  });

  it("matches the dialled number exactly, escaping regex characters", () => {
    const xml = renderDialplan(planCall(callData({}), "*97"));
    expect(xml).toContain('expression="^\\*97$"');
  });
});
