// Saved order lists: shared by a buyer organisation's members, out of every other organisation's reach,
// names unique per organisation, products for sale only, and "add the list to the cart" adjusting each line
// for the MOQ and the stock (made-to-order products keep their quantity) with a report of every line.
import { beforeAll, describe, expect, test } from 'vitest'
import { addToCart, cartItems, quantityInCart } from '~/modules/cart/cart.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import {
  addListToCart,
  addOrderListItem,
  addToListNamed,
  createOrderList,
  decideLine,
  deleteOrderList,
  findProductBySku,
  getOrderList,
  listOrderListDetails,
  listOrderLists,
  removeOrderListItem,
  renameOrderList,
  setOrderListItemQuantity,
  updateOrderList,
} from '~/modules/order-lists/order-lists.server'
import { orderListName } from '~/modules/order-lists/schemas'
import { ORDER_LIMITS } from '~/modules/orders/order-rules'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { product } from '../orders/order-fixtures'
import { createUser } from '../utils/routes'

beforeAll(() => ensureCategories())

// Honey (tests/catalog/fixtures.ts): MOQ 10, 250,000 ₫ from 10, 230,000 ₫ from 50, VAT 5%, stock 120.

/** `count` published copies of a product (other SKUs and slugs), written directly: quicker than the catalogue. */
async function copiesOf(productId: string, count: number) {
  const { id: _id, createdAt: _c, updatedAt: _u, ...base } = await prisma.product.findUniqueOrThrow({ where: { id: productId } })
  const rows = Array.from({ length: count }, (_, i) => ({ ...base, sku: `${base.sku}-C${i}`, slug: `${base.slug}-c${i}` }))
  await prisma.product.createMany({ data: rows })
  const copies = await prisma.product.findMany({ where: { slug: { in: rows.map((r) => r.slug) } }, select: { id: true } })
  return copies.map((c) => c.id)
}

async function created(buyerId: string, name: string, items: { productId: string; quantity: number }[] = [], userId: string | null = null) {
  const result = await createOrderList(buyerId, userId, { name, items })
  if (!result.ok) throw new Error(`createOrderList: ${JSON.stringify(result)}`)
  return result.list.id
}

describe('lists of an organisation', () => {
  test('a list made by one member is the organisation\'s: listed with its count, priced at today\'s tier, in order', async () => {
    const producer = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc' })
    const buyer = await makeOrg('BUYER')
    const lan = await createUser({ name: 'Chị Lan' })
    const honey = await product(producer.id)
    const tea = await product(producer.id, { nameVi: 'Trà shan tuyết', moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 80_000 }], stock: 3 })

    const listId = await created(buyer.id, '  Hàng tuần – DC Củ Chi ', [
      { productId: honey, quantity: 60 },
      { productId: tea, quantity: 5 },
    ], lan.id)
    await created(buyer.id, 'Bổ sung Tết')

    expect(await listOrderLists(buyer.id)).toEqual([
      expect.objectContaining({ name: 'Bổ sung Tết', itemCount: 0, createdBy: null }),
      expect.objectContaining({ id: listId, name: 'Hàng tuần – DC Củ Chi', itemCount: 2, createdBy: 'Chị Lan' }),
    ])
    const list = await getOrderList(buyer.id, listId)
    expect(list?.items.map((i) => [i.nameVi, i.quantity, i.unitPriceVnd, i.lineTotalVnd, i.availability, i.stock])).toEqual([
      ['Mật ong bạc hà Hà Giang', 60, 230_000n, 13_800_000n, 'inStock', 120],
      ['Trà shan tuyết', 5, 80_000n, 400_000n, 'lowStock', 3],
    ])
    expect(list?.items[0].producer).toEqual({ slug: producer.slug, displayName: 'HTX Mèo Vạc' })

    // Below the MOQ: priced at the MOQ, which the cart will get.
    expect(await setOrderListItemQuantity(buyer.id, listId, honey, 4)).toEqual({ ok: true, quantity: 4, added: false })
    const lowered = await getOrderList(buyer.id, listId)
    expect(lowered?.items[0]).toMatchObject({ quantity: 4, orderQuantity: 10, unitPriceVnd: 250_000n, lineTotalVnd: 2_500_000n })

    const page = await listOrderListDetails(buyer.id, { skip: 0, take: 1 })
    expect(page.total).toBe(2)
    expect(page.items.map((l) => l.name)).toEqual(['Bổ sung Tết'])
  })

  test('names: trimmed, 1 to 100 characters in the schema, unique per organisation whatever the letter case; another organisation may reuse one', async () => {
    expect(orderListName().safeParse('  ')).toMatchObject({ success: false, error: { issues: [{ message: 'lists:errors.name.required' }] } })
    expect(orderListName().safeParse('x'.repeat(101))).toMatchObject({ success: false, error: { issues: [{ message: 'lists:errors.name.tooLong' }] } })
    expect(orderListName().safeParse(` ${'x'.repeat(100)} `)).toEqual({ success: true, data: 'x'.repeat(100) })

    const buyer = await makeOrg('BUYER')
    const other = await makeOrg('BUYER')
    const weekly = await created(buyer.id, 'Hàng tuần')
    expect(await createOrderList(buyer.id, null, { name: 'HÀNG TUẦN' })).toEqual({ ok: false, error: 'lists:errors.name.taken' })
    expect(await createOrderList(other.id, null, { name: 'Hàng tuần' })).toMatchObject({ ok: true })

    const monthly = await created(buyer.id, 'Hàng tháng')
    expect(await renameOrderList(buyer.id, monthly, ' hàng tuần ')).toEqual({ ok: false, error: 'lists:errors.name.taken' })
    // Its own name in another case is fine.
    expect(await renameOrderList(buyer.id, weekly, 'HÀNG TUẦN')).toEqual({ ok: true, list: { id: weekly, name: 'HÀNG TUẦN' } })
  })

  test('only products for sale go in; quantities are whole numbers from 1 to the limit; adding again adds up; nothing changes on a refusal', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id)
    const draft = await product(producer.id)
    await prisma.product.update({ where: { id: draft }, data: { status: 'UNPUBLISHED' } })
    const listId = await created(buyer.id, 'Hàng tuần')

    expect(await addOrderListItem(buyer.id, listId, draft, 5)).toMatchObject({ ok: false, error: 'lists:errors.product.notForSale' })
    expect(await addOrderListItem(buyer.id, listId, 'no-such-product', 5)).toMatchObject({ ok: false, error: 'lists:errors.product.notForSale' })
    for (const bad of [0, -1, 2.5, Number.NaN, ORDER_LIMITS.quantityMax + 1]) {
      expect(await addOrderListItem(buyer.id, listId, honey, bad)).toMatchObject({ ok: false, error: 'lists:errors.quantity.invalid' })
      expect(await setOrderListItemQuantity(buyer.id, listId, honey, bad)).toMatchObject({ ok: false, error: 'lists:errors.quantity.invalid' })
    }
    expect(await addOrderListItem(buyer.id, listId, honey, 20)).toEqual({ ok: true, quantity: 20, added: true })
    expect(await addOrderListItem(buyer.id, listId, honey, 5)).toEqual({ ok: true, quantity: 25, added: false })
    expect(await addOrderListItem(buyer.id, listId, honey, ORDER_LIMITS.quantityMax)).toMatchObject({
      ok: false,
      error: 'lists:errors.quantity.tooLarge',
      values: { inList: 25 },
    })
    expect((await getOrderList(buyer.id, listId))?.items.map((i) => i.quantity)).toEqual([25])

    // Creating with items checks each: the place of every refused one is named.
    const result = await createOrderList(buyer.id, null, {
      name: 'Sai',
      items: [
        { productId: honey, quantity: 1 },
        { productId: draft, quantity: 1 },
        { productId: honey, quantity: 0 },
      ],
    })
    expect(result).toMatchObject({
      ok: false,
      problems: [
        { index: 1, field: 'productId', error: 'lists:errors.product.notForSale' },
        { index: 2, field: 'productId', error: 'lists:errors.product.twice' },
        { index: 2, field: 'quantity', error: 'lists:errors.quantity.invalid' },
      ],
    })
    expect(await prisma.orderList.count({ where: { buyerId: buyer.id, name: 'Sai' } })).toBe(0)

    // Replacing the items as a whole (the API's PATCH), and removing one.
    expect(await updateOrderList(buyer.id, listId, { items: [{ productId: honey, quantity: 7 }] })).toMatchObject({ ok: true })
    expect((await getOrderList(buyer.id, listId))?.items.map((i) => i.quantity)).toEqual([7])
    expect(await removeOrderListItem(buyer.id, listId, honey)).toBe(true)
    expect(await removeOrderListItem(buyer.id, listId, honey)).toBe(false)
    expect(await setOrderListItemQuantity(buyer.id, listId, honey, 3)).toMatchObject({ ok: false, error: 'lists:errors.item.notFound' })
  })

  test('a list holds at most ORDER_LIMITS.linesMax products', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id)
    const copies = await copiesOf(honey, ORDER_LIMITS.linesMax)
    const listId = await created(buyer.id, 'Đầy', copies.map((productId) => ({ productId, quantity: 1 })))
    expect(await addOrderListItem(buyer.id, listId, honey, 1)).toEqual({ ok: false, error: 'lists:errors.items.tooMany', values: { max: ORDER_LIMITS.linesMax } })
    // More of one already there is fine.
    expect(await addOrderListItem(buyer.id, listId, copies[0], 1)).toMatchObject({ ok: true, quantity: 2 })
    expect(await createOrderList(buyer.id, null, { name: 'Quá', items: [...copies, honey].map((productId) => ({ productId, quantity: 1 })) })).toMatchObject({
      ok: false,
      error: 'lists:errors.items.tooMany',
    })
  })

  test('another organisation can neither see nor change a list: every call answers "not found" and nothing changes', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const stranger = await makeOrg('BUYER')
    const honey = await product(producer.id)
    const listId = await created(buyer.id, 'Hàng tuần', [{ productId: honey, quantity: 20 }])

    expect(await getOrderList(stranger.id, listId)).toBeNull()
    expect(await listOrderLists(stranger.id)).toEqual([])
    expect(await renameOrderList(stranger.id, listId, 'Của tôi')).toEqual({ ok: false, error: 'lists:errors.notFound' })
    expect(await updateOrderList(stranger.id, listId, { items: [] })).toEqual({ ok: false, error: 'lists:errors.notFound' })
    expect(await addOrderListItem(stranger.id, listId, honey, 1)).toEqual({ ok: false, error: 'lists:errors.notFound' })
    expect(await setOrderListItemQuantity(stranger.id, listId, honey, 1)).toEqual({ ok: false, error: 'lists:errors.notFound' })
    expect(await removeOrderListItem(stranger.id, listId, honey)).toBe(false)
    expect(await addListToCart(stranger.id, listId)).toEqual({ ok: false, error: 'lists:errors.notFound' })
    expect(await deleteOrderList(stranger.id, listId)).toBeNull()
    expect(await quantityInCart(stranger.id, honey)).toBe(0)

    const list = await getOrderList(buyer.id, listId)
    expect(list).toMatchObject({ name: 'Hàng tuần', items: [{ productId: honey, quantity: 20 }] })
    expect(await deleteOrderList(buyer.id, listId)).toEqual({ name: 'Hàng tuần' })
    expect(await getOrderList(buyer.id, listId)).toBeNull()
    expect(await prisma.orderListItem.count({ where: { listId } })).toBe(0)
  })

  test('"add to a list" by name uses the list of that name (any letter case) or makes it', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id)
    const first = await addToListNamed(buyer.id, null, 'Hàng tuần', honey, 10)
    expect(first).toMatchObject({ ok: true, quantity: 10, added: true, list: { name: 'Hàng tuần', created: true } })
    const again = await addToListNamed(buyer.id, null, 'hàng TUẦN', honey, 5)
    expect(again).toMatchObject({ ok: true, quantity: 15, added: false, list: { name: 'Hàng tuần', created: false } })
    expect(await prisma.orderList.count({ where: { buyerId: buyer.id } })).toBe(1)
  })
})

describe('finding a product by SKU', () => {
  test('a SKU alone when one public product has it; "producer-slug/SKU" when several producers use it; drafts are not found', async () => {
    const a = await makeOrg('PRODUCER')
    const b = await makeOrg('PRODUCER')
    const onlyA = await product(a.id, { sku: 'MO-UNIQUE-1' })
    const sharedA = await product(a.id, { sku: 'NM-40' })
    const sharedB = await product(b.id, { sku: 'NM-40' })
    const slashed = await product(b.id, { sku: 'TRA/500' })
    const draft = await product(a.id, { sku: 'DRAFT-1' })
    await prisma.product.update({ where: { id: draft }, data: { status: 'DRAFT' } })

    expect(await findProductBySku(' mo-unique-1 ')).toEqual({ ok: true, productId: onlyA })
    const ambiguous = await findProductBySku('NM-40')
    expect(ambiguous).toMatchObject({ ok: false, error: 'lists:errors.sku.ambiguous' })
    expect(!ambiguous.ok && [...(ambiguous.producers ?? [])].sort()).toEqual([a.slug, b.slug].sort())
    expect(await findProductBySku(`${a.slug}/NM-40`)).toEqual({ ok: true, productId: sharedA })
    expect(await findProductBySku(`${b.slug.toUpperCase()}/nm-40`)).toEqual({ ok: true, productId: sharedB })
    // A SKU with "/" of its own is found as it is, and with its producer in front.
    expect(await findProductBySku('TRA/500')).toEqual({ ok: true, productId: slashed })
    expect(await findProductBySku(`${b.slug}/TRA/500`)).toEqual({ ok: true, productId: slashed })
    expect(await findProductBySku('DRAFT-1')).toEqual({ ok: false, error: 'lists:errors.sku.notFound' })
    expect(await findProductBySku(`${b.slug}/MO-UNIQUE-1`)).toEqual({ ok: false, error: 'lists:errors.sku.notFound' })
    expect(await findProductBySku('   ')).toEqual({ ok: false, error: 'lists:errors.sku.required' })
  })
})

describe('adding a list to the cart', () => {
  test('each line is added, raised to the MOQ, lowered to the stock or skipped, with a report; made-to-order keeps its quantity', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const asIs = await product(producer.id, { nameVi: 'Mật ong' }) // MOQ 10, stock 120
    const belowMoq = await product(producer.id, { nameVi: 'Nước mắm', moq: 5, tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }], stock: 30 })
    const scarce = await product(producer.id, { nameVi: 'Trà shan', moq: 2, tierPrices: [{ minQuantity: 2, unitPriceVnd: 80_000 }], stock: 7 })
    const unpublished = await product(producer.id, { nameVi: 'Miến dong' })
    const soldOut = await product(producer.id, { nameVi: 'Gạo nếp', stock: 0 })
    const tooFew = await product(producer.id, { nameVi: 'Thảo quả', stock: 6 }) // less than the MOQ of 10
    const madeToOrder = await product(producer.id, {
      nameVi: 'Chè lam',
      moq: 20,
      madeToOrder: true,
      stock: undefined,
      leadTimeDays: 7,
      tierPrices: [{ minQuantity: 20, unitPriceVnd: 40_000 }],
    })
    const listId = await created(buyer.id, 'Hàng tuần', [
      { productId: asIs, quantity: 30 },
      { productId: belowMoq, quantity: 2 },
      { productId: scarce, quantity: 10 },
      { productId: unpublished, quantity: 10 },
      { productId: soldOut, quantity: 10 },
      { productId: tooFew, quantity: 10 },
      { productId: madeToOrder, quantity: 500 },
    ])
    await prisma.product.update({ where: { id: unpublished }, data: { status: 'UNPUBLISHED' } })

    const result = await addListToCart(buyer.id, listId)
    if (!result.ok) throw new Error(result.error)
    const { report } = result
    expect(report.list).toEqual({ id: listId, name: 'Hàng tuần' })
    expect(report.lines.map((l) => [l.nameVi, l.listQuantity, l.added, l.inCart, l.outcome])).toEqual([
      ['Mật ong', 30, 30, 30, { code: 'added' }],
      ['Nước mắm', 2, 5, 5, { code: 'raisedToMoq', moq: 5 }],
      ['Trà shan', 10, 7, 7, { code: 'lowered', because: 'stock', available: 7 }],
      ['Miến dong', 10, 0, 0, { code: 'skipped', reason: 'notForSale' }],
      ['Gạo nếp', 10, 0, 0, { code: 'skipped', reason: 'soldOut' }],
      ['Thảo quả', 10, 0, 0, { code: 'skipped', reason: 'notEnoughForMoq', available: 6, moq: 10 }],
      ['Chè lam', 500, 500, 500, { code: 'added' }],
    ])
    expect(report.counts).toEqual({ added: 2, raisedToMoq: 1, lowered: 1, skipped: 3 })
    const cart = Object.fromEntries((await cartItems(buyer.id)).map((i) => [i.productId, i.quantity]))
    expect(cart).toEqual({ [asIs]: 30, [belowMoq]: 5, [scarce]: 7, [madeToOrder]: 500 })
    // The list itself is unchanged.
    expect((await getOrderList(buyer.id, listId))?.items.map((i) => i.quantity)).toEqual([30, 2, 10, 10, 10, 10, 500])
  })

  test('quantities add to what the cart holds: the MOQ counts the whole cart line, the stock what is not already in it', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id, { stock: 40 }) // MOQ 10
    const tea = await product(producer.id, { nameVi: 'Trà', moq: 2, tierPrices: [{ minQuantity: 2, unitPriceVnd: 80_000 }], stock: 12 })
    const sauce = await product(producer.id, { nameVi: 'Nước mắm', stock: 15 })
    await addToCart(buyer.id, honey, 35)
    await addToCart(buyer.id, tea, 12)
    await addToCart(buyer.id, sauce, 10)
    const listId = await created(buyer.id, 'Bổ sung', [
      { productId: honey, quantity: 20 },
      { productId: tea, quantity: 1 },
      { productId: sauce, quantity: 3 },
    ])
    const result = await addListToCart(buyer.id, listId)
    if (!result.ok) throw new Error(result.error)
    expect(result.report.lines.map((l) => [l.added, l.inCart, l.outcome])).toEqual([
      [5, 40, { code: 'lowered', because: 'stock', available: 5 }],
      [0, 12, { code: 'skipped', reason: 'cartHoldsStock', inCart: 12 }],
      // 10 + 3 is above the MOQ already: added as saved.
      [3, 13, { code: 'added' }],
    ])
    expect(await quantityInCart(buyer.id, honey)).toBe(40)
    expect(await quantityInCart(buyer.id, tea)).toBe(12)
  })

  test('an empty list, a suspended buyer and a full cart', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id)
    const empty = await created(buyer.id, 'Trống')
    expect(await addListToCart(buyer.id, empty)).toEqual({ ok: false, error: 'lists:errors.empty' })

    const suspended = await makeOrg('BUYER', { suspended: true })
    const theirs = await created(suspended.id, 'Hàng tuần', [{ productId: honey, quantity: 10 }])
    expect(await addListToCart(suspended.id, theirs)).toEqual({ ok: false, error: 'lists:errors.notBuyer' })
    expect(await quantityInCart(suspended.id, honey)).toBe(0)

    // The line rules, line by line (the cart's limits).
    expect(decideLine({ forSale: true, moq: 1, stock: null, madeToOrder: true }, 5, ORDER_LIMITS.quantityMax)).toEqual({
      quantity: 0,
      outcome: { code: 'skipped', reason: 'lineFull', max: ORDER_LIMITS.quantityMax },
    })
    expect(decideLine({ forSale: true, moq: 1, stock: null, madeToOrder: true }, 10, ORDER_LIMITS.quantityMax - 4)).toEqual({
      quantity: 4,
      outcome: { code: 'lowered', because: 'quantityMax', available: 4 },
    })
  })

  test('a new product is skipped when the cart already has the most lines allowed', async () => {
    const producer = await makeOrg('PRODUCER')
    const buyer = await makeOrg('BUYER')
    const honey = await product(producer.id)
    const copies = await copiesOf(honey, ORDER_LIMITS.linesMax)
    await prisma.cartItem.createMany({ data: copies.map((productId) => ({ buyerId: buyer.id, productId, quantity: 10 })) })
    const listId = await created(buyer.id, 'Đầy', [
      { productId: honey, quantity: 10 },
      { productId: copies[0], quantity: 10 },
    ])
    const result = await addListToCart(buyer.id, listId)
    expect(result.ok && result.report.lines.map((l) => l.outcome)).toEqual([
      { code: 'skipped', reason: 'cartFull', max: ORDER_LIMITS.linesMax },
      // A product already in the cart still gets its quantity.
      { code: 'added' },
    ])
    expect(await quantityInCart(buyer.id, honey)).toBe(0)
    expect(await quantityInCart(buyer.id, copies[0])).toBe(20)
  })
})
