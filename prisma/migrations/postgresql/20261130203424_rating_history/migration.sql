-- CreateTable
CREATE TABLE "RatingPoint" (
    "id" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "modelSlug" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "rating" DOUBLE PRECISION NOT NULL,
    "ciLow" DOUBLE PRECISION NOT NULL,
    "ciHigh" DOUBLE PRECISION NOT NULL,
    "votes" INTEGER NOT NULL,

    CONSTRAINT "RatingPoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RatingPoint_modelSlug_category_computedAt_idx" ON "RatingPoint"("modelSlug", "category", "computedAt");
