// Net terms: a verified buyer an operator gave terms and a credit limit may place orders on terms while its
// open invoices stay within the limit (the whole checkout counted, two checkouts at once included); the order
// is INVOICED at confirmation, due the confirmation's date in Asia/Ho_Chi_Minh plus the term; it may ship
// unpaid, is never cancelled for non-payment, is flagged overdue from the day after its due date, and becomes
// PAID through a marked transfer or a matched statement line; a cancelled invoice is void. The API takes
// paymentMethod NET_TERMS and shows termDays, dueDate and overdue.
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { autoCancelUnpaidOrders } from '~/modules/orders/auto-jobs.server'
import { notifyOrderChange } from '~/modules/orders/notifications.server'
import { drainOutbox } from '~/modules/outbox/outbox.server'
import { placeOrders } from '~/modules/orders/place-orders.server'
import { markTransferReceived, transitionOrder, type OrderChangedPayload } from '~/modules/orders/transitions.server'
import { listOpenInvoices } from '~/modules/payments/invoices.server'
import { netTermsStanding, paymentMethodChoices } from '~/modules/payments/payment-methods.server'
import { importStatement } from '~/modules/payments/statements.server'
import { daysOverdue, isOverdue, paymentDueDate } from '~/modules/payments/terms'
import * as orderRoute from '~/routes/api/v1/order'
import * as ordersRoute from '~/routes/api/v1/orders'
import { prisma } from '~/utils/db.server'
import { formatVnd } from '~/utils/format'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, buyerWithAddress, confirm, expectOk, inDays, operator, product, producerActor, stockOf } from '../orders/order-fixtures'
import { callApi, organizationWithKey } from '../utils/api'

type Org = { id: string }

let producerA: Org
let producerB: Org
/** A: 10 × 250,000 ₫ + 5% VAT = 2,625,000 ₫ an order of 10. */
let honey: string
/** B: 5 × 95,000 ₫ + 5% VAT = 498,750 ₫ an order of 5. */
let sauce: string

const HONEY_10 = 2_625_000n
const SAUCE_5 = 498_750n
const DAY_MS = 24 * 60 * 60 * 1000

beforeAll(async () => {
  await ensureCategories()
  producerA = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc', verificationStatus: 'VERIFIED' })
  producerB = await makeOrg('PRODUCER', { name: 'HTX Phú Quốc', verificationStatus: 'VERIFIED' })
  honey = await product(producerA.id, { stock: 100_000 })
  sauce = await product(producerB.id, { nameVi: 'Nước mắm Phú Quốc', moq: 5, stock: 100_000, tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }] })
})

/** A buyer with a delivery address and, unless told otherwise, verified with 30-day terms and this limit. */
async function buyerOnTerms(creditLimitVnd: bigint | null, options: { days?: number | null; verified?: boolean } = {}) {
  const buyer = await buyerWithAddress()
  const days = options.days === undefined ? 30 : options.days
  return prisma.organization.update({
    where: { id: buyer.id },
    data: {
      verificationStatus: options.verified === false ? 'UNVERIFIED' : 'VERIFIED',
      netTermsDays: creditLimitVnd === null ? null : days,
      creditLimitVnd,
    },
  })
}

const placeOnTerms = (buyerId: string, items: { productId: string; quantity: number }[], extra: { now?: Date } = {}) =>
  placeOrders({ buyerId, actor: { name: 'Chị Lan (mua hàng)' }, items, paymentMethod: 'NET_TERMS', ...extra })

async function invoicedOrder(buyerId: string, confirmedAt = new Date()) {
  const placed = await placeOnTerms(buyerId, [{ productId: honey, quantity: 10 }])
  if (!placed.ok) throw new Error(`placeOrders: ${placed.error}`)
  const [orderId] = placed.orderIds
  const { order } = await expectOk(confirm(orderId, producerA.id, { now: confirmedAt }))
  return order
}

const orderOf = (id: string) => prisma.order.findUniqueOrThrow({ where: { id } })

describe('placing orders on terms', () => {
  test('within the limit: the orders are on NET_TERMS with the buyer’s term, still UNPAID until confirmed', async () => {
    const buyer = await buyerOnTerms(10_000_000n, { days: 60 })
    const result = await placeOnTerms(buyer.id, [
      { productId: honey, quantity: 10 },
      { productId: sauce, quantity: 5 },
    ])
    if (!result.ok) throw new Error(result.error)
    const orders = await prisma.order.findMany({ where: { buyerId: buyer.id } })
    expect(orders).toHaveLength(2)
    for (const o of orders) expect(o).toMatchObject({ paymentMethod: 'NET_TERMS', paymentTermDays: 60, paymentStatus: 'UNPAID', paymentDueDate: null })
    expect(await netTermsStanding(prisma, buyer.id)).toEqual({ termDays: 60, creditLimitVnd: 10_000_000n, openVnd: HONEY_10 + SAUCE_5, availableVnd: 10_000_000n - HONEY_10 - SAUCE_5 })
  })

  test('the whole checkout counts: two producers’ orders that each fit but together do not are refused, nothing created or reserved', async () => {
    const buyer = await buyerOnTerms(3_000_000n)
    const [honeyBefore, sauceBefore] = [await stockOf(honey), await stockOf(sauce)]
    const result = await placeOnTerms(buyer.id, [
      { productId: honey, quantity: 10 },
      { productId: sauce, quantity: 5 },
    ])
    expect(result).toEqual({ ok: false, error: 'order.paymentMethod.creditLimit', creditLimitVnd: 3_000_000n, openVnd: 0n, availableVnd: 3_000_000n, requestedVnd: HONEY_10 + SAUCE_5 })
    expect(await prisma.order.count({ where: { buyerId: buyer.id } })).toBe(0)
    expect([await stockOf(honey), await stockOf(sauce)]).toEqual([honeyBefore, sauceBefore])
    // Each alone fits.
    expect((await placeOnTerms(buyer.id, [{ productId: honey, quantity: 10 }])).ok).toBe(true)
  })

  test('open invoices use the limit until paid; bank transfer is always possible', async () => {
    const buyer = await buyerOnTerms(5_000_000n)
    const first = await invoicedOrder(buyer.id)
    const refused = await placeOnTerms(buyer.id, [{ productId: honey, quantity: 10 }])
    expect(refused).toMatchObject({ ok: false, error: 'order.paymentMethod.creditLimit', openVnd: HONEY_10, availableVnd: 5_000_000n - HONEY_10, requestedVnd: HONEY_10 })
    const byTransfer = await placeOrders({ buyerId: buyer.id, actor: { name: 'Lan' }, items: [{ productId: honey, quantity: 10 }] })
    expect(byTransfer.ok).toBe(true)
    // Part of it paid: what was received no longer counts.
    await expectOk(markTransferReceived({ orderId: first.id, amountVnd: 1_000_000n, operator }))
    expect((await netTermsStanding(prisma, buyer.id))?.openVnd).toBe(HONEY_10 - 1_000_000n)
    expect((await placeOnTerms(buyer.id, [{ productId: honey, quantity: 10 }])).ok).toBe(true)
  })

  test('an unverified buyer with terms, and a buyer without terms, cannot choose them', async () => {
    const unverified = await buyerOnTerms(50_000_000n, { verified: false })
    expect(await placeOnTerms(unverified.id, [{ productId: honey, quantity: 10 }])).toEqual({ ok: false, error: 'order.paymentMethod.unavailable', method: 'NET_TERMS' })
    expect((await paymentMethodChoices(unverified.id)).choices).toContainEqual({ method: 'NET_TERMS', available: false, why: 'notVerified' })

    const none = await buyerOnTerms(null)
    expect(await placeOnTerms(none.id, [{ productId: honey, quantity: 10 }])).toEqual({ ok: false, error: 'order.paymentMethod.unavailable', method: 'NET_TERMS' })
    const { choices, terms } = await paymentMethodChoices(none.id)
    expect(terms).toBeNull()
    // Without Stripe keys, cards are hidden too: bank transfer only.
    expect(choices).toEqual([{ method: 'BANK_TRANSFER', available: true }])
    expect(await prisma.order.count({ where: { buyerId: { in: [unverified.id, none.id] } } })).toBe(0)
  })

  test('a limit of 0 refuses every order on terms', async () => {
    const buyer = await buyerOnTerms(0n)
    expect(await placeOnTerms(buyer.id, [{ productId: sauce, quantity: 5 }])).toMatchObject({ ok: false, error: 'order.paymentMethod.creditLimit', availableVnd: 0n })
  })

  test('two checkouts at once cannot both fit under the same limit', async () => {
    const buyer = await buyerOnTerms(4_000_000n)
    // Two producers' products, so the two checkouts share no stock row that would make one wait for the other.
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([placeOnTerms(buyer.id, [{ productId: honey, quantity: 10 }]), placeOnTerms(buyer.id, [{ productId: sauce, quantity: 30 }])])
      // 30 × 95,000 + 5% = 2,992,500: each fits alone (4,000,000), not both.
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.filter((r) => !r.ok)).toMatchObject([{ ok: false, error: 'order.paymentMethod.creditLimit' }])
      const open = await netTermsStanding(prisma, buyer.id)
      expect(open!.openVnd).toBeLessThanOrEqual(4_000_000n)
      await prisma.order.updateMany({ where: { buyerId: buyer.id }, data: { status: 'CANCELLED' } })
    }
  })
})

describe('confirmation invoices the order', () => {
  test('due the confirmation’s date in Vietnam plus the term: 23:30 on 31 January is still 31 January', async () => {
    const buyer = await buyerOnTerms(50_000_000n)
    // 23:30 in Hà Nội on the last day of January is 16:30 UTC the same day; 00:30 on 1 February is 17:30 UTC on 31 January.
    const lateOnTheLastDay = new Date('2026-01-31T16:30:00Z')
    const order = await invoicedOrder(buyer.id, lateOnTheLastDay)
    expect(order).toMatchObject({ paymentStatus: 'INVOICED', paymentTermDays: 30 })
    expect(order.paymentDueDate?.toISOString().slice(0, 10)).toBe('2026-03-02')
    expect(order.events.find((e) => e.toStatus === 'CONFIRMED')?.details).toMatchObject({ paymentStatus: { from: 'UNPAID', to: 'INVOICED' }, paymentDueDate: '2026-03-02' })

    const firstOfFebruary = await invoicedOrder(buyer.id, new Date('2026-01-31T17:30:00Z'))
    expect(firstOfFebruary.paymentDueDate?.toISOString().slice(0, 10)).toBe('2026-03-03')
    // Sixty days from the last day of the year, late in the evening.
    expect(paymentDueDate(new Date('2026-12-31T16:30:00Z'), 60)).toBe('2027-03-01')
  })

  test('overdue from the first minute of the day after the due date (Vietnam’s time) until paid', async () => {
    const buyer = await buyerOnTerms(50_000_000n)
    const order = await invoicedOrder(buyer.id, new Date('2026-01-31T16:30:00Z')) // due 2026-03-02
    expect(isOverdue(order, new Date('2026-03-02T16:59:59Z'))).toBe(false) // 23:59:59 on 2 March in Vietnam
    expect(isOverdue(order, new Date('2026-03-02T17:00:00Z'))).toBe(true) // 00:00 on 3 March
    expect(daysOverdue(order, new Date('2026-03-02T17:00:00Z'))).toBe(1)
    expect(daysOverdue(order, new Date('2026-03-12T03:00:00Z'))).toBe(10)
    // The serialised form a page receives works the same.
    expect(isOverdue({ paymentStatus: 'INVOICED', paymentDueDate: '2026-03-02T00:00:00.000Z' }, new Date('2026-03-03T01:00:00Z'))).toBe(true)
    const paid = await expectOk(markTransferReceived({ orderId: order.id, amountVnd: order.totalVnd, operator }))
    expect(isOverdue(paid.order, new Date('2026-03-12T03:00:00Z'))).toBe(false)
  })

  test('the buyer’s confirmation mail gives the due date', async () => {
    const buyer = await buyerOnTerms(50_000_000n)
    await prisma.user.create({ data: { name: 'Lan', email: `lan-${buyer.id}@sieuthi.vn`, locale: 'vi', passwordHash: 'x', memberships: { create: { organizationId: buyer.id, role: 'MEMBER' } } } })
    const order = await invoicedOrder(buyer.id, new Date('2026-01-31T16:30:00Z'))
    const event = order.events.find((e) => e.toStatus === 'CONFIRMED')!
    await notifyOrderChange({ orderId: order.id, eventId: event.id, recipients: ['buyer'] } satisfies OrderChangedPayload)
    while ((await drainOutbox(50, 'fast')) > 0);
    const [mail] = await prisma.devMessage.findMany({ where: { to: `lan-${buyer.id}@sieuthi.vn` } })
    expect(mail.text).toContain('Đơn hàng thanh toán trả sau 30 ngày')
    expect(mail.text).toContain(`vui lòng chuyển khoản ${formatVnd(order.totalVnd, 'vi')}`)
    expect(mail.text).toContain('chậm nhất ngày 2 tháng 3, 2026')
    expect(mail.text).toContain(order.paymentReference)
  })

  test('an invoice ships without "ship before payment"; an unpaid bank-transfer order does not', async () => {
    const buyer = await buyerOnTerms(50_000_000n)
    const order = await invoicedOrder(buyer.id)
    const shipped = await expectOk(transitionOrder({ orderId: order.id, actor: producerActor(producerA.id), to: 'SHIPPED', carrier: 'Viettel Post', trackingNumber: 'VTP123' }))
    expect(shipped.order).toMatchObject({ status: 'SHIPPED', paymentStatus: 'INVOICED' })
    expect(shipped.order.events.at(-1)?.details).toEqual({ carrier: 'Viettel Post', trackingNumber: 'VTP123' })

    const placed = await placeOrders({ buyerId: buyer.id, actor: { name: 'Lan' }, items: [{ productId: honey, quantity: 10 }] })
    if (!placed.ok) throw new Error(placed.error)
    await expectOk(confirm(placed.orderIds[0], producerA.id))
    expect(await transitionOrder({ orderId: placed.orderIds[0], actor: producerActor(producerA.id), to: 'SHIPPED', carrier: 'Viettel Post', trackingNumber: 'VTP124' })).toEqual({
      ok: false,
      error: 'order.payment.required',
    })
  })

  test('a marked transfer pays it (part of it leaves it invoiced), and a delivered invoice completes when paid', async () => {
    const buyer = await buyerOnTerms(50_000_000n)
    const order = await invoicedOrder(buyer.id)
    await expectOk(transitionOrder({ orderId: order.id, actor: producerActor(producerA.id), to: 'SHIPPED', carrier: 'GHN', trackingNumber: 'GHN1' }))
    await expectOk(transitionOrder({ orderId: order.id, actor: buyerActor(buyer.id), to: 'DELIVERED' }))
    const part = await expectOk(markTransferReceived({ orderId: order.id, amountVnd: 1_000_000n, operator }))
    expect(part.order).toMatchObject({ status: 'DELIVERED', paymentStatus: 'INVOICED', amountReceivedVnd: 1_000_000n, paidAt: null })
    const rest = await expectOk(markTransferReceived({ orderId: order.id, amountVnd: order.totalVnd - 1_000_000n, operator }))
    expect(rest.order).toMatchObject({ status: 'COMPLETED', paymentStatus: 'PAID', amountReceivedVnd: order.totalVnd })
    expect(rest.order.paidAt).toBeInstanceOf(Date)
  })

  test('a matched statement line pays it', async () => {
    const buyer = await buyerOnTerms(50_000_000n)
    const order = await invoicedOrder(buyer.id)
    const text = ['date,amount,description,transactionId', `27/11/2026,${order.totalVnd},CK ${order.paymentReference} THANH TOAN HOA DON,FT26331900001`].join('\n')
    const imported = await importStatement({ text, fileName: 'vcb.csv', operator })
    expect(imported.ok).toBe(true)
    const line = await prisma.bankStatementLine.findFirstOrThrow({ where: { transactionId: 'FT26331900001' } })
    expect(line).toMatchObject({ outcome: 'MATCHED', orderId: order.id })
    expect(await orderOf(order.id)).toMatchObject({ paymentStatus: 'PAID', amountReceivedVnd: order.totalVnd })
  })

  test('a cancelled invoice is void: not open, not overdue, not in the operators’ list', async () => {
    const buyer = await buyerOnTerms(50_000_000n)
    const order = await invoicedOrder(buyer.id, new Date(Date.now() - 40 * DAY_MS))
    expect(isOverdue(order)).toBe(true)
    const cancelled = await expectOk(transitionOrder({ orderId: order.id, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Không cần nữa' }))
    expect(cancelled.order).toMatchObject({ status: 'CANCELLED', paymentStatus: 'UNPAID' })
    expect(isOverdue(cancelled.order)).toBe(false)
    expect((await netTermsStanding(prisma, buyer.id))?.openVnd).toBe(0n)
    const { items } = await listOpenInvoices({ overdueOnly: false, page: 1 })
    expect(items.map((i) => i.id)).not.toContain(order.id)
  })

  test('the automatic cancellation of unpaid orders leaves invoices alone, even overdue ones', async () => {
    const buyer = await buyerOnTerms(50_000_000n)
    const longAgo = new Date(Date.now() - 40 * DAY_MS)
    const invoice = await invoicedOrder(buyer.id, longAgo)
    const placed = await placeOrders({ buyerId: buyer.id, actor: { name: 'Lan' }, items: [{ productId: honey, quantity: 10 }] })
    if (!placed.ok) throw new Error(placed.error)
    await expectOk(confirm(placed.orderIds[0], producerA.id, { now: longAgo }))
    const cancelled = await autoCancelUnpaidOrders()
    expect(cancelled).toContain(placed.orderIds[0])
    expect(cancelled).not.toContain(invoice.id)
    expect(await orderOf(invoice.id)).toMatchObject({ status: 'CONFIRMED', paymentStatus: 'INVOICED' })
  })
})

describe('the API', () => {
  async function apiBuyer(creditLimitVnd: bigint) {
    const org = await organizationWithKey('BUYER', 'Chuỗi Co.op Xanh')
    await prisma.organization.update({ where: { id: org.organization.id }, data: { verificationStatus: 'VERIFIED', netTermsDays: 30, creditLimitVnd } })
    await prisma.deliveryAddress.create({
      data: { organizationId: org.organization.id, label: 'Kho', recipientName: 'Kho', phone: '+842837901234', addressLine: 'Lô C5', commune: 'Xã Tân An Hội', provinceCode: '79', isDefault: true },
    })
    return org
  }

  test('POST paymentMethod NET_TERMS: 201 with the term; above the limit: 400 on paymentMethod with the amounts; GET shows dueDate and overdue', async () => {
    const buyer = await apiBuyer(3_000_000n)
    const created = await callApi(ordersRoute, '/api/v1/orders', { method: 'POST', key: buyer.key, json: { items: [{ productId: honey, quantity: 10 }], paymentMethod: 'NET_TERMS' } })
    expect(created.status, created.text).toBe(201)
    const [order] = created.body.data
    expect(order.payment).toMatchObject({ method: 'NET_TERMS', termDays: 30, dueDate: null, overdue: false })

    const over = await callApi(ordersRoute, '/api/v1/orders', { method: 'POST', key: buyer.key, json: { items: [{ productId: honey, quantity: 10 }], paymentMethod: 'NET_TERMS' } })
    expect(over.status, over.text).toBe(400)
    expect(over.body.error.code).toBe('VALIDATION_ERROR')
    expect(Object.keys(over.body.error.details)).toEqual(['paymentMethod'])
    // The limit, what is open and what is left, formatted for the key's language.
    expect(over.body.error.details.paymentMethod[0]).toContain(formatVnd(3_000_000n, 'vi'))
    expect(over.body.error.details.paymentMethod[0]).toContain(formatVnd(HONEY_10, 'vi'))
    expect(await prisma.order.count({ where: { buyerId: buyer.organization.id } })).toBe(1)

    // Confirmed 40 days ago: due 10 days ago, overdue.
    const confirmedAt = new Date(Date.now() - 40 * DAY_MS)
    await expectOk(confirm(order.id, producerA.id, { now: confirmedAt, deliveryDate: inDays(3, confirmedAt) }))
    const read = await callApi(orderRoute, `/api/v1/orders/${order.id}`, { key: buyer.key, params: { id: order.id } })
    expect(read.status, read.text).toBe(200)
    expect(read.body.paymentStatus).toBe('INVOICED')
    expect(read.body.payment).toMatchObject({ method: 'NET_TERMS', termDays: 30, dueDate: paymentDueDate(confirmedAt, 30), overdue: true, paidAt: null })

    // Another buyer's key does not see it.
    const other = await apiBuyer(1_000_000n)
    expect((await callApi(orderRoute, `/api/v1/orders/${order.id}`, { key: other.key, params: { id: order.id } })).status).toBe(404)
  })
})
