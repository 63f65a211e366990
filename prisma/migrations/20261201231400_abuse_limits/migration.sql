-- Per-tenant abuse limits (set by the platform), the platform switches, and the trips
-- and "tripped repeatedly" notices they produce. No row in tenant_call_limits = the defaults.
CREATE TYPE "CallLimitKind" AS ENUM ('CPS', 'CONCURRENT', 'DESTINATION', 'TENANT_MINUTES', 'EXTENSION_MINUTES', 'BLOCKED');

CREATE TABLE "tenant_call_limits" (
    "domain_id" TEXT NOT NULL,
    "outbound_calls_per_second" INTEGER NOT NULL DEFAULT 0,
    "max_outbound_calls" INTEGER NOT NULL DEFAULT 0,
    "edge_calls_per_second" INTEGER NOT NULL DEFAULT 0,
    "edge_concurrent_calls" INTEGER NOT NULL DEFAULT 0,
    "allow_international" BOOLEAN NOT NULL DEFAULT false,
    "allow_premium" BOOLEAN NOT NULL DEFAULT false,
    "allowed_prefixes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tenant_daily_minutes" INTEGER,
    "extension_daily_minutes" INTEGER,
    "outbound_blocked" BOOLEAN NOT NULL DEFAULT false,
    "outbound_blocked_at" TIMESTAMP(3),
    "outbound_blocked_reason" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "tenant_call_limits_pkey" PRIMARY KEY ("domain_id")
);

CREATE TABLE "call_limit_policy" (
    "id" TEXT NOT NULL DEFAULT 'platform',
    "auto_block_enabled" BOOLEAN NOT NULL DEFAULT false,
    "trip_threshold" INTEGER NOT NULL DEFAULT 10,
    "trip_window_minutes" INTEGER NOT NULL DEFAULT 5,
    "premium_prefixes" TEXT[] DEFAULT ARRAY['1900', '1976', '+1900', '+1976', '+449', '+4487', '+3389', '+49900']::TEXT[],
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "call_limit_policy_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "call_limit_trip" (
    "id" BIGSERIAL NOT NULL,
    "domain_id" TEXT NOT NULL,
    "kind" "CallLimitKind" NOT NULL,
    "extension" TEXT,
    "destination" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "call_limit_trip_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "call_limit_notice" (
    "id" BIGSERIAL NOT NULL,
    "domain_id" TEXT NOT NULL,
    "trips" INTEGER NOT NULL,
    "window_minutes" INTEGER NOT NULL,
    "kinds" "CallLimitKind"[],
    "auto_blocked" BOOLEAN NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMP(3),
    CONSTRAINT "call_limit_notice_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "call_limit_trip_domain_id_created_at_idx" ON "call_limit_trip"("domain_id", "created_at");
CREATE INDEX "call_limit_notice_domain_id_created_at_idx" ON "call_limit_notice"("domain_id", "created_at");

ALTER TABLE "tenant_call_limits" ADD CONSTRAINT "tenant_call_limits_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "call_limit_trip" ADD CONSTRAINT "call_limit_trip_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "call_limit_notice" ADD CONSTRAINT "call_limit_notice_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- htable "tenantlimits" for the Kamailio edge (kamailio.cfg route TENANT_LIMITS): keys
-- "<domain>::cps" and "<domain>::calls" with an integer value (value_type 1). Only tenants
-- with an edge limit have rows. Written by the Switchboard worker from tenant_call_limits.
CREATE TABLE kamailio.tenantlimits (
    id serial PRIMARY KEY,
    key_name varchar(255) NOT NULL DEFAULT '',
    key_type integer NOT NULL DEFAULT 0,
    value_type integer NOT NULL DEFAULT 1,
    key_value varchar(128) NOT NULL DEFAULT '',
    expires integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX tenantlimits_key_name_idx ON kamailio.tenantlimits (key_name);
