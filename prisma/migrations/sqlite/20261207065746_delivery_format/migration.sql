-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN "deliveryLengthMs" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Clip" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "promptId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "renditionKey" TEXT,
    "soundRenditionKey" TEXT,
    "renditionFormat" TEXT,
    "heldLastFrameMs" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "frameRate" REAL,
    "hasAudio" BOOLEAN NOT NULL DEFAULT false,
    "mimeType" TEXT NOT NULL,
    "firstTake" BOOLEAN NOT NULL DEFAULT true,
    "watermarked" BOOLEAN NOT NULL DEFAULT false,
    "promptLang" TEXT NOT NULL,
    "placeholder" BOOLEAN NOT NULL DEFAULT false,
    "sourceHash" TEXT,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Clip_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Clip_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Clip" ("createdAt", "durationMs", "firstTake", "frameRate", "hasAudio", "height", "hidden", "id", "mimeType", "modelId", "placeholder", "promptId", "promptLang", "renditionKey", "retiredAt", "soundRenditionKey", "sourceHash", "storageKey", "watermarked", "width") SELECT "createdAt", "durationMs", "firstTake", "frameRate", "hasAudio", "height", "hidden", "id", "mimeType", "modelId", "placeholder", "promptId", "promptLang", "renditionKey", "retiredAt", "soundRenditionKey", "sourceHash", "storageKey", "watermarked", "width" FROM "Clip";
DROP TABLE "Clip";
ALTER TABLE "new_Clip" RENAME TO "Clip";
CREATE INDEX "Clip_promptId_hidden_retiredAt_idx" ON "Clip"("promptId", "hidden", "retiredAt");
CREATE INDEX "Clip_modelId_idx" ON "Clip"("modelId");
CREATE UNIQUE INDEX "Clip_promptId_modelId_sourceHash_key" ON "Clip"("promptId", "modelId", "sourceHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
