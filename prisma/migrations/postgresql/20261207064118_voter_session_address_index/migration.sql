-- CreateIndex
CREATE INDEX "VoterSession_addressHash_idx" ON "VoterSession"("addressHash");
