import { isIP } from "node:net";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { db, type Db } from "@/server/db/client";
import { loadCaller } from "@/server/auth/loadCaller";
import type { ApiContext } from "./trpc";

/**
 * The client address as the proxy in front reports it. Only a well-formed IP is kept:
 * the value lands in every audit row, so a forged header must not put free text there.
 */
export function clientIp(headers: Headers): string | null {
  const candidate = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim();
  return candidate && isIP(candidate) ? candidate : null;
}

/** Portal requests: the caller comes from the next-auth session cookie, re-checked against the database. */
export async function createPortalContext(req: NextRequest, database: Db = db()): Promise<ApiContext> {
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  const caller = token?.sub ? await loadCaller(database, token.sub, token.sessionVersion ?? 0) : null;
  const ip = clientIp(req.headers);
  return {
    db: database,
    caller,
    actor: caller ? { userId: caller.userId, tokenId: null, label: caller.email, ip } : null,
    ip,
  };
}
