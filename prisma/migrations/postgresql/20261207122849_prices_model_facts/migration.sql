-- CreateEnum
CREATE TYPE "ModelFactKind" AS ENUM ('price_per_second', 'generation_seconds');

-- AlterTable
ALTER TABLE "Clip" ADD COLUMN     "generationCostUsd" DOUBLE PRECISION,
ADD COLUMN     "generationSeconds" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "ModelFact" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "kind" "ModelFactKind" NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "currency" TEXT,
    "effectiveDate" TIMESTAMP(3) NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelFact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModelFact_modelId_kind_effectiveDate_idx" ON "ModelFact"("modelId", "kind", "effectiveDate");

-- AddForeignKey
ALTER TABLE "ModelFact" ADD CONSTRAINT "ModelFact_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
