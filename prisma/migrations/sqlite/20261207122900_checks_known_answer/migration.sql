-- AlterTable
ALTER TABLE "Vote" ADD COLUMN "checkPassed" BOOLEAN;

-- CreateTable
CREATE TABLE "CheckTwin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clipId" TEXT NOT NULL,
    "degradation" TEXT NOT NULL,
    "renditionKey" TEXT NOT NULL,
    "soundRenditionKey" TEXT,
    "renditionFormat" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckTwin_clipId_fkey" FOREIGN KEY ("clipId") REFERENCES "Clip" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Battle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'anonymous',
    "promptId" TEXT NOT NULL,
    "leftClipId" TEXT NOT NULL,
    "rightClipId" TEXT NOT NULL,
    "voterSessionId" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "category" TEXT,
    "servedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "skippedAt" DATETIME,
    "playbackFailure" TEXT,
    "withSound" BOOLEAN NOT NULL DEFAULT false,
    "checkTwinSide" TEXT,
    "checkTwinId" TEXT,
    CONSTRAINT "Battle_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Battle_checkTwinId_fkey" FOREIGN KEY ("checkTwinId") REFERENCES "CheckTwin" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Battle_leftClipId_fkey" FOREIGN KEY ("leftClipId") REFERENCES "Clip" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Battle_rightClipId_fkey" FOREIGN KEY ("rightClipId") REFERENCES "Clip" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Battle_voterSessionId_fkey" FOREIGN KEY ("voterSessionId") REFERENCES "VoterSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Battle" ("category", "expiresAt", "id", "kind", "lang", "leftClipId", "playbackFailure", "promptId", "rightClipId", "servedAt", "skippedAt", "token", "voterSessionId", "withSound") SELECT "category", "expiresAt", "id", "kind", "lang", "leftClipId", "playbackFailure", "promptId", "rightClipId", "servedAt", "skippedAt", "token", "voterSessionId", "withSound" FROM "Battle";
DROP TABLE "Battle";
ALTER TABLE "new_Battle" RENAME TO "Battle";
CREATE UNIQUE INDEX "Battle_token_key" ON "Battle"("token");
CREATE INDEX "Battle_voterSessionId_servedAt_idx" ON "Battle"("voterSessionId", "servedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CheckTwin_clipId_degradation_key" ON "CheckTwin"("clipId", "degradation");
