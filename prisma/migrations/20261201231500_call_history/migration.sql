-- Call history searches (server/callRecords/history.ts). Made on the partitioned parent, so
-- every monthly partition, present and made later by the worker, gets them too.
-- Number search is a prefix LIKE: text_pattern_ops lets a btree serve it under any collation
-- (the default operator class does so only under the C collation).
CREATE INDEX "call_record_domain_id_caller_number_started_at_idx" ON "call_record"("domain_id", "caller_number" text_pattern_ops, "started_at" DESC);

CREATE INDEX "call_record_domain_id_destination_number_started_at_idx" ON "call_record"("domain_id", "destination_number" text_pattern_ops, "started_at" DESC);

CREATE INDEX "call_record_domain_id_extension_started_at_idx" ON "call_record"("domain_id", "extension", "started_at" DESC);

-- The platform-wide list (every tenant, newest first) shows a-legs only.
CREATE INDEX "call_record_a_leg_started_at_id_idx" ON "call_record"("started_at" DESC, "id" DESC) WHERE "leg" = 'a';
