import { PrismaPg } from "@prisma/adapter-pg";
import { countDatabaseError } from "@/server/observability/metrics";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** A client or an interactive transaction: what service functions accept. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createDb(connectionString: string, poolSize = 10): Db {
  // A connection the server dropped (restart, failover) is reported only through these callbacks.
  const countDropped = () => countDatabaseError("connection");
  return new PrismaClient({
    adapter: new PrismaPg(
      { connectionString, max: poolSize },
      { onPoolError: countDropped, onConnectionError: countDropped },
    ),
  });
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
