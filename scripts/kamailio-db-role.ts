/**
 * `npm run kamailio:db-role [-- --role switchboard_kamailio] [--host 10.0.0.2] [--port 5432] [--admin-url URL]`
 *
 * Creates (or updates) the read-only PostgreSQL role Kamailio loads its dispatcher list and
 * domain map with, gives it a freshly generated password, and prints the DBURL line to
 * paste into kamailio.cfg. Run it again to rotate the password (then restart Kamailio or
 * reload its modules). Needs a superuser/CREATEROLE connection: DATABASE_URL or --admin-url.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { dbUrlDefine, kamailioDbUrl } from "@/server/cluster/kamailio/kamailioDbUrl";
import { ensureKamailioReadRole } from "@/server/cluster/kamailio/readRole";

// `npm start` without DATABASE_URL runs an embedded PostgreSQL on this port.
const embeddedUrl = `postgresql://switchboard:switchboard@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/switchboard`;

const Args = z.object({
  "admin-url": z
    .string()
    .url()
    .default(process.env.DATABASE_URL ?? embeddedUrl),
  role: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "lower-case letters, digits, underscores")
    .default("switchboard_kamailio"),
  host: z.string().min(1).optional(),
  port: z.coerce.number().int().min(1).max(65535).optional(),
});

async function main() {
  const { values } = parseArgs({
    options: {
      "admin-url": { type: "string" },
      role: { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
    },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
    process.exit(2);
  }
  const args = parsed.data;
  const password = randomBytes(24).toString("base64url");
  await ensureKamailioReadRole(args["admin-url"], args.role, password);
  const url = kamailioDbUrl({
    adminUrl: args["admin-url"],
    role: args.role,
    password,
    host: args.host,
    port: args.port,
  });
  console.error(`Role ${args.role} can now read the kamailio schema (and nothing else). Paste into kamailio.cfg:`);
  // stdout carries only the line, so `npm run -s kamailio:db-role > dburl.cfg` works.
  console.log(dbUrlDefine(url));
}

main().catch((e: unknown) => {
  console.error(`kamailio:db-role: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
