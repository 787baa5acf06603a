-- CreateEnum
CREATE TYPE "QuadSide" AS ENUM ('a', 'b', 'c', 'd');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "VoteOutcome" ADD VALUE 'best_worst';
ALTER TYPE "VoteOutcome" ADD VALUE 'all_bad';

-- AlterTable
ALTER TABLE "Battle" ADD COLUMN     "clipCId" TEXT,
ADD COLUMN     "clipDId" TEXT,
ADD COLUMN     "quadPlaybackFailure" "QuadSide",
ADD COLUMN     "size" INTEGER NOT NULL DEFAULT 2;

-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "best" "QuadSide",
ADD COLUMN     "modelCId" TEXT,
ADD COLUMN     "modelDId" TEXT,
ADD COLUMN     "size" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "worst" "QuadSide";

-- CreateTable
CREATE TABLE "QuadVoteTag" (
    "voteId" TEXT NOT NULL,
    "side" "QuadSide" NOT NULL,
    "tag" TEXT NOT NULL,
    "atMs" INTEGER,

    CONSTRAINT "QuadVoteTag_pkey" PRIMARY KEY ("voteId","side","tag")
);

-- CreateIndex
CREATE INDEX "QuadVoteTag_tag_idx" ON "QuadVoteTag"("tag");

-- AddForeignKey
ALTER TABLE "Battle" ADD CONSTRAINT "Battle_clipCId_fkey" FOREIGN KEY ("clipCId") REFERENCES "Clip"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Battle" ADD CONSTRAINT "Battle_clipDId_fkey" FOREIGN KEY ("clipDId") REFERENCES "Clip"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuadVoteTag" ADD CONSTRAINT "QuadVoteTag_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote"("id") ON DELETE CASCADE ON UPDATE CASCADE;
