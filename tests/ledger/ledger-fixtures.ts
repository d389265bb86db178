// Producers, paid and refunded orders for the ledger tests, all through the real order and payment services.
import type { LegalForm } from '~/generated/prisma/enums'
import { markRefunded, markTransferReceived, transitionOrder } from '~/modules/orders/transitions.server'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, confirm, expectOk, inDays, operator, placeOne, product } from '../orders/order-fixtures'

export const BANK = { bankName: 'Agribank', bankAccountNumber: '8800205123456', bankAccountHolder: 'HTX THU NGHIEM' }

/** A verified producer of the given legal form, with a bank account unless told otherwise, and a product of 250,000 ₫ (5% VAT) a unit. */
export async function producerWith(legalForm: LegalForm, options: { bank?: boolean; memberId?: string; name?: string } = {}) {
  const org = await makeOrg('PRODUCER', { verificationStatus: 'VERIFIED', memberId: options.memberId, name: options.name })
  const producer = await prisma.organization.update({ where: { id: org.id }, data: { legalForm, ...(options.bank === false ? {} : BANK) } })
  const productId = await product(producer.id, { stock: 100_000 })
  return { ...producer, productId }
}

/**
 * An order of `quantity` units (250,000 ₫ each, 5% VAT) plus `shippingFeeVnd`, placed and confirmed now and
 * paid in full at `now` (default: now; the ledger dates its rows then): 10 units, no shipping: 2,625,000 ₫.
 */
export async function paidOrder(buyerId: string, producer: { id: string; productId: string }, options: { quantity?: number; shippingFeeVnd?: bigint; now?: Date } = {}) {
  const now = options.now ?? new Date()
  const orderId = await placeOne(buyerId, [{ productId: producer.productId, quantity: options.quantity ?? 10 }])
  await expectOk(confirm(orderId, producer.id, { shippingFeeVnd: options.shippingFeeVnd ?? 0n, deliveryDate: inDays(3) }))
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } })
  await expectOk(markTransferReceived({ orderId, amountVnd: order.totalVnd, operator, now }))
  return prisma.order.findUniqueOrThrow({ where: { id: orderId } })
}

/** The buyer cancels a paid order (REFUND_PENDING), and the operator, unless told not to, sends the money back (REFUNDED). */
export async function cancelAndRefund(order: { id: string; buyerId: string }, options: { now?: Date; refund?: boolean } = {}) {
  const now = options.now ?? new Date()
  await expectOk(transitionOrder({ orderId: order.id, actor: buyerActor(order.buyerId), to: 'CANCELLED', note: 'Đổi kế hoạch nhập hàng', now }))
  if (options.refund !== false) await expectOk(markRefunded({ orderId: order.id, operator, now }))
  return prisma.order.findUniqueOrThrow({ where: { id: order.id } })
}

export const rowsOf = (orderId: string) =>
  prisma.ledgerEntry.findMany({ where: { orderId }, orderBy: [{ reversal: 'asc' }, { kind: 'asc' }] })

export const balanceOf = async (producerId: string) => (await prisma.ledgerEntry.aggregate({ where: { producerId }, _sum: { amountVnd: true } }))._sum.amountVnd ?? 0n

export const DAY_MS = 24 * 60 * 60 * 1000
