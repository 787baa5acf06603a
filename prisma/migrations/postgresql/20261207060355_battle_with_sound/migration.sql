-- AlterTable
ALTER TABLE "Battle" ADD COLUMN     "withSound" BOOLEAN NOT NULL DEFAULT false;
