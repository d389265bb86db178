// The operators' side of order payments: which orders wait for a bank transfer to the platform, which for a
// refund (a closed order's money, or the excess of an overpaid one), and recording each (with an audit row) from
// the operators' page. The admin CLI's `orders` commands read the same lists; the runner audits those itself.
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { recordAudit } from '../audit/audit.server'
import { excessVnd, refundDueVnd } from './excess'
import { markExcessRefunded, markRefunded, markTransferReceived, type ExcessRefundResult, type OperatorActor, type PaymentResult } from './transitions.server'

/**
 * Payment is asked for once the amount is final: from confirmation until the order is paid. Invoices on net
 * terms are paid by transfer too; card orders are paid through Stripe.
 */
export const awaitingTransferWhere = {
  status: { in: ['CONFIRMED', 'SHIPPED', 'DELIVERED'] },
  paymentStatus: { in: ['UNPAID', 'INVOICED'] },
  paymentMethod: { not: 'CARD' },
} satisfies Prisma.OrderWhereInput

export const refundPendingWhere = { paymentStatus: 'REFUND_PENDING' } satisfies Prisma.OrderWhereInput

export const operatorOrderSelect = {
  id: true,
  number: true,
  paymentReference: true,
  status: true,
  paymentStatus: true,
  paymentMethod: true,
  paymentDueDate: true,
  totalVnd: true,
  amountReceivedVnd: true,
  excessRefundedVnd: true,
  createdAt: true,
  confirmedAt: true,
  closedAt: true,
  buyer: { select: { slug: true, displayName: true } },
  producer: { select: { slug: true, displayName: true } },
} satisfies Prisma.OrderSelect

export type OperatorOrder = Prisma.OrderGetPayload<{ select: typeof operatorOrderSelect }>

/** What the buyer still has to transfer (never negative). */
export const amountDue = (order: { totalVnd: bigint; amountReceivedVnd: bigint }) =>
  order.totalVnd > order.amountReceivedVnd ? order.totalVnd - order.amountReceivedVnd : 0n

/** Orders waiting for the buyer's transfer, the longest-waiting first (by confirmation). */
export async function listAwaitingTransfer(limit: number) {
  const [items, total] = await prisma.$transaction([
    prisma.order.findMany({ where: awaitingTransferWhere, select: operatorOrderSelect, orderBy: [{ confirmedAt: 'asc' }, { id: 'asc' }], take: limit }),
    prisma.order.count({ where: awaitingTransferWhere }),
  ])
  return { items, total }
}

/** Orders whose money has to go back to the buyer, the longest-waiting first (by closing). */
export async function listRefundPending(limit: number) {
  const [items, total] = await prisma.$transaction([
    prisma.order.findMany({ where: refundPendingWhere, select: operatorOrderSelect, orderBy: [{ closedAt: 'asc' }, { id: 'asc' }], take: limit }),
    prisma.order.count({ where: refundPendingWhere }),
  ])
  return { items, total }
}

/**
 * Paid orders with excess still owed to the buyer (received − total − already returned > 0, as excessOwedVnd in
 * excess.ts), the longest-waiting first (by payment). The columns are compared in SQL, which Prisma's filters
 * cannot do, so the ids come from a raw query.
 */
export async function listExcessOwed(limit: number) {
  const owed = Prisma.sql`"paymentStatus" = 'PAID' AND "amountReceivedVnd" - "totalVnd" - "excessRefundedVnd" > 0`
  const [rows, counted] = await prisma.$transaction([
    prisma.$queryRaw<{ id: string }[]>`SELECT id FROM "Order" WHERE ${owed} ORDER BY "paidAt" ASC NULLS FIRST, id ASC LIMIT ${limit}`,
    prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM "Order" WHERE ${owed}`,
  ])
  const found = await prisma.order.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: operatorOrderSelect })
  const byId = new Map(found.map((o) => [o.id, o]))
  return { items: rows.flatMap((r) => byId.get(r.id) ?? []), total: Number(counted[0]?.count ?? 0) }
}

const auditTarget = (number: string) => `order:${number}`

/** Records a transfer received for an order, as the operator `operator`, and audits it as `actor` ("user:<id>"). */
export async function recordTransfer(
  input: { orderId: string; amountVnd: bigint; note?: string; operator: OperatorActor },
  actor: string,
): Promise<PaymentResult> {
  const result = await markTransferReceived(input)
  if (result.ok) {
    const { order } = result
    await recordAudit({
      actor,
      action: 'orders.mark-paid',
      target: auditTarget(order.number),
      details: {
        orderId: order.id,
        amountVnd: input.amountVnd.toString(),
        amountReceivedVnd: order.amountReceivedVnd.toString(),
        totalVnd: order.totalVnd.toString(),
        paymentStatus: order.paymentStatus,
        ...(input.note?.trim() ? { note: input.note.trim() } : {}),
      },
    })
  }
  return result
}

/** Records that an order's money went back to the buyer (REFUND_PENDING → REFUNDED), audited as `actor`. */
export async function recordRefund(input: { orderId: string; note?: string; operator: OperatorActor }, actor: string): Promise<PaymentResult> {
  const result = await markRefunded(input)
  if (result.ok) {
    const { order } = result
    await recordAudit({
      actor,
      action: 'orders.mark-refunded',
      target: auditTarget(order.number),
      details: {
        orderId: order.id,
        amountVnd: refundDueVnd(order).toString(),
        ...(input.note?.trim() ? { note: input.note.trim() } : {}),
      },
    })
  }
  return result
}

/** Records that (part of) an overpaid order's excess went back to the buyer, audited as `actor` ("orders.mark-excess-refunded"). */
export async function recordExcessRefund(input: { orderId: string; amountVnd?: bigint; note?: string; operator: OperatorActor }, actor: string): Promise<ExcessRefundResult> {
  const result = await markExcessRefunded(input)
  if (result.ok) {
    const { order, amountVnd } = result
    await recordAudit({
      actor,
      action: 'orders.mark-excess-refunded',
      target: auditTarget(order.number),
      details: {
        orderId: order.id,
        amountVnd: amountVnd.toString(),
        excessRefundedVnd: order.excessRefundedVnd.toString(),
        excessVnd: excessVnd(order).toString(),
        ...(input.note?.trim() ? { note: input.note.trim() } : {}),
      },
    })
  }
  return result
}
