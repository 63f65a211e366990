-- The external (trunk) sofia profile's port (NULL = the node's SIP port + 20, as before it was a field).
ALTER TABLE "TelephonyNode" ADD COLUMN "externalSipPort" INTEGER;
