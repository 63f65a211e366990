import { writeAudits } from "@/server/audit/writeAudit";
import type { Db } from "@/server/db/client";
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  clearFailures,
  lockedSeconds,
  recordFailure,
  throttleKey,
} from "./attemptThrottle";
import { tooManyAttemptsMessage } from "./signInError";

/** Thrown out of `authorize`; next-auth passes the message to the sign-in page. */
export class TooManyAttemptsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(tooManyAttemptsMessage(retryAfterSeconds));
    this.name = "TooManyAttemptsError";
  }
}

/**
 * Runs one sign-in attempt under the per-account and per-address backoff: a locked account or
 * address is refused before any password is checked; a failure (`verify` gives null) is counted
 * on both, and one that starts a lock is audited. A success forgets the account's failures.
 */
export async function throttledSignIn<T extends { id: string }>(
  db: Db,
  email: string,
  ip: string | null,
  verify: () => Promise<T | null>,
): Promise<T | null> {
  const keys = [throttleKey.account(email), ...(ip ? [throttleKey.address(ip)] : [])];
  const waiting = await lockedSeconds(db, keys);
  if (waiting > 0) throw new TooManyAttemptsError(waiting);

  const user = await verify();
  if (user) {
    await clearFailures(db, throttleKey.account(email));
    return user;
  }
  const [account, address] = await Promise.all([
    recordFailure(db, throttleKey.account(email), ACCOUNT_POLICY),
    ip ? recordFailure(db, throttleKey.address(ip), ADDRESS_POLICY) : null,
  ]);
  const locks: Lockout[] = [];
  if (account.lockedSeconds > 0) locks.push({ scope: "account", ...account });
  if (address && address.lockedSeconds > 0) locks.push({ scope: "address", ...address });
  if (locks.length === 0) return null;
  await auditLockouts(db, email, ip, locks);
  throw new TooManyAttemptsError(Math.max(...locks.map((l) => l.lockedSeconds)));
}

type Lockout = { scope: "account" | "address"; failures: number; lockedSeconds: number };

async function auditLockouts(db: Db, email: string, ip: string | null, locks: Lockout[]): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  await writeAudits(
    db,
    { userId: null, tokenId: null, label: "system:sign-in", ip },
    locks.map((lock) => ({
      action: "auth.lockout",
      entityType: "User",
      entityId: user?.id ?? null,
      after: { email, ...lock },
    })),
  );
}
