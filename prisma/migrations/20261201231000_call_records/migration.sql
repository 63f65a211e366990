-- Call records (CDRs) posted by the FreeSWITCH nodes to POST /freeswitch/cdr.
-- call_record is RANGE-partitioned by started_at, one partition per month named
-- call_record_YYYYMM. Partitions live in schema cdr_partition so the Prisma drift check
-- (which reads only public) sees just the parent. The worker creates partitions ahead and
-- drops those past CDR_RETENTION_MONTHS (server/callRecords/partitions.ts). The DEFAULT
-- partition is a safety net: a record whose month has no partition yet is still stored,
-- and the worker moves such rows into their month partition when it creates it.
-- (No semicolons or quotes in comments: the Prisma JS engine splits statements naively.)

CREATE TYPE "CallDirection" AS ENUM ('INBOUND', 'OUTBOUND', 'INTERNAL', 'UNKNOWN');

CREATE TYPE "CallDisposition" AS ENUM ('ANSWERED', 'BUSY', 'NO_ANSWER', 'FAILED');

CREATE TABLE "call_record" (
    "id" BIGSERIAL NOT NULL,
    "call_uuid" TEXT NOT NULL,
    "leg" TEXT NOT NULL,
    "domain_id" TEXT,
    "node_id" TEXT,
    "a_leg_uuid" TEXT NOT NULL,
    "direction" "CallDirection" NOT NULL,
    "disposition" "CallDisposition" NOT NULL,
    "hangup_cause" TEXT NOT NULL,
    "caller_number" TEXT NOT NULL,
    "caller_name" TEXT NOT NULL,
    "destination_number" TEXT NOT NULL,
    "extension" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL,
    "answered_at" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3) NOT NULL,
    "duration_sec" INTEGER NOT NULL,
    "bill_sec" INTEGER NOT NULL,
    "variables" JSONB NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_record_pkey" PRIMARY KEY ("id","started_at")
) PARTITION BY RANGE ("started_at");

CREATE UNIQUE INDEX "call_record_call_uuid_leg_started_at_key" ON "call_record"("call_uuid", "leg", "started_at");

CREATE INDEX "call_record_domain_id_started_at_idx" ON "call_record"("domain_id", "started_at" DESC);

CREATE INDEX "call_record_a_leg_uuid_idx" ON "call_record"("a_leg_uuid");

CREATE SCHEMA IF NOT EXISTS cdr_partition;

CREATE TABLE cdr_partition.call_record_default PARTITION OF "call_record" DEFAULT;

-- The month this migration was written in and the next. Later months come from the worker.
CREATE TABLE cdr_partition.call_record_202612 PARTITION OF "call_record" FOR VALUES FROM ('2026-12-01 00:00:00') TO ('2027-01-01 00:00:00');

CREATE TABLE cdr_partition.call_record_202701 PARTITION OF "call_record" FOR VALUES FROM ('2027-01-01 00:00:00') TO ('2027-02-01 00:00:00');
