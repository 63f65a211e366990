import type { Db } from "@/server/db/client";
import { hashPassword } from "@/server/security/password";
import { seal } from "@/server/security/secretBox";
import { sipA1Hash } from "@/server/security/sipCredentials";

export const NODE = { hostname: "fs-node-01", user: "fs01", secret: "node-secret-01" };
export const OTHER_NODE = { hostname: "fs-node-02", user: "fs02", secret: "node-secret-02" };
export const TENANT = "tenant1.example";
export const HOSTILE_NAME = `Ann <Sales & "Support">`;

export function basicAuth(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
}

/** The rows the captured requests talk about (tenant1.example, user 1001, node fs-node-01) and a few neighbours. */
export async function seedSwitchboard(db: Db): Promise<{ tenantId: string }> {
  const [, node2] = await Promise.all([
    db.telephonyNode.create({
      data: {
        hostname: NODE.hostname,
        sipAddress: "192.0.2.2",
        eslHost: "192.0.2.2",
        eslPasswordEnc: seal("ClueCon"),
        xmlCurlUser: NODE.user,
        xmlCurlSecretHash: await hashPassword(NODE.secret),
        allowedSources: ["127.0.0.0/8", "::1/128"],
      },
    }),
    db.telephonyNode.create({
      data: {
        hostname: OTHER_NODE.hostname,
        sipAddress: "192.0.2.3",
        eslHost: "192.0.2.3",
        eslPasswordEnc: seal("ClueCon"),
        xmlCurlUser: OTHER_NODE.user,
        xmlCurlSecretHash: await hashPassword(OTHER_NODE.secret),
        allowedSources: ["203.0.113.0/24"],
      },
    }),
  ]);
  const tenant = await db.domain.create({ data: { name: TENANT, displayName: "Tenant One", maxConcurrentCalls: 20 } });
  const ext = (number: string, extra: Record<string, unknown> = {}) => ({
    domainId: tenant.id,
    number,
    displayName: `Ext ${number}`,
    sipA1Hash: sipA1Hash(number, TENANT, `pw${number}`),
    voicemailPinEnc: seal(`9${number}`),
    ...extra,
  });
  const [e1001, e1002] = await Promise.all([
    db.extension.create({
      data: ext("1001", {
        internalCallerIdName: HOSTILE_NAME,
        externalCallerIdNumber: "+4930123400",
        tollAllow: ["local", "domestic"],
      }),
    }),
    db.extension.create({ data: ext("1002", { forwardBusyEnabled: true, forwardBusyTarget: "1003" }) }),
    db.extension.create({ data: ext("1003", { cidr: "203.0.113.0/24" }) }),
    db.extension.create({ data: ext("1009", { enabled: false }) }),
  ]);
  await db.ringGroup.create({
    data: {
      domainId: tenant.id,
      number: "600",
      name: "Sales",
      strategy: "SEQUENTIAL",
      ringTimeout: 15,
      fallbackType: "VOICEMAIL",
      fallbackTarget: "1001",
      members: {
        create: [
          { extensionId: e1002.id, position: 1 },
          { extensionId: e1001.id, position: 2 },
        ],
      },
    },
  });
  await db.ivrMenu.create({
    data: {
      domainId: tenant.id,
      number: "5000",
      name: "Main",
      greeting: "ivr/ivr-welcome.wav",
      options: { create: [{ digits: "1", destType: "RING_GROUP", destTarget: "600" }] },
    },
  });
  const [carrierA, carrierB] = await Promise.all([
    db.trunk.create({
      data: {
        name: "carrier-a",
        proxyHost: "198.51.100.7",
        username: "acct",
        passwordEnc: seal("trunk-pw"),
        register: true,
      },
    }),
    db.trunk.create({ data: { name: "carrier-b", proxyHost: "sip.carrier-b.example" } }),
  ]);
  await db.outboundRoute.create({
    data: {
      name: "national",
      pattern: "_0Z.",
      stripDigits: 1,
      prepend: "+49",
      trunks: {
        create: [
          { trunkId: carrierA.id, position: 1 },
          { trunkId: carrierB.id, position: 2 },
        ],
      },
    },
  });
  await db.phoneNumber.create({
    data: { e164: "+4930123456", domainId: tenant.id, destType: "EXTENSION", destTarget: "1001" },
  });
  await db.sipProxy.create({ data: { name: "kamailio-1", rpcUrl: "http://192.0.2.10:5071/RPC" } });

  // A domain only fs-node-02 serves, and a suspended one.
  const tenant2 = await db.domain.create({ data: { name: "tenant2.example", displayName: "Tenant Two" } });
  await db.domainAssignment.create({ data: { domainId: tenant2.id, nodeId: node2.id } });
  await db.extension.create({
    data: {
      domainId: tenant2.id,
      number: "2001",
      displayName: "Two",
      sipA1Hash: sipA1Hash("2001", "tenant2.example", "x"),
    },
  });
  const suspended = await db.domain.create({
    data: { name: "suspended.example", displayName: "Gone", status: "SUSPENDED" },
  });
  await db.extension.create({ data: { domainId: suspended.id, number: "1001", displayName: "Old", sipA1Hash: "00" } });
  return { tenantId: tenant.id };
}
