-- AlterTable
ALTER TABLE "Vote" ADD COLUMN "restoredAt" DATETIME;
