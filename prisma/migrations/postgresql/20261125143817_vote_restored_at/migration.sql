-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "restoredAt" TIMESTAMP(3);
