-- Check twins made before issue 31's NAL-level fix carry filler NAL units of up to tens of kB
-- (padding to their size donor's sample sizes). Forgetting their donor marks them stale: they are
-- never served, and the next import or `npm run media:renditions` encodes them again, unpadded,
-- to spend the donor's bytes (lib/media/check-twins.ts).
UPDATE "CheckTwin" SET "sizeDonorKey" = NULL;
