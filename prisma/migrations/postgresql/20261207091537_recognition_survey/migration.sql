-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "recognisedCorrectly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "recognisedModelId" TEXT,
ADD COLUMN     "recognitionAnsweredAt" TIMESTAMP(3),
ADD COLUMN     "recognitionCandidates" INTEGER;
