-- AlterTable
ALTER TABLE "Battle" ADD COLUMN     "checkTwinId" TEXT,
ADD COLUMN     "checkTwinSide" "Side";

-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "checkPassed" BOOLEAN;

-- CreateTable
CREATE TABLE "CheckTwin" (
    "id" TEXT NOT NULL,
    "clipId" TEXT NOT NULL,
    "degradation" TEXT NOT NULL,
    "renditionKey" TEXT NOT NULL,
    "soundRenditionKey" TEXT,
    "renditionFormat" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckTwin_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CheckTwin_clipId_degradation_key" ON "CheckTwin"("clipId", "degradation");

-- AddForeignKey
ALTER TABLE "CheckTwin" ADD CONSTRAINT "CheckTwin_clipId_fkey" FOREIGN KEY ("clipId") REFERENCES "Clip"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Battle" ADD CONSTRAINT "Battle_checkTwinId_fkey" FOREIGN KEY ("checkTwinId") REFERENCES "CheckTwin"("id") ON DELETE SET NULL ON UPDATE CASCADE;
