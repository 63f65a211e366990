-- Platform-wide number search (an operator looking up a caller across every tenant): the
-- tenant indexes lead with domain_id and cannot serve it (7 s over 10M records). Only
-- a-legs are listed and searched there, so only a-legs are indexed, which halves the
-- cost these two add to every CDR insert.
CREATE INDEX "call_record_a_leg_caller_number_started_at_idx" ON "call_record"("caller_number" text_pattern_ops, "started_at" DESC) WHERE "leg" = 'a';

CREATE INDEX "call_record_a_leg_destination_number_started_at_idx" ON "call_record"("destination_number" text_pattern_ops, "started_at" DESC) WHERE "leg" = 'a';
