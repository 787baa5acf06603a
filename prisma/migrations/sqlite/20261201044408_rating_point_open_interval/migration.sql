-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RatingPoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "computedAt" DATETIME NOT NULL,
    "modelSlug" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "rating" REAL NOT NULL,
    "ciLow" REAL,
    "ciHigh" REAL,
    "votes" INTEGER NOT NULL
);
INSERT INTO "new_RatingPoint" ("category", "ciHigh", "ciLow", "computedAt", "id", "modelSlug", "rating", "votes") SELECT "category", "ciHigh", "ciLow", "computedAt", "id", "modelSlug", "rating", "votes" FROM "RatingPoint";
DROP TABLE "RatingPoint";
ALTER TABLE "new_RatingPoint" RENAME TO "RatingPoint";
CREATE INDEX "RatingPoint_modelSlug_category_computedAt_idx" ON "RatingPoint"("modelSlug", "category", "computedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
