import { z } from "zod";

/** What the demo seed created, kept in `.data/demo-credentials.json` and printed by `npm start`. */
export const DemoCredentialsSchema = z.object({
  logins: z.array(z.object({ role: z.string(), email: z.string(), password: z.string() })),
  phones: z.array(z.object({ domain: z.string(), user: z.string(), password: z.string() })),
  nodes: z.array(
    z.object({
      hostname: z.string(),
      xmlCurlUser: z.string(),
      xmlCurlSecret: z.string(),
      // Absent in files written by earlier versions of the seed.
      sip: z.string().optional(),
      eventSocket: z.string().optional(),
    }),
  ),
  trunks: z.array(z.object({ name: z.string(), host: z.string() })).default([]),
  proxies: z.array(z.object({ name: z.string(), rpcUrl: z.string() })).default([]),
});
export type DemoCredentials = z.infer<typeof DemoCredentialsSchema>;

/**
 * The start banner's demo part: the logins, and what is only a placeholder (trunk, nodes, proxy)
 * with how to point a real FreeSWITCH at a demo node.
 */
export function demoSummary(creds: DemoCredentials, port: number): string {
  const lines = ["", "Demo logins (demo data only; change them for real use):"];
  for (const l of creds.logins) lines.push(`  ${l.role.padEnd(38)} ${l.email.padEnd(30)} ${l.password}`);
  lines.push(
    "",
    `Demo SIP phones: any of ${creds.phones.map((p) => `${p.user}@${p.domain}`).join(", ")}, password ${creds.phones[0]?.password}`,
    "",
    "Demo cluster — placeholders, nothing real behind them until you point real servers at them:",
  );
  for (const t of creds.trunks) {
    lines.push(`  trunk ${t.name} → ${t.host}: a made-up carrier, not registering; replace it with yours`);
  }
  for (const p of creds.proxies) {
    lines.push(`  SIP proxy ${p.name} at ${p.rpcUrl}: "never connected" until a Kamailio answers there`);
  }
  for (const n of creds.nodes) {
    const where = n.sip ? ` (SIP ${n.sip}, event socket ${n.eventSocket})` : "";
    lines.push(`  node ${n.hostname}${where}: "never connected" until a FreeSWITCH uses its credentials`);
  }
  const [first] = creds.nodes;
  if (first) {
    lines.push(
      "",
      `To make ${first.hostname} a real FreeSWITCH: in its autoload_configs/xml_curl.conf.xml (template and`,
      "details: deploy/freeswitch/xml_curl.conf.xml, deploy/README.md) set, for both bindings,",
      `  <param name="gateway-url" value="http://THIS-HOST:${port}/freeswitch/xml" .../>`,
      `  <param name="gateway-credentials" value="${first.xmlCurlUser}:${first.xmlCurlSecret}"/>`,
      `then \`fs_cli -x "reload mod_xml_curl"\`, and set the node's SIP and event-socket addresses in the portal.`,
      "",
      "FreeSWITCH nodes (xml_curl gateway-credentials, HTTP Basic):",
    );
    for (const n of creds.nodes) lines.push(`  ${n.hostname.padEnd(12)} ${n.xmlCurlUser}:${n.xmlCurlSecret}`);
  }
  lines.push("");
  return lines.join("\n");
}
