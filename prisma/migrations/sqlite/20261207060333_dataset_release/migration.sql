-- CreateTable
CREATE TABLE "DatasetRelease" (
    "number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publishedAt" DATETIME,
    "manifest" TEXT,
    "csvKey" TEXT,
    "jsonlKey" TEXT,
    "parquetKey" TEXT
);
