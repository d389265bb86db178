// The buyer's cart: lines grouped by producer at the tier price for their quantity, the same warnings
// placeOrders would refuse, the limits, and one buyer's cart out of every other organisation's reach.
import { beforeAll, describe, expect, test } from 'vitest'
import {
  addToCart,
  cartLineCount,
  cartView,
  clearCart,
  parseQuantity,
  quantityInCart,
  removeFromCart,
  setCartQuantity,
} from '~/modules/cart/cart.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { ORDER_LIMITS } from '~/modules/orders/order-rules'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerWithAddress, product } from '../orders/order-fixtures'

beforeAll(() => ensureCategories())

// Honey: MOQ 10, 250,000 ₫ from 10, 230,000 ₫ from 50, VAT 5%, stock 120 (tests/catalog/fixtures.ts).

describe('adding and changing lines', () => {
  test('adding adds to the existing line; setting replaces it; removing and clearing empty the cart', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id)
    const tea = await product(producer.id, { moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 80_000 }] })

    expect(await addToCart(buyer.id, honey, 10)).toEqual({ ok: true, quantity: 10 })
    expect(await addToCart(buyer.id, honey, 5)).toEqual({ ok: true, quantity: 15 })
    expect(await addToCart(buyer.id, tea, 3)).toEqual({ ok: true, quantity: 3 })
    expect(await quantityInCart(buyer.id, honey)).toBe(15)
    expect(await cartLineCount(buyer.id)).toBe(2)

    expect(await setCartQuantity(buyer.id, honey, 40)).toEqual({ ok: true, quantity: 40 })
    expect(await quantityInCart(buyer.id, honey)).toBe(40)

    expect(await removeFromCart(buyer.id, tea)).toBe(true)
    expect(await removeFromCart(buyer.id, tea)).toBe(false)
    expect(await cartLineCount(buyer.id)).toBe(1)
    expect(await clearCart(buyer.id)).toBe(1)
    expect(await cartLineCount(buyer.id)).toBe(0)
  })

  test('quantities that are not whole numbers from 1 to the limit are refused, and nothing is written', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id)
    for (const bad of [0, -1, 1.5, Number.NaN, ORDER_LIMITS.quantityMax + 1]) {
      expect(await addToCart(buyer.id, honey, bad)).toMatchObject({ ok: false, error: 'cart.quantityInvalid', values: { max: ORDER_LIMITS.quantityMax } })
    }
    expect(await cartLineCount(buyer.id)).toBe(0)

    // The form's text: digits only.
    expect(parseQuantity(' 12 ')).toBe(12)
    expect(parseQuantity('1000000')).toBe(1_000_000)
    for (const bad of ['', '0', '-2', '1.5', '1,5', '1e3', 'abc', '1000001', '99999999999', null, undefined]) expect(parseQuantity(bad)).toBeNull()

    // Below the MOQ, and a line that would grow past the limit.
    expect(await addToCart(buyer.id, honey, 9)).toEqual({ ok: false, error: 'cart.belowMoq', values: { moq: 10 } })
    expect(await addToCart(buyer.id, honey, ORDER_LIMITS.quantityMax)).toMatchObject({ ok: true })
    expect(await addToCart(buyer.id, honey, 1)).toEqual({
      ok: false,
      error: 'cart.totalTooLarge',
      values: { max: ORDER_LIMITS.quantityMax, inCart: ORDER_LIMITS.quantityMax },
    })
    expect(await setCartQuantity(buyer.id, honey, 9)).toEqual({ ok: false, error: 'cart.belowMoq', values: { moq: 10 } })
    expect(await setCartQuantity(buyer.id, honey, 0)).toMatchObject({ ok: false, error: 'cart.quantityInvalid' })
    expect(await quantityInCart(buyer.id, honey)).toBe(ORDER_LIMITS.quantityMax)
  })

  test('only buyer organisations have carts, and only for products on sale', async () => {
    const producer = await makeOrg('PRODUCER')
    const other = await makeOrg('PRODUCER')
    const suspendedBuyer = await makeOrg('BUYER', { suspended: true })
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id)
    expect(await addToCart(other.id, honey, 10)).toEqual({ ok: false, error: 'cart.notBuyer' })
    expect(await addToCart(suspendedBuyer.id, honey, 10)).toEqual({ ok: false, error: 'cart.notBuyer' })
    expect(await addToCart('no-such-org', honey, 10)).toEqual({ ok: false, error: 'cart.notBuyer' })
    expect(await addToCart(buyer.id, 'no-such-product', 10)).toEqual({ ok: false, error: 'cart.notForSale' })

    await prisma.product.update({ where: { id: honey }, data: { status: 'DRAFT' } })
    expect(await addToCart(buyer.id, honey, 10)).toEqual({ ok: false, error: 'cart.notForSale' })
    expect(await cartLineCount(buyer.id)).toBe(0)
  })

  test(`a cart holds at most ${ORDER_LIMITS.linesMax} lines`, async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const first = await product(producer.id)
    const row = await prisma.product.findUniqueOrThrow({ where: { id: first } })
    const { id: _id, slug: _slug, sku: _sku, createdAt: _c, updatedAt: _u, ...rest } = row
    await prisma.product.createMany({
      data: Array.from({ length: ORDER_LIMITS.linesMax }, (_, i) => ({ ...rest, id: `bulk-${i}`, slug: `bulk-${i}`, sku: `BULK-${i}` })),
    })
    await prisma.cartItem.createMany({
      data: Array.from({ length: ORDER_LIMITS.linesMax }, (_, i) => ({ buyerId: buyer.id, productId: `bulk-${i}`, quantity: 10 })),
    })
    expect(await addToCart(buyer.id, first, 10)).toEqual({ ok: false, error: 'cart.tooManyLines', values: { max: ORDER_LIMITS.linesMax } })
    // Adding to a line already there is still fine.
    expect(await addToCart(buyer.id, 'bulk-0', 5)).toEqual({ ok: true, quantity: 15 })
    expect(await cartLineCount(buyer.id)).toBe(ORDER_LIMITS.linesMax)
  })

  test("another organisation cannot see or change a buyer's cart", async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const intruder = await makeOrg('BUYER')
    const honey = await product(producer.id)
    await addToCart(buyer.id, honey, 20)

    expect(await setCartQuantity(intruder.id, honey, 30)).toEqual({ ok: false, error: 'cart.lineNotFound' })
    expect(await removeFromCart(intruder.id, honey)).toBe(false)
    expect(await clearCart(intruder.id)).toBe(0)
    expect((await cartView(intruder.id)).lineCount).toBe(0)
    // The intruder's own add makes its own line.
    await addToCart(intruder.id, honey, 10)
    expect(await quantityInCart(buyer.id, honey)).toBe(20)
    expect(await quantityInCart(intruder.id, honey)).toBe(10)
  })
})

describe('the cart view', () => {
  test('lines are grouped by producer with tier prices, VAT per line and totals per group', async () => {
    const meoVac = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc' })
    const phuQuoc = await makeOrg('PRODUCER', { name: 'HTX Phú Quốc' })
    const buyer = await buyerWithAddress()
    const honey = await product(meoVac.id)
    const tea = await product(meoVac.id, { nameVi: 'Chè Shan tuyết', vatRate: '10', moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 123_457 }] })
    const sauce = await product(phuQuoc.id, { nameVi: 'Nước mắm Phú Quốc', moq: 5, tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }] })
    await addToCart(buyer.id, sauce, 6)
    await addToCart(buyer.id, honey, 10)
    await addToCart(buyer.id, tea, 3)

    const view = await cartView(buyer.id)
    expect(view.lineCount).toBe(3)
    expect(view.groups.map((g) => g.producer.displayName)).toEqual(['HTX Mèo Vạc', 'HTX Phú Quốc'])
    const [a, b] = view.groups
    expect(a.lines.map((l) => [l.nameVi, l.quantity, l.unitPriceVnd, l.lineTotalVnd, l.vatAmountVnd])).toEqual([
      ['Mật ong bạc hà Hà Giang', 10, 250_000n, 2_500_000n, 125_000n],
      ['Chè Shan tuyết', 3, 123_457n, 370_371n, 37_037n], // 37,037.1 rounds down
    ])
    expect(a.lines[0]).toMatchObject({ unit: 'BOTTLE', packSize: 'Chai 500 ml', moq: 10, stock: 120, madeToOrder: false, forSale: true, warnings: [] })
    expect(a.lines[0].slug).toMatch(/^mat-ong/)
    expect(a).toMatchObject({ subtotalVnd: 2_870_371n, vatTotalVnd: 162_037n, totalVnd: 3_032_408n, warnings: [] })
    expect(b).toMatchObject({ subtotalVnd: 570_000n, vatTotalVnd: 28_500n, totalVnd: 598_500n })
    expect(view).toMatchObject({ subtotalVnd: 3_440_371n, vatTotalVnd: 190_537n, totalVnd: 3_630_908n, blocked: false, earliestDeliveryDate: null })
  })

  test('the unit price follows the tier for the quantity, and the next tier is hinted', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id)
    await addToCart(buyer.id, honey, 49)
    let line = (await cartView(buyer.id)).groups[0].lines[0]
    expect(line).toMatchObject({ unitPriceVnd: 250_000n, lineTotalVnd: 12_250_000n, vatAmountVnd: 612_500n, nextTier: { minQuantity: 50, unitPriceVnd: 230_000n } })
    await setCartQuantity(buyer.id, honey, 50)
    line = (await cartView(buyer.id)).groups[0].lines[0]
    expect(line).toMatchObject({ unitPriceVnd: 230_000n, lineTotalVnd: 11_500_000n, vatAmountVnd: 575_000n, nextTier: null })
  })

  test('warnings: below the MOQ, more than the stock, no longer for sale, lead time, below the minimum order value', async () => {
    const now = new Date('2026-03-10T05:00:00Z') // 12:00 in Hà Nội
    const producer = await makeOrg('PRODUCER')
    const small = await makeOrg('PRODUCER')
    await prisma.organization.update({ where: { id: small.id }, data: { minOrderValueVnd: 5_000_000n } })
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id)
    const scarce = await product(producer.id, { stock: 30 })
    const gone = await product(producer.id)
    const cake = await product(producer.id, { nameVi: 'Bánh chưng', madeToOrder: true, stock: undefined, leadTimeDays: 3 })
    const pepper = await product(small.id, { moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 100_000 }] })
    for (const [id, quantity] of [[honey, 10], [scarce, 20], [gone, 10], [cake, 10], [pepper, 10]] as const) expect((await addToCart(buyer.id, id, quantity)).ok).toBe(true)

    // Only the lead time, an information: nothing blocks checkout yet but the small producer's minimum.
    let view = await cartView(buyer.id, now)
    const lineOf = (v: typeof view, id: string) => v.groups.flatMap((g) => g.lines).find((l) => l.productId === id)!
    expect(lineOf(view, cake).warnings).toEqual([{ code: 'leadTime', days: 3, earliestDate: '2026-03-13' }])
    expect(view.earliestDeliveryDate).toBe('2026-03-13')
    const smallGroup = view.groups.find((g) => g.producer.id === small.id)!
    expect(smallGroup.warnings).toEqual([{ code: 'belowMinimumOrderValue', minimumVnd: 5_000_000n, subtotalVnd: 1_000_000n }])
    expect(view.blocked).toBe(true)

    await setCartQuantity(buyer.id, pepper, 50)
    view = await cartView(buyer.id, now)
    expect(view.groups.find((g) => g.producer.id === small.id)!.warnings).toEqual([])
    expect(view.blocked).toBe(false)

    // The producer raises the MOQ, sells most of the stock, unpublishes a product.
    await prisma.product.update({ where: { id: honey }, data: { moq: 20 } })
    await prisma.productTierPrice.updateMany({ where: { productId: honey, minQuantity: 10 }, data: { minQuantity: 20 } })
    await prisma.product.update({ where: { id: scarce }, data: { stock: 12 } })
    await prisma.product.update({ where: { id: gone }, data: { suspendedAt: now } })
    view = await cartView(buyer.id, now)
    expect(lineOf(view, honey)).toMatchObject({ warnings: [{ code: 'belowMoq', moq: 20 }], unitPriceVnd: null, lineTotalVnd: null })
    expect(lineOf(view, scarce).warnings).toEqual([{ code: 'outOfStock', available: 12 }])
    expect(lineOf(view, gone)).toMatchObject({ forSale: false, warnings: [{ code: 'notForSale' }], lineTotalVnd: null })
    expect(view.blocked).toBe(true)
    // The group's subtotal counts only the lines that can be priced (as placeOrders measures the minimum).
    const group = view.groups.find((g) => g.producer.id === producer.id)!
    expect(group.subtotalVnd).toBe(20n * 250_000n + 10n * 250_000n)
  })
})
