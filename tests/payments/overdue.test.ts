// Overdue invoices are told, not only flagged: from 00:00 Asia/Ho_Chi_Minh on the day after the due date, the
// scheduled job writes one history event per invoice (by the system, status unchanged) and the buyer's members
// get a mail in their own language with the amount still due, the due date, the order number, the reference and
// the link; never twice (a second run, a restart, two runs at once); paid and cancelled invoices are left alone.
// The buyer's order page shows the line in its history; the producer's does not.
import { Outlet } from '@remix-run/react'
import { createElement as h, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { beforeAll, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { placeOrders } from '~/modules/orders/place-orders.server'
import { markTransferReceived, recordInvoiceOverdue, transitionOrder } from '~/modules/orders/transitions.server'
import { drainOutbox } from '~/modules/outbox/outbox.server'
import { INVOICE_OVERDUE_JOB, markOverdueInvoices } from '~/modules/payments/overdue.server'
import { runScheduledJob } from '~/modules/scheduler/scheduler.server'
import * as detailRoute from '~/routes/orders/order'
import { prisma } from '~/utils/db.server'
import { formatDate, formatVnd } from '~/utils/format'
import { createI18n, type Language } from '~/utils/i18n'
import { getResources } from '~/utils/i18n.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, buyerWithAddress, confirm, expectOk, operator, placeOne, product } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser } from '../utils/routes'

type Org = Awaited<ReturnType<typeof makeOrg>>
type DetailData = { order: { events: { actorName: string; details: unknown }[] } }

/** 10 × 250,000 ₫ + 5% VAT. */
const HONEY_10 = 2_625_000n
/** 23:30 on 31 January in Vietnam: a 30-day invoice confirmed then is due on 2 March 2026. */
const CONFIRMED_AT = new Date('2026-01-31T16:30:00Z')
const DUE = '2026-03-02'
/** 23:59:59 on the due date, and 00:00 the day after, in Vietnam. */
const LAST_SECOND_OF_DUE_DATE = new Date('2026-03-02T16:59:59Z')
const FIRST_MINUTE_OVERDUE = new Date('2026-03-02T17:00:00Z')

let producer: Org
let honey: string

beforeAll(async () => {
  await ensureCategories()
  producer = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc', verificationStatus: 'VERIFIED' })
  honey = await product(producer.id, { stock: 100_000 })
})

/** A verified buyer with 30-day terms and a large limit. */
async function buyerOnTerms(name?: string) {
  const buyer = await buyerWithAddress(name)
  return prisma.organization.update({ where: { id: buyer.id }, data: { verificationStatus: 'VERIFIED', netTermsDays: 30, creditLimitVnd: 100_000_000n } })
}

async function member(organizationId: string, user: { name: string; email?: string; phone?: string; locale: string }) {
  return prisma.user.create({ data: { ...user, passwordHash: 'x', memberships: { create: { organizationId, role: 'MEMBER' } } } })
}

/** An order on terms for 10 jars of honey, confirmed (so INVOICED) at `confirmedAt`. */
async function invoice(buyerId: string, confirmedAt = CONFIRMED_AT) {
  const placed = await placeOrders({ buyerId, actor: { name: 'Chị Lan (mua hàng)' }, items: [{ productId: honey, quantity: 10 }], paymentMethod: 'NET_TERMS' })
  if (!placed.ok) throw new Error(`placeOrders: ${placed.error}`)
  const { order } = await expectOk(confirm(placed.orderIds[0], producer.id, { now: confirmedAt }))
  expect(order).toMatchObject({ paymentStatus: 'INVOICED', totalVnd: HONEY_10 })
  return order
}

const overdueEvents = (orderId: string) => prisma.orderEvent.findMany({ where: { orderId, details: { path: ['payment'], equals: 'overdue' } } })
const mailTo = (to: string) => prisma.devMessage.findMany({ where: { to }, orderBy: { createdAt: 'asc' } })
const mailsAbout = async (to: string, number: string) => (await mailTo(to)).filter((m) => m.subject?.includes(number) && /quá hạn|overdue/.test(m.subject))

async function drain() {
  while ((await drainOutbox(50, 'fast')) > 0);
}

/** Renders a route's page as the server would, with a root that hands out the CSRF token. */
async function renderPage(page: ComponentType, path: string, routePath: string, loaderData: unknown, lang: Language) {
  const routes = [
    {
      id: 'root',
      path: '/',
      loader: () => ({ csrfToken: 'csrf-token-123', lang }),
      Component: Outlet,
      children: [{ id: 'page', path: routePath, loader: () => loaderData as object, Component: page }],
    },
  ]
  const handler = createStaticHandler(routes)
  const context = await handler.query(new Request(`http://localhost${path}`))
  if (context instanceof Response) throw new Error('unexpected redirect')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToString(h(I18nextProvider, { i18n: createI18n(lang, getResources(lang)) }, h(StaticRouterProvider, { router, context, hydrate: false })))
}

test('nothing before the due date has passed; from 00:00 in Vietnam the next day, one event and one mail to each buyer member, in their language', async () => {
  const buyer = await buyerOnTerms('Siêu thị Sài Gòn')
  const suffix = buyer.id.slice(-6)
  const [lanEmail, johnEmail, paoEmail] = [`lan-${suffix}@sieuthi.vn`, `john-${suffix}@sieuthi.vn`, `pao-${suffix}@htx.vn`]
  await member(buyer.id, { name: 'Lan', email: lanEmail, locale: 'vi' })
  await member(buyer.id, { name: 'John', email: johnEmail, locale: 'en' })
  await member(producer.id, { name: 'Sùng A Páo', email: paoEmail, locale: 'vi' })
  const order = await invoice(buyer.id)
  expect(order.paymentDueDate?.toISOString().slice(0, 10)).toBe(DUE)
  // Part of it paid before the due date: the mail asks for the rest.
  await expectOk(markTransferReceived({ orderId: order.id, amountVnd: 1_000_000n, operator }))
  await drain()
  const messagesBefore = await prisma.outboxMessage.count({ where: { topic: 'order.changed' } })

  // The last second of the due date in Vietnam: not overdue yet.
  expect(await runScheduledJob(INVOICE_OVERDUE_JOB, LAST_SECOND_OF_DUE_DATE)).toBe(true)
  expect(await overdueEvents(order.id)).toHaveLength(0)
  expect(await prisma.outboxMessage.count({ where: { topic: 'order.changed' } })).toBe(messagesBefore)

  // 00:00 the next day in Vietnam (17:00 UTC on the due date).
  expect(await runScheduledJob(INVOICE_OVERDUE_JOB, FIRST_MINUTE_OVERDUE)).toBe(true)
  const [event] = await overdueEvents(order.id)
  expect(event).toMatchObject({ actor: 'system', fromStatus: 'CONFIRMED', toStatus: 'CONFIRMED', at: FIRST_MINUTE_OVERDUE, details: { payment: 'overdue', dueDate: DUE } })
  expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'CONFIRMED', paymentStatus: 'INVOICED', amountReceivedVnd: 1_000_000n })
  const message = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: 'order.changed', payload: { path: ['eventId'], equals: event.id } } })
  expect(message.payload).toEqual({ orderId: order.id, eventId: event.id, recipients: ['buyer'] })

  await drain()
  const [vi] = await mailsAbout(lanEmail, order.number)
  expect(vi.subject).toBe(`Đơn hàng ${order.number} đã quá hạn thanh toán`)
  expect(vi.text).toContain('Chào Lan,')
  expect(vi.text).toContain(`hoá đơn đến hạn ngày ${formatDate(`${DUE}T00:00:00+07:00`, 'vi')} và nay đã quá hạn`)
  expect(vi.text).toContain(`Số tiền còn phải trả: ${formatVnd(HONEY_10 - 1_000_000n, 'vi')}.`)
  expect(vi.text).toContain(`nội dung chuyển khoản: ${order.paymentReference}`)
  expect(vi.text).toContain(`http://localhost:3000/vi/orgs/${buyer.slug}/orders/${order.number}`)
  const [en] = await mailsAbout(johnEmail, order.number)
  expect(en.subject).toBe(`Payment for order ${order.number} is overdue`)
  expect(en.text).toContain('Hello John,')
  expect(en.text).toContain(`its invoice was due on ${formatDate(`${DUE}T00:00:00+07:00`, 'en')} and is now overdue`)
  expect(en.text).toContain(`Still due: ${formatVnd(HONEY_10 - 1_000_000n, 'en')}.`)
  expect(en.text).toContain(`with the reference ${order.paymentReference}`)
  expect(en.text).toContain(`http://localhost:3000/en/orgs/${buyer.slug}/orders/${order.number}`)
  // The producer is not told: the platform collects.
  expect(await mailsAbout(paoEmail, order.number)).toHaveLength(0)

  // A second turn, and a run as after a restart (the job's own function, nothing remembered in memory): nothing more.
  expect(await runScheduledJob(INVOICE_OVERDUE_JOB, new Date('2026-03-03T05:00:00Z'))).toBe(true)
  expect(await markOverdueInvoices(new Date('2026-03-10T05:00:00Z'))).not.toContain(order.id)
  expect(await recordInvoiceOverdue({ orderId: order.id, now: new Date('2026-03-10T05:00:00Z') })).toBe(false)
  await drain()
  expect(await overdueEvents(order.id)).toHaveLength(1)
  expect(await mailsAbout(lanEmail, order.number)).toHaveLength(1)
  expect(await mailsAbout(johnEmail, order.number)).toHaveLength(1)
})

test('two runs at once tell each invoice once', async () => {
  const buyer = await buyerOnTerms()
  const suffix = buyer.id.slice(-6)
  await member(buyer.id, { name: 'Mai', email: `mai-${suffix}@sieuthi.vn`, locale: 'vi' })
  const orders = [await invoice(buyer.id), await invoice(buyer.id), await invoice(buyer.id)]
  const ids = orders.map((o) => o.id)
  const now = new Date('2026-03-04T02:00:00Z')

  const [a, b] = await Promise.all([markOverdueInvoices(now), markOverdueInvoices(now)])
  // Each invoice was marked by exactly one of the runs.
  expect([...a, ...b].filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort())
  // The same order from two callers at once: one writes, the other finds it done.
  const late = await invoice(buyer.id)
  expect((await Promise.all([recordInvoiceOverdue({ orderId: late.id, now }), recordInvoiceOverdue({ orderId: late.id, now })])).sort()).toEqual([false, true])
  for (const id of [...ids, late.id]) expect(await overdueEvents(id)).toHaveLength(1)

  await drain()
  for (const o of [...orders, late]) expect(await mailsAbout(`mai-${suffix}@sieuthi.vn`, o.number)).toHaveLength(1)
})

test('paid, cancelled and bank-transfer orders are never marked; an invoice paid after it was told is not told again', async () => {
  const buyer = await buyerOnTerms()
  const paid = await invoice(buyer.id)
  await expectOk(markTransferReceived({ orderId: paid.id, amountVnd: HONEY_10, operator }))
  // Overdue, then paid before the job came round.
  const paidLate = await invoice(buyer.id)
  await expectOk(markTransferReceived({ orderId: paidLate.id, amountVnd: HONEY_10, operator, now: new Date('2026-03-05T03:00:00Z') }))
  // Cancelled: the invoice is void (UNPAID again), and with money received it is a refund to make.
  const cancelled = await invoice(buyer.id)
  await expectOk(transitionOrder({ orderId: cancelled.id, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Không cần nữa' }))
  const refund = await invoice(buyer.id)
  await expectOk(markTransferReceived({ orderId: refund.id, amountVnd: 500_000n, operator }))
  await expectOk(transitionOrder({ orderId: refund.id, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Đổi nhà cung cấp' }))
  // An unpaid bank-transfer order confirmed as long ago has no due date.
  const transfer = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
  await expectOk(confirm(transfer, producer.id, { now: CONFIRMED_AT }))
  // Not due yet: confirmed a week before the run.
  const current = await invoice(buyer.id, new Date('2026-02-26T03:00:00Z'))
  // A control, so the run is known to mark what it should.
  const open = await invoice(buyer.id)

  const marked = await markOverdueInvoices(new Date('2026-03-10T03:00:00Z'))
  expect(marked).toContain(open.id)
  for (const id of [paid.id, paidLate.id, cancelled.id, refund.id, transfer, current.id]) {
    expect(marked).not.toContain(id)
    expect(await overdueEvents(id)).toHaveLength(0)
    expect(await recordInvoiceOverdue({ orderId: id, now: new Date('2026-03-10T03:00:00Z') })).toBe(false)
  }
  expect(await prisma.order.findUniqueOrThrow({ where: { id: cancelled.id } })).toMatchObject({ status: 'CANCELLED', paymentStatus: 'UNPAID' })
  expect(await prisma.order.findUniqueOrThrow({ where: { id: refund.id } })).toMatchObject({ paymentStatus: 'REFUND_PENDING' })

  // Told, then paid: the payment is recorded as usual and nothing about overdue is written again.
  await expectOk(markTransferReceived({ orderId: open.id, amountVnd: HONEY_10, operator, now: new Date('2026-03-11T03:00:00Z') }))
  expect(await markOverdueInvoices(new Date('2026-03-12T03:00:00Z'))).not.toContain(open.id)
  expect(await overdueEvents(open.id)).toHaveLength(1)
  expect(await recordInvoiceOverdue({ orderId: 'no-such-order' })).toBe(false)
})

test('the buyer’s order page shows "Invoice overdue (due …)" in its history, in both languages; the producer’s does not', async () => {
  const buyer = await buyerOnTerms('Siêu thị Bình Tây')
  const [buyerUser, producerUser] = [await createUser({ name: 'Chị Hà' }), await createUser({ name: 'Anh Sơn' })]
  await prisma.membership.createMany({
    data: [
      { userId: buyerUser.id, organizationId: buyer.id, role: 'OWNER' },
      { userId: producerUser.id, organizationId: producer.id, role: 'MEMBER' },
    ],
  })
  const [asBuyer, asProducer] = [await browserFor(buyerUser.id), await browserFor(producerUser.id)]
  const order = await invoice(buyer.id)
  expect(await markOverdueInvoices(FIRST_MINUTE_OVERDUE)).toContain(order.id)

  const page = async (org: { slug: string }, browser: typeof asBuyer, lang: Language) => {
    const path = `/${lang}/orgs/${org.slug}/orders/${order.number}`
    const loaded = await callRoute(detailRoute.loader, browser.get(path), { lang, slug: org.slug, number: order.number })
    expect(loaded.status).toBe(200)
    const data = loaded.data as DetailData
    return { data, html: await renderPage(detailRoute.default, path, ':lang/orgs/:slug/orders/:number', data, lang) }
  }
  const vi = await page(buyer, asBuyer, 'vi')
  // The history is in time order: the order was placed today, but confirmed and told on the test's earlier dates.
  expect(vi.data.order.events.find((e) => (e.details as { payment?: string } | null)?.payment === 'overdue')).toMatchObject({ actorName: 'Hệ thống Chợ Vùng Miền', details: { payment: 'overdue', dueDate: DUE } })
  expect(vi.html).toContain(`Hoá đơn đã quá hạn thanh toán (đến hạn ${formatDate(`${DUE}T00:00:00+07:00`, 'vi')})`)
  const en = await page(buyer, asBuyer, 'en')
  expect(en.html).toContain(`Invoice overdue (due ${formatDate(`${DUE}T00:00:00+07:00`, 'en')})`)
  expect(en.html).not.toMatch(/\borders:timeline\./)

  const producerView = await page(producer, asProducer, 'vi')
  expect(producerView.data.order.events.some((e) => (e.details as { payment?: string } | null)?.payment === 'overdue')).toBe(false)
  expect(producerView.html).not.toContain('Hoá đơn đã quá hạn thanh toán')
})
