// Moving an order along its life: the producer confirms (with shipping fee, delivery date and perhaps lower
// quantities), rejects or ships it; the buyer cancels it before shipment or confirms delivery; an operator
// records the bank transfer and refunds; jobs deliver and cancel automatically (auto-jobs.server.ts).
//
// Every change happens in one transaction that
// - claims the order with a conditional update on (id, status, updatedAt), so of two concurrent changes
//   exactly one wins and the other sees the new state (409 invalidTransition, or a retry for payments);
// - gives reserved stock back to the product (rejection, cancellation, quantity reduction) and asks the
//   search index to follow;
// - writes an OrderEvent and an `order.changed` outbox message (notifications.server.ts mails the other party).
//
// Completion rule: an order is COMPLETED when it is both DELIVERED and PAID. The system completes it in the
// transaction that makes the second of these true (delivery of a paid order, or the payment of a delivered
// one); an operator may also complete a delivered, paid order (a repair), never an unpaid one.
//
// Refund rule: a rejected or cancelled order that had any money received (paid, or underpaid) becomes
// REFUND_PENDING; a transfer arriving for an order already closed does too. A card payment is refunded through
// Stripe as soon as the order closes (card.server.ts); Stripe's charge.refunded event makes it REFUNDED.
//
// Net terms: an order on terms becomes INVOICED at confirmation, due the confirmation's date (Vietnam) plus
// the buyer's term; it may ship unpaid and is never cancelled for non-payment (auto-jobs look at UNPAID only).
//
// The producer's ledger follows the payment status in the same transaction (ledger.server.ts).
import type { OrderStatus, PaymentStatus } from '~/generated/prisma/enums'
import type { Prisma } from '~/generated/prisma/client'
import { prisma, type Tx } from '~/utils/db.server'
import { isCalendarDate, todayInHcm } from '../catalog/certifications'
import { syncOrderLedger } from '../ledger/ledger.server'
import { CARD_REFUND_TOPIC } from '../payments/card.server'
import { isOverdue, paymentDueDate } from '../payments/terms'
import { enqueue } from '../outbox/outbox.server'
import { enqueueProductsSync } from '../search/sync.server'
import { excessOwedVnd, excessVnd, refundDueVnd } from './excess'
import { lineAt, orderTotals } from './money'
import { ORDER_TRANSITION_LIMITS as LIMITS, nextStatuses, partyMayReach, reachedProducer, reasonRequired, type OrderParty } from './order-rules'

export const ORDER_CHANGED_TOPIC = 'order.changed'

/** Whom an `order.changed` message tells: the members of the buyer, its approvers only, and/or the producer's members. */
export type OrderChangedPayload = { orderId: string; eventId: string; recipients: ('buyer' | 'approvers' | 'producer')[] }

export type OrderTransitionActor = {
  kind: OrderParty
  /** The acting organisation for buyers and producers: an order of another organisation is not found. */
  organizationId?: string
  userId?: string
  apiKeyId?: string
  name: string
}

export type TransitionOrderInput = {
  orderId: string
  actor: OrderTransitionActor
  to: OrderStatus
  /** A reason (required to reject or cancel) or a remark, shown in the history and the mail. */
  note?: string
  /** CONFIRMED: whole đồng, 0 when absent. */
  shippingFeeVnd?: bigint
  /** CONFIRMED: YYYY-MM-DD, not past; the buyer's requested date when absent (if it is not past). */
  deliveryDate?: string
  /** CONFIRMED: order line id → new quantity (0 … the quantity ordered). */
  quantities?: Record<string, number>
  /** SHIPPED. */
  carrier?: string
  trackingNumber?: string
  /** SHIPPED: ship an order that is not paid yet. */
  shipBeforePayment?: boolean
  /**
   * The status the actor saw (a page's form sends it): when the order has moved on since, the change is
   * refused (invalidTransition) instead of applying to a state the actor never saw, e.g. a purchaser
   * withdrawing a waiting order that an approver has just let through.
   */
  expectedStatus?: OrderStatus
  now?: Date
}

export type OrderWithHistory = Prisma.OrderGetPayload<{ include: { items: true; events: true } }>

export type TransitionError =
  | { ok: false; error: 'order.invalidTransition'; from: OrderStatus; to: OrderStatus }
  | { ok: false; error: 'order.quantity.unknownItem' | 'order.quantity.invalid'; itemId: string }
  | { ok: false; error: 'order.quantity.aboveOrdered'; itemId: string; ordered: number }
  | {
      ok: false
      error:
        | 'order.notFound'
        | 'order.forbidden'
        | 'order.approval.ownOrder'
        | 'order.reason.required'
        | 'order.note.tooLong'
        | 'order.shippingFee.invalid'
        | 'order.deliveryDate.required'
        | 'order.deliveryDate.invalid'
        | 'order.deliveryDate.past'
        | 'order.quantity.allZero'
        | 'order.carrier.required'
        | 'order.carrier.tooLong'
        | 'order.trackingNumber.required'
        | 'order.trackingNumber.tooLong'
        | 'order.payment.required'
        | 'order.completion.unpaid'
    }

export type TransitionResult = { ok: true; order: OrderWithHistory } | TransitionError

export type OperatorActor = { userId: string; name: string }

export type PaymentResult =
  | { ok: true; order: OrderWithHistory }
  | { ok: false; error: 'order.notFound' | 'order.payment.amountInvalid' | 'order.payment.notRefundPending' | 'order.payment.transactionApplied' | 'order.note.tooLong' }

const DAY_MS = 24 * 60 * 60 * 1000
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** Another transaction changed the order between our read and our claim: roll back and read again. */
class LostClaim extends Error {
  constructor() {
    super('order changed concurrently')
  }
}

/** Runs `attempt` in a transaction, again (reading the new state) when it lost its claim to a concurrent change. */
async function withClaim<T>(attempt: (tx: Tx) => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await prisma.$transaction(attempt, { timeout: 30_000, maxWait: 30_000 })
    } catch (error) {
      // A lost claim means the order moved on: the next round sees where it went and answers from that.
      if (error instanceof LostClaim && round < 5) continue
      throw error
    }
  }
}

type OrderRow = Prisma.OrderGetPayload<{ include: { items: true } }>

/**
 * Claims the order: the update matches only the row as it was read, so of concurrent changes one wins.
 * updatedAt is moved forward explicitly so two changes in the same millisecond still differ.
 */
async function claim(tx: Tx, order: OrderRow, data: Prisma.OrderUncheckedUpdateManyInput) {
  const updatedAt = new Date(Math.max(Date.now(), order.updatedAt.getTime() + 1))
  const claimed = await tx.order.updateMany({ where: { id: order.id, status: order.status, updatedAt: order.updatedAt }, data: { ...data, updatedAt } })
  if (claimed.count === 0) throw new LostClaim()
}

const actorKey = (actor: OrderTransitionActor) =>
  actor.kind === 'system'
    ? 'system'
    : actor.kind === 'operator'
      ? `operator:${actor.userId ?? 'unknown'}`
      : actor.userId
        ? `user:${actor.userId}`
        : actor.apiKeyId
          ? `apikey:${actor.apiKeyId}`
          : 'unknown'

type EventInput = {
  actor: OrderTransitionActor
  from: OrderStatus
  to: OrderStatus
  note?: string | null
  details?: Prisma.InputJsonObject
  recipients: OrderChangedPayload['recipients']
  now: Date
}

/** The history line and the message that tells the other party, in the change's transaction. */
async function recordEvent(tx: Tx, orderId: string, e: EventInput) {
  const event = await tx.orderEvent.create({
    data: {
      orderId,
      at: e.now,
      actor: actorKey(e.actor),
      actorName: e.actor.name,
      fromStatus: e.from,
      toStatus: e.to,
      note: e.note ?? null,
      details: e.details,
    },
    select: { id: true },
  })
  if (e.recipients.length > 0) {
    await enqueue(tx, ORDER_CHANGED_TOPIC, { orderId, eventId: event.id, recipients: e.recipients } satisfies OrderChangedPayload)
  }
}

/** Gives units reserved by order lines back to their products; returns the products whose stock changed. */
async function releaseStock(tx: Tx, releases: { itemId: string; productId: string; units: number; keep: number }[]) {
  const changed: string[] = []
  // Products in id order, so concurrent releases touching several products cannot deadlock each other.
  for (const r of [...releases].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))) {
    if (r.units <= 0) continue
    await tx.orderItem.update({ where: { id: r.itemId }, data: { reservedQuantity: r.keep } })
    await tx.product.updateMany({ where: { id: r.productId }, data: { stock: { increment: r.units } } })
    changed.push(r.productId)
  }
  await enqueueProductsSync(tx, [...new Set(changed)])
}

const releaseAll = (order: OrderRow) => order.items.map((i) => ({ itemId: i.id, productId: i.productId, units: i.reservedQuantity, keep: 0 }))

/** Money received for an order that will not be delivered must go back; an invoice for it is void. */
function paymentAfterClosing(order: OrderRow): PaymentStatus {
  if (order.amountReceivedVnd > 0n && (order.paymentStatus === 'PAID' || order.paymentStatus === 'UNPAID' || order.paymentStatus === 'INVOICED')) return 'REFUND_PENDING'
  if (order.paymentStatus === 'PAID') return 'REFUND_PENDING'
  if (order.paymentStatus === 'INVOICED') return 'UNPAID'
  return order.paymentStatus
}

/** paidAt follows the payment status: set when the order becomes PAID. */
const paidAtFor = (from: PaymentStatus, to: PaymentStatus, now: Date) => (to === 'PAID' && from !== 'PAID' ? { paidAt: now } : {})

function paymentChange(from: PaymentStatus, to: PaymentStatus) {
  return from === to ? {} : { paymentStatus: { from, to } }
}

const withHistory = (tx: Tx, id: string) =>
  tx.order.findUniqueOrThrow({ where: { id }, include: { items: { orderBy: { id: 'asc' } }, events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } } })

/**
 * What follows a change of the payment status, in the same transaction: the producer's ledger, and for a card
 * order whose money must now go back, the Stripe refund (queued: card.server.ts makes it in the background and
 * tries again if Stripe fails; the order stays REFUND_PENDING until Stripe's charge.refunded).
 */
async function followPayment(tx: Tx, before: Pick<OrderRow, 'id' | 'paymentMethod' | 'paymentStatus'>, now: Date) {
  await syncOrderLedger(tx, before.id, now)
  if (before.paymentMethod !== 'CARD' || before.paymentStatus === 'REFUND_PENDING') return
  const after = await tx.order.findUniqueOrThrow({ where: { id: before.id }, select: { paymentStatus: true } })
  if (after.paymentStatus === 'REFUND_PENDING') await enqueue(tx, CARD_REFUND_TOPIC, { orderId: before.id })
}

/** DELIVERED and PAID: the system completes the order in the same transaction. */
async function completeIfPaid(tx: Tx, orderId: string, now: Date) {
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, include: { items: true } })
  if (order.status !== 'DELIVERED' || order.paymentStatus !== 'PAID') return
  await claim(tx, order, { status: 'COMPLETED', closedAt: now })
  await recordEvent(tx, orderId, {
    actor: { kind: 'system', name: 'system' },
    from: 'DELIVERED',
    to: 'COMPLETED',
    recipients: ['buyer', 'producer'],
    now,
  })
}

function cleanText(value: string | undefined) {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

export async function transitionOrder(input: TransitionOrderInput): Promise<TransitionResult> {
  const now = input.now ?? new Date()
  const { actor, to } = input
  return withClaim(async (tx): Promise<TransitionResult> => {
    const order = await tx.order.findUnique({ where: { id: input.orderId }, include: { items: { orderBy: { id: 'asc' } } } })
    // Buyers and producers see only their own orders: anything else does not exist for them.
    if (!order) return { ok: false, error: 'order.notFound' }
    const buyerSide = actor.kind === 'buyer' || actor.kind === 'approver'
    if (buyerSide && (!actor.organizationId || order.buyerId !== actor.organizationId)) return { ok: false, error: 'order.notFound' }
    if (actor.kind === 'producer' && (!actor.organizationId || order.producerId !== actor.organizationId)) return { ok: false, error: 'order.notFound' }
    // The producer does not see an order before the buyer's approver lets it through.
    if (actor.kind === 'producer' && !reachedProducer(order)) return { ok: false, error: 'order.notFound' }
    if (!partyMayReach(to, actor.kind)) return { ok: false, error: 'order.forbidden' }
    if (input.expectedStatus && input.expectedStatus !== order.status) return { ok: false, error: 'order.invalidTransition', from: order.status, to }
    if (!nextStatuses(order.status, actor.kind).includes(to)) return { ok: false, error: 'order.invalidTransition', from: order.status, to }

    const note = cleanText(input.note)
    if (note && note.length > LIMITS.noteMax) return { ok: false, error: 'order.note.tooLong' }
    if (reasonRequired(to) && actor.kind !== 'system' && !note) return { ok: false, error: 'order.reason.required' }
    const from = order.status
    const event = { actor, from, to, note, now }
    // Four eyes: nobody approves (or refuses) an order they placed themselves.
    const placedIt = (actor.userId && order.placedByUserId === actor.userId) || (actor.apiKeyId && order.placedByApiKeyId === actor.apiKeyId)
    if (actor.kind === 'approver' && placedIt) return { ok: false, error: 'order.approval.ownOrder' }
    const approvalDecision = actor.kind === 'approver' ? { approvalDecidedById: actor.userId ?? null, approvalDecidedByName: actor.name, approvalDecidedAt: now } : {}

    switch (to) {
      case 'PLACED': {
        // An approver lets an order above a limit through: the producer sees it from now on.
        await claim(tx, order, { status: to, ...approvalDecision })
        await recordEvent(tx, order.id, { ...event, details: { approval: 'approved' }, recipients: ['producer', 'buyer'] })
        break
      }

      case 'CONFIRMED': {
        const shippingFeeVnd = input.shippingFeeVnd ?? 0n
        if (typeof shippingFeeVnd !== 'bigint' || shippingFeeVnd < 0n || shippingFeeVnd > LIMITS.shippingFeeMaxVnd) {
          return { ok: false, error: 'order.shippingFee.invalid' }
        }
        const today = todayInHcm(now)
        const requested = order.requestedDeliveryDate?.toISOString().slice(0, 10)
        const deliveryDate = input.deliveryDate ?? (requested && requested >= today ? requested : undefined)
        if (deliveryDate === undefined) return { ok: false, error: 'order.deliveryDate.required' }
        if (!isCalendarDate(deliveryDate) || deliveryDate > addDays(today, LIMITS.deliveryDateAheadDays)) return { ok: false, error: 'order.deliveryDate.invalid' }
        if (deliveryDate < today) return { ok: false, error: 'order.deliveryDate.past' }

        const newQuantity = new Map(order.items.map((i) => [i.id, i.quantity]))
        for (const [itemId, quantity] of Object.entries(input.quantities ?? {})) {
          const item = order.items.find((i) => i.id === itemId)
          if (!item) return { ok: false, error: 'order.quantity.unknownItem', itemId }
          if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0) return { ok: false, error: 'order.quantity.invalid', itemId }
          if (quantity > item.quantity) return { ok: false, error: 'order.quantity.aboveOrdered', itemId, ordered: item.quantity }
          newQuantity.set(itemId, quantity)
        }
        if ([...newQuantity.values()].every((q) => q === 0)) return { ok: false, error: 'order.quantity.allZero' }

        // A lower quantity keeps the unit price snapshotted for the quantity ordered.
        const lines = order.items.map((i) => ({ item: i, quantity: newQuantity.get(i.id)!, ...lineAt(i.unitPriceVnd, newQuantity.get(i.id)!, i.vatRate) }))
        const totals = orderTotals(lines, shippingFeeVnd)
        const changed = lines.filter((l) => l.quantity !== l.item.quantity)
        // A transfer made before confirmation counts once the amount is final; an order on terms is invoiced.
        const covered = order.paymentStatus === 'UNPAID' && order.amountReceivedVnd >= totals.totalVnd
        const invoiced = !covered && order.paymentStatus === 'UNPAID' && order.paymentMethod === 'NET_TERMS' && order.paymentTermDays !== null
        const paymentStatus: PaymentStatus = covered ? 'PAID' : invoiced ? 'INVOICED' : order.paymentStatus
        const dueDate = invoiced ? paymentDueDate(now, order.paymentTermDays!) : null

        await claim(tx, order, {
          status: to,
          ...totals,
          paymentStatus,
          ...paidAtFor(order.paymentStatus, paymentStatus, now),
          ...(dueDate ? { paymentDueDate: new Date(`${dueDate}T00:00:00Z`) } : {}),
          deliveryDate: new Date(`${deliveryDate}T00:00:00Z`),
          confirmedAt: now,
        })
        for (const l of changed) {
          await tx.orderItem.update({ where: { id: l.item.id }, data: { quantity: l.quantity, lineTotalVnd: l.lineTotalVnd, vatAmountVnd: l.vatAmountVnd } })
        }
        await releaseStock(
          tx,
          changed.map((l) => {
            const keep = Math.min(l.item.reservedQuantity, l.quantity)
            return { itemId: l.item.id, productId: l.item.productId, units: l.item.reservedQuantity - keep, keep }
          }),
        )
        await recordEvent(tx, order.id, {
          ...event,
          details: {
            shippingFeeVnd: shippingFeeVnd.toString(),
            deliveryDate,
            totalVnd: totals.totalVnd.toString(),
            ...(order.totalVnd !== totals.totalVnd ? { previousTotalVnd: order.totalVnd.toString() } : {}),
            quantities: changed.map((l) => ({ itemId: l.item.id, sku: l.item.sku, nameVi: l.item.nameVi, nameEn: l.item.nameEn, from: l.item.quantity, to: l.quantity })),
            ...paymentChange(order.paymentStatus, paymentStatus),
            ...(dueDate ? { paymentDueDate: dueDate } : {}),
          },
          recipients: ['buyer'],
        })
        break
      }

      case 'REJECTED':
      case 'CANCELLED': {
        const paymentStatus = paymentAfterClosing(order)
        const refusal = from === 'PENDING_APPROVAL' && actor.kind === 'approver' ? { ...approvalDecision, approvalReason: note } : {}
        await claim(tx, order, { status: to, paymentStatus, closedAt: now, ...refusal })
        await releaseStock(tx, releaseAll(order))
        const released = order.items.filter((i) => i.reservedQuantity > 0).map((i) => ({ itemId: i.id, sku: i.sku, units: i.reservedQuantity }))
        await recordEvent(tx, order.id, {
          ...event,
          details: {
            released,
            ...paymentChange(order.paymentStatus, paymentStatus),
            ...(actor.kind === 'system' ? { auto: 'unpaid' } : {}),
            ...(from === 'PENDING_APPROVAL' && actor.kind === 'approver' ? { approval: 'rejected' } : {}),
          },
          // The producer rejects → the buyer hears; the buyer cancels → the producer; the system → both. An order
          // still waiting for approval was never shown to the producer: an approver's refusal tells the buyer.
          recipients:
            from === 'PENDING_APPROVAL'
              ? actor.kind === 'approver'
                ? ['buyer']
                : []
              : actor.kind === 'producer'
                ? ['buyer']
                : actor.kind === 'buyer'
                  ? ['producer']
                  : ['buyer', 'producer'],
        })
        break
      }

      case 'SHIPPED': {
        const carrier = cleanText(input.carrier)
        const trackingNumber = cleanText(input.trackingNumber)
        if (!carrier) return { ok: false, error: 'order.carrier.required' }
        if (carrier.length > LIMITS.carrierMax) return { ok: false, error: 'order.carrier.tooLong' }
        if (!trackingNumber) return { ok: false, error: 'order.trackingNumber.required' }
        if (trackingNumber.length > LIMITS.trackingNumberMax) return { ok: false, error: 'order.trackingNumber.tooLong' }
        // An invoice on terms is paid later by agreement: it ships like a paid order.
        const mayShip = order.paymentStatus === 'PAID' || order.paymentStatus === 'INVOICED'
        if (!mayShip && input.shipBeforePayment !== true) return { ok: false, error: 'order.payment.required' }
        await claim(tx, order, { status: to, carrier, trackingNumber, shippedAt: now })
        await recordEvent(tx, order.id, {
          ...event,
          details: { carrier, trackingNumber, ...(!mayShip ? { shipBeforePayment: true } : {}) },
          recipients: ['buyer'],
        })
        break
      }

      case 'DELIVERED': {
        await claim(tx, order, { status: to, deliveredAt: now })
        await recordEvent(tx, order.id, {
          ...event,
          details: actor.kind === 'system' ? { auto: 'afterShipment' } : undefined,
          recipients: actor.kind === 'buyer' ? ['producer'] : ['buyer', 'producer'],
        })
        await completeIfPaid(tx, order.id, now)
        break
      }

      case 'COMPLETED': {
        if (order.paymentStatus !== 'PAID') return { ok: false, error: 'order.completion.unpaid' }
        await claim(tx, order, { status: to, closedAt: now })
        await recordEvent(tx, order.id, { ...event, recipients: ['buyer', 'producer'] })
        break
      }

      default:
        // PENDING_APPROVAL is only ever the first status (placeOrders); nextStatuses never offers it.
        return { ok: false, error: 'order.invalidTransition', from, to }
    }
    await followPayment(tx, order, now)
    return { ok: true, order: await withHistory(tx, order.id) }
  })
}

/**
 * An operator records a bank transfer to the platform for this order (the amount as received). The order
 * is PAID once everything received covers its total and it is CONFIRMED or later (before confirmation the
 * amount may still change: confirmation checks it again); less leaves it UNPAID (or INVOICED) with the amount shown.
 */
export function markTransferReceived(input: {
  orderId: string
  amountVnd: bigint
  operator: OperatorActor
  note?: string
  /** The bank's id of the transaction: recorded with the payment, and refused if it was applied before. */
  bankTransactionId?: string
  now?: Date
}): Promise<PaymentResult> {
  return receivePayment({ ...input, actor: { kind: 'operator', userId: input.operator.userId, name: input.operator.name }, source: 'transferReceived' })
}

/** Stripe reports a succeeded card payment of the order's amount (card.server.ts checked amount and currency). */
export function recordCardPayment(input: { orderId: string; amountVnd: bigint; paymentIntentId: string; now?: Date }): Promise<PaymentResult> {
  return receivePayment({ orderId: input.orderId, amountVnd: input.amountVnd, now: input.now, actor: { kind: 'system', name: 'Stripe' }, source: 'cardPaid', paymentIntentId: input.paymentIntentId })
}

async function receivePayment(input: {
  orderId: string
  amountVnd: bigint
  actor: OrderTransitionActor
  source: 'transferReceived' | 'cardPaid'
  note?: string
  bankTransactionId?: string
  paymentIntentId?: string
  now?: Date
}): Promise<PaymentResult> {
  const now = input.now ?? new Date()
  if (typeof input.amountVnd !== 'bigint' || input.amountVnd <= 0n || input.amountVnd > LIMITS.paymentMaxVnd) return { ok: false, error: 'order.payment.amountInvalid' }
  const note = cleanText(input.note)
  if (note && note.length > LIMITS.noteMax) return { ok: false, error: 'order.note.tooLong' }
  return withClaim(async (tx): Promise<PaymentResult> => {
    const order = await tx.order.findUnique({ where: { id: input.orderId }, include: { items: true } })
    if (!order) return { ok: false, error: 'order.notFound' }
    if (input.bankTransactionId) {
      // Its primary key stops a second application even when two arrive at once (the loser's transaction fails).
      if (await tx.appliedBankTransaction.findUnique({ where: { transactionId: input.bankTransactionId } })) return { ok: false, error: 'order.payment.transactionApplied' }
      await tx.appliedBankTransaction.create({ data: { transactionId: input.bankTransactionId, orderId: order.id, amountVnd: input.amountVnd, appliedAt: now } })
    }
    const amountReceivedVnd = order.amountReceivedVnd + input.amountVnd
    const closed = order.status === 'REJECTED' || order.status === 'CANCELLED'
    const amountFinal = order.status !== 'PLACED' && !closed
    const paymentStatus: PaymentStatus = closed
      ? 'REFUND_PENDING' // money for an order that will not be delivered goes back
      : (order.paymentStatus === 'UNPAID' || order.paymentStatus === 'INVOICED') && amountFinal && amountReceivedVnd >= order.totalVnd
        ? 'PAID'
        : order.paymentStatus
    await claim(tx, order, { amountReceivedVnd, paymentStatus, ...paidAtFor(order.paymentStatus, paymentStatus, now) })
    await recordEvent(tx, order.id, {
      actor: input.actor,
      from: order.status,
      to: order.status,
      note,
      details: {
        payment: input.source,
        ...(input.paymentIntentId ? { paymentIntentId: input.paymentIntentId } : {}),
        amountVnd: input.amountVnd.toString(),
        amountReceivedVnd: amountReceivedVnd.toString(),
        totalVnd: order.totalVnd.toString(),
        ...paymentChange(order.paymentStatus, paymentStatus),
      },
      // The buyer sees what was received; the producer hears when the order is paid (it may ship).
      recipients: paymentStatus === 'PAID' && order.paymentStatus !== 'PAID' ? ['buyer', 'producer'] : ['buyer'],
      now,
    })
    await completeIfPaid(tx, order.id, now)
    await followPayment(tx, order, now)
    return { ok: true, order: await withHistory(tx, order.id) }
  })
}

/**
 * The money went back: REFUND_PENDING → REFUNDED. An operator records a bank refund; Stripe's charge.refunded
 * event records a card refund (no operator: the system acts, named Stripe). The amount is what was received less
 * any excess of an overpayment already returned (markExcessRefunded) while the order was still going ahead.
 */
export async function markRefunded(input: { orderId: string; operator?: OperatorActor; note?: string; now?: Date }): Promise<PaymentResult> {
  const now = input.now ?? new Date()
  const note = cleanText(input.note)
  if (note && note.length > LIMITS.noteMax) return { ok: false, error: 'order.note.tooLong' }
  return withClaim(async (tx): Promise<PaymentResult> => {
    const order = await tx.order.findUnique({ where: { id: input.orderId }, include: { items: true } })
    if (!order) return { ok: false, error: 'order.notFound' }
    if (order.paymentStatus !== 'REFUND_PENDING') return { ok: false, error: 'order.payment.notRefundPending' }
    await claim(tx, order, { paymentStatus: 'REFUNDED' })
    await recordEvent(tx, order.id, {
      actor: input.operator ? { kind: 'operator', userId: input.operator.userId, name: input.operator.name } : { kind: 'system', name: 'Stripe' },
      from: order.status,
      to: order.status,
      note,
      details: { payment: 'refunded', amountVnd: refundDueVnd(order).toString(), ...paymentChange('REFUND_PENDING', 'REFUNDED') },
      recipients: ['buyer'],
      now,
    })
    await followPayment(tx, order, now)
    return { ok: true, order: await withHistory(tx, order.id) }
  })
}

export type ExcessRefundResult =
  | { ok: true; order: OrderWithHistory; amountVnd: bigint }
  | { ok: false; error: 'order.notFound' | 'order.payment.amountInvalid' | 'order.payment.noExcess' | 'order.note.tooLong' }
  | { ok: false; error: 'order.payment.excessTooLarge'; owedVnd: bigint }

/**
 * An operator sent back (part of) the excess of an overpaid order: a PAID order, still going ahead or completed,
 * with more received than its total (excess.ts). `amountVnd` defaults to all the excess still owed and may never
 * exceed it; the payment status stays PAID and the producer's ledger is not touched (its sale is the total).
 * The buyer is told through the order's history and a message. A closed order is refunded whole instead
 * (REFUND_PENDING, markRefunded). Claimed like any payment, so two operators cannot return the same excess twice.
 */
export async function markExcessRefunded(input: { orderId: string; operator: OperatorActor; amountVnd?: bigint; note?: string; now?: Date }): Promise<ExcessRefundResult> {
  const now = input.now ?? new Date()
  const asked = input.amountVnd
  if (asked !== undefined && (typeof asked !== 'bigint' || asked <= 0n || asked > LIMITS.paymentMaxVnd)) return { ok: false, error: 'order.payment.amountInvalid' }
  const note = cleanText(input.note)
  if (note && note.length > LIMITS.noteMax) return { ok: false, error: 'order.note.tooLong' }
  return withClaim(async (tx): Promise<ExcessRefundResult> => {
    const order = await tx.order.findUnique({ where: { id: input.orderId }, include: { items: true } })
    if (!order) return { ok: false, error: 'order.notFound' }
    const owedVnd = excessOwedVnd(order)
    if (owedVnd === 0n) return { ok: false, error: 'order.payment.noExcess' }
    const amountVnd = asked ?? owedVnd
    if (amountVnd > owedVnd) return { ok: false, error: 'order.payment.excessTooLarge', owedVnd }
    const excessRefundedVnd = order.excessRefundedVnd + amountVnd
    await claim(tx, order, { excessRefundedVnd })
    await recordEvent(tx, order.id, {
      actor: { kind: 'operator', userId: input.operator.userId, name: input.operator.name },
      from: order.status,
      to: order.status,
      note,
      details: {
        payment: 'excessRefunded',
        amountVnd: amountVnd.toString(),
        excessVnd: excessVnd(order).toString(),
        excessRefundedVnd: excessRefundedVnd.toString(),
      },
      recipients: ['buyer'],
      now,
    })
    return { ok: true, order: await withHistory(tx, order.id), amountVnd }
  })
}

/**
 * An invoice on terms is past its due date (Vietnam's date) and still INVOICED: the system writes one history
 * event (the status unchanged) and an `order.changed` message to the buyer, whose members get a mail saying what
 * is still due. Once per order: the order row is locked, and the state and the absence of an earlier event are
 * checked under the lock, so a second run or two runs at once write nothing more. The order itself is not
 * changed (no claim): a buyer paying at that moment simply waits for the lock. Returns whether it wrote the event.
 */
export async function recordInvoiceOverdue(input: { orderId: string; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date()
  return prisma.$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Order" WHERE id = ${input.orderId} FOR UPDATE`
      if (!locked) return false
      const order = await tx.order.findUniqueOrThrow({ where: { id: input.orderId }, select: { id: true, status: true, paymentStatus: true, paymentDueDate: true } })
      if (!order.paymentDueDate || !isOverdue(order, now)) return false
      const told = await tx.orderEvent.count({ where: { orderId: order.id, details: { path: ['payment'], equals: 'overdue' } } })
      if (told > 0) return false
      await recordEvent(tx, order.id, {
        actor: { kind: 'system', name: 'Hệ thống Chợ Vùng Miền' },
        from: order.status,
        to: order.status,
        // The order timeline and the mail read these (order-timeline.tsx, notifications.server.ts).
        details: { payment: 'overdue', dueDate: order.paymentDueDate.toISOString().slice(0, 10) },
        recipients: ['buyer'],
        now,
      })
      return true
    },
    { timeout: 30_000, maxWait: 30_000 },
  )
}
