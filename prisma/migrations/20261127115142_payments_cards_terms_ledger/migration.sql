-- CreateEnum
CREATE TYPE "CardPaymentStatus" AS ENUM ('REQUIRES_PAYMENT', 'SUCCEEDED', 'FAILED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "LedgerEntryKind" AS ENUM ('SALE', 'PLATFORM_FEE', 'VAT_WITHHELD', 'PIT_WITHHELD', 'PAYOUT');

-- CreateEnum
CREATE TYPE "LedgerRateKind" AS ENUM ('PLATFORM_FEE', 'VAT_WITHHOLDING', 'PIT_WITHHOLDING');

-- AlterEnum
ALTER TYPE "PaymentStatus" ADD VALUE 'INVOICED';

-- AlterEnum
ALTER TYPE "PaymentMethod" ADD VALUE 'CARD';
ALTER TYPE "PaymentMethod" ADD VALUE 'NET_TERMS';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "creditLimitVnd" BIGINT,
ADD COLUMN     "netTermsDays" INTEGER;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "paidAt" TIMESTAMP(3),
ADD COLUMN     "paymentDueDate" DATE,
ADD COLUMN     "paymentTermDays" INTEGER;

-- CreateTable
CREATE TABLE "CardPayment" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "amountVnd" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "CardPaymentStatus" NOT NULL DEFAULT 'REQUIRES_PAYMENT',
    "failureMessage" TEXT,
    "lastEventAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CardPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "created" TIMESTAMP(3) NOT NULL,
    "orderId" TEXT,
    "outcome" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "orderId" TEXT,
    "payoutId" TEXT,
    "kind" "LedgerEntryKind" NOT NULL,
    "reversal" BOOLEAN NOT NULL DEFAULT false,
    "amountVnd" BIGINT NOT NULL,
    "baseVnd" BIGINT,
    "rateBasisPoints" INTEGER,
    "rateId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerRate" (
    "id" TEXT NOT NULL,
    "kind" "LedgerRateKind" NOT NULL,
    "basisPoints" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payout" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "amountVnd" BIGINT NOT NULL,
    "paidOn" DATE NOT NULL,
    "bankName" TEXT NOT NULL,
    "bankAccountNumber" TEXT NOT NULL,
    "bankAccountHolder" TEXT NOT NULL,
    "bankReference" TEXT NOT NULL,
    "note" TEXT,
    "recordedById" TEXT,
    "recordedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CardPayment_orderId_idx" ON "CardPayment"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_payoutId_key" ON "LedgerEntry"("payoutId");

-- CreateIndex
CREATE INDEX "LedgerEntry_producerId_occurredAt_idx" ON "LedgerEntry"("producerId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_orderId_kind_reversal_key" ON "LedgerEntry"("orderId", "kind", "reversal");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerRate_kind_effectiveFrom_key" ON "LedgerRate"("kind", "effectiveFrom");

-- CreateIndex
CREATE INDEX "Payout_producerId_paidOn_idx" ON "Payout"("producerId", "paidOn");

-- AddForeignKey
ALTER TABLE "CardPayment" ADD CONSTRAINT "CardPayment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Payment terms are 30 or 60 days, with a credit limit that is not negative
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_netTerms_check" CHECK ("netTermsDays" IS NULL OR "netTermsDays" IN (30, 60));
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_creditLimit_check" CHECK ("creditLimitVnd" IS NULL OR "creditLimitVnd" >= 0);
ALTER TABLE "LedgerRate" ADD CONSTRAINT "LedgerRate_basisPoints_check" CHECK ("basisPoints" >= 0 AND "basisPoints" <= 10000);
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_amount_check" CHECK ("amountVnd" > 0);

-- The rates in force: Decree 117/2025 withholding for household and individual sellers of goods from 1 July 2025
-- (VAT 1 percent, PIT 0.5 percent), and the platform fee of 2 percent. Operators add later rates as new rows.
INSERT INTO "LedgerRate" ("id", "kind", "basisPoints", "effectiveFrom", "note") VALUES
  ('rate_vat_withholding_20250701', 'VAT_WITHHOLDING', 100, '2025-07-01', 'Decree 117/2025/ND-CP, goods'),
  ('rate_pit_withholding_20250701', 'PIT_WITHHOLDING', 50, '2025-07-01', 'Decree 117/2025/ND-CP, goods'),
  ('rate_platform_fee_20250101', 'PLATFORM_FEE', 200, '2025-01-01', 'Platform fee');
