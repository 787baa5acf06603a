-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN     "importKey" TEXT;

-- AlterTable
ALTER TABLE "Clip" ADD COLUMN     "sourceHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_importKey_key" ON "Prompt"("importKey");

-- CreateIndex
CREATE UNIQUE INDEX "Clip_promptId_modelId_sourceHash_key" ON "Clip"("promptId", "modelId", "sourceHash");
