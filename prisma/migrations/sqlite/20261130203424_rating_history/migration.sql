-- CreateTable
CREATE TABLE "RatingPoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "computedAt" DATETIME NOT NULL,
    "modelSlug" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "rating" REAL NOT NULL,
    "ciLow" REAL NOT NULL,
    "ciHigh" REAL NOT NULL,
    "votes" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "RatingPoint_modelSlug_category_computedAt_idx" ON "RatingPoint"("modelSlug", "category", "computedAt");
