-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN     "otherTakesAllowed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Clip" ADD COLUMN     "watermarked" BOOLEAN NOT NULL DEFAULT false;
