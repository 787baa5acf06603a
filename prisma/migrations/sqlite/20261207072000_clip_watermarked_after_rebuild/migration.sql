-- 20261207060209_delivery_format rebuilt "Clip" from a schema that did not yet have
-- "watermarked" (added by 20261207060157_clip_first_takes_watermarks, merged alongside it), so on
-- SQLite the rebuild dropped the column. Add it back.
ALTER TABLE "Clip" ADD COLUMN "watermarked" BOOLEAN NOT NULL DEFAULT false;
