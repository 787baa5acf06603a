-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Vote_battleId_fkey" FOREIGN KEY ("battleId") REFERENCES "Battle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Vote_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Vote_voterSessionId_fkey" FOREIGN KEY ("voterSessionId") REFERENCES "VoterSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Vote" ("battleId", "createdAt", "decisionMs", "excluded", "flagReason", "flagged", "id", "kind", "leftModelId", "outcome", "promptId", "promptLang", "restoredAt", "rightModelId", "voterSessionId") SELECT "battleId", "createdAt", "decisionMs", "excluded", "flagReason", "flagged", "id", "kind", "leftModelId", "outcome", "promptId", "promptLang", "restoredAt", "rightModelId", "voterSessionId" FROM "Vote";
DROP TABLE "Vote";
ALTER TABLE "new_Vote" RENAME TO "Vote";
CREATE UNIQUE INDEX "Vote_battleId_key" ON "Vote"("battleId");
CREATE INDEX "Vote_kind_leftModelId_rightModelId_outcome_idx" ON "Vote"("kind", "leftModelId", "rightModelId", "outcome");
CREATE INDEX "Vote_createdAt_idx" ON "Vote"("createdAt");
CREATE INDEX "Vote_voterSessionId_idx" ON "Vote"("voterSessionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
