// POST /webhooks/stripe through its real route action, with events signed by the Stripe SDK's own helper and sent
// as raw bytes: only a valid signature over the body, within 5 minutes, is accepted; each event id is applied once
// (a duplicate, even at the same moment, changes nothing); an order becomes PAID only for exactly the amount due in
// VND; events arriving out of order never undo a later state; unknown orders are recorded as ignored.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { markTransferReceived, transitionOrder } from '~/modules/orders/transitions.server'
import { cardPaymentFor } from '~/modules/payments/card.server'
import { configureStripeForTests } from '~/modules/payments/stripe.server'
import * as webhookRoute from '~/routes/webhooks/stripe'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, buyerWithAddress, confirm, expectOk, operator, placeOne, product } from '../orders/order-fixtures'
import { callRoute } from '../utils/routes'
import { drainQueued, failed, refunded, signatureFor, startFakeStripe, succeeded, webhookRequest, type FakeStripe } from './stripe-fake'

let fake: FakeStripe
let producerId: string
let buyerId: string
let productId: string

beforeAll(async () => {
  await ensureCategories()
  fake = await startFakeStripe()
  fake.configure()
  producerId = (await makeOrg('PRODUCER', { verificationStatus: 'VERIFIED' })).id
  buyerId = (await buyerWithAddress('Siêu thị thẻ')).id
  productId = await product(producerId, { stock: 10_000 })
})
afterAll(() => fake.close())
// A test that switches Stripe off must not leave it off for the next one.
beforeEach(() => fake.configure())

/** A CARD order, confirmed: 10 × 250,000 ₫ + 5% VAT = 2,625,000 ₫ due. */
async function cardOrder() {
  const orderId = await placeOne(buyerId, [{ productId, quantity: 10 }], { paymentMethod: 'CARD' })
  await expectOk(confirm(orderId, producerId))
  return prisma.order.findUniqueOrThrow({ where: { id: orderId } })
}

const payload = (event: unknown) => JSON.stringify(event, null, 2)
const deliver = (event: unknown) => callRoute(webhookRoute.action, webhookRequest(payload(event)), {})
const stateOf = async (orderId: string) => {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { paymentStatus: true, amountReceivedVnd: true } })
  return { ...order, payments: await prisma.cardPayment.findMany({ where: { orderId }, select: { id: true, status: true, failureMessage: true } }) }
}
const outcomeOf = async (eventId: string) => (await prisma.stripeEvent.findUnique({ where: { id: eventId } }))?.outcome
const meta = (order: { id: string; number: string }) => ({ orderId: order.id, orderNumber: order.number })
const intentId = () => `pi_evt_${Math.random().toString(36).slice(2, 10)}`
const seconds = (date = new Date()) => Math.floor(date.getTime() / 1000)

describe('the signature', () => {
  test('a valid event: 200 {received: true}, the order is PAID, the event and the card payment recorded', async () => {
    const order = await cardOrder()
    const id = intentId()
    const evt = succeeded({ id, amount: Number(order.totalVnd), metadata: meta(order) })
    const res = await deliver(evt)
    expect(res.status).toBe(200)
    expect(res.data).toEqual({ received: true })
    expect(await stateOf(order.id)).toEqual({ paymentStatus: 'PAID', amountReceivedVnd: order.totalVnd, payments: [{ id, status: 'SUCCEEDED', failureMessage: null }] })
    expect(await prisma.stripeEvent.findUnique({ where: { id: evt.id } })).toMatchObject({ type: 'payment_intent.succeeded', orderId: order.id, outcome: 'applied: PAID' })
    // The history names Stripe and the intent.
    const history = await prisma.orderEvent.findMany({ where: { orderId: order.id, actorName: 'Stripe' } })
    expect(history.map((e) => e.details)).toEqual([expect.objectContaining({ payment: 'cardPaid', paymentIntentId: id, amountVnd: order.totalVnd.toString() })])
  })

  test('a bad signature, a tampered body, another secret, no header, a stale timestamp: 400 and nothing recorded', async () => {
    const order = await cardOrder()
    const evt = succeeded({ id: intentId(), amount: Number(order.totalVnd), metadata: meta(order) })
    const body = payload(evt)
    const attempts = [
      webhookRequest(body, 't=1700000000,v1=' + 'ab'.repeat(32)),
      webhookRequest(body.replace(String(order.totalVnd), '1'), signatureFor(body)),
      webhookRequest(body, signatureFor(body, { secret: 'whsec_someone_else' })),
      webhookRequest(body, null),
      // Signed properly, but 10 minutes ago: a replay (the SDK's default tolerance is 5 minutes).
      webhookRequest(body, signatureFor(body, { timestamp: seconds() - 600 })),
    ]
    for (const request of attempts) {
      const res = await callRoute(webhookRoute.action, request, {})
      expect(res.status).toBe(400)
    }
    expect(await prisma.stripeEvent.findUnique({ where: { id: evt.id } })).toBeNull()
    expect(await stateOf(order.id)).toEqual({ paymentStatus: 'UNPAID', amountReceivedVnd: 0n, payments: [] })
    // Within the tolerance it is accepted.
    const recent = await callRoute(webhookRoute.action, webhookRequest(body, signatureFor(body, { timestamp: seconds() - 60 })), {})
    expect(recent.status).toBe(200)
    expect((await stateOf(order.id)).paymentStatus).toBe('PAID')
  })

  test('GET is 405; without Stripe configured the endpoint is a 404', async () => {
    const get = await callRoute(webhookRoute.loader, webhookRequest('', null, 'GET'), {})
    expect(get.status).toBe(405)
    expect(get.headers.get('Allow')).toBe('POST')
    configureStripeForTests({})
    const order = await cardOrder().catch(() => null)
    expect(order).toBeNull() // CARD cannot even be chosen
    const evt = succeeded({ id: intentId(), amount: 1000, metadata: { orderId: 'x' } })
    expect((await deliver(evt)).status).toBe(404)
    expect(await prisma.stripeEvent.findUnique({ where: { id: evt.id } })).toBeNull()
  })
})

describe('once per event', () => {
  test('the same event delivered again is a no-op: 200, paid once', async () => {
    const order = await cardOrder()
    const evt = succeeded({ id: intentId(), amount: Number(order.totalVnd), metadata: meta(order) })
    expect((await deliver(evt)).status).toBe(200)
    const after = await stateOf(order.id)
    const events = await prisma.orderEvent.count({ where: { orderId: order.id } })
    expect((await deliver(evt)).status).toBe(200)
    expect(await stateOf(order.id)).toEqual(after)
    expect(await prisma.orderEvent.count({ where: { orderId: order.id } })).toBe(events)
    // Recorded once, with what the first delivery did.
    expect(await prisma.stripeEvent.findMany({ where: { id: evt.id }, select: { outcome: true } })).toEqual([{ outcome: 'applied: PAID' }])
  })

  test('two deliveries of one event at the same moment: both 200, applied once', async () => {
    const order = await cardOrder()
    const evt = succeeded({ id: intentId(), amount: Number(order.totalVnd), metadata: meta(order) })
    const [a, b] = await Promise.all([deliver(evt), deliver(evt)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(await outcomeOf(evt.id)).toBe('applied: PAID')
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'PAID', amountReceivedVnd: order.totalVnd })
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, actorName: 'Stripe' } })).toBe(1)
    // A second event for the same payment (another id) does not pay it twice either.
    const again = succeeded({ id: evt.data.object.id as string, amount: Number(order.totalVnd), metadata: meta(order) })
    expect((await deliver(again)).status).toBe(200)
    expect(await outcomeOf(again.id)).toBe('ignored: applied already')
    expect((await stateOf(order.id)).amountReceivedVnd).toBe(order.totalVnd)
  })
})

describe('amount and currency', () => {
  test('a payment of another amount or currency leaves the order unpaid, recorded for operators', async () => {
    const order = await cardOrder()
    const less = succeeded({ id: intentId(), amount: Number(order.totalVnd) - 1000, metadata: meta(order) })
    expect((await deliver(less)).status).toBe(200)
    expect(await outcomeOf(less.id)).toMatch(/^mismatch: amount 2624000, 2625000 due/)
    const usd = succeeded({ id: intentId(), amount: Number(order.totalVnd), currency: 'usd', metadata: meta(order) })
    expect((await deliver(usd)).status).toBe(200)
    expect(await outcomeOf(usd.id)).toMatch(/^mismatch: currency usd/)
    // amount says the total but less was received: amount_received decides.
    const partial = succeeded({ id: intentId(), amount: Number(order.totalVnd), amount_received: 100_000, metadata: meta(order) })
    expect((await deliver(partial)).status).toBe(200)
    expect(await outcomeOf(partial.id)).toMatch(/^mismatch: amount 100000/)
    const state = await stateOf(order.id)
    expect(state).toMatchObject({ paymentStatus: 'UNPAID', amountReceivedVnd: 0n })
    expect(state.payments.map((p) => p.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'])
  })

  test('after a transfer covered part of it, only the rest is due', async () => {
    const order = await cardOrder()
    await expectOk(markTransferReceived({ orderId: order.id, amountVnd: 625_000n, operator }))
    const whole = succeeded({ id: intentId(), amount: Number(order.totalVnd), metadata: meta(order) })
    await deliver(whole)
    expect((await stateOf(order.id)).paymentStatus).toBe('UNPAID')
    const rest = succeeded({ id: intentId(), amount: 2_000_000, metadata: meta(order) })
    await deliver(rest)
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'PAID', amountReceivedVnd: order.totalVnd })
  })

  test('an order that is not ours, or no order at all: 200, recorded as ignored', async () => {
    const unknown = succeeded({ id: intentId(), amount: 5000, metadata: { orderId: 'not-an-order' } })
    const none = succeeded({ id: intentId(), amount: 5000 })
    const other = { ...succeeded({ id: intentId(), amount: 5000 }), type: 'customer.created' }
    for (const evt of [unknown, none, other]) {
      const res = await deliver(evt)
      expect(res.status).toBe(200)
      expect(await prisma.stripeEvent.findUnique({ where: { id: evt.id } })).toMatchObject({ orderId: null, outcome: expect.stringMatching(/^ignored: /) })
    }
    expect(await prisma.cardPayment.count({ where: { id: { in: [unknown, none].map((e) => e.data.object.id as string) } } })).toBe(0)
  })
})

describe('out of order', () => {
  test('a failure delivered after the success it preceded changes nothing', async () => {
    const order = await cardOrder()
    const id = intentId()
    const t = seconds()
    await deliver(succeeded({ id, amount: Number(order.totalVnd), metadata: meta(order) }, t))
    const late = failed({ id, amount: Number(order.totalVnd), metadata: meta(order) }, t - 30)
    expect((await deliver(late)).status).toBe(200)
    expect(await outcomeOf(late.id)).toMatch(/^ignored: /)
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'PAID', payments: [{ id, status: 'SUCCEEDED', failureMessage: null }] })
  })

  test('failures: the newest message stays; a success after failures pays the order', async () => {
    const order = await cardOrder()
    const { paymentIntentId: id } = await expectOk(cardPaymentFor(order))
    const t = seconds()
    await deliver(failed({ id, amount: Number(order.totalVnd), metadata: meta(order), message: 'Your card has insufficient funds.' }, t))
    await deliver(failed({ id, amount: Number(order.totalVnd), metadata: meta(order), message: 'Your card was declined.' }, t - 60))
    expect((await stateOf(order.id)).payments).toEqual([{ id, status: 'FAILED', failureMessage: 'Your card has insufficient funds.' }])
    await deliver(succeeded({ id, amount: Number(order.totalVnd), metadata: meta(order) }, t + 60))
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'PAID', payments: [{ id, status: 'SUCCEEDED', failureMessage: null }] })
  })

  test('a refund delivered before its payment: recorded, and the late success does not pay the order', async () => {
    const order = await cardOrder()
    const id = intentId()
    const t = seconds()
    const refund = refunded({ intentId: id, amount: Number(order.totalVnd), metadata: meta(order) }, t)
    expect((await deliver(refund)).status).toBe(200)
    expect(await outcomeOf(refund.id)).toMatch(/^recorded: refunded before its payment was applied/)
    const success = succeeded({ id, amount: Number(order.totalVnd), metadata: meta(order) }, t - 5)
    expect((await deliver(success)).status).toBe(200)
    expect(await outcomeOf(success.id)).toMatch(/^ignored: refunded before/)
    expect(await stateOf(order.id)).toEqual({ paymentStatus: 'UNPAID', amountReceivedVnd: 0n, payments: [{ id, status: 'REFUNDED', failureMessage: null }] })
  })

  test('paid by card after the buyer cancelled: the money goes back (refund asked of Stripe, then REFUNDED)', async () => {
    const order = await cardOrder()
    await expectOk(transitionOrder({ orderId: order.id, actor: buyerActor(buyerId), to: 'CANCELLED', note: 'Đổi nhà cung cấp' }))
    const from = fake.calls.length
    const id = intentId()
    await deliver(succeeded({ id, amount: Number(order.totalVnd), metadata: meta(order) }))
    expect((await stateOf(order.id)).paymentStatus).toBe('REFUND_PENDING')
    // Queued with the payment, made in the background.
    await drainQueued()
    const refunds = fake.since(from).filter((c) => c.path === '/v1/refunds')
    expect(refunds.map((c) => [c.form.get('payment_intent'), c.idempotencyKey])).toEqual([[id, `cvm-refund-${order.id}-${id}`]])
    await deliver(refunded({ intentId: id, amount: Number(order.totalVnd) }))
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'REFUNDED', payments: [{ id, status: 'REFUNDED' }] })
  })

  test('a partial refund is recorded for operators; the order is left as it is', async () => {
    const order = await cardOrder()
    const id = intentId()
    await deliver(succeeded({ id, amount: Number(order.totalVnd), metadata: meta(order) }))
    const partial = refunded({ intentId: id, amount: Number(order.totalVnd), refunded: false, amountRefunded: 100_000 })
    await deliver(partial)
    expect(await outcomeOf(partial.id)).toMatch(/^recorded: partial refund of 100000 vnd/)
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'PAID', payments: [{ id, status: 'SUCCEEDED' }] })
  })
})
