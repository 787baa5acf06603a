-- DropIndex
DROP INDEX "VoterSession_addressHash_idx";

-- CreateIndex
CREATE INDEX "VoterSession_addressHash_createdAt_idx" ON "VoterSession"("addressHash", "createdAt");
