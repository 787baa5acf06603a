-- AlterTable
ALTER TABLE "CheckTwin" ADD COLUMN "sizeDonorKey" TEXT;
