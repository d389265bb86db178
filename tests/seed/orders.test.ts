// The demo orders: what `npm run seed` places for the demo buyers. Every seeded order's money adds up as the
// issue defines it, stock and reservations agree with the demo catalogue, every status is there for the
// demo logins to act on, the automatic jobs find nothing to do, and running the seed again adds nothing.
import { beforeAll, describe, expect, test } from 'vitest'
import type { OrderStatus } from '~/generated/prisma/enums'
import { vatOf } from '~/modules/orders/money'
import { autoCancelUnpaidOrders, autoDeliverOrders } from '~/modules/orders/auto-jobs.server'
import { ORDER_CHANGED_TOPIC } from '~/modules/orders/transitions.server'
import { prisma } from '~/utils/db.server'
import { demoLogins, seedDemo, type SeedResult } from '../../prisma/seed/index'
import { demoOrderBuyerSlugs } from '../../prisma/seed/orders'
import { demoProducts } from '../../prisma/seed/products'

let first: SeedResult

beforeAll(async () => {
  expect(await prisma.order.count()).toBe(0)
  first = await seedDemo()
}, 300_000) // the whole demo catalogue with its photos, then the orders

const ordersOf = (where: object = {}) =>
  prisma.order.findMany({ where, include: { items: true, events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] }, buyer: { select: { slug: true } } } })

async function orgOwnedBy(email: string, kind: 'BUYER' | 'PRODUCER') {
  const m = await prisma.membership.findFirstOrThrow({ where: { user: { email }, role: 'OWNER', organization: { kind } }, select: { organizationId: true } })
  return m.organizationId
}

describe('the demo orders', () => {
  test('between 25 and 40 orders, all from the demo buyers, reported by the seed', async () => {
    if (first.skipped) throw new Error('the first run skipped')
    const orders = await ordersOf()
    expect(orders.length).toBeGreaterThanOrEqual(25)
    expect(orders.length).toBeLessThanOrEqual(40)
    expect(first.orders).toMatchObject({ orders: orders.length, created: orders.length })
    expect(new Set(orders.map((o) => o.buyer.slug))).toEqual(new Set(demoOrderBuyerSlugs))
    expect(new Set(orders.map((o) => o.producerId)).size).toBeGreaterThanOrEqual(5)
  })

  test('the money arithmetic holds on every seeded order', async () => {
    const orders = await ordersOf()
    for (const o of orders) {
      for (const i of o.items) {
        expect(i.lineTotalVnd, `${o.number} ${i.sku}`).toBe(i.unitPriceVnd * BigInt(i.quantity))
        expect(i.vatAmountVnd, `${o.number} ${i.sku}`).toBe(vatOf(i.lineTotalVnd, i.vatRate))
        expect(i.quantity).toBeGreaterThan(0)
        expect(i.quantity).toBeLessThanOrEqual(i.orderedQuantity)
      }
      const subtotal = o.items.reduce((sum, i) => sum + i.lineTotalVnd, 0n)
      const vat = o.items.reduce((sum, i) => sum + i.vatAmountVnd, 0n)
      expect({ subtotal: o.subtotalVnd, vat: o.vatTotalVnd, total: o.totalVnd }, o.number).toEqual({ subtotal, vat, total: subtotal + vat + o.shippingFeeVnd })
      // Paid means everything received covers the total; unpaid (open) means it does not yet.
      if (o.paymentStatus === 'PAID') expect(o.amountReceivedVnd, o.number).toBeGreaterThanOrEqual(o.totalVnd)
      if (o.paymentStatus === 'UNPAID') expect(o.amountReceivedVnd, o.number).toBeLessThan(o.totalVnd)
    }
  })

  test('stock plus open reservations is the demo stock of every product, and no stock is negative', async () => {
    const products = await prisma.product.findMany({
      select: { sku: true, stock: true, madeToOrder: true, producer: { select: { slug: true } }, orderItems: { select: { reservedQuantity: true, order: { select: { status: true } } } } },
    })
    const demoStock = new Map(demoProducts().map((p) => [`${p.producerSlug}/${p.input.sku}`, p.input.stock ?? null]))
    let reservedAnywhere = 0
    for (const p of products) {
      const reserved = p.orderItems.filter((i) => !['REJECTED', 'CANCELLED'].includes(i.order.status)).reduce((sum, i) => sum + i.reservedQuantity, 0)
      // Closed orders gave their units back.
      expect(p.orderItems.filter((i) => ['REJECTED', 'CANCELLED'].includes(i.order.status)).every((i) => i.reservedQuantity === 0)).toBe(true)
      reservedAnywhere += reserved
      if (p.madeToOrder) {
        expect(reserved, p.sku).toBe(0)
        continue
      }
      expect(p.stock!, p.sku).toBeGreaterThanOrEqual(0)
      expect(p.stock! + reserved, `${p.producer.slug}/${p.sku}`).toBe(demoStock.get(`${p.producer.slug}/${p.sku}`))
    }
    expect(reservedAnywhere).toBeGreaterThan(0)
  })

  test('every status, an underpaid order, a refund pending and one made, a reduced quantity with a shipping fee', async () => {
    const orders = await ordersOf()
    const statuses = new Set(orders.map((o) => o.status))
    for (const s of ['PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'REJECTED', 'CANCELLED'] satisfies OrderStatus[]) expect(statuses, s).toContain(s)
    expect(orders.some((o) => o.status === 'CONFIRMED' && o.paymentStatus === 'UNPAID' && o.amountReceivedVnd === 0n)).toBe(true)
    expect(orders.some((o) => o.status === 'CONFIRMED' && o.paymentStatus === 'PAID')).toBe(true)
    expect(orders.filter((o) => o.paymentStatus === 'UNPAID' && o.amountReceivedVnd > 0n && o.amountReceivedVnd < o.totalVnd).length).toBe(1)
    expect(orders.filter((o) => o.paymentStatus === 'REFUND_PENDING')).toHaveLength(1)
    expect(orders.filter((o) => o.paymentStatus === 'REFUNDED')).toHaveLength(1)
    for (const o of orders.filter((o) => o.status === 'REJECTED' || o.status === 'CANCELLED')) {
      expect(o.events.at(-1)?.note, o.number).toBeTruthy()
    }
    const reduced = orders.filter((o) => o.items.some((i) => i.quantity < i.orderedQuantity))
    expect(reduced.some((o) => o.shippingFeeVnd > 0n)).toBe(true)
    expect(orders.some((o) => o.status === 'COMPLETED' && o.events.some((e) => (e.details as { shipBeforePayment?: boolean } | null)?.shipBeforePayment))).toBe(true)
  })

  test('producer@ has orders to confirm, buyer@ one to pay, and buyer@ a cart from two producers', async () => {
    const producer = await orgOwnedBy(demoLogins.producer, 'PRODUCER')
    expect(await prisma.order.count({ where: { producerId: producer, status: 'PLACED' } })).toBeGreaterThanOrEqual(2)
    const buyer = await orgOwnedBy(demoLogins.buyer, 'BUYER')
    expect(await prisma.order.count({ where: { buyerId: buyer, status: 'CONFIRMED', paymentStatus: 'UNPAID' } })).toBeGreaterThanOrEqual(1)
    const cart = await prisma.cartItem.findMany({ where: { buyerId: buyer }, select: { quantity: true, product: { select: { producerId: true, moq: true, stock: true } } } })
    expect(cart.length).toBeGreaterThanOrEqual(3)
    expect(cart.length).toBeLessThanOrEqual(4)
    expect(new Set(cart.map((c) => c.product.producerId)).size).toBe(2)
    for (const c of cart) {
      expect(c.quantity).toBeGreaterThanOrEqual(c.product.moq)
      expect(c.quantity).toBeLessThanOrEqual(c.product.stock ?? Infinity)
    }
  })

  test('every buyer has exactly one default delivery address', async () => {
    const buyers = await prisma.organization.findMany({ where: { kind: 'BUYER' }, select: { slug: true, deliveryAddresses: { select: { isDefault: true } } } })
    for (const b of buyers) expect(b.deliveryAddresses.filter((a) => a.isDefault), b.slug).toHaveLength(1)
  })

  test('timelines read forwards, in the past, after the buyer joined; nobody is mailed about them', async () => {
    const now = Date.now()
    const orders = await prisma.order.findMany({ include: { events: { orderBy: { id: 'asc' } }, buyer: { select: { createdAt: true } } } })
    for (const o of orders) {
      expect(o.createdAt.getTime(), o.number).toBeGreaterThan(o.buyer.createdAt.getTime())
      expect(o.events[0]).toMatchObject({ fromStatus: null, toStatus: o.approvalRequiredBecause ? 'PENDING_APPROVAL' : 'PLACED' })
      expect(o.events[0].at).toEqual(o.createdAt)
      for (let k = 1; k < o.events.length; k++) expect(o.events[k].at.getTime(), o.number).toBeGreaterThanOrEqual(o.events[k - 1].at.getTime())
      expect(o.events.at(-1)!.at.getTime()).toBeLessThan(now)
    }
    const numbers = [...orders].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((o) => o.number.slice(-6))
    expect(numbers).toEqual([...numbers].sort())
    expect(await prisma.outboxMessage.count({ where: { topic: ORDER_CHANGED_TOPIC, status: 'PENDING' } })).toBe(0)
  })

  test("the purchaser's order above the limit waits for Saigon Co.op's approver, its stock held", async () => {
    const waiting = await prisma.order.findMany({ where: { status: 'PENDING_APPROVAL' }, include: { buyer: { select: { slug: true } }, items: true } })
    expect(waiting).toHaveLength(1)
    const [order] = waiting
    expect(order.buyer.slug).toBe('saigon-co-op')
    expect(order.approvalRequiredBecause).toBe('ORDER_LIMIT')
    expect(order.totalVnd).toBeGreaterThan(order.approvalLimitVnd!)
    expect(order.items.every((i) => i.reservedQuantity === i.quantity)).toBe(true)
    const placer = await prisma.membership.findFirstOrThrow({ where: { userId: order.placedByUserId!, organizationId: order.buyerId } })
    expect(placer.role).toBe('PURCHASER')
  })

  test('the automatic jobs find nothing to cancel or deliver', async () => {
    expect(await autoCancelUnpaidOrders()).toEqual([])
    expect(await autoDeliverOrders()).toEqual([])
  })
})

describe('running it again', () => {
  test('places no order and changes none', async () => {
    const before = await prisma.order.findMany({ orderBy: { id: 'asc' }, include: { items: { orderBy: { id: 'asc' } } } })
    const [addresses, cart] = await Promise.all([prisma.deliveryAddress.count(), prisma.cartItem.count()])
    const again = await seedDemo()
    if (again.skipped) throw new Error('the second run skipped')
    expect(again.orders).toEqual({ orders: before.length, created: 0, addresses: 0, cartItems: 0 })
    expect(await prisma.order.findMany({ orderBy: { id: 'asc' }, include: { items: { orderBy: { id: 'asc' } } } })).toEqual(before)
    expect(await prisma.deliveryAddress.count()).toBe(addresses)
    expect(await prisma.cartItem.count()).toBe(cart)
  }, 120_000)
})
