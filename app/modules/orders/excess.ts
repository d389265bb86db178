// Browser-safe: the excess of an overpaid order. A transfer above the amount due (a statement line OVERPAID, or
// an operator recording more) makes the order PAID with more received than its total; the platform sends the
// difference back to the buyer and records it (markExcessRefunded, Order.excessRefundedVnd), the order staying
// PAID. The producer's ledger never sees the excess: its sale is the order total (ledger.server.ts).
//
// A paid order's total is final (it is fixed at confirmation, before payment), so the excess is too. An order
// rejected or cancelled with money received is refunded whole instead (REFUND_PENDING): everything received
// less any excess already sent back.
import type { PaymentStatus } from '~/generated/prisma/enums'

type Amounts = { totalVnd: bigint; amountReceivedVnd: bigint; excessRefundedVnd: bigint }

/** What was received above the total (0 when nothing was). */
export const excessVnd = (o: Pick<Amounts, 'totalVnd' | 'amountReceivedVnd'>) => (o.amountReceivedVnd > o.totalVnd ? o.amountReceivedVnd - o.totalVnd : 0n)

/** The excess still to be sent back to the buyer: only a PAID order has one (never negative). */
export function excessOwedVnd(o: Amounts & { paymentStatus: PaymentStatus }) {
  if (o.paymentStatus !== 'PAID') return 0n
  const owed = excessVnd(o) - o.excessRefundedVnd
  return owed > 0n ? owed : 0n
}

/** What refunding a closed order sends back (REFUND_PENDING → REFUNDED): what was received, less the excess already returned. */
export const refundDueVnd = (o: Pick<Amounts, 'amountReceivedVnd' | 'excessRefundedVnd'>) => o.amountReceivedVnd - o.excessRefundedVnd
