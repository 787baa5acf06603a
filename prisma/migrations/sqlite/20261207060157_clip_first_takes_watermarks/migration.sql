-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Prompt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "textZh" TEXT,
    "textEn" TEXT,
    "imageKey" TEXT,
    "importKey" TEXT,
    "mode" TEXT NOT NULL,
    "publishedAt" DATETIME,
    "otherTakesAllowed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Prompt" ("createdAt", "id", "imageKey", "importKey", "mode", "publishedAt", "textEn", "textZh") SELECT "createdAt", "id", "imageKey", "importKey", "mode", "publishedAt", "textEn", "textZh" FROM "Prompt";
DROP TABLE "Prompt";
ALTER TABLE "new_Prompt" RENAME TO "Prompt";
CREATE UNIQUE INDEX "Prompt_importKey_key" ON "Prompt"("importKey");
CREATE TABLE "new_Clip" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "promptId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "renditionKey" TEXT,
    "soundRenditionKey" TEXT,
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
INSERT INTO "new_Clip" ("createdAt", "durationMs", "firstTake", "frameRate", "hasAudio", "height", "hidden", "id", "mimeType", "modelId", "placeholder", "promptId", "promptLang", "renditionKey", "retiredAt", "soundRenditionKey", "sourceHash", "storageKey", "width") SELECT "createdAt", "durationMs", "firstTake", "frameRate", "hasAudio", "height", "hidden", "id", "mimeType", "modelId", "placeholder", "promptId", "promptLang", "renditionKey", "retiredAt", "soundRenditionKey", "sourceHash", "storageKey", "width" FROM "Clip";
DROP TABLE "Clip";
ALTER TABLE "new_Clip" RENAME TO "Clip";
CREATE INDEX "Clip_promptId_hidden_retiredAt_idx" ON "Clip"("promptId", "hidden", "retiredAt");
CREATE INDEX "Clip_modelId_idx" ON "Clip"("modelId");
CREATE UNIQUE INDEX "Clip_promptId_modelId_sourceHash_key" ON "Clip"("promptId", "modelId", "sourceHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
