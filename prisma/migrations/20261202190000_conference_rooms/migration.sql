-- Conference rooms: dialled like an extension (one number space per domain), PINs sealed
-- with the platform secret key because mod_conference compares them in plain.
CREATE TABLE "ConferenceRoom" (
    "id" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinEnc" TEXT,
    "moderatorPinEnc" TEXT,
    "maxMembers" INTEGER NOT NULL DEFAULT 0,
    "record" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConferenceRoom_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ConferenceRoom_domainId_number_key" ON "ConferenceRoom"("domainId", "number");

ALTER TABLE "ConferenceRoom" ADD CONSTRAINT "ConferenceRoom_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;
