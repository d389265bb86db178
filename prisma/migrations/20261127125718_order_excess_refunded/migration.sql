-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "excessRefundedVnd" BIGINT NOT NULL DEFAULT 0;

-- What was sent back of an overpayment is never negative and never more than the overpayment
ALTER TABLE "Order" ADD CONSTRAINT "Order_excessRefunded_check" CHECK ("excessRefundedVnd" = 0 OR ("excessRefundedVnd" > 0 AND "excessRefundedVnd" <= "amountReceivedVnd" - "totalVnd"));
