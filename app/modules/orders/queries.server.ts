// Reading orders: an organisation sees the orders it placed (a buyer) or received (a producer), never another
// organisation's. Pages, documents, exports and the API all read through here, so that rule lives in one place.
import type { OrderStatus, PaymentStatus } from '~/generated/prisma/enums'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'

/** Which end of an order an organisation is on; fixed by its kind (buyers place orders, producers receive them). */
export type OrderSide = 'buyer' | 'producer'

export const orderSideOf = (kind: 'BUYER' | 'PRODUCER'): OrderSide => (kind === 'BUYER' ? 'buyer' : 'producer')

export type OrderFilters = {
  status?: OrderStatus[]
  paymentStatus?: PaymentStatus[]
  /** An order number (or part of one), or part of the other party's name. */
  q?: string
  /** Placed on or after / before this instant. */
  placedFrom?: Date
  placedBefore?: Date
  /** Overdue invoices on this day (YYYY-MM-DD, Vietnam's date): INVOICED and due before it. */
  overdueOn?: string
}

export const orderSummarySelect = {
  id: true,
  number: true,
  createdAt: true,
  status: true,
  paymentStatus: true,
  paymentMethod: true,
  paymentTermDays: true,
  paymentDueDate: true,
  totalVnd: true,
  amountReceivedVnd: true,
  requestedDeliveryDate: true,
  deliveryDate: true,
  buyer: { select: { slug: true, displayName: true } },
  producer: { select: { slug: true, displayName: true } },
  _count: { select: { items: true } },
} satisfies Prisma.OrderSelect

export type OrderSummary = Prisma.OrderGetPayload<{ select: typeof orderSummarySelect }>

export const orderDetailInclude = {
  items: { orderBy: { sku: 'asc' }, include: { product: { select: { slug: true } } } },
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  buyer: { select: { slug: true, displayName: true } },
  producer: { select: { slug: true, displayName: true } },
} satisfies Prisma.OrderInclude

export type OrderDetail = Prisma.OrderGetPayload<{ include: typeof orderDetailInclude }>

/**
 * The producer sees an order once it reaches it: placed within the limits, or approved. An order waiting for
 * the buyer's approval, or refused or withdrawn before approval, never existed for the producer.
 */
const visibleToProducer: Prisma.OrderWhereInput = {
  status: { not: 'PENDING_APPROVAL' },
  OR: [{ approvalRequiredBecause: null }, { approvalDecidedAt: { not: null }, approvalReason: null }],
}

function sideWhere(organizationId: string, side: OrderSide): Prisma.OrderWhereInput {
  return side === 'buyer' ? { buyerId: organizationId } : { producerId: organizationId, ...visibleToProducer }
}

function filtersWhere(side: OrderSide, filters: OrderFilters): Prisma.OrderWhereInput[] {
  const where: Prisma.OrderWhereInput[] = []
  if (filters.status?.length) where.push({ status: { in: filters.status } })
  if (filters.paymentStatus?.length) where.push({ paymentStatus: { in: filters.paymentStatus } })
  if (filters.placedFrom) where.push({ createdAt: { gte: filters.placedFrom } })
  if (filters.placedBefore) where.push({ createdAt: { lt: filters.placedBefore } })
  if (filters.overdueOn) where.push({ paymentStatus: 'INVOICED', paymentDueDate: { lt: new Date(`${filters.overdueOn}T00:00:00Z`) } })
  const q = filters.q?.trim()
  if (q) {
    const party = side === 'buyer' ? 'producer' : 'buyer'
    where.push({
      OR: [
        { number: { contains: q, mode: 'insensitive' } },
        { paymentReference: { equals: q.toUpperCase() } },
        { [party]: { displayName: { contains: q, mode: 'insensitive' } } },
      ],
    })
  }
  return where
}

/** An organisation's orders on its side, newest first. */
export async function listOrders(organizationId: string, side: OrderSide, filters: OrderFilters, page: { offset: number; limit: number }) {
  const where: Prisma.OrderWhereInput = { AND: [sideWhere(organizationId, side), ...filtersWhere(side, filters)] }
  const [items, total] = await prisma.$transaction([
    prisma.order.findMany({ where, select: orderSummarySelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: page.offset, take: page.limit }),
    prisma.order.count({ where }),
  ])
  return { items, total }
}

/** How many of an organisation's orders are in each status (for the filter tabs). */
export async function countOrdersByStatus(organizationId: string, side: OrderSide) {
  const rows = await prisma.order.groupBy({ by: ['status'], where: sideWhere(organizationId, side), _count: { _all: true } })
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all])) as Partial<Record<OrderStatus, number>>
}

/**
 * One order as the organisation sees it, by id or by number; null when it is not one of the organisation's
 * orders (the caller answers 404, so nothing tells that it exists).
 */
export async function findOrder(organizationId: string, idOrNumber: string): Promise<{ order: OrderDetail; side: OrderSide } | null> {
  const order = await prisma.order.findFirst({
    where: { AND: [{ OR: [{ id: idOrNumber }, { number: idOrNumber }] }, { OR: [{ buyerId: organizationId }, { producerId: organizationId, ...visibleToProducer }] }] },
    include: orderDetailInclude,
  })
  if (!order) return null
  return { order, side: order.buyerId === organizationId ? 'buyer' : 'producer' }
}

/** Several orders of one organisation, in the order of `ids` (after placing them, say). */
export async function findOrders(organizationId: string, ids: string[]) {
  const rows = await prisma.order.findMany({
    where: { id: { in: ids }, OR: [{ buyerId: organizationId }, { producerId: organizationId, ...visibleToProducer }] },
    include: orderDetailInclude,
  })
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** For operators: one order by number or payment reference, whoever its parties are. */
export function findOrderForOperator(numberOrReference: string) {
  const key = numberOrReference.trim().toUpperCase()
  return prisma.order.findFirst({ where: { OR: [{ number: key }, { paymentReference: key }, { id: numberOrReference.trim() }] }, include: orderDetailInclude })
}
