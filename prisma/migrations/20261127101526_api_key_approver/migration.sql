-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "canApproveOrders" BOOLEAN NOT NULL DEFAULT false;
