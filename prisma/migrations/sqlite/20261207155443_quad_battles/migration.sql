-- CreateTable
CREATE TABLE "QuadVoteTag" (
    "voteId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "atMs" INTEGER,

    PRIMARY KEY ("voteId", "side", "tag"),
    CONSTRAINT "QuadVoteTag_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "size" INTEGER NOT NULL DEFAULT 2,
    "clipCId" TEXT,
    "clipDId" TEXT,
    "quadPlaybackFailure" TEXT,
    CONSTRAINT "Battle_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Battle_checkTwinId_fkey" FOREIGN KEY ("checkTwinId") REFERENCES "CheckTwin" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Battle_leftClipId_fkey" FOREIGN KEY ("leftClipId") REFERENCES "Clip" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Battle_rightClipId_fkey" FOREIGN KEY ("rightClipId") REFERENCES "Clip" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Battle_clipCId_fkey" FOREIGN KEY ("clipCId") REFERENCES "Clip" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Battle_clipDId_fkey" FOREIGN KEY ("clipDId") REFERENCES "Clip" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Battle_voterSessionId_fkey" FOREIGN KEY ("voterSessionId") REFERENCES "VoterSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Battle" ("category", "checkTwinId", "checkTwinSide", "expiresAt", "id", "kind", "lang", "leftClipId", "playbackFailure", "promptId", "rightClipId", "servedAt", "skippedAt", "token", "voterSessionId", "withSound") SELECT "category", "checkTwinId", "checkTwinSide", "expiresAt", "id", "kind", "lang", "leftClipId", "playbackFailure", "promptId", "rightClipId", "servedAt", "skippedAt", "token", "voterSessionId", "withSound" FROM "Battle";
DROP TABLE "Battle";
ALTER TABLE "new_Battle" RENAME TO "Battle";
CREATE UNIQUE INDEX "Battle_token_key" ON "Battle"("token");
CREATE INDEX "Battle_voterSessionId_servedAt_idx" ON "Battle"("voterSessionId", "servedAt");
CREATE TABLE "new_Vote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "battleId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "leftModelId" TEXT NOT NULL,
    "rightModelId" TEXT NOT NULL,
    "voterSessionId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "promptLang" TEXT,
    "decisionMs" INTEGER NOT NULL,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "flagReason" TEXT,
    "excluded" BOOLEAN NOT NULL DEFAULT false,
    "restoredAt" DATETIME,
    "recognitionAnsweredAt" DATETIME,
    "recognisedModelId" TEXT,
    "recognitionCandidates" INTEGER,
    "recognisedCorrectly" BOOLEAN NOT NULL DEFAULT false,
    "checkPassed" BOOLEAN,
    "size" INTEGER NOT NULL DEFAULT 2,
    "modelCId" TEXT,
    "modelDId" TEXT,
    "best" TEXT,
    "worst" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Vote_battleId_fkey" FOREIGN KEY ("battleId") REFERENCES "Battle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Vote_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Vote_voterSessionId_fkey" FOREIGN KEY ("voterSessionId") REFERENCES "VoterSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Vote" ("battleId", "checkPassed", "createdAt", "decisionMs", "excluded", "flagReason", "flagged", "id", "kind", "leftModelId", "outcome", "promptId", "promptLang", "recognisedCorrectly", "recognisedModelId", "recognitionAnsweredAt", "recognitionCandidates", "restoredAt", "rightModelId", "voterSessionId") SELECT "battleId", "checkPassed", "createdAt", "decisionMs", "excluded", "flagReason", "flagged", "id", "kind", "leftModelId", "outcome", "promptId", "promptLang", "recognisedCorrectly", "recognisedModelId", "recognitionAnsweredAt", "recognitionCandidates", "restoredAt", "rightModelId", "voterSessionId" FROM "Vote";
DROP TABLE "Vote";
ALTER TABLE "new_Vote" RENAME TO "Vote";
CREATE UNIQUE INDEX "Vote_battleId_key" ON "Vote"("battleId");
CREATE INDEX "Vote_kind_leftModelId_rightModelId_outcome_idx" ON "Vote"("kind", "leftModelId", "rightModelId", "outcome");
CREATE INDEX "Vote_createdAt_idx" ON "Vote"("createdAt");
CREATE INDEX "Vote_voterSessionId_idx" ON "Vote"("voterSessionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "QuadVoteTag_tag_idx" ON "QuadVoteTag"("tag");
