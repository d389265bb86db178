-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "verificationNote" TEXT;
