-- Kamailio's view: per-domain fallback to the general set, and what each Kamailio
-- reports of each node (read back from dispatcher.list by the worker).
ALTER TABLE "Domain" ADD COLUMN "fallbackToAnyNode" BOOLEAN NOT NULL DEFAULT true;

CREATE TYPE "KamailioDestState" AS ENUM ('ACTIVE', 'INACTIVE', 'TRYING', 'DISABLED');

CREATE TABLE "proxy_destination_state" (
    "id" TEXT NOT NULL,
    "proxy_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "set_id" INTEGER NOT NULL,
    "flags" TEXT NOT NULL,
    "state" "KamailioDestState" NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "checked_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "proxy_destination_state_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "proxy_destination_state_proxy_id_node_id_set_id_key" ON "proxy_destination_state"("proxy_id", "node_id", "set_id");
CREATE INDEX "proxy_destination_state_node_id_idx" ON "proxy_destination_state"("node_id");

ALTER TABLE "proxy_destination_state" ADD CONSTRAINT "proxy_destination_state_proxy_id_fkey" FOREIGN KEY ("proxy_id") REFERENCES "SipProxy"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "proxy_destination_state" ADD CONSTRAINT "proxy_destination_state_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "TelephonyNode"("id") ON DELETE CASCADE ON UPDATE CASCADE;
