// Paying CARD orders through Stripe, against a local HTTP server the real SDK is pointed at (stripe-fake.ts): the
// requests the platform sends (path, form body, Idempotency-Key), the PaymentIntent reused rather than duplicated,
// the Checkout Session behind the order page's button, the refund when a paid card order is cancelled; the API
// route for the buyer only; and without Stripe keys, CARD refused at ordering and no card button anywhere.
import { Outlet } from '@remix-run/react'
import { createElement as h, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { markTransferReceived, transitionOrder } from '~/modules/orders/transitions.server'
import { CARD_REFUND_TOPIC, cardPaymentFor, startCardRefund } from '~/modules/payments/card.server'
import { configureStripeForTests } from '~/modules/payments/stripe.server'
import * as paymentIntentRoute from '~/routes/api/v1/order-payment-intent'
import * as ordersRoute from '~/routes/api/v1/orders'
import * as checkoutRoute from '~/routes/orders/card-checkout'
import * as orderPage from '~/routes/orders/order'
import * as webhookRoute from '~/routes/webhooks/stripe'
import { prisma } from '~/utils/db.server'
import { createI18n, type Language } from '~/utils/i18n'
import { getResources } from '~/utils/i18n.server'
import { sessionStorage } from '~/utils/session.server'
import { buyerActor, confirm, expectOk, operator, product } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser } from '../utils/routes'
import { callApi, organizationWithKey } from '../utils/api'
import { SECRET_KEY, drainQueued, startFakeStripe, succeeded, refunded, webhookRequest, failed, type FakeStripe } from './stripe-fake'

type Org = Awaited<ReturnType<typeof organizationWithKey>>
type Browser = Awaited<ReturnType<typeof browserFor>>

let fake: FakeStripe
let buyer: Org
let otherBuyer: Org
let producer: Org
let productId: string
let buyerBrowser: Browser
let viewerBrowser: Browser
let outsiderBrowser: Browser

/** A buyer organisation with a key, an owner and a default delivery address. */
async function buyerWithKey(name: string) {
  const org = await organizationWithKey('BUYER', name)
  await prisma.deliveryAddress.create({
    data: { organizationId: org.organization.id, label: 'DC Củ Chi', recipientName: 'Kho', phone: '+842837901234', addressLine: 'Lô C5', commune: 'Xã Tân An Hội', provinceCode: '79', isDefault: true },
  })
  return org
}

beforeAll(async () => {
  await ensureCategories()
  fake = await startFakeStripe()
  fake.configure()
  ;[buyer, otherBuyer, producer] = await Promise.all([buyerWithKey('Siêu thị Thẻ'), buyerWithKey('Chuỗi Khác'), organizationWithKey('PRODUCER', 'HTX Chè')])
  productId = await product(producer.organization.id, { stock: 10_000 })
  const viewer = await createUser()
  await prisma.membership.create({ data: { userId: viewer.id, organizationId: buyer.organization.id, role: 'VIEWER' } })
  ;[buyerBrowser, viewerBrowser, outsiderBrowser] = await Promise.all([browserFor(buyer.owner.id), browserFor(viewer.id), browserFor(otherBuyer.owner.id)])
})
afterAll(() => fake.close())
beforeEach(() => fake.configure())

const placeApi = (org: Org, paymentMethod: string) =>
  callApi(ordersRoute, '/api/v1/orders', { method: 'POST', key: org.key, json: { items: [{ productId, quantity: 10 }], paymentMethod } })

/** An order placed through the API (10 × 250,000 ₫ + 5% VAT = 2,625,000 ₫), confirmed unless told otherwise. */
async function order(paymentMethod = 'CARD', confirmed = true) {
  const res = await placeApi(buyer, paymentMethod)
  expect(res.status, res.text).toBe(201)
  const id = res.body.data[0].id as string
  if (confirmed) await expectOk(confirm(id, producer.organization.id))
  return prisma.order.findUniqueOrThrow({ where: { id } })
}

const paymentIntent = (org: Org, id: string) => callApi(paymentIntentRoute, `/api/v1/orders/${id}/payment-intent`, { method: 'POST', key: org.key, params: { id } })
const intentCalls = (from: number) => fake.since(from).filter((c) => c.path.startsWith('/v1/payment_intents'))

describe('the PaymentIntent (API)', () => {
  test('created once for the amount due, with metadata and an idempotency key; asked again, the same one is read back', async () => {
    const o = await order()
    const from = fake.calls.length
    const res = await paymentIntent(buyer, o.id)
    expect(res.status, res.text).toBe(200)
    const { data } = res.body
    expect(data).toEqual({ clientSecret: expect.stringMatching(/^pi_fake_\d+_secret_/), paymentIntentId: expect.stringMatching(/^pi_fake_/), amount: { amount: '2625000', currency: 'VND' }, currency: 'vnd' })

    const [create] = intentCalls(from)
    expect(create.method).toBe('POST')
    expect(create.path).toBe('/v1/payment_intents')
    // VND has no minor unit: the amount is whole đồng.
    expect(create.form.get('amount')).toBe('2625000')
    expect(create.form.get('currency')).toBe('vnd')
    expect(create.form.get('metadata[orderId]')).toBe(o.id)
    expect(create.form.get('metadata[orderNumber]')).toBe(o.number)
    expect(create.form.get('description')).toBe(`Chợ Vùng Miền ${o.number}`)
    expect(create.form.getAll('allowed_payment_method_types[0]')).toEqual(['card'])
    expect(create.idempotencyKey).toBe(`cvm-pi-${o.id}-2625000-0`)
    expect(create.authorization).toBe(`Bearer ${SECRET_KEY}`)
    expect(create.stripeVersion).toBe('2026-10-28.endive')
    expect(await prisma.cardPayment.findMany({ where: { orderId: o.id } })).toEqual([
      expect.objectContaining({ id: data.paymentIntentId, amountVnd: 2_625_000n, currency: 'vnd', status: 'REQUIRES_PAYMENT' }),
    ])
    // The client secret is read from Stripe, never stored.
    expect(JSON.stringify(await prisma.cardPayment.findMany({ where: { orderId: o.id } }), (_, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('secret')

    // Again: the same intent, read from Stripe; nothing created.
    const again = fake.calls.length
    const second = await paymentIntent(buyer, o.number)
    expect(second.status).toBe(200)
    expect(second.body.data).toEqual(data)
    expect(intentCalls(again).map((c) => `${c.method} ${c.path}`)).toEqual([`GET /v1/payment_intents/${data.paymentIntentId}`])

    // Two at once (two tabs): both get the one intent.
    const [x, y] = await Promise.all([paymentIntent(buyer, o.id), paymentIntent(buyer, o.id)])
    expect([x.body.data.paymentIntentId, y.body.data.paymentIntentId]).toEqual([data.paymentIntentId, data.paymentIntentId])
    expect(await prisma.cardPayment.count({ where: { orderId: o.id } })).toBe(1)
  })

  test('after a failed attempt the intent is reused; once cancelled at Stripe a new one is made; after a transfer, one for the rest', async () => {
    const o = await order()
    const first = (await expectOk(cardPaymentFor(o))).paymentIntentId
    await callRoute(webhookRoute.action, webhookRequest(JSON.stringify(failed({ id: first, amount: 2_625_000, metadata: { orderId: o.id } }))), {})
    expect((await expectOk(cardPaymentFor(o))).paymentIntentId).toBe(first)

    fake.setIntent(first, { status: 'canceled' })
    const from = fake.calls.length
    const second = await expectOk(cardPaymentFor(o))
    expect(second.paymentIntentId).not.toBe(first)
    expect(intentCalls(from).map((c) => [c.method, c.path, c.idempotencyKey])).toEqual([
      ['GET', `/v1/payment_intents/${first}`, null],
      ['POST', '/v1/payment_intents', `cvm-pi-${o.id}-2625000-1`],
    ])

    await expectOk(markTransferReceived({ orderId: o.id, amountVnd: 625_000n, operator }))
    const fresh = await prisma.order.findUniqueOrThrow({ where: { id: o.id } })
    const rest = fake.calls.length
    const third = await expectOk(cardPaymentFor(fresh))
    expect(third.amountVnd).toBe(2_000_000n)
    const [create] = intentCalls(rest)
    expect([create.form.get('amount'), create.idempotencyKey]).toEqual(['2000000', `cvm-pi-${o.id}-2000000-0`])

    // Paid at Stripe but not confirmed to us yet: no second payment.
    fake.setIntent(third.paymentIntentId, { status: 'succeeded' })
    expect(await cardPaymentFor(fresh)).toEqual({ ok: false, error: 'order.card.processing' })
  })

  test('only the buyer: 404 for the producer and for another buyer; 409 when the order is not a card order awaiting payment', async () => {
    const o = await order()
    const placed = await order('CARD', false)
    const transfer = await order('BANK_TRANSFER')
    const from = fake.calls.length
    expect((await paymentIntent(producer, o.id)).status).toBe(404)
    expect((await paymentIntent(otherBuyer, o.id)).status).toBe(404)
    for (const id of [placed.id, transfer.id]) {
      const res = await paymentIntent(buyer, id)
      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('INVALID_STATE')
      expect(res.body.error.message).toMatch(/^Đơn hàng này không chờ thanh toán bằng thẻ/)
    }
    // Paid: nothing more to pay.
    await callRoute(webhookRoute.action, webhookRequest(JSON.stringify(succeeded({ id: 'pi_paid_1', amount: 2_625_000, metadata: { orderId: o.id } }))), {})
    expect((await paymentIntent(buyer, o.id)).status).toBe(409)
    expect(intentCalls(from)).toEqual([])
  })
})

describe('the Checkout Session (order page button)', () => {
  const cardPath = (o: { number: string }, slug = buyer.organization.slug, lang = 'vi') => `/${lang}/orgs/${slug}/orders/${o.number}/card`
  const post = (browser: Browser, o: { number: string }, opts: { csrf?: boolean; slug?: string } = {}) =>
    callRoute(checkoutRoute.action, browser.post(cardPath(o, opts.slug), {}, { csrf: opts.csrf }), { lang: 'vi', slug: opts.slug ?? buyer.organization.slug, number: o.number })

  test('the button posts, the buyer is sent (303) to Stripe; the session carries the order; a second click gets the same page', async () => {
    const o = await order()
    const from = fake.calls.length
    const res = await post(buyerBrowser, o)
    expect(res.status).toBe(303)
    expect(res.location).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_fake_\d+$/)
    const [call] = fake.since(from)
    expect([call.method, call.path]).toEqual(['POST', '/v1/checkout/sessions'])
    const f = call.form
    const orderUrl = `http://localhost:3000/vi/orgs/${buyer.organization.slug}/orders/${o.number}`
    expect({
      mode: f.get('mode'),
      amount: f.get('line_items[0][price_data][unit_amount]'),
      currency: f.get('line_items[0][price_data][currency]'),
      quantity: f.get('line_items[0][quantity]'),
      intentOrder: f.get('payment_intent_data[metadata][orderId]'),
      sessionOrder: f.get('metadata[orderId]'),
      success: f.get('success_url'),
      cancel: f.get('cancel_url'),
      locale: f.get('locale'),
    }).toEqual({
      mode: 'payment',
      amount: '2625000',
      currency: 'vnd',
      quantity: '1',
      intentOrder: o.id,
      sessionOrder: o.id,
      success: `${orderUrl}?card=paid`,
      cancel: `${orderUrl}?card=cancelled`,
      locale: 'vi',
    })
    expect(call.idempotencyKey).toMatch(new RegExp(`^cvm-checkout-${o.id}-2625000-\\d+$`))
    const expiresIn = Number(f.get('expires_at')) - Date.now() / 1000
    expect(expiresIn).toBeGreaterThan(3600 - 5)
    expect(expiresIn).toBeLessThanOrEqual(5400)

    const again = await post(buyerBrowser, o)
    expect(again.location).toBe(res.location)
    expect(fake.since(from).map((c) => c.idempotencyKey)).toEqual([call.idempotencyKey, call.idempotencyKey])
  })

  test('refused: no CSRF token (403), a viewer (403), another organisation (404); an order not due goes back with a message', async () => {
    const o = await order()
    const from = fake.calls.length
    expect((await post(buyerBrowser, o, { csrf: false })).status).toBe(403)
    expect((await post(viewerBrowser, o)).status).toBe(403)
    expect((await post(outsiderBrowser, o)).status).toBe(404)
    expect((await post(outsiderBrowser, o, { slug: otherBuyer.organization.slug })).status).toBe(404)
    const placed = await order('CARD', false)
    const back = await post(buyerBrowser, placed)
    expect(back.status).toBe(302)
    expect(back.location).toBe(`/vi/orgs/${buyer.organization.slug}/orders/${placed.number}`)
    const session = await sessionStorage().getSession((back.headers.get('Set-Cookie') ?? '').split(';')[0])
    expect(session.get('toast')).toEqual({ key: 'errors:order.card.notDue', type: 'error' })
    expect(fake.since(from)).toEqual([])
  })
})

describe('refunds', () => {
  async function paidByCard() {
    const o = await order()
    const { paymentIntentId } = await expectOk(cardPaymentFor(o))
    await callRoute(webhookRoute.action, webhookRequest(JSON.stringify(succeeded({ id: paymentIntentId, amount: 2_625_000, metadata: { orderId: o.id } }))), {})
    expect((await prisma.order.findUniqueOrThrow({ where: { id: o.id } })).paymentStatus).toBe('PAID')
    return { o, paymentIntentId }
  }

  test('cancelling a paid card order refunds it through Stripe, once; charge.refunded makes it REFUNDED', async () => {
    const { o, paymentIntentId } = await paidByCard()
    const from = fake.calls.length
    const cancelled = await expectOk(transitionOrder({ orderId: o.id, actor: buyerActor(buyer.organization.id), to: 'CANCELLED', note: 'Không cần nữa' }))
    expect(cancelled.order.paymentStatus).toBe('REFUND_PENDING')
    // The refund is queued with the cancellation and made in the background.
    expect(fake.since(from)).toEqual([])
    await drainQueued()
    const [refund] = fake.since(from)
    expect([refund.method, refund.path, refund.form.get('payment_intent'), refund.form.get('metadata[orderId]'), refund.idempotencyKey]).toEqual([
      'POST',
      '/v1/refunds',
      paymentIntentId,
      o.id,
      `cvm-refund-${o.id}-${paymentIntentId}`,
    ])
    // Run again (a retry): the same key, so Stripe refunds once.
    await startCardRefund(o.id)
    expect(fake.since(from).map((c) => c.idempotencyKey)).toEqual([refund.idempotencyKey, refund.idempotencyKey])

    await callRoute(webhookRoute.action, webhookRequest(JSON.stringify(refunded({ intentId: paymentIntentId, amount: 2_625_000 }))), {})
    const after = await prisma.order.findUniqueOrThrow({ where: { id: o.id }, include: { events: true } })
    expect(after.paymentStatus).toBe('REFUNDED')
    expect(after.events.at(-1)).toMatchObject({ actorName: 'Stripe', details: expect.objectContaining({ payment: 'refunded' }) })
  })

  test('a refund Stripe refuses leaves the order REFUND_PENDING for operators; the cancellation still succeeds', async () => {
    const { o } = await paidByCard()
    fake.failRefunds(true)
    const from = fake.calls.length
    try {
      const cancelled = await transitionOrder({ orderId: o.id, actor: buyerActor(buyer.organization.id), to: 'CANCELLED', note: 'Không cần nữa' })
      expect(cancelled.ok).toBe(true)
      await drainQueued()
    } finally {
      fake.failRefunds(false)
    }
    expect((await prisma.order.findUniqueOrThrow({ where: { id: o.id } })).paymentStatus).toBe('REFUND_PENDING')
    // Asked once; Stripe said no and not to retry now: the queued refund waits to be tried again later.
    expect(fake.since(from).map((c) => c.path)).toEqual(['/v1/refunds'])
    const queued = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: CARD_REFUND_TOPIC }, orderBy: { id: 'desc' } })
    expect(queued).toMatchObject({ status: 'PENDING', attempts: 1, payload: { orderId: o.id } })
    expect(queued.runAfter.getTime()).toBeGreaterThan(Date.now())
  })
})

// ---------------------------------------------------------------------------------------------------------
// The order page

type PageData = Awaited<ReturnType<typeof orderPage.loader>>

/** The order page's markup as the server renders it, from its loader's data. */
async function renderOrderPage(data: PageData, path: string, lang: Language) {
  const routes = [
    {
      id: 'root',
      path: '/',
      loader: () => ({ csrfToken: 'csrf-token-123', lang }),
      Component: Outlet,
      children: [{ id: 'page', path: ':lang/orgs/:slug/orders/:number', loader: () => data as object, Component: orderPage.default as ComponentType }],
    },
  ]
  const handler = createStaticHandler(routes)
  const context = await handler.query(new Request(`http://localhost${path}`))
  if (context instanceof Response) throw new Error('unexpected redirect')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToString(h(I18nextProvider, { i18n: createI18n(lang, getResources(lang)) }, h(StaticRouterProvider, { router, context, hydrate: false })))
}

async function page(o: { number: string }, lang: Language = 'vi', query = '') {
  const path = `/${lang}/orgs/${buyer.organization.slug}/orders/${o.number}${query}`
  const res = await callRoute(orderPage.loader, buyerBrowser.get(path), { lang, slug: buyer.organization.slug, number: o.number })
  expect(res.status).toBe(200)
  const data = res.data as PageData
  return { data, html: await renderOrderPage(data, path, lang) }
}

describe('the order page', () => {
  test('a confirmed card order: the amount and a no-JS "Pay by card" form (no transfer details); Vietnamese and English', async () => {
    const o = await order()
    for (const lang of ['vi', 'en'] as const) {
      const { data, html } = await page(o, lang)
      expect(data.card).toEqual({ available: true, due: true, amountVnd: '2625000', waiting: false, cancelled: false, failureMessage: null })
      expect(data.bank).toBeNull()
      expect(html).toMatch(new RegExp(`<form[^>]*method="post"[^>]*action="/${lang}/orgs/${buyer.organization.slug}/orders/${o.number}/card"`))
      expect(html).toContain('name="csrf" value="csrf-token-123"')
      expect(html).toContain(lang === 'vi' ? 'Thanh toán 2.625.000' : 'Pay ₫2,625,000 by card')
      expect(html).toContain(lang === 'vi' ? 'trang thanh toán bảo mật của Stripe' : 'Stripe&#x27;s secure payment page')
      expect(html).not.toMatch(/card:|errors\.card/)
    }
  })

  test('back from Stripe: "received, waiting for confirmation" and no button; a failure shows Stripe\'s message; paid: nothing to pay', async () => {
    const o = await order()
    const back = await page(o, 'en', '?card=paid')
    expect(back.html).toContain('Card payment received, waiting for Stripe&#x27;s confirmation')
    expect(back.html).not.toContain('/card"')

    const { paymentIntentId } = await expectOk(cardPaymentFor(o))
    await callRoute(webhookRoute.action, webhookRequest(JSON.stringify(failed({ id: paymentIntentId, amount: 2_625_000, metadata: { orderId: o.id }, message: 'Your card was declined.' }))), {})
    const declined = await page(o, 'vi')
    expect(declined.data.card?.failureMessage).toBe('Your card was declined.')
    expect(declined.html).toContain('Lần thanh toán bằng thẻ gần nhất không thành công (Stripe báo: &quot;Your card was declined.&quot;)')
    expect(declined.html).toContain(`/orders/${o.number}/card"`)

    await callRoute(webhookRoute.action, webhookRequest(JSON.stringify(succeeded({ id: paymentIntentId, amount: 2_625_000, metadata: { orderId: o.id } }))), {})
    const paid = await page(o, 'vi')
    expect(paid.data.card?.due).toBe(false)
    expect(paid.html).not.toContain(`/orders/${o.number}/card"`)
  })

  test('a viewer sees the amount but no button', async () => {
    const o = await order()
    const path = `/en/orgs/${buyer.organization.slug}/orders/${o.number}`
    const res = await callRoute(orderPage.loader, viewerBrowser.get(path), { lang: 'en', slug: buyer.organization.slug, number: o.number })
    const html = await renderOrderPage(res.data as PageData, path, 'en')
    expect(html).toContain('Only members allowed to change orders can pay this order.')
    expect(html).not.toContain(`/orders/${o.number}/card"`)
  })
})

describe('without Stripe keys', () => {
  test('CARD is refused when ordering (400 on paymentMethod); a card order\'s page says so and shows the transfer instead; the API says 503', async () => {
    const o = await order()
    configureStripeForTests({})
    const from = fake.calls.length

    const refused = await placeApi(buyer, 'CARD')
    expect(refused.status).toBe(400)
    expect(refused.body.error.code).toBe('VALIDATION_ERROR')
    expect(Object.keys(refused.body.error.details)).toEqual(['paymentMethod'])
    expect((await placeApi(buyer, 'BANK_TRANSFER')).status).toBe(201)

    for (const lang of ['vi', 'en'] as const) {
      const { data, html } = await page(o, lang)
      expect(data.card).toMatchObject({ available: false, due: true })
      expect(data.bank).not.toBeNull()
      expect(html).not.toContain(`/orders/${o.number}/card"`)
      expect(html).toContain(lang === 'vi' ? 'Hiện chưa thanh toán bằng thẻ được trên sàn' : 'Card payments are not available on the platform right now')
      expect(html).toContain(o.paymentReference)
    }
    const api = await paymentIntent(buyer, o.id)
    expect(api.status).toBe(503)
    expect(api.body.error.code).toBe('CARD_PAYMENTS_UNAVAILABLE')
    const button = await callRoute(checkoutRoute.action, buyerBrowser.post(`/vi/orgs/${buyer.organization.slug}/orders/${o.number}/card`, {}), {
      lang: 'vi',
      slug: buyer.organization.slug,
      number: o.number,
    })
    expect(button.status).toBe(302)
    expect(fake.since(from)).toEqual([])
  })
})
