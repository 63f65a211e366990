-- The plan limit on conference rooms of each tenant: 0 turns the feature off for it.
ALTER TABLE "Domain" ADD COLUMN "maxConferenceRooms" INTEGER NOT NULL DEFAULT 10;
