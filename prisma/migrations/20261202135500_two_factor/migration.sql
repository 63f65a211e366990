-- Two-factor sign-in (TOTP): the confirmed secret already lives in "User"."totpSecretEnc",
-- these add its replay guard, pending enrolments, single-use
-- recovery codes, and the platform and per-tenant "require two-factor" switches.
ALTER TABLE "User" ADD COLUMN "totpEnabledAt" TIMESTAMP(3),
    ADD COLUMN "totpLastStep" INTEGER;

ALTER TABLE "Domain" ADD COLUMN "requireTwoFactorForAdmins" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "two_factor_enrolment" (
    "user_id" TEXT NOT NULL,
    "secret_enc" TEXT NOT NULL,
    "recovery_code_hashes" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "two_factor_enrolment_pkey" PRIMARY KEY ("user_id")
);

CREATE TABLE "recovery_code" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "recovery_code_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "two_factor_policy" (
    "id" TEXT NOT NULL DEFAULT 'platform',
    "require_for_platform_admins" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "two_factor_policy_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "recovery_code_user_id_code_hash_key" ON "recovery_code"("user_id", "code_hash");

ALTER TABLE "two_factor_enrolment" ADD CONSTRAINT "two_factor_enrolment_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "recovery_code" ADD CONSTRAINT "recovery_code_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
