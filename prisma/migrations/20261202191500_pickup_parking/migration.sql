-- Pickup groups (members pick up each other's ringing calls) and one parking lot per domain.
CREATE TABLE "PickupGroup" (
    "id" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PickupGroup_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PickupGroupMember" (
    "pickupGroupId" TEXT NOT NULL,
    "extensionId" TEXT NOT NULL,

    CONSTRAINT "PickupGroupMember_pkey" PRIMARY KEY ("pickupGroupId","extensionId")
);

CREATE TABLE "ParkingLot" (
    "domainId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "firstSlot" INTEGER NOT NULL,
    "lastSlot" INTEGER NOT NULL,
    "timeoutSeconds" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ParkingLot_pkey" PRIMARY KEY ("domainId")
);

CREATE UNIQUE INDEX "PickupGroup_domainId_name_key" ON "PickupGroup"("domainId", "name");

CREATE INDEX "PickupGroupMember_extensionId_idx" ON "PickupGroupMember"("extensionId");

ALTER TABLE "PickupGroup" ADD CONSTRAINT "PickupGroup_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PickupGroupMember" ADD CONSTRAINT "PickupGroupMember_pickupGroupId_fkey" FOREIGN KEY ("pickupGroupId") REFERENCES "PickupGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PickupGroupMember" ADD CONSTRAINT "PickupGroupMember_extensionId_fkey" FOREIGN KEY ("extensionId") REFERENCES "Extension"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ParkingLot" ADD CONSTRAINT "ParkingLot_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;
