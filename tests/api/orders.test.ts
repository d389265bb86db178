// Orders on the platform API: a buyer's key places orders (one per producer, all or nothing, idempotently)
// and follows them; a producer's key sees the orders placed with it and moves them along. Nobody reads or
// touches another organisation's orders, bad quantities and forbidden moves are refused with clear errors,
// and a refusal changes nothing.
import type { OpenAPIV3_1 } from 'openapi-types'
import { beforeAll, describe, expect, test } from 'vitest'
import { openApiDocument } from '~/modules/api/document.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { markTransferReceived } from '~/modules/orders/transitions.server'
import { hasValidCrc, parseTlv } from '~/modules/payments/vietqr'
import * as orderRoute from '~/routes/api/v1/order'
import * as transitionsRoute from '~/routes/api/v1/order-transitions'
import * as ordersRoute from '~/routes/api/v1/orders'
import { prisma } from '~/utils/db.server'
import { inDays, operator, orderState, product, stockOf } from '../orders/order-fixtures'
import { callApi, organizationWithKey, type ApiRequest, type ApiResponse } from '../utils/api'

type Org = Awaited<ReturnType<typeof organizationWithKey>>

/** A buyer organisation with a key and a default delivery address. */
async function buyerWithKey(name: string) {
  const org = await organizationWithKey('BUYER', name)
  const address = await prisma.deliveryAddress.create({
    data: {
      organizationId: org.organization.id,
      label: 'DC Củ Chi',
      recipientName: 'Kho nhận hàng',
      phone: '+842837901234',
      addressLine: 'Lô C5, KCN Tây Bắc',
      commune: 'Xã Tân An Hội',
      provinceCode: '79',
      isDefault: true,
    },
  })
  return { ...org, addressId: address.id }
}

type Buyer = Awaited<ReturnType<typeof buyerWithKey>>
let buyerA: Buyer
let buyerB: Buyer
let producerP: Org
let producerQ: Org

beforeAll(async () => {
  await ensureCategories()
  ;[buyerA, buyerB, producerP, producerQ] = await Promise.all([
    buyerWithKey('Siêu thị Sài Gòn'),
    buyerWithKey('Chuỗi Bí Mật'),
    organizationWithKey('PRODUCER', 'HTX Mèo Vạc'),
    organizationWithKey('PRODUCER', 'HTX Phú Quốc'),
  ])
})

const orders = (options: ApiRequest & { query?: string } = {}) => callApi(ordersRoute, `/api/v1/orders${options.query ?? ''}`, options)
const order = (id: string, options: ApiRequest = {}) => callApi(orderRoute, `/api/v1/orders/${id}`, { ...options, params: { id } })
const place = (org: Org, json: unknown, headers: Record<string, string> = {}) => orders({ method: 'POST', key: org.key, json, headers })
const move = (org: Org, id: string, json: unknown, headers: Record<string, string> = {}) =>
  callApi(transitionsRoute, `/api/v1/orders/${id}/transitions`, { method: 'POST', key: org.key, json, params: { id }, headers })

function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.body.error.code).toBe(code)
  expect(res.body.error.message.length).toBeGreaterThan(0)
}

const vnd = (amount: number | bigint) => ({ amount: String(amount), currency: 'VND' })
const orderCount = (buyerId: string) => prisma.order.count({ where: { buyerId } })

/** Places orders through the API and answers them (201 expected). */
async function placed(org: Org, items: { productId: string; quantity: number }[], extra: Record<string, unknown> = {}) {
  const res = await place(org, { items, ...extra })
  expect(res.status, res.text).toBe(201)
  return res.body.data as { id: string; number: string; [k: string]: any }[] // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('placing orders', () => {
  test('lines of two producers: 201 with two orders, prices and VAT snapshotted, stock reserved', async () => {
    const honey = await product(producerP.organization.id, { stock: 100 }) // 250,000 from 10, 230,000 from 50; VAT 5%
    const sauce = await product(producerQ.organization.id, {
      sku: 'NM-40',
      nameVi: 'Nước mắm Phú Quốc',
      nameEn: '',
      unit: 'BOTTLE',
      packSize: 'Chai 500 ml',
      vatRate: 'TEN',
      stock: 30,
      moq: 5,
      tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }],
    })
    const requested = inDays(7)
    const res = await place(buyerA, {
      items: [
        { productId: honey, quantity: 60 },
        { productId: sauce, quantity: 7 },
      ],
      requestedDeliveryDate: requested,
      paymentMethod: 'BANK_TRANSFER',
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.data).toHaveLength(2)
    const [first, second] = res.body.data
    expect(first).toEqual({
      id: expect.any(String),
      number: expect.stringMatching(/^DH-\d{4}-\d{6}$/),
      createdAt: expect.any(String),
      buyer: { slug: buyerA.organization.slug, name: 'Siêu thị Sài Gòn' },
      producer: { slug: producerP.organization.slug, name: 'HTX Mèo Vạc' },
      items: [
        {
          id: expect.any(String),
          productId: honey,
          sku: expect.any(String),
          name: { vi: 'Mật ong bạc hà Hà Giang', en: 'Hà Giang mint honey' },
          unit: 'BOTTLE',
          packSize: 'Chai 500 ml',
          orderedQuantity: 60,
          quantity: 60,
          // 60 is in the second tier.
          unitPrice: vnd(230_000),
          vatRate: '5',
          lineTotal: vnd(13_800_000),
          vatAmount: vnd(690_000),
        },
      ],
      subtotal: vnd(13_800_000),
      vatTotal: vnd(690_000),
      shippingFee: vnd(0),
      total: vnd(14_490_000),
      status: 'PLACED',
      approval: null,
      paymentStatus: 'UNPAID',
      payment: {
        method: 'BANK_TRANSFER',
        reference: expect.stringMatching(/^CVM[A-Z2-9]{8}$/),
        amountReceived: vnd(0),
        // Nothing to pay before the producer confirms the amount.
        vietqrPayload: null,
        termDays: null,
        dueDate: null,
        overdue: false,
        paidAt: null,
        bankAccount: { bankName: expect.any(String), accountNumber: expect.stringMatching(/^\d+$/), accountName: expect.any(String) },
      },
      deliveryAddress: {
        label: 'DC Củ Chi',
        recipientName: 'Kho nhận hàng',
        phone: '+842837901234',
        addressLine: 'Lô C5, KCN Tây Bắc',
        commune: 'Xã Tân An Hội',
        province: '79',
        provinceName: 'TP. Hồ Chí Minh',
      },
      requestedDeliveryDate: requested,
      deliveryDate: null,
      carrier: null,
      trackingNumber: null,
      confirmedAt: null,
      shippedAt: null,
      deliveredAt: null,
      closedAt: null,
      events: [{ at: expect.any(String), actor: 'API key "Test key"', from: null, to: 'PLACED', note: null }],
      allowedTransitions: ['CANCELLED'],
    })
    expect(second).toMatchObject({
      producer: { slug: producerQ.organization.slug },
      items: [{ productId: sauce, name: { vi: 'Nước mắm Phú Quốc', en: null }, quantity: 7, unitPrice: vnd(95_000), vatRate: '10', lineTotal: vnd(665_000), vatAmount: vnd(66_500) }],
      total: vnd(731_500),
    })
    expect(await stockOf(honey)).toBe(40)
    expect(await stockOf(sauce)).toBe(23)
    // Recorded as placed by this key.
    const stored = await prisma.order.findUniqueOrThrow({ where: { id: first.id }, include: { events: true } })
    expect(stored.placedByApiKeyId).toBe(buyerA.apiKey.id)
    expect(stored.events[0].actor).toBe(`apikey:${buyerA.apiKey.id}`)
  })

  test('a producer\'s key cannot place orders: 403 FORBIDDEN saying only buyers order', async () => {
    const honey = await product(producerP.organization.id)
    const res = await place(producerQ, { items: [{ productId: honey, quantity: 10 }] }, { 'Accept-Language': 'en' })
    expectError(res, 403, 'FORBIDDEN')
    expect(res.body.error.message).toMatch(/only buyer organisations place orders/i)
    expectError(await orders({ method: 'POST', json: { items: [{ productId: honey, quantity: 10 }] } }), 401, 'UNAUTHENTICATED')
  })

  test('quantities zero, negative, fractional, absurdly large or not a number: 400 naming the field; nothing is created', async () => {
    const honey = await product(producerP.organization.id, { stock: 100, moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 10_000 }] })
    const before = await orderCount(buyerA.organization.id)
    for (const quantity of [0, -1, 1.5, 1e12, 'abc', null]) {
      const res = await place(buyerA, { items: [{ productId: honey, quantity: 5 }, { productId: honey, quantity }] }, { 'Accept-Language': 'en' })
      expectError(res, 400, 'VALIDATION_ERROR')
      expect(Object.keys(res.body.error.details), String(quantity)).toEqual(['items.1.quantity'])
      expect(res.body.error.details['items.1.quantity'][0]).toMatch(/quantity must be a whole number from 1 to 1,000,000|expected number/i)
    }
    const missing = await place(buyerA, { items: [{ productId: honey }] })
    expectError(missing, 400, 'VALIDATION_ERROR')
    expect(Object.keys(missing.body.error.details)).toEqual(['items.0.quantity'])
    // Each within the limit, together above it: the merged line is refused.
    const merged = await place(buyerA, { items: [{ productId: honey, quantity: 600_000 }, { productId: honey, quantity: 600_000 }] })
    expectError(merged, 400, 'VALIDATION_ERROR')
    expect(Object.keys(merged.body.error.details).sort()).toEqual(['items.0.quantity', 'items.1.quantity'])
    const tooMany = await place(buyerA, { items: Array.from({ length: 201 }, (_, i) => ({ productId: `p-${i}`, quantity: 1 })) }, { 'Accept-Language': 'en' })
    expectError(tooMany, 400, 'VALIDATION_ERROR')
    expect(tooMany.body.error.details).toEqual({ items: ['An order may have at most 200 lines.'] })
    const empty = await place(buyerA, { items: [] })
    expectError(empty, 400, 'VALIDATION_ERROR')
    expect(Object.keys(empty.body.error.details)).toEqual(['items'])
    const unknown = await place(buyerA, { items: [{ productId: honey, quantity: 1, price: 1 }], coupon: 'FREE' })
    expect(Object.keys(unknown.body.error.details).sort()).toEqual(['coupon', 'items.0.price'])
    expect(await orderCount(buyerA.organization.id)).toBe(before)
    expect(await stockOf(honey)).toBe(100)
  })

  test('below the MOQ, not for sale, or below a producer\'s minimum order value: 400 with every failing line in details; nothing is created', async () => {
    const honey = await product(producerP.organization.id, { stock: 100 }) // MOQ 10
    const tea = await product(producerP.organization.id, { nameVi: 'Chè Shan tuyết', stock: 100, moq: 20, tierPrices: [{ minQuantity: 20, unitPriceVnd: 80_000 }] })
    const draft = (await prisma.product.update({ where: { id: await product(producerP.organization.id) }, data: { status: 'DRAFT' } })).id
    const res = await place(buyerA, {
      items: [
        { productId: honey, quantity: 9 },
        { productId: tea, quantity: 20 },
        // Given twice: 21 in all, above its MOQ.
        { productId: tea, quantity: 1 },
        { productId: draft, quantity: 10 },
        { productId: 'no-such-product', quantity: 10 },
      ],
    })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(res.body.error.message).toMatch(/Chưa có đơn hàng nào được tạo/)
    expect(res.body.error.details).toEqual({
      'items.0.quantity': ['Số lượng đặt tối thiểu là 10.'],
      'items.3.productId': ['Sản phẩm này không còn bán.'],
      'items.4.productId': ['Sản phẩm này không còn bán.'],
    })
    expect(res.body.error.lines).toHaveLength(3)
    expect(res.body.error.lines).toEqual(
      expect.arrayContaining([
        { productId: honey, code: 'belowMoq', moq: 10 },
        { productId: draft, code: 'notFound' },
        { productId: 'no-such-product', code: 'notFound' },
      ]),
    )

    // A minimum order value of 2,000,000 đồng: 20 × 80,000 is not enough.
    await prisma.organization.update({ where: { id: producerP.organization.id }, data: { minOrderValueVnd: 2_000_000n } })
    try {
      const small = await place(buyerA, { items: [{ productId: tea, quantity: 20 }, { productId: honey, quantity: 1 }] }, { 'Accept-Language': 'en' })
      expectError(small, 400, 'VALIDATION_ERROR')
      // The honey line fails its MOQ, and without it the tea does not reach the minimum.
      expect(Object.keys(small.body.error.details).sort()).toEqual(['items.0', 'items.1.quantity'])
      const belowMinimum = await place(buyerA, { items: [{ productId: tea, quantity: 20 }] }, { 'Accept-Language': 'en' })
      expectError(belowMinimum, 400, 'VALIDATION_ERROR')
      expect(belowMinimum.body.error.details).toEqual({
        'items.0': ["This producer's minimum order value is ₫2,000,000 before VAT; these lines come to ₫1,600,000."],
      })
      expect(belowMinimum.body.error.lines).toEqual([
        { productId: tea, code: 'belowMinimumOrderValue', minimum: { amount: '2000000', currency: 'VND' }, subtotal: { amount: '1600000', currency: 'VND' } },
      ])
    } finally {
      await prisma.organization.update({ where: { id: producerP.organization.id }, data: { minOrderValueVnd: null } })
    }
    expect(await prisma.order.count({ where: { items: { some: { productId: { in: [honey, tea] } } } } })).toBe(0)
    expect([await stockOf(honey), await stockOf(tea)]).toEqual([100, 100])
  })

  test('not enough stock: 409 OUT_OF_STOCK naming every short line with what is left; nothing is created or reserved', async () => {
    const honey = await product(producerP.organization.id, { stock: 15 })
    const sauce = await product(producerQ.organization.id, { stock: 12 })
    const plenty = await product(producerQ.organization.id, { stock: 500 })
    const before = await orderCount(buyerA.organization.id)
    const res = await place(
      buyerA,
      {
        items: [
          { productId: plenty, quantity: 10 },
          { productId: honey, quantity: 20 },
          { productId: sauce, quantity: 13 },
        ],
      },
      { 'Accept-Language': 'en' },
    )
    expectError(res, 409, 'OUT_OF_STOCK')
    expect(res.body.error.details).toEqual({
      'items.1.quantity': ['Not enough in stock: 15 available.'],
      'items.2.quantity': ['Not enough in stock: 12 available.'],
    })
    expect(res.body.error.lines).toEqual([
      { productId: honey, code: 'outOfStock', available: 15 },
      { productId: sauce, code: 'outOfStock', available: 12 },
    ])
    expect(await orderCount(buyerA.organization.id)).toBe(before)
    expect([await stockOf(plenty), await stockOf(honey), await stockOf(sauce)]).toEqual([500, 15, 12])
  })

  test('the delivery address and requested date are checked: 400 naming the field', async () => {
    const honey = await product(producerP.organization.id)
    const others = await place(buyerA, { items: [{ productId: honey, quantity: 10 }], deliveryAddressId: buyerB.addressId })
    expectError(others, 400, 'VALIDATION_ERROR')
    expect(Object.keys(others.body.error.details)).toEqual(['deliveryAddressId'])
    const past = await place(buyerA, { items: [{ productId: honey, quantity: 10 }], requestedDeliveryDate: '2020-01-01' })
    expect(past.body.error.details).toEqual({ requestedDeliveryDate: ['Ngày giao mong muốn không được ở quá khứ.'] })
    const malformed = await place(buyerA, { items: [{ productId: honey, quantity: 10 }], requestedDeliveryDate: '2026-02-30' })
    expect(Object.keys(malformed.body.error.details)).toEqual(['requestedDeliveryDate'])
    const method = await place(buyerA, { items: [{ productId: honey, quantity: 10 }], paymentMethod: 'CASH' })
    expect(Object.keys(method.body.error.details)).toEqual(['paymentMethod'])

    const homeless = await organizationWithKey('BUYER', 'Siêu thị Chưa Có Kho')
    const none = await place(homeless, { items: [{ productId: honey, quantity: 10 }] })
    expectError(none, 400, 'VALIDATION_ERROR')
    expect(none.body.error.details.deliveryAddressId[0]).toMatch(/POST \/api\/v1\/delivery-addresses/)

    // Another of the buyer's addresses by id.
    const second = await prisma.deliveryAddress.create({
      data: { organizationId: buyerA.organization.id, label: 'DC Long Biên', recipientName: 'Kho Bắc', phone: '+842437901234', addressLine: 'Số 5 Ngọc Lâm', commune: 'Phường Bồ Đề', provinceCode: '01' },
    })
    const [ok] = await placed(buyerA, [{ productId: honey, quantity: 10 }], { deliveryAddressId: second.id })
    expect(ok.deliveryAddress).toMatchObject({ label: 'DC Long Biên', province: '01', provinceName: 'Hà Nội' })
  })

  test('the same Idempotency-Key twice creates one set of orders and answers the same; another body with that key gets 422', async () => {
    const honey = await product(producerP.organization.id, { stock: 100 })
    const sauce = await product(producerQ.organization.id, { stock: 100 })
    const body = { items: [{ productId: honey, quantity: 10 }, { productId: sauce, quantity: 10 }] }
    const headers = { 'Idempotency-Key': 'po-2026-0001' }
    const before = await orderCount(buyerA.organization.id)
    const first = await place(buyerA, body, headers)
    expect(first.status, first.text).toBe(201)
    expect(first.body.data).toHaveLength(2)
    const again = await place(buyerA, body, headers)
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body).toEqual(first.body)
    expect(await orderCount(buyerA.organization.id)).toBe(before + 2)
    expect([await stockOf(honey), await stockOf(sauce)]).toEqual([90, 90])

    expectError(await place(buyerA, { items: [{ productId: honey, quantity: 11 }] }, headers), 422, 'IDEMPOTENCY_KEY_REUSED')
    expect(await orderCount(buyerA.organization.id)).toBe(before + 2)
    // Keys are per API key: another buyer's key may use the same string.
    expect((await place(buyerB, body, headers)).status).toBe(201)
  })

  test('a refused request may be retried with the same Idempotency-Key once the problem is fixed', async () => {
    const honey = await product(producerP.organization.id, { stock: 5 })
    const headers = { 'Idempotency-Key': 'po-retry' }
    expectError(await place(buyerA, { items: [{ productId: honey, quantity: 10 }] }, headers), 409, 'OUT_OF_STOCK')
    await prisma.product.update({ where: { id: honey }, data: { stock: 50 } })
    expect((await place(buyerA, { items: [{ productId: honey, quantity: 10 }] }, headers)).status).toBe(201)
  })
})

describe('reading orders', () => {
  test('each organisation sees only its own side: buyers what they placed, producers what was placed with them', async () => {
    const buyerC = await buyerWithKey('Siêu thị Đà Nẵng')
    const producerR = await organizationWithKey('PRODUCER', 'HTX Cao Bằng')
    const producerS = await organizationWithKey('PRODUCER', 'HTX Sơn La')
    const fromR = await product(producerR.organization.id)
    const fromS = await product(producerS.organization.id)
    const [toR, toS] = await placed(buyerC, [
      { productId: fromR, quantity: 10 },
      { productId: fromS, quantity: 10 },
    ])
    const [otherToR] = await placed(buyerB, [{ productId: fromR, quantity: 10 }])

    const mine = await orders({ key: buyerC.key })
    expect(mine.status, mine.text).toBe(200)
    expect(mine.body).toMatchObject({ page: 1, pageSize: 20, total: 2 })
    expect(mine.body.data.map((o: { id: string }) => o.id).sort()).toEqual([toR.id, toS.id].sort())

    const received = await orders({ key: producerR.key })
    expect(received.body.total).toBe(2)
    expect(received.body.data.map((o: { id: string }) => o.id).sort()).toEqual([toR.id, otherToR.id].sort())
    // The producer's view: no bank account to pay into, its own moves.
    expect(received.body.data[0]).toMatchObject({ payment: { bankAccount: null }, allowedTransitions: ['CONFIRMED', 'REJECTED'] })
    expect((await orders({ key: producerS.key })).body.data.map((o: { id: string }) => o.id)).toEqual([toS.id])

    // One order, by id or by number, for either party.
    expect((await order(toR.id, { key: buyerC.key })).body).toEqual(toR)
    expect((await order(toR.number, { key: producerR.key })).body).toMatchObject({ id: toR.id, payment: { bankAccount: null } })
    // Anyone else: 404, as if it did not exist.
    expectError(await order(toR.id, { key: buyerA.key }), 404, 'NOT_FOUND')
    expectError(await order(toR.number, { key: producerS.key }), 404, 'NOT_FOUND')
    expectError(await order('no-such-order', { key: buyerC.key }), 404, 'NOT_FOUND')
    expectError(await order(toR.id), 401, 'UNAUTHENTICATED')
  })

  test('filters by status and payment status (repeatable), with paging', async () => {
    const buyer = await buyerWithKey('Siêu thị Cần Thơ')
    const honey = await product(producerP.organization.id, { stock: 200 })
    const ids: string[] = []
    for (let i = 0; i < 4; i++) ids.push((await placed(buyer, [{ productId: honey, quantity: 10 }]))[0].id)
    const [confirmed, paid, cancelled] = ids
    for (const id of [confirmed, paid]) expect((await move(producerP, id, { to: 'CONFIRMED', deliveryDate: inDays(3) })).status).toBe(200)
    const total = (await prisma.order.findUniqueOrThrow({ where: { id: paid } })).totalVnd
    expect((await markTransferReceived({ orderId: paid, amountVnd: total, operator })).ok).toBe(true)
    expect((await move(buyer, cancelled, { to: 'CANCELLED', note: 'Đặt nhầm' })).status).toBe(200)

    const list = async (query: string) => {
      const res = await orders({ key: buyer.key, query })
      expect(res.status, res.text).toBe(200)
      return { total: res.body.total, ids: res.body.data.map((o: { id: string }) => o.id).sort() }
    }
    expect(await list('?status=CONFIRMED')).toEqual({ total: 2, ids: [confirmed, paid].sort() })
    expect(await list('?status=CANCELLED&status=PLACED')).toEqual({ total: 2, ids: [cancelled, ids[3]].sort() })
    expect(await list('?paymentStatus=PAID')).toEqual({ total: 1, ids: [paid] })
    expect(await list('?status=CONFIRMED&paymentStatus=UNPAID')).toEqual({ total: 1, ids: [confirmed] })
    const page2 = await orders({ key: buyer.key, query: '?pageSize=3&page=2' })
    expect(page2.body).toMatchObject({ page: 2, pageSize: 3, total: 4 })
    // Newest first: the first placed is alone on the second page.
    expect(page2.body.data.map((o: { id: string }) => o.id)).toEqual([ids[0]])

    const bad = await orders({ key: buyer.key, query: '?status=SHIPPING&paymentStatus=FREE', headers: { 'Accept-Language': 'en' } })
    expectError(bad, 400, 'VALIDATION_ERROR')
    // By the parameter's place in the repeated list, as every list filter answers.
    expect(bad.body.error.details).toEqual({
      'status.0': ['A status is PENDING_APPROVAL, PLACED, CONFIRMED, SHIPPED, DELIVERED, COMPLETED, REJECTED or CANCELLED.'],
      'paymentStatus.0': ['A payment status is UNPAID, INVOICED, PAID, REFUND_PENDING or REFUNDED.'],
    })
  })
})

describe('moving orders along', () => {
  async function freshOrder(stock = 100) {
    const honey = await product(producerP.organization.id, { stock })
    const sauce = await product(producerP.organization.id, { nameVi: 'Nước mắm', vatRate: 'TEN', stock, moq: 5, tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }] })
    const [placedOrder] = await placed(buyerA, [
      { productId: honey, quantity: 50 },
      { productId: sauce, quantity: 7 },
    ])
    return { order: placedOrder, honey, sauce }
  }

  test('the producer confirms with lower quantities and a shipping fee: totals are worked out again, stock comes back', async () => {
    const { order: o, honey, sauce } = await freshOrder()
    // 50 × 230,000 + 7 × 95,000 = 12,165,000; VAT 575,000 + 66,500.
    expect(o.total).toEqual(vnd(12_806_500))
    const res = await move(producerP, o.number, {
      to: 'CONFIRMED',
      shippingFee: vnd(150_000),
      deliveryDate: inDays(4),
      quantities: { [honey]: 40 },
      note: 'Thiếu hàng do mưa đá',
    })
    expect(res.status, res.text).toBe(200)
    const honeyLine = res.body.items.find((i: { productId: string }) => i.productId === honey)
    // The unit price of the 50 ordered stays for the 40 delivered.
    expect(honeyLine).toMatchObject({ orderedQuantity: 50, quantity: 40, unitPrice: vnd(230_000), lineTotal: vnd(9_200_000), vatAmount: vnd(460_000) })
    expect(res.body).toMatchObject({
      status: 'CONFIRMED',
      subtotal: vnd(9_865_000),
      vatTotal: vnd(526_500),
      shippingFee: vnd(150_000),
      total: vnd(10_541_500),
      deliveryDate: inDays(4),
      confirmedAt: expect.any(String),
      allowedTransitions: ['SHIPPED'],
    })
    expect(res.body.events.at(-1)).toEqual({ at: expect.any(String), actor: 'API key "Test key"', from: 'PLACED', to: 'CONFIRMED', note: 'Thiếu hàng do mưa đá' })
    expect([await stockOf(honey), await stockOf(sauce)]).toEqual([60, 93])
    expect(res.body.payment.vietqrPayload).toBeNull() // the producer's key pays nothing
    // The buyer sees the same order, with its own moves, and the VietQR code for the confirmed total.
    const seen = (await order(o.id, { key: buyerA.key })).body
    expect(seen).toMatchObject({ total: vnd(10_541_500), allowedTransitions: ['CANCELLED'] })
    const qr = seen.payment.vietqrPayload as string
    expect(hasValidCrc(qr)).toBe(true)
    const top = Object.fromEntries(parseTlv(qr).map((f) => [f.id, f.value]))
    expect(top['54']).toBe('10541500')
    expect(parseTlv(top['62'])).toEqual([{ id: '08', value: seen.payment.reference }])
    // Half of it received: the code asks for the rest.
    await markTransferReceived({ orderId: o.id, amountVnd: 5_000_000n, operator })
    const half = (await order(o.id, { key: buyerA.key })).body
    expect(Object.fromEntries(parseTlv(half.payment.vietqrPayload).map((f) => [f.id, f.value]))['54']).toBe('5541500')
  })

  test('every forbidden move is refused with the right answer and changes nothing', async () => {
    const { order: o, honey } = await freshOrder()
    const before = await orderState(o.id)
    const refusals: [Org, unknown, number, string][] = [
      // The buyer never confirms, ships or rejects; the producer never cancels or confirms delivery.
      [buyerA, { to: 'CONFIRMED', deliveryDate: inDays(3) }, 403, 'FORBIDDEN'],
      [buyerA, { to: 'SHIPPED', carrier: 'GHN', trackingNumber: '1' }, 403, 'FORBIDDEN'],
      [buyerA, { to: 'REJECTED', note: 'x' }, 403, 'FORBIDDEN'],
      [producerP, { to: 'CANCELLED', note: 'x' }, 403, 'FORBIDDEN'],
      [producerP, { to: 'COMPLETED' }, 403, 'FORBIDDEN'],
      [producerP, { to: 'PLACED' }, 403, 'FORBIDDEN'],
      // Right party, wrong status.
      [producerP, { to: 'SHIPPED', carrier: 'GHN', trackingNumber: 'GHN123', shipBeforePayment: true }, 409, 'INVALID_TRANSITION'],
      [buyerA, { to: 'DELIVERED' }, 409, 'INVALID_TRANSITION'],
      // Other organisations: the order does not exist for them.
      [buyerB, { to: 'CANCELLED', note: 'x' }, 404, 'NOT_FOUND'],
      [producerQ, { to: 'CONFIRMED', deliveryDate: inDays(3) }, 404, 'NOT_FOUND'],
      // Missing or misplaced fields.
      [producerP, { to: 'REJECTED' }, 400, 'VALIDATION_ERROR'],
      [producerP, { to: 'CONFIRMED', deliveryDate: inDays(3), quantities: { [honey]: 51 } }, 400, 'VALIDATION_ERROR'],
      [producerP, { to: 'CONFIRMED', deliveryDate: inDays(3), carrier: 'GHN' }, 400, 'VALIDATION_ERROR'],
      [producerP, { to: 'CONFIRMED', deliveryDate: '2020-01-01' }, 400, 'VALIDATION_ERROR'],
      [producerP, { to: 'CONFIRMED', deliveryDate: inDays(3), shippingFee: { amount: '-5', currency: 'VND' } }, 400, 'VALIDATION_ERROR'],
      [producerP, { to: 'CONFIRMED', deliveryDate: inDays(3), shippingFee: { amount: '5', currency: 'USD' } }, 400, 'VALIDATION_ERROR'],
      [producerP, { to: 'FINISHED' }, 400, 'VALIDATION_ERROR'],
    ]
    for (const [org, body, status, code] of refusals) {
      const res = await move(org, o.id, body)
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(status)
      expect(res.body.error.code).toBe(code)
    }
    expect(await orderState(o.id)).toEqual(before)
  })

  test('refusals name the field or both statuses, in the caller\'s language', async () => {
    const { order: o, honey, sauce } = await freshOrder()
    const en = { 'Accept-Language': 'en' }
    const forbidden = await move(buyerA, o.id, { to: 'CONFIRMED' }, en)
    expect(forbidden.body.error.message).toBe('The buyer cannot move an order to Confirmed (CONFIRMED): that is the producer\'s or the platform\'s move.')

    const above = await move(producerP, o.id, { to: 'CONFIRMED', deliveryDate: inDays(3), quantities: { [honey]: 51 } }, en)
    expect(above.body.error.details).toEqual({ [`quantities.${honey}`]: ['A quantity cannot be raised above the 50 ordered.'] })
    const unknown = await move(producerP, o.id, { to: 'CONFIRMED', deliveryDate: inDays(3), quantities: { 'not-in-order': 1 } }, en)
    expect(unknown.body.error.details).toEqual({ 'quantities.not-in-order': ['This line is not part of the order.'] })
    const negative = await move(producerP, o.id, { to: 'CONFIRMED', deliveryDate: inDays(3), quantities: { [sauce]: -1 } }, en)
    expect(Object.keys(negative.body.error.details)).toEqual([`quantities.${sauce}`])
    const allZero = await move(producerP, o.id, { to: 'CONFIRMED', deliveryDate: inDays(3), quantities: { [honey]: 0, [sauce]: 0 } }, en)
    expect(Object.keys(allZero.body.error.details)).toEqual(['quantities'])
    const misplaced = await move(producerP, o.id, { to: 'REJECTED', note: 'Hết hàng', shippingFee: vnd(1), trackingNumber: 'x' }, en)
    expect(misplaced.body.error.details).toEqual({
      shippingFee: ['Only when confirming the order ("to": "CONFIRMED").'],
      trackingNumber: ['Only when shipping the order ("to": "SHIPPED").'],
    })
    const noReason = await move(producerP, o.id, { to: 'REJECTED' })
    expect(noReason.body.error.details).toEqual({ note: ['Vui lòng ghi lý do: bên kia sẽ đọc được.'] })

    // Confirmed by the producer; a second confirmation is a conflict naming both statuses.
    const item = (await order(o.id, { key: producerP.key })).body.items.find((i: { productId: string }) => i.productId === sauce)
    // The line's own id works in place of the product id.
    expect((await move(producerP, o.id, { to: 'CONFIRMED', deliveryDate: inDays(3), quantities: { [item.id]: 6 } })).status).toBe(200)
    const before = await orderState(o.id)
    const twice = await move(producerP, o.id, { to: 'CONFIRMED', deliveryDate: inDays(3) })
    expectError(twice, 409, 'INVALID_TRANSITION')
    expect(twice.body.error.message).toContain('Đã xác nhận (CONFIRMED)')
    const twiceEn = await move(producerP, o.id, { to: 'CONFIRMED', deliveryDate: inDays(3) }, en)
    expect(twiceEn.body.error.message).toBe('The order is Confirmed (CONFIRMED), so it cannot move to Confirmed (CONFIRMED). Read the order again to see its current status.')
    // Unpaid: shipping needs the producer's explicit consent.
    const unpaid = await move(producerP, o.id, { to: 'SHIPPED', carrier: 'GHN', trackingNumber: 'GHN123' }, en)
    expectError(unpaid, 409, 'PAYMENT_REQUIRED')
    expect(unpaid.body.error.message).toContain('"shipBeforePayment": true')
    const noCarrier = await move(producerP, o.id, { to: 'SHIPPED', trackingNumber: 'GHN123', shipBeforePayment: true })
    expect(Object.keys(noCarrier.body.error.details)).toEqual(['carrier'])
    expect(await orderState(o.id)).toEqual(before)
  })

  test('the whole life through the API: confirm, pay, ship, deliver; completed with its history', async () => {
    const { order: o } = await freshOrder()
    const confirmed = await move(producerP, o.id, { to: 'CONFIRMED', deliveryDate: inDays(3) })
    expect(confirmed.status).toBe(200)
    const total = BigInt(confirmed.body.total.amount)
    expect((await markTransferReceived({ orderId: o.id, amountVnd: total, operator })).ok).toBe(true)
    expect((await order(o.id, { key: buyerA.key })).body).toMatchObject({ paymentStatus: 'PAID', payment: { amountReceived: vnd(total) } })
    const shipped = await move(producerP, o.id, { to: 'SHIPPED', carrier: 'Giao Hàng Nhanh', trackingNumber: 'GHN-778899' })
    expect(shipped.body).toMatchObject({ status: 'SHIPPED', carrier: 'Giao Hàng Nhanh', trackingNumber: 'GHN-778899', shippedAt: expect.any(String) })
    const delivered = await move(buyerA, o.id, { to: 'DELIVERED' })
    expect(delivered.status, delivered.text).toBe(200)
    // Delivered and paid: completed in the same step.
    expect(delivered.body).toMatchObject({ status: 'COMPLETED', paymentStatus: 'PAID', deliveredAt: expect.any(String), closedAt: expect.any(String), allowedTransitions: [] })
    expect(delivered.body.events.map((e: { from: string | null; to: string }) => `${e.from}→${e.to}`)).toEqual([
      'null→PLACED',
      'PLACED→CONFIRMED',
      'CONFIRMED→CONFIRMED', // the transfer recorded
      'CONFIRMED→SHIPPED',
      'SHIPPED→DELIVERED',
      'DELIVERED→COMPLETED',
    ])
    expect(delivered.body.events[2].actor).toBe(operator.name)
  })

  test('the buyer cancels with a reason: stock comes back; with an Idempotency-Key a retry gets the same answer', async () => {
    const { order: o, honey, sauce } = await freshOrder()
    const headers = { 'Idempotency-Key': 'cancel-1' }
    const res = await move(buyerA, o.id, { to: 'CANCELLED', note: 'Khách đổi kế hoạch' }, headers)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ status: 'CANCELLED', closedAt: expect.any(String), allowedTransitions: [] })
    expect([await stockOf(honey), await stockOf(sauce)]).toEqual([100, 100])
    const again = await move(buyerA, o.id, { to: 'CANCELLED', note: 'Khách đổi kế hoạch' }, headers)
    expect(again.status).toBe(200)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body).toEqual(res.body)
    expect(await prisma.orderEvent.count({ where: { orderId: o.id, toStatus: 'CANCELLED' } })).toBe(1)
    // Without the key, the same request is a conflict.
    expectError(await move(buyerA, o.id, { to: 'CANCELLED', note: 'Khách đổi kế hoạch' }), 409, 'INVALID_TRANSITION')
  })
})

describe('the reference', () => {
  test('the OpenAPI document has the order endpoints, the Order schema, and their specific errors', () => {
    const doc = openApiDocument()
    const create = doc.paths!['/api/v1/orders']!.post!
    expect(create.operationId).toBe('createOrder')
    expect((create.parameters as OpenAPIV3_1.ParameterObject[]).map((p) => p.name)).toContain('Idempotency-Key')
    expect(create.responses['409'].description).toContain('OUT_OF_STOCK')
    expect(doc.paths!['/api/v1/orders']!.get!.operationId).toBe('listOrders')
    expect(doc.paths!['/api/v1/orders/{id}']!.get!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } })
    const transition = doc.paths!['/api/v1/orders/{id}/transitions']!.post!
    expect(transition.responses['409'].description).toContain('INVALID_TRANSITION')
    expect(transition.responses['403'].description).toContain('never makes this move')
    const order = doc.components!.schemas!.Order as OpenAPIV3_1.SchemaObject
    expect(Object.keys(order.properties!)).toEqual(expect.arrayContaining(['id', 'number', 'createdAt', 'buyer', 'producer', 'items', 'subtotal', 'vatTotal', 'shippingFee', 'total', 'status', 'paymentStatus', 'payment', 'deliveryAddress', 'requestedDeliveryDate', 'events']))
    expect(order.properties!.total).toEqual({ $ref: '#/components/schemas/Money' })
  })
})
