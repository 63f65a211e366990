-- Failover (issue 10, "Act"): per-domain policy, spare pool, drain deadlines, platform
-- settings, the failover record and the engine's per-node verdict.

-- CreateEnum
CREATE TYPE "FailoverDetectionRule" AS ENUM ('HEARTBEAT_LOST', 'KAMAILIO_INACTIVE', 'EITHER', 'BOTH');

-- AlterTable
ALTER TABLE "Domain" ADD COLUMN "failoverEnabled" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "TelephonyNode" ADD COLUMN "spare" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "drainStartedAt" TIMESTAMP(3),
ADD COLUMN "drainDeadlineAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "failover_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "detection_rule" "FailoverDetectionRule" NOT NULL DEFAULT 'EITHER',
    "hysteresis_ms" INTEGER NOT NULL DEFAULT 60000,
    "auto_restore_after_min" INTEGER,
    "drain_deadline_min" INTEGER,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "failover_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "failover_event" (
    "id" TEXT NOT NULL,
    "domain_id" TEXT NOT NULL,
    "from_nodes" JSONB NOT NULL,
    "to_nodes" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "detected_at" TIMESTAMP(3) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revision_id" BIGINT NOT NULL,
    "restored_at" TIMESTAMP(3),
    "restored_by" TEXT,

    CONSTRAINT "failover_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "failover_node_status" (
    "node_id" TEXT NOT NULL,
    "down" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "failover_node_status_pkey" PRIMARY KEY ("node_id")
);

-- CreateIndex
CREATE INDEX "failover_event_domain_id_at_idx" ON "failover_event"("domain_id", "at");

-- CreateIndex
CREATE INDEX "failover_event_restored_at_idx" ON "failover_event"("restored_at");

-- AddForeignKey
ALTER TABLE "failover_event" ADD CONSTRAINT "failover_event_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "failover_node_status" ADD CONSTRAINT "failover_node_status_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "TelephonyNode"("id") ON DELETE CASCADE ON UPDATE CASCADE;
