-- Music on hold: a tenant's uploaded audio, transcoded to 8 kHz mono 16-bit WAV and kept in
-- PostgreSQL, fetched by every FreeSWITCH node over HTTP (mod_http_cache). A file's bytes
-- never change: a new upload is a new row, so sha256 is a stable ETag.
CREATE TABLE "MohFile" (
    "id" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MohFile_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "MohFile_domainId_idx" ON "MohFile"("domainId");

ALTER TABLE "MohFile" ADD CONSTRAINT "MohFile_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- NULL = the node's stock local_stream://moh, otherwise a stock class key or "uploaded".
ALTER TABLE "Domain" ADD COLUMN "holdMusic" TEXT;
