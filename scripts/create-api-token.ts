/**
 * `npm run token:create -- --platform --name billing [--expires-days 90]`
 * `npm run token:create -- --domain acme.voice.example.com --name crm`
 *
 * Mints an API token from the command line and prints it once: against DATABASE_URL, or else the
 * embedded database of the `npm start` running from this checkout. Audited with the actor "cli".
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { createApiTokenSchema } from "@/server/apiTokens/schemas";
import { createDomainApiToken, createPlatformApiToken, type CreatedApiToken } from "@/server/apiTokens/service";
import { createDb, type Db } from "@/server/db/client";
import { databaseUrlOfRunningInstance, dataDirOfCheckout } from "@/server/runtime/runningInstance";
import type { Actor } from "@/server/tenancy/context";

const ArgsSchema = z
  .object({
    platform: z.boolean().default(false),
    domain: z.string().min(1).optional(),
    name: createApiTokenSchema.shape.name,
    "expires-days": z.coerce.number().pipe(createApiTokenSchema.shape.expiresInDays.unwrap()).optional(),
  })
  .refine((a) => a.platform !== Boolean(a.domain), "Pass exactly one of --platform or --domain <name or id>");

async function mint(db: Db, args: z.infer<typeof ArgsSchema>): Promise<CreatedApiToken> {
  const actor: Actor = { userId: null, tokenId: null, label: "cli", ip: null };
  const input = { name: args.name, expiresInDays: args["expires-days"] };
  if (args.platform) return createPlatformApiToken({ db, actor }, input);
  const domain = await db.domain.findFirst({
    where: { OR: [{ id: args.domain }, { name: args.domain!.toLowerCase() }] },
    select: { id: true, name: true },
  });
  if (!domain) throw new Error(`No domain ${args.domain}`);
  return createDomainApiToken({ db, actor, domain, role: "TENANT_ADMIN", extensionId: null }, input);
}

async function main() {
  const { values } = parseArgs({
    options: {
      platform: { type: "boolean" },
      domain: { type: "string" },
      name: { type: "string" },
      "expires-days": { type: "string" },
    },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("\n"));
    console.error(
      "Usage: npm run token:create -- (--platform | --domain <name|id>) --name <name> [--expires-days <n>]",
    );
    process.exit(2);
  }
  const db = createDb(databaseUrlOfRunningInstance(dataDirOfCheckout()), 1);
  try {
    const { token, apiToken } = await mint(db, parsed.data);
    const scope = apiToken.domain ? `domain ${apiToken.domain.name}` : "platform";
    console.error(`Created ${scope} token "${apiToken.name}" (${apiToken.prefix}…). It is shown only this once:`);
    // The token alone on stdout, so `TOKEN=$(npm run -s token:create -- …)` works.
    console.log(token);
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
