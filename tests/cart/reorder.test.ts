// Reorder: the "Reorder" form of the buyer's order page puts the order's lines back in the cart at the
// quantities first ordered, priced at today's tiers, and answers with the differences (old vs today's unit
// price, products no longer for sale, quantities changed for today's MOQ or stock). Only members of the
// order's buyer who may order can do it.
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { cartItems } from '~/modules/cart/cart.server'
import { reorderToCart, type ReorderAnswer } from '~/modules/cart/reorder.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import * as detailRoute from '~/routes/orders/order'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerWithAddress, confirm, expectOk, placeOne, product } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = Awaited<ReturnType<typeof makeOrg>>

let buyer: Org
let otherBuyer: Org
let producer: Org
let owner: Browser
let viewer: Browser
let otherOwner: Browser
let producerOwner: Browser
let ownerUserId: string
let honey: string // MOQ 10: 250,000 ₫ from 10, 230,000 ₫ from 50
let tea: string // MOQ 5: 100,000 ₫
let jam: string // unpublished after the order
let order: { id: string; number: string }

const path = (org: Org, number: string) => `/vi/orgs/${org.slug}/orders/${number}`
const reorder = (browser: Browser, org: Org, number = order.number) =>
  callRoute(detailRoute.action, browser.post(path(org, number), { intent: 'reorder' }), { lang: 'vi', slug: org.slug, number })
const bySku = (answer: ReorderAnswer) => Object.fromEntries(answer.reorder.lines.map((l) => [l.sku, l]))

beforeAll(async () => {
  await ensureCategories()
  const [ownerUser, viewerUser, otherUser, producerUser] = await Promise.all([createUser({ name: 'Chị Lan' }), createUser(), createUser(), createUser()])
  ownerUserId = ownerUser.id
  buyer = await buyerWithAddress('Siêu thị Sài Gòn')
  otherBuyer = await buyerWithAddress('Nhà phân phối Hà Nội')
  await prisma.membership.createMany({
    data: [
      { userId: ownerUser.id, organizationId: buyer.id, role: 'OWNER' },
      { userId: viewerUser.id, organizationId: buyer.id, role: 'VIEWER' },
      { userId: otherUser.id, organizationId: otherBuyer.id, role: 'OWNER' },
    ],
  })
  producer = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc', memberId: producerUser.id })
  honey = await product(producer.id, { sku: 'A-HONEY', stock: 1000 })
  tea = await product(producer.id, { sku: 'B-TEA', nameVi: 'Chè Shan tuyết', stock: 1000, moq: 5, tierPrices: [{ minQuantity: 5, unitPriceVnd: 100_000 }] })
  jam = await product(producer.id, { sku: 'C-JAM', nameVi: 'Mứt mận', stock: 1000, moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 60_000 }] })
  const id = await placeOne(buyer.id, [
    { productId: honey, quantity: 50 },
    { productId: tea, quantity: 20 },
    { productId: jam, quantity: 10 },
  ])
  // The producer confirmed less honey than ordered: a reorder asks for what was ordered.
  const honeyItem = await prisma.orderItem.findFirstOrThrow({ where: { orderId: id, productId: honey } })
  await expectOk(confirm(id, producer.id, { quantities: { [honeyItem.id]: 30 } }))
  order = await prisma.order.findUniqueOrThrow({ where: { id }, select: { id: true, number: true } })

  // Since then: honey from 50 costs more, tea costs less, the jam is no longer sold.
  await prisma.productTierPrice.updateMany({ where: { productId: honey, minQuantity: 50 }, data: { unitPriceVnd: 240_000n } })
  await prisma.productTierPrice.updateMany({ where: { productId: tea }, data: { unitPriceVnd: 90_000n } })
  await prisma.product.update({ where: { id: jam }, data: { status: 'UNPUBLISHED' } })

  owner = await browserFor(ownerUser.id)
  viewer = await browserFor(viewerUser.id)
  otherOwner = await browserFor(otherUser.id)
  producerOwner = await browserFor(producerUser.id)
})

beforeEach(async () => {
  await prisma.cartItem.deleteMany({})
  await prisma.product.updateMany({ where: { id: { in: [honey, tea] } }, data: { stock: 1000 } })
  await prisma.product.update({ where: { id: tea }, data: { moq: 5 } })
  await prisma.session.updateMany({ where: { userId: ownerUserId }, data: { activeOrganizationId: null } })
})

describe('reorder from the order page', () => {
  test('fills the cart with the ordered quantities and reports old vs today\'s prices; an unpublished product is skipped', async () => {
    const result = await reorder(owner, buyer)
    expect(result.status).toBe(200)
    const answer = result.data as ReorderAnswer
    expect(answer.reorder).toMatchObject({ orderNumber: order.number, added: 2, skipped: 1, priceChanges: 2 })
    expect(answer.cart).toEqual({ organizationId: buyer.id, name: 'Siêu thị Sài Gòn', isActive: true })
    const lines = bySku(answer)
    expect(lines['A-HONEY']).toMatchObject({
      orderedQuantity: 50,
      oldUnitPriceVnd: '230000',
      newUnitPriceVnd: '240000',
      outcome: { code: 'added', quantity: 50, inCart: 50, change: null },
    })
    expect(lines['B-TEA']).toMatchObject({ oldUnitPriceVnd: '100000', newUnitPriceVnd: '90000', outcome: { code: 'added', quantity: 20, inCart: 20 } })
    expect(lines['C-JAM']).toMatchObject({ productSlug: null, oldUnitPriceVnd: '60000', newUnitPriceVnd: null, outcome: { code: 'notForSale' } })
    expect(await cartItems(buyer.id)).toEqual([
      { productId: honey, quantity: 50 },
      { productId: tea, quantity: 20 },
    ])
  })

  test('adds to what the cart holds, priced at the tier of the whole line', async () => {
    await prisma.cartItem.create({ data: { buyerId: buyer.id, productId: honey, quantity: 10 } })
    const answer = (await reorder(owner, buyer)).data as ReorderAnswer
    expect(bySku(answer)['A-HONEY']).toMatchObject({ newUnitPriceVnd: '240000', outcome: { code: 'added', quantity: 50, inCart: 60 } })
  })

  test("quantities follow today's MOQ and stock; a product with less than its MOQ in stock is skipped", async () => {
    await prisma.product.update({ where: { id: tea }, data: { moq: 25, stock: 5 } })
    await prisma.product.update({ where: { id: honey }, data: { stock: 40 } })
    let report = (await reorderToCart(buyer.id, order.number))!
    expect(Object.fromEntries(report.lines.map((l) => [l.sku, l.outcome]))).toEqual({
      'A-HONEY': { code: 'added', quantity: 40, inCart: 40, change: { code: 'loweredToStock', available: 40 } },
      'B-TEA': { code: 'outOfStock', available: 5 },
      'C-JAM': { code: 'notForSale' },
    })
    // Honey at 40 is below the 50 tier today: 250,000 ₫, not the order's 230,000 ₫.
    expect(report.lines[0].newUnitPriceVnd).toBe(250_000n)

    await prisma.cartItem.deleteMany({})
    await prisma.product.update({ where: { id: tea }, data: { stock: 1000 } })
    report = (await reorderToCart(buyer.id, order.id))!
    expect(report.lines.find((l) => l.sku === 'B-TEA')!.outcome).toEqual({ code: 'added', quantity: 25, inCart: 25, change: { code: 'raisedToMoq', moq: 25 } })
  })

  test('offers to switch organisation when the cart filled is not the active one', async () => {
    await prisma.membership.create({ data: { userId: ownerUserId, organizationId: otherBuyer.id, role: 'MEMBER' } })
    try {
      await prisma.session.updateMany({ where: { userId: ownerUserId }, data: { activeOrganizationId: otherBuyer.id } })
      const answer = (await reorder(owner, buyer)).data as ReorderAnswer
      expect(answer.cart).toEqual({ organizationId: buyer.id, name: 'Siêu thị Sài Gòn', isActive: false })
      expect(await cartItems(buyer.id)).toHaveLength(2)
      expect(await cartItems(otherBuyer.id)).toEqual([])
    } finally {
      await prisma.membership.deleteMany({ where: { userId: ownerUserId, organizationId: otherBuyer.id } })
    }
  })

  test("another organisation's order is a 404, a VIEWER gets 403, the producer cannot reorder; the cart stays empty", async () => {
    // Through its own organisation: not one of its orders.
    expect((await reorder(otherOwner, otherBuyer)).status).toBe(404)
    // Through the buyer's: not a member.
    expect((await reorder(otherOwner, buyer)).status).toBe(404)
    expect((await reorder(viewer, buyer)).status).toBe(403)
    expect((await reorder(producerOwner, producer)).status).toBe(404)
    expect(await reorderToCart(otherBuyer.id, order.number)).toBeNull()
    const noToken = await callRoute(detailRoute.action, owner.post(path(buyer, order.number), { intent: 'reorder' }, { csrf: false }), { lang: 'vi', slug: buyer.slug, number: order.number })
    expect(noToken.status).toBe(403)
    expect(await prisma.cartItem.count()).toBe(0)
  })

  test('the page offers the form to buyer members who may order, not to viewers or the producer', async () => {
    const canReorder = async (browser: Browser, org: Org) =>
      ((await callRoute(detailRoute.loader, browser.get(path(org, order.number)), { lang: 'vi', slug: org.slug, number: order.number })).data as { canReorder: boolean }).canReorder
    expect(await canReorder(owner, buyer)).toBe(true)
    expect(await canReorder(viewer, buyer)).toBe(false)
    expect(await canReorder(producerOwner, producer)).toBe(false)
  })
})
