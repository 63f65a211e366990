-- Business hours (time conditions): a dialable number of the domain that sends a call to one
-- destination while open and to another while closed, judged in the domain's own time zone.
ALTER TABLE "Domain" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'UTC';

ALTER TYPE "DestinationType" ADD VALUE 'TIME_CONDITION';

CREATE TABLE "TimeCondition" (
    "id" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "weeklyHours" JSONB NOT NULL DEFAULT '[]',
    "holidays" JSONB NOT NULL DEFAULT '[]',
    "openType" "DestinationType" NOT NULL,
    "openTarget" TEXT,
    "closedType" "DestinationType" NOT NULL,
    "closedTarget" TEXT,
    "closedNow" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TimeCondition_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "TimeCondition_domainId_number_key" ON "TimeCondition"("domainId", "number");

ALTER TABLE "TimeCondition" ADD CONSTRAINT "TimeCondition_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;
