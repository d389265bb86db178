// Card payments through Stripe. A buyer pays a CARD order once it is confirmed (the amount is final), for what is
// still due:
// - from the order page, on a Stripe Checkout page (a form POST answered by a redirect: none of our script needed);
// - through the API, with a PaymentIntent's client secret for the buyer's own payment form (Stripe.js, mobile SDKs).
// Both put metadata.orderId on the PaymentIntent, so the webhook (routes/webhooks/stripe.ts → handleStripeEvent)
// finds the order. The order becomes PAID only on payment_intent.succeeded for exactly the amount due, in VND (a
// zero-decimal currency: amounts are whole đồng). When a paid card order closes, transitions.server.ts queues
// a refund (CARD_REFUND_TOPIC → startCardRefund, in the background), and Stripe's charge.refunded event makes the
// order REFUNDED.
//
// Every call that creates something at Stripe carries an idempotency key derived from the order (and the amount),
// so a retry, a double click or two tabs never create two payments or two refunds. Every webhook event is recorded
// once by its id before it is handled: a duplicate or a replay changes nothing. Events may arrive in any order: the
// PaymentIntent's CardPayment row keeps the state reached (a success or a refund is final) and the time of the latest
// event applied (event.created), and an older event never moves it back.
import Stripe from 'stripe'
import type { CardPayment, Order } from '~/generated/prisma/client'
import type { OrderStatus } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import type { Language } from '~/utils/i18n'
import { markRefunded, recordCardPayment } from '../orders/transitions.server'
import { registerOutboxHandler } from '../outbox/outbox.server'
import { stripeConfigured } from './payment-methods.server'
import { stripe } from './stripe.server'

/** What Stripe calls the đồng. */
export const CARD_CURRENCY = 'vnd'

type PayableOrder = Pick<Order, 'id' | 'number' | 'status' | 'paymentStatus' | 'paymentMethod' | 'totalVnd' | 'amountReceivedVnd'>

export type CardError =
  | 'order.card.unavailable' // Stripe is not configured
  | 'order.card.notDue' // not a CARD order waiting for payment
  | 'order.card.processing' // a payment went through at Stripe; its confirmation is on its way
  | 'order.card.providerError' // Stripe refused or could not be reached

const AWAITING_PAYMENT: readonly OrderStatus[] = ['CONFIRMED', 'SHIPPED', 'DELIVERED']

/** A CARD order its buyer is asked to pay now. */
export const cardPaymentDue = (order: Pick<Order, 'status' | 'paymentStatus' | 'paymentMethod'>) =>
  order.paymentMethod === 'CARD' && order.paymentStatus === 'UNPAID' && AWAITING_PAYMENT.includes(order.status)

/** The total less what was received (an earlier transfer, say). */
export const amountDueVnd = (order: Pick<Order, 'totalVnd' | 'amountReceivedVnd'>) =>
  order.totalVnd > order.amountReceivedVnd ? order.totalVnd - order.amountReceivedVnd : 0n

/** PaymentIntent states in which the buyer can still pay it (after a failed attempt too, with another card). */
const OPEN_INTENT: readonly Stripe.PaymentIntent.Status[] = ['requires_payment_method', 'requires_confirmation', 'requires_action']

const descriptionOf = (order: Pick<Order, 'number'>) => `Chợ Vùng Miền ${order.number}`
const metadataOf = (order: Pick<Order, 'id' | 'number'>) => ({ orderId: order.id, orderNumber: order.number })

/** Stripe's own errors become a refusal the page or the API shows; anything else is our bug and is thrown. */
function stripeFailure(what: string, orderId: string, error: unknown): { ok: false; error: CardError } {
  if (!(error instanceof Stripe.errors.StripeError)) throw error
  console.error(`Stripe: ${what} for order ${orderId} failed: ${error.type} ${error.code ?? ''} ${error.message}`)
  return { ok: false, error: 'order.card.providerError' }
}

export type CardIntent = { ok: true; clientSecret: string; paymentIntentId: string; amountVnd: bigint; currency: typeof CARD_CURRENCY }

/**
 * The PaymentIntent a buyer's system pays the order with: the open one recorded for the amount due, or a new one.
 * The client secret is read from Stripe each time, never stored.
 */
export async function cardPaymentFor(order: PayableOrder): Promise<CardIntent | { ok: false; error: CardError }> {
  const client = stripe()
  if (!client) return { ok: false, error: 'order.card.unavailable' }
  if (!cardPaymentDue(order)) return { ok: false, error: 'order.card.notDue' }
  const amountVnd = amountDueVnd(order)
  const answer = (intent: Stripe.PaymentIntent): CardIntent => ({
    ok: true,
    clientSecret: intent.client_secret!,
    paymentIntentId: intent.id,
    amountVnd,
    currency: CARD_CURRENCY,
  })
  try {
    const recorded = await prisma.cardPayment.findMany({ where: { orderId: order.id, amountVnd, currency: CARD_CURRENCY }, orderBy: { createdAt: 'desc' } })
    const latest = recorded[0]
    // Paid at Stripe, the webhook not handled yet: never a second payment.
    if (latest?.status === 'SUCCEEDED') return { ok: false, error: 'order.card.processing' }
    if (latest && (latest.status === 'REQUIRES_PAYMENT' || latest.status === 'FAILED')) {
      const intent = await client.paymentIntents.retrieve(latest.id)
      if (intent.status === 'succeeded' || intent.status === 'processing') return { ok: false, error: 'order.card.processing' }
      if (OPEN_INTENT.includes(intent.status) && intent.client_secret && intent.metadata.orderId === order.id) return answer(intent)
      // Cancelled (at Stripe, or expired): a new one.
    }
    const intent = await client.paymentIntents.create(
      { amount: Number(amountVnd), currency: CARD_CURRENCY, allowed_payment_method_types: ['card'], description: descriptionOf(order), metadata: metadataOf(order) },
      // The n-th intent for this amount: concurrent or repeated calls get the same one; after a cancelled one, the next.
      { idempotencyKey: `cvm-pi-${order.id}-${amountVnd}-${recorded.length}` },
    )
    await prisma.cardPayment.createMany({ data: [{ id: intent.id, orderId: order.id, amountVnd, currency: CARD_CURRENCY }], skipDuplicates: true })
    return answer(intent)
  } catch (error) {
    return stripeFailure('a payment intent', order.id, error)
  }
}

/** A Checkout Session lives between 60 and 90 minutes; its idempotency key changes every half hour. */
const CHECKOUT_WINDOW_MS = 30 * 60 * 1000

/**
 * Stripe's hosted payment page for the amount due; the buyer comes back to `orderUrl` (absolute) with ?card=paid or
 * ?card=cancelled. A double click or a reload within the same half hour gets the same page again (same key, same
 * parameters: the expiry is derived from the window too, so it is always at least an hour after the key's first use).
 */
export async function cardCheckoutFor(
  order: PayableOrder,
  input: { orderUrl: string; lang: Language; now?: Date },
): Promise<{ ok: true; url: string } | { ok: false; error: CardError }> {
  const client = stripe()
  if (!client) return { ok: false, error: 'order.card.unavailable' }
  if (!cardPaymentDue(order)) return { ok: false, error: 'order.card.notDue' }
  const amountVnd = amountDueVnd(order)
  const window = Math.floor((input.now ?? new Date()).getTime() / CHECKOUT_WINDOW_MS)
  try {
    if (await prisma.cardPayment.count({ where: { orderId: order.id, status: 'SUCCEEDED', amountVnd } })) return { ok: false, error: 'order.card.processing' }
    const session = await client.checkout.sessions.create(
      {
        mode: 'payment',
        allowed_payment_method_types: ['card'],
        line_items: [{ quantity: 1, price_data: { currency: CARD_CURRENCY, unit_amount: Number(amountVnd), product_data: { name: descriptionOf(order) } } }],
        // The PaymentIntent carries the order: the webhook's events are about it.
        payment_intent_data: { description: descriptionOf(order), metadata: metadataOf(order) },
        metadata: metadataOf(order),
        client_reference_id: order.id,
        locale: input.lang,
        success_url: `${input.orderUrl}?card=paid`,
        cancel_url: `${input.orderUrl}?card=cancelled`,
        expires_at: ((window + 3) * CHECKOUT_WINDOW_MS) / 1000,
      },
      { idempotencyKey: `cvm-checkout-${order.id}-${amountVnd}-${window}` },
    )
    // A session answered again after it was paid has no page any more.
    if (!session.url) return { ok: false, error: 'order.card.processing' }
    return { ok: true, url: session.url }
  } catch (error) {
    return stripeFailure('a checkout session', order.id, error)
  }
}

/** What the buyer's order page shows about paying a CARD order (routes/orders/order.tsx, components/card-payment.tsx). */
export async function cardPaymentView(order: PayableOrder, cameBack: string | null) {
  const due = cardPaymentDue(order)
  const latest = due ? await prisma.cardPayment.findFirst({ where: { orderId: order.id }, orderBy: { updatedAt: 'desc' } }) : null
  const returned = due && cameBack === 'paid'
  return {
    available: stripeConfigured(),
    due,
    amountVnd: amountDueVnd(order).toString(),
    // Back from Stripe's page after paying, or paid through the API: Stripe's confirmation is on its way.
    waiting: due && (returned || latest?.status === 'SUCCEEDED'),
    cancelled: due && cameBack === 'cancelled',
    // Stripe's own words (in English), shown until another attempt.
    failureMessage: due && !returned && latest?.status === 'FAILED' ? (latest.failureMessage ?? '') : null,
  }
}

export type CardPaymentView = Awaited<ReturnType<typeof cardPaymentView>>

// ---------------------------------------------------------------------------------------------------------
// Webhook events

type Outcome = { orderId: string | null; outcome: string }

/**
 * Applies one verified webhook event, once: its id is inserted first (a duplicate, even one arriving at the same
 * moment, finds it there and does nothing). If handling fails the record is removed again and the error thrown:
 * the webhook answers 500 and Stripe's next delivery handles it afresh.
 */
export async function handleStripeEvent(event: Stripe.Event, now = new Date()): Promise<{ duplicate: boolean; outcome: string }> {
  const created = new Date(event.created * 1000)
  const inserted = await prisma.stripeEvent.createMany({ data: [{ id: event.id, type: event.type, created, outcome: 'handling', receivedAt: now }], skipDuplicates: true })
  if (inserted.count === 0) return { duplicate: true, outcome: 'duplicate' }
  try {
    const { orderId, outcome } = await applyEvent(event, created, now)
    await prisma.stripeEvent.update({ where: { id: event.id }, data: { orderId, outcome } })
    return { duplicate: false, outcome }
  } catch (error) {
    await prisma.stripeEvent.delete({ where: { id: event.id } }).catch(() => {})
    throw error
  }
}

function applyEvent(event: Stripe.Event, at: Date, now: Date): Promise<Outcome> {
  switch (event.type) {
    case 'payment_intent.succeeded':
      return intentSucceeded(event.data.object, at, now)
    case 'payment_intent.payment_failed':
      return intentFailed(event.data.object, at)
    case 'charge.refunded':
      return chargeRefunded(event.data.object, at, now)
    default:
      return Promise.resolve({ orderId: null, outcome: `ignored: ${event.type} is not used` })
  }
}

const later = (a: Date | null, b: Date) => (a && a > b ? a : b)

type IntentFacts = { id: string; amount: number; currency: string; metadata: Stripe.Metadata | null }

/**
 * The CardPayment of an intent, recorded now when it is new to us (a Checkout Session's intent is created by
 * Stripe): for the order named by its metadata. Null when no order of ours is named.
 */
async function paymentOf(intent: IntentFacts): Promise<CardPayment | null> {
  const existing = await prisma.cardPayment.findUnique({ where: { id: intent.id } })
  if (existing) return existing
  const orderId = intent.metadata?.orderId
  if (!orderId || !(await prisma.order.findUnique({ where: { id: orderId }, select: { id: true } }))) return null
  await prisma.cardPayment.createMany({ data: [{ id: intent.id, orderId, amountVnd: BigInt(intent.amount), currency: intent.currency }], skipDuplicates: true })
  return prisma.cardPayment.findUniqueOrThrow({ where: { id: intent.id } })
}

/** Whether this intent's money was already recorded on the order (recordCardPayment writes its id in the history). */
const appliedToOrder = async (orderId: string, intentId: string) =>
  (await prisma.orderEvent.count({ where: { orderId, details: { path: ['paymentIntentId'], equals: intentId } } })) > 0

async function intentSucceeded(intent: Stripe.PaymentIntent, at: Date, now: Date): Promise<Outcome> {
  const payment = await paymentOf(intent)
  if (!payment) return { orderId: null, outcome: 'ignored: no order of ours in metadata.orderId' }
  const orderId = payment.orderId
  // Recorded first (a refund is final: one seen before this older success means the money came and went).
  const marked = await prisma.cardPayment.updateMany({
    where: { id: payment.id, status: { not: 'REFUNDED' } },
    data: { status: 'SUCCEEDED', failureMessage: null, lastEventAt: later(payment.lastEventAt, at) },
  })
  if (marked.count === 0) return { orderId, outcome: 'ignored: refunded before; the order is left as it is' }
  if (await appliedToOrder(orderId, intent.id)) return { orderId, outcome: 'ignored: applied already' }

  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } })
  const due = amountDueVnd(order)
  const received = BigInt(intent.amount_received || intent.amount)
  // Only exactly the amount due, in đồng, pays the order; anything else waits for an operator.
  const problem =
    intent.currency !== CARD_CURRENCY
      ? `currency ${intent.currency}`
      : order.paymentStatus !== 'UNPAID'
        ? `the order is ${order.paymentStatus}`
        : received !== due
          ? `amount ${received}, ${due} due`
          : null
  if (problem) {
    console.warn(`Stripe: payment ${intent.id} for order ${order.number} not applied (${problem}); an operator must resolve it`)
    return { orderId, outcome: `mismatch: ${problem}; received ${received} ${intent.currency}; not applied, for operators` }
  }
  const result = await recordCardPayment({ orderId, amountVnd: received, paymentIntentId: intent.id, now })
  if (!result.ok) throw new Error(`recordCardPayment refused payment ${intent.id}: ${result.error}`)
  // Paid after the order was cancelled or rejected: the money goes back (transitions.server.ts queued the refund).
  if (result.order.paymentStatus === 'REFUND_PENDING') return { orderId, outcome: 'applied: the order had closed, refund queued' }
  return { orderId, outcome: `applied: ${result.order.paymentStatus}` }
}

async function intentFailed(intent: Stripe.PaymentIntent, at: Date): Promise<Outcome> {
  const payment = await paymentOf(intent)
  if (!payment) return { orderId: null, outcome: 'ignored: no order of ours in metadata.orderId' }
  const orderId = payment.orderId
  // Never over a success or a refund, nor over a newer failure; never touches the order.
  const updated = await prisma.cardPayment.updateMany({
    where: { id: payment.id, status: { in: ['REQUIRES_PAYMENT', 'FAILED'] }, OR: [{ lastEventAt: null }, { lastEventAt: { lte: at } }] },
    data: { status: 'FAILED', failureMessage: intent.last_payment_error?.message?.slice(0, 500) ?? null, lastEventAt: at },
  })
  return { orderId, outcome: updated.count ? 'applied: payment failed' : `ignored: older than the payment's state (${payment.status})` }
}

async function chargeRefunded(charge: Stripe.Charge, at: Date, now: Date): Promise<Outcome> {
  const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id
  if (!intentId) return { orderId: null, outcome: 'ignored: a charge without a payment intent' }
  // Stripe copies the intent's metadata onto its charge: enough to record a refund seen before the payment.
  const payment = await paymentOf({ id: intentId, amount: charge.amount, currency: charge.currency, metadata: charge.metadata })
  if (!payment) return { orderId: null, outcome: 'ignored: no order of ours in metadata.orderId' }
  const orderId = payment.orderId
  if (!charge.refunded) return { orderId, outcome: `recorded: partial refund of ${charge.amount_refunded} ${charge.currency}, for operators` }

  await prisma.cardPayment.update({ where: { id: payment.id }, data: { status: 'REFUNDED', lastEventAt: later(payment.lastEventAt, at) } })
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { paymentStatus: true } })
  if (order.paymentStatus === 'REFUND_PENDING') {
    const result = await markRefunded({ orderId, now })
    if (result.ok) return { orderId, outcome: 'applied: REFUNDED' }
  }
  if (!(await appliedToOrder(orderId, intentId))) return { orderId, outcome: 'recorded: refunded before its payment was applied; the order is left unpaid' }
  return { orderId, outcome: `recorded: refunded while the order is ${order.paymentStatus}, for operators` }
}

// ---------------------------------------------------------------------------------------------------------
// Refunds

/**
 * Refunds a closed order's card payment (transitions.server.ts calls it once a CARD order is REFUND_PENDING).
 * Errors are logged, not thrown: the order stays REFUND_PENDING, which operators see on /operator/payments.
 * Stripe's charge.refunded event then marks the order REFUNDED.
 */
export async function startCardRefund(orderId: string): Promise<void> {
  const client = stripe()
  const payment = await prisma.cardPayment.findFirst({ where: { orderId, status: 'SUCCEEDED' }, orderBy: { updatedAt: 'desc' } })
  if (!client || !payment) {
    console.error(`Stripe: no card payment to refund for order ${orderId}${client ? '' : ' (Stripe is not configured)'}; an operator must refund it`)
    return
  }
  try {
    await client.refunds.create(
      { payment_intent: payment.id, reason: 'requested_by_customer', metadata: { orderId } },
      // One refund per order and payment, however often this runs.
      { idempotencyKey: `cvm-refund-${orderId}-${payment.id}` },
    )
  } catch (error) {
    console.error(`Stripe: the refund of order ${orderId} failed (it is tried again later; the order stays REFUND_PENDING for operators):`, error instanceof Error ? error.message : error)
    throw error
  }
}

/**
 * A paid card order that closes is refunded in the background: transitions.server.ts queues this message in the
 * transaction that makes the order REFUND_PENDING, so a slow Stripe never holds up the cancellation, and a failed
 * refund is tried again with backoff (the idempotency key makes every try the same refund).
 */
export const CARD_REFUND_TOPIC = 'payments.card-refund'
registerOutboxHandler(CARD_REFUND_TOPIC, (payload) => startCardRefund((payload as { orderId: string }).orderId))
