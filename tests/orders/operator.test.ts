// The operators' payments page through its real loader and action (guard, CSRF, validation): only operators
// see it; it lists orders awaiting a transfer and refunds to make; recording a transfer pays the order in full
// or leaves it unpaid with the amount received; a bad amount is refused keeping what was typed; refunds close.
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import * as paymentsRoute from '~/routes/operator/payments'
import { prisma } from '~/utils/db.server'
import { getT } from '~/utils/i18n.server'
import { sessionStorage } from '~/utils/session.server'
import { makeOrg } from '../catalog/fixtures'
import { browserFor, callRoute, createUser } from '../utils/routes'
import { buyerActor, buyerWithAddress, confirm, expectOk, operator as fixtureOperator, placeOne, product } from './order-fixtures'
import { markTransferReceived, transitionOrder } from '~/modules/orders/transitions.server'

type Browser = Awaited<ReturnType<typeof browserFor>>
type PageData = Awaited<ReturnType<typeof paymentsRoute.loader>>
type Reply = { form: string; result: { status: string; error?: Record<string, string[]>; initialValue?: Record<string, unknown> } }

const PATH = '/vi/operator/payments'
const params = { lang: 'vi' }

let operatorUser: { id: string; name: string }
let operatorBrowser: Browser
let memberBrowser: Browser
let anonymous: Browser
let buyer: { id: string; displayName: string }
let producer: { id: string; displayName: string }
let productId: string

/** An order of 10 × 250,000 ₫ at 5% VAT with 75,000 ₫ shipping: 2,700,000 ₫ once confirmed. */
async function confirmedOrder(confirmedDaysAgo = 0) {
  const orderId = await placeOne(buyer.id, [{ productId, quantity: 10 }])
  await expectOk(confirm(orderId, producer.id, { shippingFeeVnd: 75_000n, now: new Date(Date.now() - confirmedDaysAgo * 86_400_000) }))
  return prisma.order.findUniqueOrThrow({ where: { id: orderId } })
}

/** A paid order the buyer then cancelled: its money has to go back. */
async function refundPendingOrder() {
  const order = await confirmedOrder()
  await expectOk(markTransferReceived({ orderId: order.id, amountVnd: order.totalVnd, operator: fixtureOperator }))
  await expectOk(transitionOrder({ orderId: order.id, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Hủy vì đổi kế hoạch' }))
  return prisma.order.findUniqueOrThrow({ where: { id: order.id } })
}

const page = async (browser: Browser, query = '') => {
  const res = await callRoute(paymentsRoute.loader, browser.get(`${PATH}${query}`), params)
  expect(res.status).toBe(200)
  return res.data as PageData
}

const transfer = (browser: Browser, orderId: string, amount: string, extra: Record<string, string> = {}, query = '') =>
  callRoute(paymentsRoute.action, browser.post(`${PATH}${query}`, { intent: 'transfer', form: `list-transfer-${orderId}`, orderId, amount, note: '', ...extra }), params)

/** The one-time message the redirect carries. */
async function toastOf(res: { headers: Headers }) {
  const setCookie = res.headers.get('Set-Cookie') ?? ''
  const session = await sessionStorage().getSession(setCookie.split(';')[0])
  return session.get('toast')
}

const stateOf = (orderId: string) =>
  prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, paymentStatus: true, amountReceivedVnd: true, _count: { select: { events: true } } } })

beforeAll(async () => {
  await ensureCategories()
  const [op, member] = await Promise.all([createUser({ name: 'Nguyễn Minh Châu' }), createUser()])
  await prisma.user.update({ where: { id: op.id }, data: { platformRoles: ['OPERATOR'] } })
  operatorUser = op
  producer = await makeOrg('PRODUCER', { name: 'HTX Chè Shan Tuyết', verificationStatus: 'VERIFIED', memberId: member.id })
  buyer = await buyerWithAddress('Siêu thị Co.op')
  productId = await product(producer.id, { stock: 1000 })
  operatorBrowser = await browserFor(op.id)
  memberBrowser = await browserFor(member.id)
  anonymous = await browserFor()
})

describe('who may see it', () => {
  test('a signed-in user without the OPERATOR role gets a 404, page and form alike; nobody signed in goes to log in', async () => {
    const order = await confirmedOrder()
    expect((await callRoute(paymentsRoute.loader, memberBrowser.get(PATH), params)).status).toBe(404)
    const post = await transfer(memberBrowser, order.id, '2700000')
    expect(post.status).toBe(404)
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'UNPAID', amountReceivedVnd: 0n })
    const anon = await callRoute(paymentsRoute.loader, anonymous.get(PATH), params)
    expect(anon.status).toBe(302)
    expect(anon.location).toContain('/vi/login')
  })

  test('a form without the CSRF token is refused before anything is written', async () => {
    const order = await confirmedOrder()
    const res = await callRoute(paymentsRoute.action, operatorBrowser.post(PATH, { intent: 'transfer', orderId: order.id, amount: '2700000' }, { csrf: false }), params)
    expect(res.status).toBe(403)
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'UNPAID', amountReceivedVnd: 0n })
  })
})

describe('the lists and the search', () => {
  test('awaiting a transfer: confirmed unpaid orders, oldest first, with the amount due, parties and reference; not placed or paid ones', async () => {
    const older = await confirmedOrder(3)
    const newer = await confirmedOrder(1)
    const placed = await placeOne(buyer.id, [{ productId, quantity: 10 }])
    const paid = await confirmedOrder(2)
    await expectOk(markTransferReceived({ orderId: paid.id, amountVnd: paid.totalVnd, operator: fixtureOperator }))

    const data = await page(operatorBrowser)
    const ids = data.awaiting.items.map((o) => o.id)
    expect(ids).toContain(older.id)
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id))
    expect(ids).not.toContain(placed)
    expect(ids).not.toContain(paid.id)
    expect(data.awaiting.total).toBe(ids.length)
    expect(data.awaiting.items.find((o) => o.id === older.id)).toMatchObject({
      number: older.number,
      reference: older.paymentReference,
      status: 'CONFIRMED',
      total: '2700000',
      received: '0',
      due: '2700000',
      buyer: 'Siêu thị Co.op',
      producer: 'HTX Chè Shan Tuyết',
      confirmedAt: older.confirmedAt!.toISOString(),
    })
    expect(data.bank.account).toMatch(/^\d+$/)
    expect(data.title).toBe(getT('vi')('operator:payments.title'))
  })

  test('the search finds an order by its payment reference (any case) or number, and says when nothing matches', async () => {
    const order = await confirmedOrder()
    expect((await page(operatorBrowser, `?q=${order.paymentReference.toLowerCase()}`)).found).toMatchObject({ id: order.id, due: '2700000' })
    expect((await page(operatorBrowser, `?q=${encodeURIComponent(` ${order.number} `)}`)).found).toMatchObject({ id: order.id })
    const none = await page(operatorBrowser, '?q=CVMKHONGCO')
    expect(none).toMatchObject({ q: 'CVMKHONGCO', found: null })
  })
})

describe('recording a transfer', () => {
  test('the full amount, typed with dots: PAID, in the history under the operator, audited, and back to the same search', async () => {
    const order = await confirmedOrder()
    const query = `?q=${order.number}`
    const res = await transfer(operatorBrowser, order.id, '2.700.000', { note: 'FT26331123456' }, query)
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${PATH}${query}`)
    expect(await toastOf(res)).toMatchObject({ key: 'operator:toast.paid', values: { number: order.number } })

    expect(await stateOf(order.id)).toMatchObject({ status: 'CONFIRMED', paymentStatus: 'PAID', amountReceivedVnd: 2_700_000n })
    const event = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id }, orderBy: [{ at: 'desc' }, { id: 'desc' }] })
    expect(event).toMatchObject({ actor: `operator:${operatorUser.id}`, actorName: 'Nguyễn Minh Châu', note: 'FT26331123456' })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { target: `order:${order.number}` }, orderBy: { id: 'desc' } })
    expect(audit).toMatchObject({
      actor: `user:${operatorUser.id}`,
      action: 'orders.mark-paid',
      details: { amountVnd: '2700000', amountReceivedVnd: '2700000', paymentStatus: 'PAID', note: 'FT26331123456' },
    })
    expect((await page(operatorBrowser)).awaiting.items.map((o) => o.id)).not.toContain(order.id)
  })

  test('less than due: stays UNPAID showing the amount received, and the message says what is still due', async () => {
    const order = await confirmedOrder()
    const res = await transfer(operatorBrowser, order.id, '1000000')
    expect(res.status).toBe(302)
    const toast = await toastOf(res)
    expect(toast?.key).toBe('operator:toast.underpaid')
    expect(toast?.values).toMatchObject({ number: order.number })
    expect(toast?.values?.received).toMatch(/1\.000\.000/)
    expect(toast?.values?.due).toMatch(/1\.700\.000/)
    expect(getT('vi')(toast!.key, toast!.values)).toContain('còn thiếu')

    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'UNPAID', amountReceivedVnd: 1_000_000n })
    expect((await page(operatorBrowser)).awaiting.items.find((o) => o.id === order.id)).toMatchObject({ received: '1000000', due: '1700000' })

    // The rest arrives: now it is paid.
    expect((await transfer(operatorBrowser, order.id, '1700000')).status).toBe(302)
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'PAID', amountReceivedVnd: 2_700_000n })
  })

  test('a fraction, a negative, zero, words or nothing: 400 with a translated message, the input kept, nothing recorded', async () => {
    const order = await confirmedOrder()
    const before = await stateOf(order.id)
    const audits = await prisma.auditLog.count()
    for (const amount of ['1,5', '1250000.5', '-2700000', '0', 'hai triệu', '']) {
      const res = await transfer(operatorBrowser, order.id, amount, { note: 'FT1' })
      expect(res.status, amount).toBe(400)
      const reply = res.data as Reply
      expect(reply.form).toBe(`list-transfer-${order.id}`)
      const [key] = reply.result.error?.amount ?? []
      expect(key, amount).toBe(amount === '' ? 'operator:payments.amount.required' : 'operator:payments.amount.invalid')
      for (const lang of ['vi', 'en'] as const) expect(getT(lang)(key)).not.toBe(key.split(':')[1])
      if (amount !== '') expect(reply.result.initialValue).toMatchObject({ amount, note: 'FT1' })
    }
    expect(await stateOf(order.id)).toEqual(before)
    expect(await prisma.auditLog.count()).toBe(audits)
  })

  test('a note over 1,000 characters is refused on the note field', async () => {
    const order = await confirmedOrder()
    const res = await transfer(operatorBrowser, order.id, '2700000', { note: 'x'.repeat(1001) })
    expect(res.status).toBe(400)
    expect((res.data as Reply).result.error?.note).toEqual(['order.note.tooLong'])
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'UNPAID', amountReceivedVnd: 0n })
  })

  test('an unknown order is a 404', async () => {
    expect((await transfer(operatorBrowser, 'khong-co-don-nay', '100000')).status).toBe(404)
  })
})

describe('refunds', () => {
  test('a refund pending is listed with the amount to return; marking it refunded closes it once', async () => {
    const order = await refundPendingOrder()
    const listed = (await page(operatorBrowser)).refunds.items.find((o) => o.id === order.id)
    expect(listed).toMatchObject({ status: 'CANCELLED', paymentStatus: 'REFUND_PENDING', received: '2700000' })

    const post = () =>
      callRoute(paymentsRoute.action, operatorBrowser.post(PATH, { intent: 'refund', form: `list-refund-${order.id}`, orderId: order.id, note: 'FT26332000001' }), params)
    const res = await post()
    expect(res.status).toBe(302)
    expect(await toastOf(res)).toMatchObject({ key: 'operator:toast.refunded', values: { number: order.number } })
    expect(await stateOf(order.id)).toMatchObject({ status: 'CANCELLED', paymentStatus: 'REFUNDED' })
    expect(await prisma.auditLog.findFirstOrThrow({ where: { target: `order:${order.number}`, action: 'orders.mark-refunded' } })).toMatchObject({
      actor: `user:${operatorUser.id}`,
      details: { amountVnd: '2700000', note: 'FT26332000001' },
    })
    expect((await page(operatorBrowser)).refunds.items.map((o) => o.id)).not.toContain(order.id)

    const again = await post()
    expect(again.status).toBe(302)
    expect(await toastOf(again)).toMatchObject({ key: 'errors:order.payment.notRefundPending', type: 'error' })
  })

  test('a transfer for an order already cancelled becomes a refund to make, and the message says so', async () => {
    const order = await confirmedOrder()
    await expectOk(transitionOrder({ orderId: order.id, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Không cần nữa' }))
    const res = await transfer(operatorBrowser, order.id, '2700000')
    expect(await toastOf(res)).toMatchObject({ key: 'operator:toast.transferToRefund' })
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'REFUND_PENDING' })
  })
})
