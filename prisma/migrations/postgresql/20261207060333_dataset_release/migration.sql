-- CreateTable
CREATE TABLE "DatasetRelease" (
    "number" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "manifest" TEXT,
    "csvKey" TEXT,
    "jsonlKey" TEXT,
    "parquetKey" TEXT,

    CONSTRAINT "DatasetRelease_pkey" PRIMARY KEY ("number")
);
