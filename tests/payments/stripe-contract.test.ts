// The card payment code against Stripe itself (test mode), run only when STRIPE_CONTRACT_SECRET_KEY holds a test
// key (sk_test_…): Stripe's API cannot be reached from the development machines, where the same code is tested
// against a local server (card.test.ts, stripe-webhook.test.ts). With a key, this checks what only Stripe can:
// that it accepts our PaymentIntent, Checkout Session and refund requests as we send them (VND, metadata,
// idempotency keys), and that the objects it returns, wrapped in events signed with the SDK's helper, pay and
// refund the order through the webhook route.
//   STRIPE_CONTRACT_SECRET_KEY=sk_test_… npx vitest run tests/payments/stripe-contract.test.ts
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { transitionOrder } from '~/modules/orders/transitions.server'
import { cardCheckoutFor, cardPaymentFor } from '~/modules/payments/card.server'
import { configureStripeForTests } from '~/modules/payments/stripe.server'
import * as webhookRoute from '~/routes/webhooks/stripe'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, buyerWithAddress, confirm, expectOk, placeOne, product } from '../orders/order-fixtures'
import { callRoute } from '../utils/routes'
import { WEBHOOK_SECRET, drainQueued, event, webhookRequest } from './stripe-fake'

const key = process.env.STRIPE_CONTRACT_SECRET_KEY

describe.skipIf(!key?.startsWith('sk_test_'))('against Stripe (test mode)', () => {
  let client: Stripe
  let buyerId: string
  let producerId: string
  let productId: string

  beforeAll(async () => {
    // The webhook's secret is ours to choose here: the events are signed locally (webhookRequest), as Stripe would.
    configureStripeForTests({ STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET })
    client = new Stripe(key!)
    await ensureCategories()
    buyerId = (await buyerWithAddress('Siêu thị Hợp đồng')).id
    producerId = (await makeOrg('PRODUCER', { name: 'HTX Hợp đồng' })).id
    productId = await product(producerId, { stock: 1000 })
  })
  afterAll(() => configureStripeForTests({}))

  async function confirmedCardOrder() {
    const id = await placeOne(buyerId, [{ productId, quantity: 10 }], { paymentMethod: 'CARD' })
    await expectOk(confirm(id, producerId))
    return prisma.order.findUniqueOrThrow({ where: { id } })
  }

  const deliver = (type: string, object: unknown) =>
    callRoute(webhookRoute.action, webhookRequest(JSON.stringify(event(type, object as never))), {}).then((res) => expect(res.status).toBe(200))

  test('a PaymentIntent paid with a test card pays the order; cancelling refunds it at Stripe; the refund closes it', async () => {
    const order = await confirmedCardOrder()
    const intent = await expectOk(cardPaymentFor(order))
    const atStripe = await client.paymentIntents.retrieve(intent.paymentIntentId)
    expect([atStripe.amount, atStripe.currency, atStripe.metadata.orderId]).toEqual([Number(order.totalVnd), 'vnd', order.id])
    // Asking again gives the same intent.
    expect((await expectOk(cardPaymentFor(order))).paymentIntentId).toBe(intent.paymentIntentId)

    const paid = await client.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' })
    expect(paid.status).toBe('succeeded')
    await deliver('payment_intent.succeeded', paid)
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).paymentStatus).toBe('PAID')

    await expectOk(transitionOrder({ orderId: order.id, actor: buyerActor(buyerId), to: 'CANCELLED', note: 'Kiểm thử hoàn tiền' }))
    await drainQueued()
    const charge = await client.charges.retrieve(paid.latest_charge as string)
    expect(charge.refunded).toBe(true)
    await deliver('charge.refunded', charge)
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).paymentStatus).toBe('REFUNDED')
  }, 60_000)

  test('the order page’s Checkout Session is accepted and points to Stripe’s hosted page', async () => {
    const order = await confirmedCardOrder()
    const session = await expectOk(cardCheckoutFor(order, { orderUrl: 'https://example.com/vi/orgs/x/orders/y', lang: 'vi' }))
    expect(session.url).toMatch(/^https:\/\/checkout\.stripe\.com\//)
  }, 60_000)
})
