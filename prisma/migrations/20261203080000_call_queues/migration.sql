-- Call queues (mod_callcenter): a destination type, a plan limit, queues and their agents.
ALTER TYPE "DestinationType" ADD VALUE 'QUEUE';

-- The plan limit on call queues of each tenant: 0 turns the feature off for it.
ALTER TABLE "Domain" ADD COLUMN "maxQueues" INTEGER NOT NULL DEFAULT 5;

CREATE TYPE "QueueStrategy" AS ENUM (
  'RING_ALL', 'LONGEST_IDLE_AGENT', 'ROUND_ROBIN', 'TOP_DOWN', 'AGENT_WITH_LEAST_TALK_TIME',
  'AGENT_WITH_FEWEST_CALLS', 'SEQUENTIALLY_BY_AGENT_ORDER', 'RANDOM', 'RING_PROGRESSIVELY'
);

-- An extension's agent status, one for all its queues (mod_callcenter agents are global).
CREATE TYPE "AgentStatus" AS ENUM ('AVAILABLE', 'ON_BREAK', 'LOGGED_OUT');
ALTER TABLE "Extension" ADD COLUMN "agentStatus" "AgentStatus" NOT NULL DEFAULT 'LOGGED_OUT';

CREATE TABLE "CallQueue" (
  "id" TEXT NOT NULL,
  "domainId" TEXT NOT NULL,
  "number" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "strategy" "QueueStrategy" NOT NULL DEFAULT 'LONGEST_IDLE_AGENT',
  "maxWaitSeconds" INTEGER NOT NULL DEFAULT 300,
  "noAgentWaitSeconds" INTEGER NOT NULL DEFAULT 0,
  "tierWaitSeconds" INTEGER NOT NULL DEFAULT 30,
  "record" BOOLEAN NOT NULL DEFAULT false,
  "fallbackType" "DestinationType" NOT NULL DEFAULT 'HANGUP',
  "fallbackTarget" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "CallQueue_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "CallQueue_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "CallQueue_domainId_number_key" ON "CallQueue"("domainId", "number");

CREATE TABLE "CallQueueAgent" (
  "id" TEXT NOT NULL,
  "queueId" TEXT NOT NULL,
  "extensionId" TEXT NOT NULL,
  "level" INTEGER NOT NULL DEFAULT 1,
  "position" INTEGER NOT NULL DEFAULT 1,
  CONSTRAINT "CallQueueAgent_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "CallQueueAgent_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "CallQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "CallQueueAgent_extensionId_fkey" FOREIGN KEY ("extensionId") REFERENCES "Extension"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "CallQueueAgent_queueId_extensionId_key" ON "CallQueueAgent"("queueId", "extensionId");
CREATE INDEX "CallQueueAgent_extensionId_idx" ON "CallQueueAgent"("extensionId");
