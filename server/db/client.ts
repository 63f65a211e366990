import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { countDatabaseError } from "@/server/observability/metrics";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** A client or an interactive transaction: what service functions accept. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// On globalThis like the client itself (below): Next.js bundles this module more than once, and
// a client made by one copy must be known to the others.
const registry = globalThis as unknown as { __switchboardDbUrls?: WeakMap<Db, string> };
const connectionStrings = (registry.__switchboardDbUrls ??= new WeakMap<Db, string>());

export function createDb(connectionString: string, poolSize = 10): Db {
  // A connection the server dropped (restart, failover) is reported only through these callbacks.
  const countDropped = () => countDatabaseError("connection");
  const client = new PrismaClient({
    adapter: new PrismaPg(
      { connectionString, max: poolSize },
      { onPoolError: countDropped, onConnectionError: countDropped },
    ),
  });
  connectionStrings.set(client, connectionString);
  return client;
}

/** The database a client talks to, for work that needs a connection of its own (session advisory locks). */
export function connectionStringOf(db: Db): string {
  const url = connectionStrings.get(db);
  if (url === undefined) throw new Error("this client was not made by createDb");
  return url;
}

// One client per process (Next.js dev reloads modules, so keep it on globalThis).
const holder = globalThis as unknown as { __switchboardDb?: Db };

export function db(): Db {
  if (!holder.__switchboardDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    holder.__switchboardDb = createDb(url);
  }
  return holder.__switchboardDb;
}
