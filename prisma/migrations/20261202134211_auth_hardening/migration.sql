-- Session revocation: a session JWT carries the version it was issued under, and a password
-- reset or a disable bumps it, so every open session ends on its next request.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- Failed sign-in and bearer-token attempts per account or client address, shared by every
-- app process (server/auth/attemptThrottle.ts).
CREATE TABLE "auth_throttle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "auth_throttle_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "auth_throttle_last_failure_at_idx" ON "auth_throttle"("last_failure_at");
