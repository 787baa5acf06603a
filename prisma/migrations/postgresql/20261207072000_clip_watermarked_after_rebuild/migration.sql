-- On PostgreSQL 20261207060209_delivery_format altered "Clip" in place and kept "watermarked";
-- this mirrors the SQLite repair (a rebuild there had dropped it) and changes nothing.
ALTER TABLE "Clip" ADD COLUMN IF NOT EXISTS "watermarked" BOOLEAN NOT NULL DEFAULT false;
