// Placing orders: one order per producer, all or nothing, every rule on the server, stock that never
// oversells. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL (where 50 transactions really race).
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { setProductStatus } from '~/modules/catalog/products.server'
import { lineAt, orderTotals, priceLine, vatOf } from '~/modules/orders/money'
import { placeOrders, type PlaceOrdersInput } from '~/modules/orders/place-orders.server'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerWithAddress, product } from './order-fixtures'

beforeAll(() => ensureCategories())

const order = (buyerId: string, items: PlaceOrdersInput['items'], extra: Partial<PlaceOrdersInput> = {}) =>
  placeOrders({ buyerId, actor: { name: 'Chị Lan (mua hàng)' }, items, ...extra })

describe('money', () => {
  test('VAT is per line, rounded half-up to the đồng; the total is lines + VAT + shipping', () => {
    expect(vatOf(10n, 'FIVE')).toBe(1n) // 0.5 → 1
    expect(vatOf(9n, 'FIVE')).toBe(0n) // 0.45 → 0
    expect(vatOf(250_000n * 13n, 'EIGHT')).toBe(260_000n)
    expect(vatOf(1_234_567n, 'TEN')).toBe(123_457n) // 123,456.7
    expect(vatOf(999n, 'EXEMPT')).toBe(0n)
    const tiers = [
      { minQuantity: 10, unitPriceVnd: 250_000n },
      { minQuantity: 50, unitPriceVnd: 230_000n },
    ]
    expect(priceLine(tiers, 9, 'FIVE')).toBeNull()
    expect(priceLine(tiers, 49, 'FIVE')).toEqual({ unitPriceVnd: 250_000n, lineTotalVnd: 12_250_000n, vatAmountVnd: 612_500n })
    expect(priceLine(tiers, 50, 'FIVE')).toEqual({ unitPriceVnd: 230_000n, lineTotalVnd: 11_500_000n, vatAmountVnd: 575_000n })
    // A quantity lowered later keeps the snapshotted price of the quantity ordered.
    expect(lineAt(230_000n, 40, 'FIVE')).toEqual({ unitPriceVnd: 230_000n, lineTotalVnd: 9_200_000n, vatAmountVnd: 460_000n })
    expect(orderTotals([{ lineTotalVnd: 100n, vatAmountVnd: 5n }, { lineTotalVnd: 33n, vatAmountVnd: 3n }], 20n)).toEqual({
      subtotalVnd: 133n,
      vatTotalVnd: 8n,
      shippingFeeVnd: 20n,
      totalVnd: 161n,
    })
  })
})

describe('placing orders', () => {
  test('lines from two producers become two orders with snapshots, stock reserved, numbers and references', async () => {
    const [a, b] = [await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc' }), await makeOrg('PRODUCER', { name: 'HTX Phú Quốc' })]
    const buyer = await buyerWithAddress('Siêu thị Sài Gòn')
    const honey = await product(a.id, { stock: 100 })
    const sauce = await product(b.id, { nameVi: 'Nước mắm Phú Quốc', vatRate: '10', stock: 30, moq: 5, tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }] })
    const madeToOrder = await product(b.id, { nameVi: 'Chả mực Hạ Long', madeToOrder: true, stock: undefined, leadTimeDays: 3 })

    const result = await order(buyer.id, [
      { productId: honey, quantity: 50 },
      { productId: sauce, quantity: 6 },
      { productId: madeToOrder, quantity: 10 },
      { productId: sauce, quantity: 1 }, // the same product twice: 7 in all
    ])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const orders = await prisma.order.findMany({ where: { id: { in: result.orderIds } }, include: { items: true, events: true }, orderBy: { producerName: 'asc' } })
    expect(orders).toHaveLength(2)
    const [fromA, fromB] = orders
    expect(fromA).toMatchObject({
      producerId: a.id,
      buyerId: buyer.id,
      status: 'PLACED',
      paymentStatus: 'UNPAID',
      subtotalVnd: 11_500_000n, // 50 × 230,000 (the second tier)
      vatTotalVnd: 575_000n,
      shippingFeeVnd: 0n,
      totalVnd: 12_075_000n,
      buyerName: 'Siêu thị Sài Gòn',
      producerName: 'HTX Mèo Vạc',
      deliveryAddress: { label: 'DC Củ Chi', provinceCode: '79', recipientName: 'Kho nhận hàng', phone: '+842837901234', addressLine: 'Lô C5, KCN Tây Bắc', commune: 'Xã Tân An Hội' },
    })
    expect(fromA.number).toMatch(/^DH-\d{4}-\d{6}$/)
    expect(fromB.number).not.toBe(fromA.number)
    expect(fromA.paymentReference).toMatch(/^CVM[A-HJKMNP-Z2-9]{8}$/)
    expect(fromA.events).toMatchObject([{ fromStatus: null, toStatus: 'PLACED', actorName: 'Chị Lan (mua hàng)' }])
    expect(fromB.items.map((i) => [i.nameVi, i.quantity, i.unitPriceVnd, i.vatRate, i.lineTotalVnd, i.vatAmountVnd, i.reservedQuantity]).sort()).toEqual(
      [
        ['Nước mắm Phú Quốc', 7, 95_000n, 'TEN', 665_000n, 66_500n, 7],
        ['Chả mực Hạ Long', 10, 250_000n, 'FIVE', 2_500_000n, 125_000n, 0],
      ].sort(),
    )
    expect(fromB.totalVnd).toBe(665_000n + 66_500n + 2_500_000n + 125_000n)
    const stock = async (id: string) => (await prisma.product.findUniqueOrThrow({ where: { id } })).stock
    expect([await stock(honey), await stock(sauce), await stock(madeToOrder)]).toEqual([50, 23, null])
    // The stock change is on its way to the search index.
    expect(await prisma.outboxMessage.count({ where: { topic: 'search.sync' } })).toBeGreaterThan(0)
  })

  test('any failing line means no order at all, and the answer names every failing line', async () => {
    const producer = await makeOrg('PRODUCER')
    const other = await makeOrg('PRODUCER')
    await prisma.organization.update({ where: { id: other.id }, data: { minOrderValueVnd: 5_000_000n } })
    const buyer = await buyerWithAddress()
    const fine = await product(producer.id, { stock: 100 })
    const small = await product(producer.id, { stock: 100 })
    const hidden = await product(producer.id, { stock: 100 })
    await setProductStatus(producer.id, hidden, 'UNPUBLISHED')
    const belowMinimum = await product(other.id, { stock: 100 })
    const slow = await product(producer.id, { madeToOrder: true, stock: undefined, leadTimeDays: 10 })
    const scarce = await product(producer.id, { stock: 12 })
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)

    const result = await order(
      buyer.id,
      [
        { productId: fine, quantity: 20 },
        { productId: small, quantity: 5 },
        { productId: hidden, quantity: 20 },
        { productId: 'no-such-product', quantity: 1 },
        { productId: belowMinimum, quantity: 10 },
        { productId: slow, quantity: 10 },
        { productId: scarce, quantity: 20 },
      ],
      { requestedDeliveryDate: soon },
    )
    expect(result).toMatchObject({ ok: false, error: 'VALIDATION_ERROR' })
    if (result.ok || !('problems' in result)) return
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { productId: small, code: 'belowMoq', moq: 10 },
        { productId: hidden, code: 'notFound' },
        { productId: 'no-such-product', code: 'notFound' },
        { productId: slow, code: 'leadTime', earliestDate: expect.any(String) },
        { producerId: other.id, code: 'belowMinimumOrderValue', minimumVnd: 5_000_000n, subtotalVnd: 2_500_000n, productIds: [belowMinimum] },
        // Short of stock too: named in the same answer, not after the rest is fixed.
        { productId: scarce, code: 'outOfStock', available: 12 },
      ]),
    )
    expect(result.problems).toHaveLength(6)
    expect(await prisma.order.count({ where: { buyerId: buyer.id } })).toBe(0)
    expect((await prisma.product.findUniqueOrThrow({ where: { id: fine } })).stock).toBe(100)
    expect((await prisma.product.findUniqueOrThrow({ where: { id: scarce } })).stock).toBe(12)
  })

  test('a shortage on one line gives back what the other lines had reserved', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await buyerWithAddress()
    const plenty = await product(producer.id, { stock: 100 })
    const scarce = await product(producer.id, { stock: 12 })
    const result = await order(buyer.id, [
      { productId: plenty, quantity: 40 },
      { productId: scarce, quantity: 20 },
    ])
    expect(result).toEqual({ ok: false, error: 'OUT_OF_STOCK', problems: [{ productId: scarce, code: 'outOfStock', available: 12 }] })
    expect((await prisma.product.findUniqueOrThrow({ where: { id: plenty } })).stock).toBe(100)
    expect(await prisma.order.count({ where: { buyerId: buyer.id } })).toBe(0)
  })

  test('the address must be the buyer\'s own; a date in the past or unreadable is refused; only buyers order', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await buyerWithAddress()
    const stranger = await buyerWithAddress()
    const strangersAddress = await prisma.deliveryAddress.findFirstOrThrow({ where: { organizationId: stranger.id } })
    const id = await product(producer.id)
    const line = [{ productId: id, quantity: 10 }]
    expect(await order(buyer.id, line, { deliveryAddressId: strangersAddress.id })).toEqual({ ok: false, error: 'order.address.notFound' })
    expect(await order((await makeOrg('BUYER')).id, line)).toEqual({ ok: false, error: 'order.address.required' })
    expect(await order(buyer.id, line, { requestedDeliveryDate: '2020-01-01' })).toEqual({ ok: false, error: 'order.date.past' })
    expect(await order(buyer.id, line, { requestedDeliveryDate: '2026-02-30' })).toEqual({ ok: false, error: 'order.date.invalid' })
    expect(await order(producer.id, line)).toEqual({ ok: false, error: 'order.notBuyer' })
    expect(await order(buyer.id, [])).toEqual({ ok: false, error: 'order.empty' })
    expect(await order(buyer.id, [{ productId: id, quantity: 10.5 }])).toMatchObject({ ok: false, error: 'VALIDATION_ERROR', problems: [{ code: 'quantityInvalid' }] })
    expect(await prisma.order.count()).toBeGreaterThanOrEqual(0)
  })

  test('checking out the cart removes the ordered lines from it in the same transaction', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await buyerWithAddress()
    const id = await product(producer.id, { stock: 50 })
    const other = await product(producer.id, { stock: 50 })
    await prisma.cartItem.createMany({ data: [{ buyerId: buyer.id, productId: id, quantity: 10 }, { buyerId: buyer.id, productId: other, quantity: 10 }] })
    const result = await order(buyer.id, [{ productId: id, quantity: 10 }], { fromCart: true })
    expect(result.ok).toBe(true)
    expect((await prisma.cartItem.findMany({ where: { buyerId: buyer.id } })).map((c) => c.productId)).toEqual([other])
  })
})

describe('concurrency', () => {
  test('50 buyers order the last 10 units at once: exactly 10 are sold, the others are told OUT_OF_STOCK', async () => {
    const producer = await makeOrg('PRODUCER')
    const id = await product(producer.id, { stock: 10, moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 100_000 }] })
    const buyers = []
    for (let i = 0; i < 50; i++) buyers.push(await buyerWithAddress())
    const results = await Promise.all(buyers.map((b) => order(b.id, [{ productId: id, quantity: 1 }])))
    const won = results.filter((r) => r.ok)
    const lost = results.filter((r) => !r.ok)
    expect(won).toHaveLength(10)
    expect(lost).toHaveLength(40)
    for (const r of lost) expect(r).toEqual({ ok: false, error: 'OUT_OF_STOCK', problems: [{ productId: id, code: 'outOfStock', available: 0 }] })
    expect((await prisma.product.findUniqueOrThrow({ where: { id } })).stock).toBe(0)
    const sold = await prisma.orderItem.aggregate({ where: { productId: id }, _sum: { quantity: true, reservedQuantity: true } })
    expect(sold._sum).toEqual({ quantity: 10, reservedQuantity: 10 })
    // Every order has its reservation: none was created for a buyer who lost.
    expect(await prisma.order.count({ where: { items: { some: { productId: id } } } })).toBe(10)
  })
})
