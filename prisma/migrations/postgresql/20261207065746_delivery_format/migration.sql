-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN     "deliveryLengthMs" INTEGER;

-- AlterTable
ALTER TABLE "Clip" ADD COLUMN     "heldLastFrameMs" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "renditionFormat" TEXT;
