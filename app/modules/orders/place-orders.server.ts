// Placing orders: a buyer's lines (from its cart, the API, or later agreed terms) become one order per
// producer, all or nothing. Every rule is checked on the server, stock is reserved in the same transaction
// with a conditional update (it can never go below zero, and no order exists without its reservation), and
// the parties, the address and every line's price and VAT rate are snapshotted on the order.
import { randomInt } from 'node:crypto'
import type { PaymentMethod, SaleUnit, VatRate } from '~/generated/prisma/enums'
import { prisma, type Tx } from '~/utils/db.server'
import { isCalendarDate, todayInHcm } from '../catalog/certifications'
import { publicProductWhere } from '../catalog/products.server'
import { enqueue } from '../outbox/outbox.server'
import { checkPaymentMethod, type PaymentMethodProblem } from '../payments/payment-methods.server'
import { enqueueProductsSync } from '../search/sync.server'
import { orderTotals, priceLine } from './money'
import { ORDER_LIMITS } from './order-rules'
import { ORDER_CHANGED_TOPIC, type OrderChangedPayload } from './transitions.server'

export type OrderLineInput = { productId: string; quantity: number }

/** Who places the order, for its history: a member of the buyer or one of its API keys. */
export type OrderActor = { userId?: string; apiKeyId?: string; name: string }

export type PlaceOrdersInput = {
  buyerId: string
  actor: OrderActor
  items: OrderLineInput[]
  /** The buyer's default address when absent. */
  deliveryAddressId?: string
  /** YYYY-MM-DD. */
  requestedDeliveryDate?: string
  /** BANK_TRANSFER when absent; CARD and NET_TERMS only where payment-methods.server.ts allows them. */
  paymentMethod?: PaymentMethod
  /** Checking out the cart: its lines for these products go in the same transaction. */
  fromCart?: boolean
  now?: Date
}

/** Why a line cannot be ordered. `OUT_OF_STOCK` problems make a 409, the others a 400. */
export type LineProblem =
  | { productId: string; code: 'notFound' }
  | { productId: string; code: 'quantityInvalid' }
  | { productId: string; code: 'belowMoq'; moq: number }
  | { productId: string; code: 'outOfStock'; available: number }
  | { productId: string; code: 'leadTime'; earliestDate: string }
  | { producerId: string; code: 'belowMinimumOrderValue'; minimumVnd: bigint; subtotalVnd: bigint; productIds: string[] }

export type PlaceOrdersError =
  | { ok: false; error: 'OUT_OF_STOCK' | 'VALIDATION_ERROR'; problems: LineProblem[] }
  | { ok: false; error: 'order.notBuyer' | 'order.empty' | 'order.tooManyLines' | 'order.address.required' | 'order.address.notFound' | 'order.date.invalid' | 'order.date.past' }
  | ({ ok: false } & PaymentMethodProblem)

export type PlaceOrdersResult = { ok: true; orderIds: string[] } | PlaceOrdersError


const DAY_MS = 24 * 60 * 60 * 1000
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** A rollback that carries the problems found while reserving stock. */
class Rejected extends Error {
  constructor(readonly problems: LineProblem[]) {
    super('order lines rejected')
  }
}

/** A rollback: the payment method cannot be used for these orders. */
class Refused extends Error {
  constructor(readonly problem: PaymentMethodProblem) {
    super('payment method refused')
  }
}

// Letters and digits that cannot be misread when typed into a banking app (no 0/O, 1/I/L).
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export function newPaymentReference() {
  let code = 'CVM'
  for (let i = 0; i < 8; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]
  return code
}

/** Why an order must wait for an approver, and the limit it is above. */
export type ApprovalNeed = { because: 'ORDER_LIMIT' | 'MONTHLY_LIMIT' | 'API_KEY_LIMIT'; limitVnd: bigint }

/** The first day of the month in Asia/Ho_Chi_Minh, as a UTC instant. */
function startOfMonthInHcm(now: Date) {
  const hcm = todayInHcm(now) // YYYY-MM-DD
  return new Date(Date.parse(`${hcm.slice(0, 7)}-01T00:00:00+07:00`))
}

/**
 * The spending limits that apply to whoever places the order: a member's limit per order and per month
 * (owners set them on the members page), or an API key's limit per order. Totals include VAT, not shipping
 * (unknown until confirmation). The month counts this member's orders placed since the 1st (Vietnam's time)
 * that were not cancelled or rejected, plus the orders before this one in the same checkout.
 */
async function approvalRules(tx: Tx, buyerId: string, actor: OrderActor, now: Date) {
  let orderLimit: { because: ApprovalNeed['because']; limitVnd: bigint } | null = null
  let monthly: { limitVnd: bigint; spentVnd: bigint } | null = null
  if (actor.userId) {
    const membership = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: actor.userId, organizationId: buyerId } },
      select: { orderLimitVnd: true, monthlyLimitVnd: true },
    })
    if (membership?.orderLimitVnd != null) orderLimit = { because: 'ORDER_LIMIT', limitVnd: membership.orderLimitVnd }
    if (membership?.monthlyLimitVnd != null) {
      // One checkout at a time per limited member: two at once must not both fit under the same month's limit.
      // The row lock is held until this transaction ends, and the sum below then sees the other's orders.
      await tx.$queryRaw`SELECT id FROM "Membership" WHERE "userId" = ${actor.userId} AND "organizationId" = ${buyerId} FOR UPDATE`
      const spent = await tx.order.aggregate({
        where: { buyerId, placedByUserId: actor.userId, createdAt: { gte: startOfMonthInHcm(now) }, status: { notIn: ['CANCELLED', 'REJECTED'] } },
        _sum: { totalVnd: true },
      })
      monthly = { limitVnd: membership.monthlyLimitVnd, spentVnd: spent._sum.totalVnd ?? 0n }
    }
  } else if (actor.apiKeyId) {
    const key = await tx.apiKey.findUnique({ where: { id: actor.apiKeyId }, select: { orderLimitVnd: true } })
    if (key?.orderLimitVnd != null) orderLimit = { because: 'API_KEY_LIMIT', limitVnd: key.orderLimitVnd }
  }
  return {
    check(totalVnd: bigint, earlierInCheckoutVnd: bigint): ApprovalNeed | null {
      if (orderLimit && totalVnd > orderLimit.limitVnd) return orderLimit
      if (monthly && monthly.spentVnd + earlierInCheckoutVnd + totalVnd > monthly.limitVnd) return { because: 'MONTHLY_LIMIT', limitVnd: monthly.limitVnd }
      return null
    },
  }
}

async function nextOrderNumber(tx: Tx, now: Date) {
  const [{ n }] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('order_number_seq') AS n`
  const hcm = todayInHcm(now) // YYYY-MM-DD
  return `DH-${hcm.slice(2, 4)}${hcm.slice(5, 7)}-${String(n).padStart(6, '0')}`
}

/** Quantities of the same product given twice are added up. */
function mergeLines(items: OrderLineInput[]) {
  const merged = new Map<string, number>()
  for (const item of items) merged.set(item.productId, (merged.get(item.productId) ?? 0) + item.quantity)
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }))
}

type Line = {
  productId: string
  producerId: string
  quantity: number
  reserve: number
  sku: string
  nameVi: string
  nameEn: string | null
  unit: SaleUnit
  packSize: string
  vatRate: VatRate
  unitPriceVnd: bigint
  lineTotalVnd: bigint
  vatAmountVnd: bigint
}

export async function placeOrders(input: PlaceOrdersInput): Promise<PlaceOrdersResult> {
  const now = input.now ?? new Date()
  const today = todayInHcm(now)
  const items = mergeLines(input.items)
  if (items.length === 0) return { ok: false, error: 'order.empty' }
  if (items.length > ORDER_LIMITS.linesMax) return { ok: false, error: 'order.tooManyLines' }
  const requested = input.requestedDeliveryDate
  if (requested !== undefined) {
    if (!isCalendarDate(requested) || requested > addDays(today, ORDER_LIMITS.dateAheadDays)) return { ok: false, error: 'order.date.invalid' }
    if (requested < today) return { ok: false, error: 'order.date.past' }
  }

  try {
    return await prisma.$transaction(
      async (tx): Promise<PlaceOrdersResult> => {
        const buyer = await tx.organization.findUnique({
          where: { id: input.buyerId },
          select: { id: true, kind: true, suspendedAt: true, legalName: true, taxCode: true },
        })
        if (!buyer || buyer.kind !== 'BUYER' || buyer.suspendedAt) return { ok: false, error: 'order.notBuyer' }

        const address = input.deliveryAddressId
          ? await tx.deliveryAddress.findFirst({ where: { id: input.deliveryAddressId, organizationId: buyer.id } })
          : await tx.deliveryAddress.findFirst({ where: { organizationId: buyer.id }, orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }] })
        if (!address) return { ok: false, error: input.deliveryAddressId ? 'order.address.notFound' : 'order.address.required' }

        const products = await tx.product.findMany({
          where: { id: { in: items.map((i) => i.productId) }, ...publicProductWhere(now) },
          select: {
            id: true,
            producerId: true,
            sku: true,
            nameVi: true,
            nameEn: true,
            unit: true,
            packSize: true,
            moq: true,
            vatRate: true,
            madeToOrder: true,
            stock: true,
            leadTimeDays: true,
            tierPrices: { select: { minQuantity: true, unitPriceVnd: true } },
            producer: { select: { legalName: true, taxCode: true, minOrderValueVnd: true } },
          },
        })
        const byId = new Map(products.map((p) => [p.id, p]))

        const problems: LineProblem[] = []
        const lines: Line[] = []
        for (const item of items) {
          const p = byId.get(item.productId)
          if (!p) {
            problems.push({ productId: item.productId, code: 'notFound' })
            continue
          }
          if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > ORDER_LIMITS.quantityMax) {
            problems.push({ productId: p.id, code: 'quantityInvalid' })
            continue
          }
          const money = item.quantity >= p.moq ? priceLine(p.tierPrices, item.quantity, p.vatRate) : null
          if (!money) {
            problems.push({ productId: p.id, code: 'belowMoq', moq: p.moq })
            continue
          }
          if (p.madeToOrder && p.leadTimeDays && requested !== undefined && requested < addDays(today, p.leadTimeDays)) {
            problems.push({ productId: p.id, code: 'leadTime', earliestDate: addDays(today, p.leadTimeDays) })
            continue
          }
          lines.push({
            productId: p.id,
            producerId: p.producerId,
            quantity: item.quantity,
            reserve: p.madeToOrder ? 0 : item.quantity,
            sku: p.sku,
            nameVi: p.nameVi,
            nameEn: p.nameEn,
            unit: p.unit,
            packSize: p.packSize,
            vatRate: p.vatRate,
            ...money,
          })
        }

        const byProducer = new Map<string, Line[]>()
        for (const line of lines) byProducer.set(line.producerId, [...(byProducer.get(line.producerId) ?? []), line])
        for (const [producerId, group] of byProducer) {
          const minimumVnd = byId.get(group[0].productId)!.producer.minOrderValueVnd
          const { subtotalVnd } = orderTotals(group)
          if (minimumVnd !== null && subtotalVnd < minimumVnd) {
            problems.push({ producerId, code: 'belowMinimumOrderValue', minimumVnd, subtotalVnd, productIds: group.map((l) => l.productId) })
          }
        }
        if (problems.length > 0) {
          // Name every failing line at once: the lines that passed the rules but ask for more than is on hand too
          // (as read now; the reservation below is what decides when the rules pass).
          for (const line of lines) {
            const stock = byId.get(line.productId)!.stock ?? 0
            if (line.reserve > 0 && line.reserve > stock) problems.push({ productId: line.productId, code: 'outOfStock', available: stock })
          }
          return { ok: false, error: 'VALIDATION_ERROR', problems }
        }

        // Reserve: each update succeeds only while enough is on hand, so concurrent orders cannot both take the last units.
        const shortages: LineProblem[] = []
        // In product order, so two orders of the same products lock their rows in the same order (no deadlock).
        for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))) {
          if (line.reserve === 0) continue
          const taken = await tx.product.updateMany({ where: { id: line.productId, stock: { gte: line.reserve } }, data: { stock: { decrement: line.reserve } } })
          if (taken.count === 0) {
            const available = (await tx.product.findUnique({ where: { id: line.productId }, select: { stock: true } }))?.stock ?? 0
            shortages.push({ productId: line.productId, code: 'outOfStock', available })
          }
        }
        if (shortages.length > 0) throw new Rejected(shortages) // gives back what was reserved above

        const deliveryAddress = {
          label: address.label,
          recipientName: address.recipientName,
          phone: address.phone,
          addressLine: address.addressLine,
          commune: address.commune,
          provinceCode: address.provinceCode,
        }
        // Terms: the new orders' totals (shipping is added at confirmation) must fit under the credit limit.
        const paymentMethod = input.paymentMethod ?? 'BANK_TRANSFER'
        const checkoutVnd = [...byProducer.values()].reduce((sum, group) => sum + orderTotals(group).totalVnd, 0n)
        const payment = await checkPaymentMethod(tx, buyer.id, paymentMethod, checkoutVnd)
        if (!payment.ok) throw new Refused(payment) // gives back the stock reserved above
        const approval = await approvalRules(tx, buyer.id, input.actor, now)
        let spentThisCheckout = 0n
        const orderIds: string[] = []
        for (const [producerId, group] of byProducer) {
          const producer = byId.get(group[0].productId)!.producer
          const totals = orderTotals(group)
          const waiting = approval.check(totals.totalVnd, spentThisCheckout)
          spentThisCheckout += totals.totalVnd
          const order = await tx.order.create({
            data: {
              number: await nextOrderNumber(tx, now),
              buyerId: buyer.id,
              producerId,
              placedByUserId: input.actor.userId ?? null,
              placedByApiKeyId: input.actor.apiKeyId ?? null,
              paymentMethod,
              paymentTermDays: payment.termDays,
              paymentReference: newPaymentReference(),
              ...totals,
              ...(waiting ? { status: 'PENDING_APPROVAL' as const, approvalRequiredBecause: waiting.because, approvalLimitVnd: waiting.limitVnd } : {}),
              buyerName: buyer.legalName,
              buyerTaxCode: buyer.taxCode,
              producerName: producer.legalName,
              producerTaxCode: producer.taxCode,
              deliveryAddress,
              requestedDeliveryDate: requested ? new Date(`${requested}T00:00:00Z`) : null,
              createdAt: now,
              items: {
                create: group.map((l) => ({
                  productId: l.productId,
                  sku: l.sku,
                  nameVi: l.nameVi,
                  nameEn: l.nameEn,
                  unit: l.unit,
                  packSize: l.packSize,
                  orderedQuantity: l.quantity,
                  quantity: l.quantity,
                  unitPriceVnd: l.unitPriceVnd,
                  vatRate: l.vatRate,
                  lineTotalVnd: l.lineTotalVnd,
                  vatAmountVnd: l.vatAmountVnd,
                  reservedQuantity: l.reserve,
                })),
              },
            },
            select: { id: true },
          })
          const event = await tx.orderEvent.create({
            data: {
              orderId: order.id,
              at: now,
              actor: input.actor.userId ? `user:${input.actor.userId}` : input.actor.apiKeyId ? `apikey:${input.actor.apiKeyId}` : 'system',
              actorName: input.actor.name,
              fromStatus: null,
              toStatus: waiting ? 'PENDING_APPROVAL' : 'PLACED',
              details: waiting ? { approvalRequiredBecause: waiting.because, limitVnd: waiting.limitVnd.toString() } : undefined,
            },
            select: { id: true },
          })
          // The producer hears of it (in each member's language) once this commits; an order waiting for
          // approval goes to the buyer's approvers first, and the producer hears of it once approved.
          await enqueue(tx, ORDER_CHANGED_TOPIC, { orderId: order.id, eventId: event.id, recipients: waiting ? ['approvers'] : ['producer'] } satisfies OrderChangedPayload)
          orderIds.push(order.id)
        }
        if (input.fromCart) await tx.cartItem.deleteMany({ where: { buyerId: buyer.id, productId: { in: lines.map((l) => l.productId) } } })
        // Stock is part of what buyers see in search.
        await enqueueProductsSync(tx, lines.filter((l) => l.reserve > 0).map((l) => l.productId))
        return { ok: true, orderIds }
      },
      { timeout: 30_000, maxWait: 30_000 },
    )
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, error: 'OUT_OF_STOCK', problems: error.problems }
    if (error instanceof Refused) return { ok: false, ...error.problem }
    throw error
  }
}
