-- AlterTable
ALTER TABLE "Clip" ADD COLUMN "generationCostUsd" REAL;
ALTER TABLE "Clip" ADD COLUMN "generationSeconds" REAL;

-- CreateTable
CREATE TABLE "ModelFact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "modelId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "currency" TEXT,
    "effectiveDate" DATETIME NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModelFact_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ModelFact_modelId_kind_effectiveDate_idx" ON "ModelFact"("modelId", "kind", "effectiveDate");
