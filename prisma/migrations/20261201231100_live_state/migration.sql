-- Live state fed by the nodes' event sockets (LIVE).

-- AlterTable: node health from HEARTBEAT events
ALTER TABLE "TelephonyNode" ADD COLUMN "lastHeartbeatAt" TIMESTAMP(3),
ADD COLUMN "eslConnectedAt" TIMESTAMP(3),
ADD COLUMN "eslDisconnectedAt" TIMESTAMP(3),
ADD COLUMN "eslLastError" TEXT,
ADD COLUMN "uptimeSec" INTEGER,
ADD COLUMN "sessionCount" INTEGER,
ADD COLUMN "cpuIdle" DOUBLE PRECISION;

-- CreateTable: UNLOGGED because it is rebuilt from every node on each event-socket (re)connect
CREATE UNLOGGED TABLE "registration" (
    "id" BIGSERIAL NOT NULL,
    "node_id" TEXT NOT NULL,
    "domain_id" TEXT,
    "user" TEXT NOT NULL,
    "realm" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "call_id" TEXT NOT NULL,
    "user_agent" TEXT NOT NULL,
    "network_ip" TEXT NOT NULL,
    "network_port" INTEGER NOT NULL,
    "profile" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable: UNLOGGED for the same reason
CREATE UNLOGGED TABLE "live_channel" (
    "uuid" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "domain_id" TEXT,
    "call_uuid" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "caller_number" TEXT NOT NULL,
    "caller_name" TEXT NOT NULL,
    "destination_number" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "answered_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "live_channel_pkey" PRIMARY KEY ("uuid")
);

-- CreateTable: kept (logged): the 24 h load charts read it
CREATE TABLE "node_load_sample" (
    "id" BIGSERIAL NOT NULL,
    "node_id" TEXT NOT NULL,
    "sampled_at" TIMESTAMP(3) NOT NULL,
    "active_calls" INTEGER NOT NULL,
    "session_count" INTEGER,
    "cpu_idle" DOUBLE PRECISION,

    CONSTRAINT "node_load_sample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "registration_domain_id_user_idx" ON "registration"("domain_id", "user");

-- CreateIndex
CREATE INDEX "registration_expires_at_idx" ON "registration"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "registration_node_id_realm_user_contact_key" ON "registration"("node_id", "realm", "user", "contact");

-- CreateIndex
CREATE INDEX "live_channel_domain_id_created_at_idx" ON "live_channel"("domain_id", "created_at");

-- CreateIndex
CREATE INDEX "live_channel_node_id_idx" ON "live_channel"("node_id");

-- CreateIndex
CREATE INDEX "node_load_sample_sampled_at_idx" ON "node_load_sample"("sampled_at");

-- CreateIndex
CREATE INDEX "node_load_sample_node_id_sampled_at_idx" ON "node_load_sample"("node_id", "sampled_at");

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "TelephonyNode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "Domain"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "live_channel" ADD CONSTRAINT "live_channel_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "TelephonyNode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "live_channel" ADD CONSTRAINT "live_channel_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "Domain"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_load_sample" ADD CONSTRAINT "node_load_sample_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "TelephonyNode"("id") ON DELETE CASCADE ON UPDATE CASCADE;
