import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { hashPassword } from "@/server/security/password";
import { seal } from "@/server/security/secretBox";
import { sipA1Hash } from "@/server/security/sipCredentials";
import type { DemoCredentials } from "./demoSummary";

export type { DemoCredentials };

const DEMO_SIP_PASSWORD = "Demo-phone-2026";

const TENANTS = [
  { name: "acme.demo.switchboard", displayName: "Acme Corp", numbers: ["1001", "1002", "1003", "1004", "1005"] },
  { name: "globex.demo.switchboard", displayName: "Globex Ltd", numbers: ["2001", "2002", "2003"] },
];

const NAMES = [
  "Alice Archer",
  "Bob <Builder> & Sons",
  'Carol "CJ" Jones',
  "Dan Diaz",
  "Eve Evans",
  "Frank Fox",
  "Grace Gray",
  "Hal Hill",
];

/** Seeds a small demo platform on a database with no users. Returns what `npm start` prints. */
export async function seedDemoPlatform(db: Db): Promise<DemoCredentials> {
  const creds: DemoCredentials = { logins: [], phones: [], nodes: [], trunks: [], proxies: [] };
  const login = async (email: string, password: string, role: string) => {
    creds.logins.push({ role, email, password });
    return { email, name: email.split("@")[0]!, passwordHash: await hashPassword(password) };
  };

  await db.user.create({
    data: {
      ...(await login("admin@demo.switchboard", "switchboard-admin", "ITSP administrator")),
      memberships: { create: { role: "PLATFORM_ADMIN" } },
    },
  });

  const carrier = await db.trunk.create({
    data: {
      name: "demo-carrier",
      proxyHost: "sip.carrier.example",
      realm: "sip.carrier.example",
      username: "switchboard",
      passwordEnc: seal("carrier-secret"),
      // A made-up carrier: a real FreeSWITCH pointed at the demo must not try to register it forever.
      register: false,
    },
  });
  creds.trunks.push({ name: carrier.name, host: carrier.proxyHost });
  await db.outboundRoute.create({
    data: {
      name: "North America",
      priority: 10,
      pattern: "_1NXXNXXXXXX",
      trunks: { create: { trunkId: carrier.id, position: 0 } },
    },
  });
  await db.outboundRoute.create({
    data: {
      name: "International",
      priority: 20,
      pattern: "_011X.",
      stripDigits: 3,
      prepend: "+",
      trunks: { create: { trunkId: carrier.id, position: 0 } },
    },
  });

  let nameIndex = 0;
  let didIndex = 1;
  for (const tenant of TENANTS) {
    const domain = await db.domain.create({
      data: { name: tenant.name, displayName: tenant.displayName, maxExtensions: 50, maxConcurrentCalls: 20 },
    });
    const short = tenant.name.split(".")[0];
    await db.user.create({
      data: {
        ...(await login(`admin@${short}.example`, `${short}-admin-pass`, `Tenant admin, ${tenant.displayName}`)),
        memberships: { create: { role: "TENANT_ADMIN", domainId: domain.id } },
      },
    });
    const extensions = [];
    for (const number of tenant.numbers) {
      extensions.push(
        await db.extension.create({
          data: {
            domainId: domain.id,
            number,
            displayName: NAMES[nameIndex++ % NAMES.length]!,
            sipA1Hash: sipA1Hash(number, tenant.name, DEMO_SIP_PASSWORD),
            voicemailPinEnc: seal(number.split("").reverse().join("")),
            externalCallerIdNumber: `+1555123${String(didIndex).padStart(4, "0")}`,
          },
        }),
      );
      creds.phones.push({ domain: tenant.name, user: number, password: DEMO_SIP_PASSWORD });
    }
    const first = extensions[0]!;
    await db.user.create({
      data: {
        ...(await login(
          `${first.number}@${short}.example`,
          `${short}-user-pass`,
          `End user ${first.number}, ${tenant.displayName}`,
        )),
        memberships: { create: { role: "TENANT_USER", domainId: domain.id, extensionId: first.id } },
      },
    });
    const group = await db.ringGroup.create({
      data: {
        domainId: domain.id,
        number: tenant.numbers[0]!.slice(0, 1) + "600",
        name: "Front desk",
        fallbackType: "VOICEMAIL",
        fallbackTarget: first.number,
        members: { create: extensions.slice(0, 2).map((e, position) => ({ extensionId: e.id, position })) },
      },
    });
    await db.phoneNumber.create({
      data: {
        e164: `+1555123${String(didIndex++).padStart(4, "0")}`,
        domainId: domain.id,
        destType: "EXTENSION",
        destTarget: first.number,
      },
    });
    await db.phoneNumber.create({
      data: {
        e164: `+1555123${String(didIndex++).padStart(4, "0")}`,
        domainId: domain.id,
        destType: "RING_GROUP",
        destTarget: group.number,
      },
    });
  }
  await db.phoneNumber.create({ data: { e164: "+15551239999", description: "Unassigned demo number" } });

  for (const [i, port] of [5080, 5082].entries()) {
    const hostname = `fs-node-0${i + 1}`;
    const xmlCurlSecret = randomBytes(18).toString("base64url");
    await db.telephonyNode.create({
      data: {
        hostname,
        sipAddress: "127.0.0.1",
        sipPort: port,
        eslHost: "127.0.0.1",
        eslPort: 8021 + i,
        eslPasswordEnc: seal("ClueCon"),
        xmlCurlUser: hostname,
        xmlCurlSecretHash: await hashPassword(xmlCurlSecret),
      },
    });
    creds.nodes.push({
      hostname,
      xmlCurlUser: hostname,
      xmlCurlSecret,
      sip: `127.0.0.1:${port}`,
      eventSocket: `127.0.0.1:${8021 + i}`,
    });
  }
  const proxy = await db.sipProxy.create({ data: { name: "kamailio-1", rpcUrl: "http://127.0.0.1:5071/RPC" } });
  creds.proxies.push({ name: proxy.name, rpcUrl: proxy.rpcUrl });
  await db.auditLog.create({
    data: { actorLabel: "system", action: "platform.seed", entityType: "Platform", after: { demo: true } },
  });
  return creds;
}
