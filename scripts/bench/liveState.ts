/**
 * `npm run bench:live`: 100,000 registrations across 20 nodes, each node a fake event socket
 * (in this process) streaming sofia::register events made from the captured one.
 * Measures:
 *  - ingest: events → rows in `registration` through the real worker path (event connection,
 *    parser, batched writes), against a same-run baseline of plain multi-row INSERTs of the
 *    same rows into the same table;
 *  - a tenant's "Registered phones" first page, server time through the tRPC caller (tenant
 *    middleware included), p50/p99 over BENCH_PAGE_RUNS requests; target ≤ 200 ms.
 * Uses a throw-away database on the local PostgreSQL. Knobs: BENCH_NODES, BENCH_TENANTS, BENCH_PHONES.
 */
import { randomBytes } from "node:crypto";
import { createNode } from "@/server/cluster/nodes";
import { LiveStateSupervisor } from "@/server/liveState/liveStateSupervisor";
import type { PlatformContext } from "@/server/tenancy/context";
import { callerAs, createUser } from "@/tests/support/callers";
import { createTestDatabase } from "@/tests/support/database";
import { eventBytes, frames, startFakeEventSocket, type FakeEventSocket } from "@/tests/support/fakeEventSocket";
import { readOpsFixture } from "@/tests/unit/liveState/opsFixtures";

process.env.SWITCHBOARD_SECRET_KEY ??= randomBytes(32).toString("base64");
const NODES = Number(process.env.BENCH_NODES ?? 20);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 1000);
const PHONES = Number(process.env.BENCH_PHONES ?? 100_000);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 200);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

// The captured sofia::register, as a template: its body lines with per-phone values swapped in.
const captured = frames(eventBytes(readOpsFixture("events", "event_plain_stream.trimmed.esl"))).find((f) =>
  f.includes("Event-Subclass: sofia%3A%3Aregister"),
)!;
const templateLines = captured
  .subarray(captured.indexOf("\n\n") + 2)
  .toString("utf8")
  .split("\n");
const USER_KEYS = new Set([
  "from-user",
  "to-user",
  "username",
  "sip_auth_username",
  "user_name",
  "number_alias",
  "sip_number_alias",
]);
const DOMAIN_KEYS = new Set(["from-host", "to-host", "realm", "sip_auth_realm", "domain_name", "presence-hosts"]);

type Phone = { ext: string; domain: string; ip: string; port: number; callId: string };

function registerEvent(p: Phone): Buffer {
  const contact = `"" <sip:${p.ext}@${p.ip}:${p.port};transport=UDP>`;
  const body = templateLines
    .map((line) => {
      const colon = line.indexOf(": ");
      if (colon < 0) return line;
      const key = line.slice(0, colon);
      if (USER_KEYS.has(key)) return `${key}: ${p.ext}`;
      if (DOMAIN_KEYS.has(key)) return `${key}: ${p.domain}`;
      if (key === "contact") return `contact: ${encodeURIComponent(contact)}`;
      if (key === "call-id") return `call-id: ${encodeURIComponent(p.callId)}`;
      if (key === "network-ip") return `network-ip: ${p.ip}`;
      if (key === "network-port") return `network-port: ${p.port}`;
      if (key === "expires") return "expires: 3600";
      return line;
    })
    .join("\n");
  return Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`);
}

const t = await createTestDatabase();
const ctx: PlatformContext = { db: t.db, actor: { userId: null, tokenId: null, label: "bench", ip: null } };
await t.db.domain.createMany({
  data: Array.from({ length: TENANTS }, (_, i) => ({ name: `t${i}.bench.example`, displayName: `T${i}` })),
});
const domains = await t.db.domain.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
const emptyStatus = Buffer.from(
  (() => {
    const body = `<?xml version="1.0" encoding="ISO-8859-1"?>\n<profile>\n  <registrations>\n  </registrations>\n</profile>\n`;
    return `Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`;
  })(),
);
const noChannels = Buffer.from(`Content-Type: api/response\nContent-Length: 15\n\n{"row_count":0}`);
const fakes: FakeEventSocket[] = [];
for (let n = 0; n < NODES; n++) {
  const fake = await startFakeEventSocket("ClueCon", {
    "sofia xmlstatus profile internal reg": emptyStatus,
    "show channels as json": noChannels,
  });
  fakes.push(fake);
  await createNode(ctx, {
    hostname: `fs-${n}`,
    sipAddress: "127.0.0.1",
    eslHost: "127.0.0.1",
    eslPort: fake.port,
    eslPassword: "ClueCon",
  });
}

// Phone i: tenant i % TENANTS, node i % NODES (a tenant's phones spread over the cluster).
const phones: Phone[] = Array.from({ length: PHONES }, (_, i) => ({
  ext: String(1000 + Math.floor(i / TENANTS)),
  domain: domains[i % TENANTS]!.name,
  ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  port: 5060 + (i % 1000),
  callId: `bench-${i}@10.0.0.1`,
}));
const perNode: Buffer[][] = fakes.map(() => []);
phones.forEach((p, i) => perNode[i % NODES]!.push(registerEvent(p)));

const supervisor = new LiveStateSupervisor(t.db, {
  databaseUrl: t.url,
  heartbeatTimeoutMs: 15_000,
  refreshMs: 1000,
  onError: (where, e) => console.error(`${where}: ${e instanceof Error ? e.message : String(e)}`),
});
supervisor.start();
while (fakes.some((f) => f.commands.length < 3)) await new Promise((r) => setTimeout(r, 20));
await new Promise((r) => setTimeout(r, 300)); // the resync snapshots are written

const ingestStart = performance.now();
perNode.forEach((events, n) => {
  // As a node would send them: in packets of a few events.
  for (let i = 0; i < events.length; i += 16) fakes[n]!.emit(Buffer.concat(events.slice(i, i + 16)));
});
for (;;) {
  if ((await t.db.registration.count()) >= PHONES) break;
  await new Promise((r) => setTimeout(r, 50));
}
const ingestMs = performance.now() - ingestStart;

// Baseline: the same rows, plain multi-row INSERTs of 1000, into the same table (emptied first).
const rows = await t.db.registration.findMany({ orderBy: { id: "asc" } });
await supervisor.stop();
await t.db.$executeRawUnsafe(`TRUNCATE registration`);
const baselineStart = performance.now();
const COLUMNS = [
  "node_id",
  "domain_id",
  '"user"',
  "realm",
  "contact",
  "call_id",
  "user_agent",
  "network_ip",
  "network_port",
  "profile",
  "expires_at",
  "updated_at",
];
for (let i = 0; i < rows.length; i += 1000) {
  const chunk = rows.slice(i, i + 1000);
  const values = chunk.map((_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(", ")})`);
  const params = chunk.flatMap((r) => [
    r.nodeId,
    r.domainId,
    r.user,
    r.realm,
    r.contact,
    r.callId,
    r.userAgent,
    r.networkIp,
    r.networkPort,
    r.profile,
    r.expiresAt,
    r.updatedAt,
  ]);
  await t.db.$executeRawUnsafe(
    `INSERT INTO registration (${COLUMNS.join(", ")}) VALUES ${values.join(", ")}`,
    ...params,
  );
}
const baselineMs = performance.now() - baselineStart;
await t.db.$executeRawUnsafe(`ANALYZE registration`);

// A tenant admin's first page, as the portal asks for it every second.
const tenant = domains[Math.floor(TENANTS / 2)]!;
const admin = await callerAs(
  t.db,
  await createUser(t.db, `admin@${tenant.name}`, { role: "TENANT_ADMIN", domainId: tenant.id }),
);
async function timed(run: () => Promise<{ total: number }>): Promise<{ times: number[]; total: number }> {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < PAGE_RUNS; i++) {
    const start = performance.now();
    total = (await run()).total;
    times.push(performance.now() - start);
  }
  return { times: times.sort((a, b) => a - b), total };
}
const tenantPage = await timed(() => admin.liveState.registrations({ domainId: tenant.id, page: 1, pageSize: 50 }));
// The ITSP's view of all of them (counted, sorted by extension) for comparison.
const ops = await callerAs(t.db, await createUser(t.db, "ops@bench.example", { role: "PLATFORM_ADMIN" }));
const platformPage = await timed(() => ops.liveState.platform.registrations({ page: 1, pageSize: 50 }));

console.log(`live state bench: ${PHONES} registrations, ${NODES} nodes, ${TENANTS} tenants`);
console.log(
  `ingest via event sockets: ${Math.round(PHONES / (ingestMs / 1000))} registrations/s (${Math.round(ingestMs)} ms); ` +
    `baseline multi-row INSERT: ${Math.round(PHONES / (baselineMs / 1000))} rows/s (${Math.round(baselineMs)} ms); ` +
    `ratio ${(baselineMs / ingestMs).toFixed(2)}`,
);
const report = (label: string, r: { times: number[]; total: number }) =>
  console.log(
    `${label} (${r.total} phones, 50 per page): p50 ${percentile(r.times, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(r.times, 99).toFixed(1)} ms over ${PAGE_RUNS} requests`,
  );
report(`tenant "Registered phones" page (target ≤ 200 ms)`, tenantPage);
report(`platform "Registered phones" page, all tenants`, platformPage);

for (const f of fakes) await f.close();
await t.drop();
process.exit(0);
