-- AlterTable
ALTER TABLE "Battle" ADD COLUMN     "withSound" BOOLEAN NOT NULL DEFAULT false;

-- Battles served before this column played sound when both clips had a rendition with sound.
UPDATE "Battle" SET "withSound" = TRUE
WHERE EXISTS (SELECT 1 FROM "Clip" c WHERE c."id" = "Battle"."leftClipId" AND c."soundRenditionKey" IS NOT NULL)
  AND EXISTS (SELECT 1 FROM "Clip" c WHERE c."id" = "Battle"."rightClipId" AND c."soundRenditionKey" IS NOT NULL);
