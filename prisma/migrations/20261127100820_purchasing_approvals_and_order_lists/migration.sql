-- CreateEnum
CREATE TYPE "ApprovalReason" AS ENUM ('ORDER_LIMIT', 'MONTHLY_LIMIT', 'API_KEY_LIMIT');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "MemberRole" ADD VALUE 'PURCHASER';
ALTER TYPE "MemberRole" ADD VALUE 'APPROVER';

-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'PENDING_APPROVAL';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "monthlyLimitVnd" BIGINT,
ADD COLUMN     "orderLimitVnd" BIGINT;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "orderLimitVnd" BIGINT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "approvalDecidedAt" TIMESTAMP(3),
ADD COLUMN     "approvalDecidedById" TEXT,
ADD COLUMN     "approvalDecidedByName" TEXT,
ADD COLUMN     "approvalLimitVnd" BIGINT,
ADD COLUMN     "approvalReason" TEXT,
ADD COLUMN     "approvalRequiredBecause" "ApprovalReason";

-- CreateTable
CREATE TABLE "OrderList" (
    "id" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderListItem" (
    "id" TEXT NOT NULL,
    "listId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrderListItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrderList_buyerId_name_key" ON "OrderList"("buyerId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "OrderListItem_listId_productId_key" ON "OrderListItem"("listId", "productId");

-- AddForeignKey
ALTER TABLE "OrderList" ADD CONSTRAINT "OrderList_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderList" ADD CONSTRAINT "OrderList_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderListItem" ADD CONSTRAINT "OrderListItem_listId_fkey" FOREIGN KEY ("listId") REFERENCES "OrderList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderListItem" ADD CONSTRAINT "OrderListItem_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Limits are amounts of at least 1 đồng, and a saved line orders at least one unit.
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_limits_positive" CHECK (("orderLimitVnd" IS NULL OR "orderLimitVnd" > 0) AND ("monthlyLimitVnd" IS NULL OR "monthlyLimitVnd" > 0));
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_orderLimit_positive" CHECK ("orderLimitVnd" IS NULL OR "orderLimitVnd" > 0);
ALTER TABLE "OrderListItem" ADD CONSTRAINT "OrderListItem_quantity_positive" CHECK ("quantity" > 0);
