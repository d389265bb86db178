// Browser-safe: which fulfilment transitions exist and which party may make each, so pages can offer only
// the actions that will be accepted. transitions.server.ts enforces the same table.
import type { OrderStatus } from '~/generated/prisma/enums'

/**
 * Who acts on an order: a member or API key of the buyer or of the producer, a member of the buyer who may
 * approve orders (`approve:order:own`), the platform's staff, or a job.
 */
export type OrderParty = 'buyer' | 'approver' | 'producer' | 'operator' | 'system'

export type OrderTransitionRule = { from: readonly OrderStatus[]; to: OrderStatus; parties: readonly OrderParty[] }

export const orderTransitions: readonly OrderTransitionRule[] = [
  // An order above a spending limit waits: an approver lets it through to the producer or refuses it (with a
  // reason); the purchaser may withdraw it.
  { from: ['PENDING_APPROVAL'], to: 'PLACED', parties: ['approver'] },
  { from: ['PENDING_APPROVAL'], to: 'CANCELLED', parties: ['approver', 'buyer'] },
  // The producer accepts (setting shipping fee, delivery date, maybe lower quantities) or refuses.
  { from: ['PLACED'], to: 'CONFIRMED', parties: ['producer'] },
  { from: ['PLACED'], to: 'REJECTED', parties: ['producer'] },
  // The buyer may cancel until shipment; the system cancels confirmed orders left unpaid too long.
  { from: ['PLACED', 'CONFIRMED'], to: 'CANCELLED', parties: ['buyer'] },
  { from: ['CONFIRMED'], to: 'CANCELLED', parties: ['system'] },
  { from: ['CONFIRMED'], to: 'SHIPPED', parties: ['producer'] },
  // The buyer confirms receipt, or the system does some days after shipment.
  { from: ['SHIPPED'], to: 'DELIVERED', parties: ['buyer', 'system'] },
  // Completed = delivered and paid (see transitions.server.ts): the system does it as soon as both hold.
  { from: ['DELIVERED'], to: 'COMPLETED', parties: ['system', 'operator'] },
]

/**
 * Whether the producer has ever been shown the order: placed within the limits, or approved (an approval
 * has a decision and no refusal reason). Mirrors `visibleToProducer` in queries.server.ts.
 */
export function reachedProducer(order: { status: OrderStatus; approvalRequiredBecause: string | null; approvalDecidedAt: Date | null; approvalReason: string | null }) {
  if (order.status === 'PENDING_APPROVAL') return false
  return order.approvalRequiredBecause === null || (order.approvalDecidedAt !== null && order.approvalReason === null)
}

/** Statuses in which an order still holds its reserved stock. */
export const openOrderStatuses: readonly OrderStatus[] = ['PENDING_APPROVAL', 'PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'COMPLETED']

/** Reasons are required for a rejection and for a cancellation. */
export const reasonRequired = (to: OrderStatus) => to === 'REJECTED' || to === 'CANCELLED'

/** The statuses a party may move an order to from its current status. */
export function nextStatuses(status: OrderStatus, party: OrderParty): OrderStatus[] {
  return orderTransitions.filter((r) => r.from.includes(status) && r.parties.includes(party)).map((r) => r.to)
}

/** Whether a party may ever move an order to `to` (from some status): telling 403 apart from 409. */
export function partyMayReach(to: OrderStatus, party: OrderParty) {
  return orderTransitions.some((r) => r.to === to && r.parties.includes(party))
}

/** Placing orders: lines per checkout, units per line, how far ahead a delivery date may be asked for. */
export const ORDER_LIMITS = { linesMax: 200, quantityMax: 1_000_000, dateAheadDays: 366 } as const

export const ORDER_TRANSITION_LIMITS = {
  noteMax: 1000,
  carrierMax: 100,
  trackingNumberMax: 100,
  shippingFeeMaxVnd: 1_000_000_000_000n,
  paymentMaxVnd: 10_000_000_000_000n,
  deliveryDateAheadDays: 366,
} as const

/**
 * Every error key transitionOrder, markTransferReceived and markRefunded return, for the routes' messages
 * (errors:order.*): notFound → 404, forbidden → 403, invalidTransition and payment.required → 409, others 400.
 */
export const orderTransitionErrors = [
  'order.notFound',
  'order.approval.ownOrder',
  'order.forbidden',
  'order.invalidTransition',
  'order.reason.required',
  'order.note.tooLong',
  'order.shippingFee.invalid',
  'order.deliveryDate.required',
  'order.deliveryDate.invalid',
  'order.deliveryDate.past',
  'order.quantity.unknownItem',
  'order.quantity.invalid',
  'order.quantity.aboveOrdered',
  'order.quantity.allZero',
  'order.carrier.required',
  'order.carrier.tooLong',
  'order.trackingNumber.required',
  'order.trackingNumber.tooLong',
  'order.payment.required',
  'order.payment.amountInvalid',
  'order.payment.notRefundPending',
  'order.payment.transactionApplied',
  'order.completion.unpaid',
] as const
export type OrderTransitionError = (typeof orderTransitionErrors)[number]
