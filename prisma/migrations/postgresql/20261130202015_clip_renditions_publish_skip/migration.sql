-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN     "publishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Clip" ADD COLUMN     "frameRate" DOUBLE PRECISION,
ADD COLUMN     "hasAudio" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "renditionKey" TEXT,
ADD COLUMN     "soundRenditionKey" TEXT;

-- AlterTable
ALTER TABLE "Battle" ADD COLUMN     "playbackFailure" "Side",
ADD COLUMN     "skippedAt" TIMESTAMP(3);
