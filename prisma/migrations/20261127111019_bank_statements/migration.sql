-- CreateEnum
CREATE TYPE "StatementLineOutcome" AS ENUM ('MATCHED', 'PARTIAL', 'OVERPAID', 'UNMATCHED', 'DUPLICATE', 'ALREADY_APPLIED', 'NOT_APPLICABLE');

-- CreateTable
CREATE TABLE "BankStatement" (
    "id" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "uploadedById" TEXT,
    "uploadedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankStatementLine" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "lineNumber" INTEGER NOT NULL,
    "bookedOn" DATE NOT NULL,
    "amountVnd" BIGINT NOT NULL,
    "description" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "outcome" "StatementLineOutcome" NOT NULL,
    "orderId" TEXT,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "BankStatementLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppliedBankTransaction" (
    "transactionId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "amountVnd" BIGINT NOT NULL,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppliedBankTransaction_pkey" PRIMARY KEY ("transactionId")
);

-- CreateIndex
CREATE INDEX "BankStatementLine_statementId_lineNumber_idx" ON "BankStatementLine"("statementId", "lineNumber");

-- AddForeignKey
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppliedBankTransaction" ADD CONSTRAINT "AppliedBankTransaction_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
