// Buyers, products and orders for the order tests.
import { createProduct } from '~/modules/catalog/products.server'
import { placeOrders, type PlaceOrdersInput } from '~/modules/orders/place-orders.server'
import { transitionOrder, type OrderTransitionActor } from '~/modules/orders/transitions.server'
import { prisma } from '~/utils/db.server'
import { makeOrg, productInput } from '../catalog/fixtures'

export async function buyerWithAddress(name?: string) {
  const buyer = await makeOrg('BUYER', { name })
  await prisma.deliveryAddress.create({
    data: {
      organizationId: buyer.id,
      label: 'DC Củ Chi',
      recipientName: 'Kho nhận hàng',
      phone: '+842837901234',
      addressLine: 'Lô C5, KCN Tây Bắc',
      commune: 'Xã Tân An Hội',
      provinceCode: '79',
      isDefault: true,
    },
  })
  return buyer
}

export async function product(producerId: string, overrides: Record<string, unknown> = {}) {
  const result = await createProduct(producerId, productInput(overrides), { status: 'PUBLISHED' })
  if (!result.ok) throw new Error(result.error)
  return result.product.id
}

export async function placeOne(buyerId: string, items: PlaceOrdersInput['items'], extra: Partial<PlaceOrdersInput> = {}) {
  const result = await placeOrders({ buyerId, actor: { name: 'Chị Lan (mua hàng)' }, items, ...extra })
  if (!result.ok) throw new Error(`placeOrders: ${result.error}`)
  if (result.orderIds.length !== 1) throw new Error('expected one order')
  return result.orderIds[0]
}

export const buyerActor = (organizationId: string): OrderTransitionActor => ({ kind: 'buyer', organizationId, userId: 'u-buyer', name: 'Chị Lan (mua hàng)' })
export const producerActor = (organizationId: string): OrderTransitionActor => ({ kind: 'producer', organizationId, userId: 'u-producer', name: 'Anh Sùng (HTX)' })
export const operator = { userId: 'u-operator', name: 'Vận hành sàn' }
export const operatorActor: OrderTransitionActor = { kind: 'operator', ...operator }
export const systemActor: OrderTransitionActor = { kind: 'system', name: 'Hệ thống' }

/** A delivery date a few days ahead, as the producer would type it. */
export const inDays = (days: number, from = new Date()) => new Date(from.getTime() + (7 * 3600 + days * 86400) * 1000).toISOString().slice(0, 10)

export async function expectOk<T extends { ok: boolean }>(promise: Promise<T>) {
  const result = await promise
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`)
  return result as Extract<T, { ok: true }>
}

/** Confirms as the producer (shipping 0, delivery in 3 days unless given). */
export function confirm(orderId: string, producerId: string, extra: Partial<Parameters<typeof transitionOrder>[0]> = {}) {
  return transitionOrder({ orderId, actor: producerActor(producerId), to: 'CONFIRMED', deliveryDate: inDays(3, extra.now), ...extra })
}

export const stockOf = async (productId: string) => (await prisma.product.findUniqueOrThrow({ where: { id: productId }, select: { stock: true } })).stock

/** Units held by the lines of orders that are not rejected or cancelled. */
export async function openReservations(productId: string) {
  const sum = await prisma.orderItem.aggregate({
    where: { productId, order: { status: { notIn: ['REJECTED', 'CANCELLED'] } } },
    _sum: { reservedQuantity: true },
  })
  return sum._sum.reservedQuantity ?? 0
}

/** Everything about an order that a refused transition must leave alone. */
export async function orderState(orderId: string) {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { items: { orderBy: { id: 'asc' } }, events: true } })
  const stocks = await Promise.all(order.items.map((i) => stockOf(i.productId)))
  const messages = await prisma.outboxMessage.count()
  return { order, stocks, messages }
}
