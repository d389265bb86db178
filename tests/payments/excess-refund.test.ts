// The excess of an overpaid order: a statement line (or an operator) records more than the total, the order is
// PAID and the excess is listed under the refunds to make on the operators' payments page until an operator
// marks it returned (all of it, or part of it at a time, never more than owed), through the page's real action
// (guard, CSRF, validation) or the admin CLI. The buyer is told and sees it on the order page; the producer's
// ledger is not affected (its sale is the order total).
import { Outlet } from '@remix-run/react'
import { createElement as h, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { beforeAll, describe, expect, test } from 'vitest'
import { runAdminCommand } from '~/modules/admin/commands.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { markExcessRefunded, markRefunded, markTransferReceived, transitionOrder } from '~/modules/orders/transitions.server'
// Registers the handler that mails an order's change to its buyer.
import '~/modules/orders/notifications.server'
import { drainOutbox } from '~/modules/outbox/outbox.server'
import { importStatement, statementReport } from '~/modules/payments/statements.server'
import * as detailRoute from '~/routes/orders/order'
import * as paymentsRoute from '~/routes/operator/payments'
import { prisma } from '~/utils/db.server'
import { formatDate, formatVnd } from '~/utils/format'
import { createI18n, type Language } from '~/utils/i18n'
import { getResources } from '~/utils/i18n.server'
import { sessionStorage } from '~/utils/session.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, buyerWithAddress, confirm, expectOk, operator, placeOne, product } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>
type PageData = Awaited<ReturnType<typeof paymentsRoute.loader>>
type Reply = { form: string; result: { status: string; error?: Record<string, string[]>; initialValue?: Record<string, unknown> } }

const PATH = '/vi/operator/payments'
const params = { lang: 'vi' }

/** 10 × 250,000 ₫ at 5% VAT: 2,625,000 ₫ once confirmed; a transfer of 3,000,000 ₫ leaves 375,000 ₫ to return. */
const TOTAL = 2_625_000n
const PAID = 3_000_000n
const EXCESS = PAID - TOTAL

let operatorBrowser: Browser
let memberBrowser: Browser
let buyerBrowser: Browser
let producerBrowser: Browser
let buyer: { id: string; slug: string }
let producer: { id: string; slug: string }
let buyerEmail: string
let productId: string

beforeAll(async () => {
  await ensureCategories()
  const [op, member, buyerUser] = await Promise.all([createUser({ name: 'Nguyễn Minh Châu' }), createUser(), createUser({ name: 'Chị Lan' })])
  buyerEmail = buyerUser.email!
  await prisma.user.update({ where: { id: op.id }, data: { platformRoles: ['OPERATOR'] } })
  // A household business: the platform withholds VAT and PIT on its sales, so the ledger has every kind of row.
  producer = await makeOrg('PRODUCER', { name: 'Hộ kinh doanh Mật ong Bắc Kạn', verificationStatus: 'VERIFIED', memberId: member.id })
  await prisma.organization.update({ where: { id: producer.id }, data: { legalForm: 'HOUSEHOLD_BUSINESS' } })
  buyer = await buyerWithAddress('Siêu thị Co.op')
  await prisma.membership.create({ data: { userId: buyerUser.id, organizationId: buyer.id, role: 'MEMBER' } })
  productId = await product(producer.id, { stock: 1000 })
  operatorBrowser = await browserFor(op.id)
  memberBrowser = await browserFor(member.id)
  buyerBrowser = await browserFor(buyerUser.id)
  producerBrowser = memberBrowser
})

async function confirmedOrder() {
  const orderId = await placeOne(buyer.id, [{ productId, quantity: 10 }])
  await expectOk(confirm(orderId, producer.id))
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } })
  expect(order.totalVnd).toBe(TOTAL)
  return order
}

/** A confirmed order the buyer paid 3,000,000 ₫ for, recorded by hand. */
async function overpaidOrder() {
  const order = await confirmedOrder()
  await expectOk(markTransferReceived({ orderId: order.id, amountVnd: PAID, operator }))
  return prisma.order.findUniqueOrThrow({ where: { id: order.id } })
}

const page = async (browser: Browser = operatorBrowser, query = '') => {
  const res = await callRoute(paymentsRoute.loader, browser.get(`${PATH}${query}`), params)
  expect(res.status).toBe(200)
  return res.data as PageData
}

const markExcess = (browser: Browser, orderId: string, amount: string, extra: Record<string, string> = {}) =>
  callRoute(paymentsRoute.action, browser.post(PATH, { intent: 'excess', form: `list-excess-${orderId}`, orderId, amount, note: '', ...extra }), params)

async function toastOf(res: { headers: Headers }) {
  const session = await sessionStorage().getSession((res.headers.get('Set-Cookie') ?? '').split(';')[0])
  return session.get('toast')
}

const stateOf = (orderId: string) =>
  prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { status: true, paymentStatus: true, amountReceivedVnd: true, excessRefundedVnd: true, _count: { select: { events: true } } },
  })

const ledgerOf = (orderId: string) =>
  prisma.ledgerEntry.findMany({ where: { orderId }, orderBy: [{ kind: 'asc' }, { reversal: 'asc' }], select: { id: true, kind: true, reversal: true, amountVnd: true, baseVnd: true } })

const vnd = (amount: bigint, lang: Language = 'vi') => formatVnd(amount, lang)

async function drain() {
  while ((await drainOutbox(50, 'fast')) > 0);
}

/** Renders a route's page as the server would, with a root that hands out the CSRF token (and the action's reply, if any). */
async function renderPage(component: ComponentType, path: string, routePath: string, loaderData: unknown, lang: Language, reply?: unknown) {
  const routes = [
    {
      id: 'root',
      path: '/',
      loader: () => ({ csrfToken: 'csrf-token-123', lang }),
      Component: Outlet,
      children: [{ id: 'page', path: routePath, loader: () => loaderData as object, action: () => (reply ?? null) as object | null, Component: component }],
    },
  ]
  const handler = createStaticHandler(routes)
  const request = reply ? new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams({ intent: 'x' }) }) : new Request(`http://localhost${path}`)
  const context = await handler.query(request)
  if (context instanceof Response) throw new Error('unexpected redirect')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToString(h(I18nextProvider, { i18n: createI18n(lang, getResources(lang)) }, h(StaticRouterProvider, { router, context, hydrate: false })))
}

/** The buyer's (or producer's) order page: its loader's data and its markup. */
async function orderPage(org: { slug: string }, browser: Browser, number: string, lang: Language = 'vi') {
  const path = `/${lang}/orgs/${org.slug}/orders/${number}`
  const res = await callRoute(detailRoute.loader, browser.get(path), { lang, slug: org.slug, number })
  expect(res.status).toBe(200)
  return renderPage(detailRoute.default, path, ':lang/orgs/:slug/orders/:number', res.data, lang)
}

/** The text of rendered markup, tags dropped and entities decoded, for comparing sentences. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&nbsp;/g, '\u00a0')

describe('an overpaying statement line, listed, returned, gone', () => {
  test('the OVERPAID line makes the order PAID; the excess is listed under refunds to make; marking it returned takes it off, audited and told to the buyer; the ledger stays as it was', async () => {
    const order = await confirmedOrder()
    const text = ['date,amount,description,transactionId', `27/11/2026,3.000.000,CK ${order.paymentReference} COOP,FT26331900001`].join('\n')
    const imported = await importStatement({ text, fileName: 'vcb.csv', operator })
    if (!imported.ok) throw new Error('statement refused')
    const report = (await statementReport(imported.statementId))!
    expect(report.lines.map((l) => [l.outcome, l.order?.number])).toEqual([['OVERPAID', order.number]])
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'PAID', amountReceivedVnd: PAID, excessRefundedVnd: 0n })

    // The ledger credits the producer with the total, never with what was received.
    const ledger = await ledgerOf(order.id)
    expect(ledger.find((r) => r.kind === 'SALE')).toMatchObject({ amountVnd: TOTAL, reversal: false })
    expect(ledger.filter((r) => r.kind !== 'SALE').every((r) => r.baseVnd === TOTAL)).toBe(true)
    expect(ledger.map((r) => r.kind).sort()).toEqual(['PIT_WITHHELD', 'PLATFORM_FEE', 'SALE', 'VAT_WITHHELD'])

    const before = await page()
    const listed = before.excess.items.find((o) => o.id === order.id)
    expect(listed).toMatchObject({ number: order.number, paymentStatus: 'PAID', total: '2625000', received: '3000000', excess: '375000', excessRefunded: '0', excessOwed: '375000' })
    expect(before.excess.total).toBe(before.excess.items.length)
    expect(before.refunds.items.map((o) => o.id)).not.toContain(order.id)

    const res = await markExcess(operatorBrowser, order.id, '375.000', { note: 'FT26332000777' })
    expect(res.status).toBe(302)
    expect(res.location).toBe(PATH)
    expect(await toastOf(res)).toMatchObject({ key: 'operator:toast.excessRefunded', values: { number: order.number, amount: vnd(EXCESS), owed: vnd(0n) } })
    expect(await stateOf(order.id)).toMatchObject({ status: 'CONFIRMED', paymentStatus: 'PAID', amountReceivedVnd: PAID, excessRefundedVnd: EXCESS })

    const after = await page()
    expect(after.excess.items.map((o) => o.id)).not.toContain(order.id)
    expect(after.excess.total).toBe(before.excess.total - 1)

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'orders.mark-excess-refunded', target: `order:${order.number}` } })
    expect(audit.actor).toMatch(/^user:/)
    expect(audit.details).toMatchObject({ orderId: order.id, amountVnd: '375000', excessRefundedVnd: '375000', excessVnd: '375000', note: 'FT26332000777' })

    const event = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id }, orderBy: [{ at: 'desc' }, { id: 'desc' }] })
    expect(event).toMatchObject({ actorName: 'Nguyễn Minh Châu', fromStatus: 'CONFIRMED', toStatus: 'CONFIRMED', note: 'FT26332000777' })
    expect(event.details).toEqual({ payment: 'excessRefunded', amountVnd: '375000', excessVnd: '375000', excessRefundedVnd: '375000' })
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: 'order.changed', payload: { path: ['eventId'], equals: event.id } } })
    expect(message.payload).toMatchObject({ recipients: ['buyer'] })
    await drain()
    const mails = (await prisma.devMessage.findMany({ where: { to: buyerEmail } })).filter((m) => m.subject?.includes(order.number) && m.subject.includes('chuyển thừa'))
    expect(mails).toHaveLength(1)
    expect(mails[0].text).toContain(`Chợ Vùng Miền đã trả lại ${vnd(EXCESS)} tiền bạn chuyển thừa cho đơn hàng ${order.number}`)

    // Returning the excess is not a refund of the sale: the producer's rows are untouched.
    expect(await ledgerOf(order.id)).toEqual(ledger)
  })
})

describe('amounts', () => {
  test('part of the excess, then the rest; more than owed, an empty or a bad amount is refused keeping what was typed; then nothing is left to return', async () => {
    const order = await overpaidOrder()
    const part = await markExcess(operatorBrowser, order.id, '100000')
    expect(part.status).toBe(302)
    expect(await toastOf(part)).toMatchObject({ key: 'operator:toast.excessRefundedPart', values: { amount: vnd(100_000n), owed: vnd(275_000n) } })
    expect((await page()).excess.items.find((o) => o.id === order.id)).toMatchObject({ excess: '375000', excessRefunded: '100000', excessOwed: '275000' })

    const unchanged = await stateOf(order.id)
    for (const [amount, error] of [
      ['275001', 'order.payment.excessTooLarge'],
      ['', 'operator:payments.excess.amount.required'],
      ['12,5', 'operator:payments.excess.amount.invalid'],
      ['0', 'operator:payments.excess.amount.invalid'],
      ['20000000000000', 'operator:payments.excess.amount.tooLarge'],
    ]) {
      const res = await markExcess(operatorBrowser, order.id, amount, { note: 'giữ lại' })
      expect(res.status).toBe(400)
      const reply = res.data as Reply
      expect(reply.form).toBe(`list-excess-${order.id}`)
      expect(reply.result.error?.amount).toEqual([error])
      if (amount) expect(reply.result.initialValue).toMatchObject({ amount, note: 'giữ lại' })
      expect(await stateOf(order.id)).toEqual(unchanged)
    }

    const rest = await markExcess(operatorBrowser, order.id, '275.000')
    expect(await toastOf(rest)).toMatchObject({ key: 'operator:toast.excessRefunded', values: { amount: vnd(275_000n) } })
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'PAID', excessRefundedVnd: EXCESS })
    expect((await page()).excess.items.map((o) => o.id)).not.toContain(order.id)

    // Sent again (a second tab): nothing left to return, the page says so and nothing changes.
    const done = await stateOf(order.id)
    const again = await markExcess(operatorBrowser, order.id, '1000')
    expect(again.status).toBe(302)
    expect(await toastOf(again)).toMatchObject({ key: 'errors:order.payment.noExcess', type: 'error' })
    expect(await stateOf(order.id)).toEqual(done)
    expect(await prisma.auditLog.count({ where: { action: 'orders.mark-excess-refunded', target: `order:${order.number}` } })).toBe(2)
  })

  test('without an amount, all the excess still owed is returned; the function refuses more than owed and says how much is owed', async () => {
    const order = await overpaidOrder()
    expect(await markExcessRefunded({ orderId: order.id, operator, amountVnd: EXCESS + 1n })).toEqual({ ok: false, error: 'order.payment.excessTooLarge', owedVnd: EXCESS })
    expect(await markExcessRefunded({ orderId: order.id, operator, amountVnd: 0n })).toEqual({ ok: false, error: 'order.payment.amountInvalid' })
    const { order: after, amountVnd } = await expectOk(markExcessRefunded({ orderId: order.id, operator }))
    expect(amountVnd).toBe(EXCESS)
    expect(after).toMatchObject({ paymentStatus: 'PAID', excessRefundedVnd: EXCESS })
    expect(await markExcessRefunded({ orderId: order.id, operator })).toEqual({ ok: false, error: 'order.payment.noExcess' })
  })

  test('the database itself refuses an excess returned beyond the overpayment', async () => {
    const order = await overpaidOrder()
    await expect(prisma.order.update({ where: { id: order.id }, data: { excessRefundedVnd: EXCESS + 1n } })).rejects.toThrow()
    await expect(prisma.order.update({ where: { id: order.id }, data: { excessRefundedVnd: -1n } })).rejects.toThrow()
    expect(await stateOf(order.id)).toMatchObject({ excessRefundedVnd: 0n })
  })
})

describe('orders without excess', () => {
  test('an order paid exactly, an unpaid one, and one not found: refused, nothing changes', async () => {
    const exact = await confirmedOrder()
    await expectOk(markTransferReceived({ orderId: exact.id, amountVnd: TOTAL, operator }))
    const unpaid = await confirmedOrder()
    for (const order of [exact, unpaid]) {
      const before = await stateOf(order.id)
      expect(await markExcessRefunded({ orderId: order.id, operator, amountVnd: 1000n })).toEqual({ ok: false, error: 'order.payment.noExcess' })
      const res = await markExcess(operatorBrowser, order.id, '1000')
      expect(await toastOf(res)).toMatchObject({ key: 'errors:order.payment.noExcess', type: 'error' })
      expect(await stateOf(order.id)).toEqual(before)
    }
    expect((await markExcess(operatorBrowser, 'no-such-order', '1000')).status).toBe(404)
    const listed = (await page()).excess.items.map((o) => o.id)
    expect(listed).not.toContain(exact.id)
    expect(listed).not.toContain(unpaid.id)
  })

  test('a transfer before confirmation is not an excess yet: the total may still change', async () => {
    const orderId = await placeOne(buyer.id, [{ productId, quantity: 10 }])
    await expectOk(markTransferReceived({ orderId, amountVnd: PAID, operator }))
    expect(await markExcessRefunded({ orderId, operator })).toEqual({ ok: false, error: 'order.payment.noExcess' })
    expect((await page()).excess.items.map((o) => o.id)).not.toContain(orderId)
  })

  test('an overpaid order cancelled after part of its excess went back is refunded whole: what was received less what was returned', async () => {
    const order = await overpaidOrder()
    await expectOk(markExcessRefunded({ orderId: order.id, operator, amountVnd: 100_000n }))
    await expectOk(transitionOrder({ orderId: order.id, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Đổi kế hoạch' }))
    expect(await stateOf(order.id)).toMatchObject({ status: 'CANCELLED', paymentStatus: 'REFUND_PENDING', excessRefundedVnd: 100_000n })
    expect(await markExcessRefunded({ orderId: order.id, operator })).toEqual({ ok: false, error: 'order.payment.noExcess' })

    const data = await page()
    expect(data.excess.items.map((o) => o.id)).not.toContain(order.id)
    expect(data.refunds.items.find((o) => o.id === order.id)).toMatchObject({ received: '3000000', toRefund: '2900000' })
    const { order: refunded } = await expectOk(markRefunded({ orderId: order.id, operator }))
    expect(refunded.events.at(-1)?.details).toMatchObject({ payment: 'refunded', amountVnd: '2900000' })
    // The sale is reversed as for any refund: the reversal rows mirror the original ones.
    const ledger = await ledgerOf(order.id)
    const net = ledger.reduce((sum, r) => sum + r.amountVnd, 0n)
    expect(net).toBe(0n)
  })
})

describe('who may do it', () => {
  test('a signed-in user without the OPERATOR role gets a 404; a form without the CSRF token a 403; nothing changes', async () => {
    const order = await overpaidOrder()
    const before = await stateOf(order.id)
    expect((await markExcess(memberBrowser, order.id, '375000')).status).toBe(404)
    expect((await markExcess(buyerBrowser, order.id, '375000')).status).toBe(404)
    const noCsrf = await callRoute(paymentsRoute.action, operatorBrowser.post(PATH, { intent: 'excess', orderId: order.id, amount: '375000' }, { csrf: false }), params)
    expect(noCsrf.status).toBe(403)
    expect(await stateOf(order.id)).toEqual(before)
  })
})

describe('the pages', () => {
  test('the payments page lists the excess with a prefilled no-JS form, in both languages, and keeps a refused amount', async () => {
    const order = await overpaidOrder()
    for (const lang of ['vi', 'en'] as const) {
      const path = `/${lang}/operator/payments`
      const data = (await callRoute(paymentsRoute.loader, operatorBrowser.get(path), { lang })).data
      const html = await renderPage(paymentsRoute.default, path, ':lang/operator/payments', data, lang)
      const form = new RegExp(`<form[^>]*method="post"[^>]*id="list-excess-${order.id}"|<form[^>]*id="list-excess-${order.id}"[^>]*method="post"`)
      expect(html).toMatch(form)
      expect(html).toContain('name="csrf" value="csrf-token-123"')
      expect(html).toMatch(new RegExp(`id="list-excess-${order.id}-amount"[^>]*value="375000"|value="375000"[^>]*id="list-excess-${order.id}-amount"`))
      expect(textOf(html)).toContain(lang === 'vi' ? 'Đánh dấu đã trả tiền thừa' : 'Mark excess returned')
      expect(textOf(html)).toContain(lang === 'vi' ? 'Còn phải trả lại' : 'Excess to return')
    }
    const refused = await markExcess(operatorBrowser, order.id, '999.999')
    expect(refused.status).toBe(400)
    const data = await page()
    const html = await renderPage(paymentsRoute.default, PATH, ':lang/operator/payments', data, 'vi', refused.data)
    expect(html).toMatch(/value="999.999"/)
    expect(textOf(html)).toContain('Số tiền này lớn hơn số tiền thừa còn phải trả lại cho bên mua.')
  })

  test('the buyer sees the excess to be returned, then when it was returned; the producer does not', async () => {
    const order = await overpaidOrder()
    const owedVi = textOf(await orderPage(buyer, buyerBrowser, order.number))
    expect(owedVi).toContain(`Bạn đã chuyển thừa ${vnd(EXCESS)} so với tổng tiền: sàn sẽ trả lại khoản này cho bạn.`)
    expect(textOf(await orderPage(buyer, buyerBrowser, order.number, 'en'))).toContain(`You paid ${vnd(EXCESS, 'en')} more than the total: we will return it to you.`)
    expect(textOf(await orderPage(producer, producerBrowser, order.number))).not.toContain('chuyển thừa')

    const returnedAt = new Date('2026-11-27T18:30:00Z') // 28 November in Vietnam
    await expectOk(markExcessRefunded({ orderId: order.id, operator, amountVnd: 100_000n, now: returnedAt }))
    const partly = textOf(await orderPage(buyer, buyerBrowser, order.number))
    expect(partly).toContain(`sàn đã trả lại ${vnd(100_000n)} ngày ${formatDate(returnedAt, 'vi')}, còn ${vnd(275_000n)} sẽ được trả lại.`)
    expect(formatDate(returnedAt, 'vi')).toContain('28')
    // The history names the return too.
    expect(partly).toContain(`Sàn đã trả lại ${vnd(100_000n)} tiền chuyển thừa (tổng cộng ${vnd(100_000n)} / ${vnd(EXCESS)})`)

    await expectOk(markExcessRefunded({ orderId: order.id, operator, now: returnedAt }))
    const en = textOf(await orderPage(buyer, buyerBrowser, order.number, 'en'))
    expect(en).toContain(`You paid ${vnd(EXCESS, 'en')} more than the total: it was returned to you on ${formatDate(returnedAt, 'en')}.`)
  })
})

describe('the admin command line', () => {
  const ACTOR = 'cli:operator@test-host'
  const run = (...argv: string[]) => runAdminCommand(argv, ACTOR)

  test('orders mark-excess-refunded: part with --amount, the rest without; more than owed or no excess is refused; audited', async () => {
    const order = await overpaidOrder()
    expect((await run('help')).stdout).toContain('orders mark-excess-refunded')
    const shown = await run('orders', 'show', order.number)
    expect(shown.stdout).toContain('375,000 VND paid in excess, 0 VND returned, 375,000 VND still owed')

    const part = await run('orders', 'mark-excess-refunded', order.paymentReference.toLowerCase(), '--amount', '100.000', '--note', 'FT26332000888')
    expect(part).toEqual({
      stdout: `${order.number}: 100,000 VND of the excess returned (100,000 VND of 375,000 VND in all); 275,000 VND still owed; payment PAID\n`,
      stderr: '',
      exitCode: 0,
    })
    expect(await prisma.auditLog.findFirstOrThrow({ where: { actor: ACTOR, action: 'orders.mark-excess-refunded' }, orderBy: { id: 'desc' } })).toMatchObject({
      target: `order:${order.number}`,
      details: expect.objectContaining({ amountVnd: '100000', excessRefundedVnd: '100000', note: 'FT26332000888' }),
    })

    const tooMuch = await run('orders', 'mark-excess-refunded', order.number, '--amount', '275001')
    expect(tooMuch).toEqual({ stdout: '', stderr: `${order.number}: --amount is more than the excess still owed to the buyer. Still owed: 275,000 VND.\n`, exitCode: 1 })
    expect((await run('orders', 'mark-excess-refunded', order.number, '--amount', 'abc')).exitCode).toBe(2)

    const rest = await run('orders', 'mark-excess-refunded', order.number)
    expect(rest.stdout).toBe(`${order.number}: 275,000 VND of the excess returned (375,000 VND of 375,000 VND in all); nothing more owed; payment PAID\n`)
    const none = await run('orders', 'mark-excess-refunded', order.number)
    expect(none.exitCode).toBe(1)
    expect(none.stderr).toContain('has no excess to return')
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'PAID', excessRefundedVnd: EXCESS })
  })
})
