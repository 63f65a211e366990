-- Conference rooms as a destination type: a DID, IVR option or fallback can send callers into a room.
ALTER TYPE "DestinationType" ADD VALUE 'CONFERENCE';
