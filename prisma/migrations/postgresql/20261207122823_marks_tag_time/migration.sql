-- AlterTable
ALTER TABLE "VoteTag" ADD COLUMN     "atMs" INTEGER;
