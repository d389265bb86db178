// The cart of a buyer organisation: one line per product (CartItem), many producers. The cart only holds
// what the buyer means to order; nothing is reserved until checkout, where placeOrders (orders module)
// checks every rule again. cartView applies the same rules as placeOrders to warn the buyer beforehand.
import type { SaleUnit, VatRate } from '~/generated/prisma/enums'
import { prisma, type Tx } from '~/utils/db.server'
import { todayInHcm } from '../catalog/certifications'
import type { TierPrice } from '../catalog/pricing'
import { publicProductWhere } from '../catalog/products.server'
import { toImageView, type ProductImageView } from '../media/image-view'
import { orderTotals, priceLine } from '../orders/money'
import { ORDER_LIMITS } from '../orders/order-rules'

export type CartError =
  | 'cart.notBuyer'
  | 'cart.quantityInvalid'
  | 'cart.totalTooLarge'
  | 'cart.belowMoq'
  | 'cart.notForSale'
  | 'cart.tooManyLines'
  | 'cart.lineNotFound'

/** `values` go into the error's message (cart:errors.*). */
export type CartFailure = { ok: false; error: CartError; values?: { moq?: number; max?: number; inCart?: number } }
export type CartResult = { ok: true; quantity: number } | CartFailure

const fail = (error: CartError, values?: CartFailure['values']): CartFailure => ({ ok: false, error, values })

/**
 * A quantity as typed into a form: a whole number from 1 to ORDER_LIMITS.quantityMax, digits only
 * (no "1.5", "1e3" or "-2"); null otherwise. Spaces around it are ignored.
 */
export function parseQuantity(raw: unknown): number | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null
  const text = String(raw).trim()
  if (!/^\d{1,7}$/.test(text)) return null
  const n = Number(text)
  return n >= 1 && n <= ORDER_LIMITS.quantityMax ? n : null
}

const validQuantity = (quantity: number) => Number.isInteger(quantity) && quantity >= 1 && quantity <= ORDER_LIMITS.quantityMax

async function isActiveBuyer(buyerId: string) {
  const org = await prisma.organization.findUnique({ where: { id: buyerId }, select: { kind: true, suspendedAt: true } })
  return org?.kind === 'BUYER' && !org.suspendedAt
}

/** A product buyers may order now, or null. */
function orderableProduct(productId: string, now = new Date()) {
  return prisma.product.findFirst({ where: { id: productId, ...publicProductWhere(now) }, select: { id: true, moq: true } })
}

/**
 * Adds `quantity` to the buyer's line for the product (a new line when there is none). The line's new
 * quantity must reach the MOQ and stay within the order limits; a cart has at most ORDER_LIMITS.linesMax lines.
 */
export async function addToCart(buyerId: string, productId: string, quantity: number): Promise<CartResult> {
  const [result] = await addManyToCart(buyerId, [{ productId, quantity }])
  return result
}

/**
 * Adds several lines in one transaction, in the order given, each as addToCart adds one (two lines for one
 * product add up). A line refused is answered with its reason and does not stop the others.
 */
export async function addManyToCart(buyerId: string, lines: { productId: string; quantity: number }[]): Promise<CartResult[]> {
  if (!(await isActiveBuyer(buyerId))) return lines.map((l) => (validQuantity(l.quantity) ? fail('cart.notBuyer') : invalidQuantity()))
  const products = new Map(
    (
      await prisma.product.findMany({ where: { id: { in: lines.map((l) => l.productId) }, ...publicProductWhere(new Date()) }, select: { id: true, moq: true } })
    ).map((p) => [p.id, p]),
  )
  return prisma.$transaction(async (tx) => {
    // One change to this buyer's cart at a time: the line count and the sums are read, then written.
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${buyerId} FOR UPDATE`
    const results: CartResult[] = []
    for (const { productId, quantity } of lines) {
      const product = products.get(productId)
      if (!validQuantity(quantity)) results.push(invalidQuantity())
      else if (!product) results.push(fail('cart.notForSale'))
      else results.push(await addLine(tx, buyerId, product, quantity))
    }
    return results
  })
}

const invalidQuantity = () => fail('cart.quantityInvalid', { max: ORDER_LIMITS.quantityMax })

async function addLine(tx: Tx, buyerId: string, product: { id: string; moq: number }, quantity: number): Promise<CartResult> {
  const where = { buyerId_productId: { buyerId, productId: product.id } }
  const existing = await tx.cartItem.findUnique({ where, select: { quantity: true } })
  const total = (existing?.quantity ?? 0) + quantity
  if (total > ORDER_LIMITS.quantityMax) return fail('cart.totalTooLarge', { max: ORDER_LIMITS.quantityMax, inCart: existing?.quantity ?? 0 })
  if (total < product.moq) return fail('cart.belowMoq', { moq: product.moq })
  if (!existing) {
    const lines = await tx.cartItem.count({ where: { buyerId } })
    if (lines >= ORDER_LIMITS.linesMax) return fail('cart.tooManyLines', { max: ORDER_LIMITS.linesMax })
    await tx.cartItem.create({ data: { buyerId, productId: product.id, quantity: total } })
  } else {
    await tx.cartItem.update({ where, data: { quantity: total } })
  }
  return { ok: true, quantity: total }
}

/** Sets the quantity of a line already in the buyer's cart (at least the product's MOQ). */
export async function setCartQuantity(buyerId: string, productId: string, quantity: number): Promise<CartResult> {
  if (!validQuantity(quantity)) return fail('cart.quantityInvalid', { max: ORDER_LIMITS.quantityMax })
  const line = await prisma.cartItem.findUnique({ where: { buyerId_productId: { buyerId, productId } }, select: { id: true } })
  if (!line) return fail('cart.lineNotFound')
  const product = await orderableProduct(productId)
  if (!product) return fail('cart.notForSale')
  if (quantity < product.moq) return fail('cart.belowMoq', { moq: product.moq })
  await prisma.cartItem.update({ where: { id: line.id }, data: { quantity } })
  return { ok: true, quantity }
}

/** Takes the product out of the buyer's cart; false when it was not there. */
export async function removeFromCart(buyerId: string, productId: string) {
  const { count } = await prisma.cartItem.deleteMany({ where: { buyerId, productId } })
  return count > 0
}

export async function clearCart(buyerId: string) {
  const { count } = await prisma.cartItem.deleteMany({ where: { buyerId } })
  return count
}

/** The number of lines in the buyer's cart (the header shows it). */
export function cartLineCount(buyerId: string) {
  return prisma.cartItem.count({ where: { buyerId } })
}

/** The quantity of the product already in the buyer's cart (0 when none). */
export async function quantityInCart(buyerId: string, productId: string) {
  const line = await prisma.cartItem.findUnique({ where: { buyerId_productId: { buyerId, productId } }, select: { quantity: true } })
  return line?.quantity ?? 0
}

/** The lines to hand to placeOrders. */
export async function cartItems(buyerId: string) {
  return prisma.cartItem.findMany({ where: { buyerId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { productId: true, quantity: true } })
}

// ---------------------------------------------------------------------------------------------------------
// What the cart page shows

/**
 * Why a line cannot be ordered as it stands (blocking), or what the buyer should know (leadTime). The
 * same rules as placeOrders; stock and prices may still change before checkout.
 */
export type CartLineWarning =
  | { code: 'notForSale' }
  | { code: 'quantityInvalid'; max: number }
  | { code: 'belowMoq'; moq: number }
  | { code: 'outOfStock'; available: number }
  | { code: 'leadTime'; days: number; earliestDate: string }

export type CartGroupWarning = { code: 'belowMinimumOrderValue'; minimumVnd: bigint; subtotalVnd: bigint }

export const isBlocking = (warning: CartLineWarning | CartGroupWarning) => warning.code !== 'leadTime'

export type CartLine = {
  productId: string
  slug: string
  sku: string
  nameVi: string
  nameEn: string | null
  unit: SaleUnit
  packSize: string
  moq: number
  stock: number | null
  madeToOrder: boolean
  leadTimeDays: number | null
  vatRate: VatRate
  quantity: number
  forSale: boolean
  image: ProductImageView | null
  tiers: TierPrice[]
  /** The next cheaper tier above the quantity, for a hint ("from 50: 230.000 ₫"). */
  nextTier: TierPrice | null
  /** Null when the line cannot be priced (below the MOQ, no longer for sale). */
  unitPriceVnd: bigint | null
  lineTotalVnd: bigint | null
  vatAmountVnd: bigint | null
  warnings: CartLineWarning[]
}

export type CartGroup = {
  producer: { id: string; slug: string; displayName: string; minOrderValueVnd: bigint | null }
  lines: CartLine[]
  subtotalVnd: bigint
  vatTotalVnd: bigint
  totalVnd: bigint
  warnings: CartGroupWarning[]
}

export type CartView = {
  groups: CartGroup[]
  lineCount: number
  subtotalVnd: bigint
  vatTotalVnd: bigint
  totalVnd: bigint
  /** Some line or group would be refused at checkout. */
  blocked: boolean
  /** The first delivery date every made-to-order line can meet (YYYY-MM-DD), or null. */
  earliestDeliveryDate: string | null
}

const DAY_MS = 24 * 60 * 60 * 1000
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** The buyer's cart grouped by producer (one future order each), priced at today's tiers, with warnings. */
export async function cartView(buyerId: string, now = new Date()): Promise<CartView> {
  const today = todayInHcm(now)
  const items = await prisma.cartItem.findMany({
    where: { buyerId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      quantity: true,
      product: {
        select: {
          id: true,
          slug: true,
          sku: true,
          nameVi: true,
          nameEn: true,
          unit: true,
          packSize: true,
          moq: true,
          stock: true,
          madeToOrder: true,
          leadTimeDays: true,
          vatRate: true,
          tierPrices: { select: { minQuantity: true, unitPriceVnd: true }, orderBy: { minQuantity: 'asc' } },
          images: {
            orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
            take: 1,
            select: {
              id: true,
              alt: true,
              asset: { select: { width: true, height: true, placeholder: true, variants: { select: { format: true, width: true, storageKey: true } } } },
            },
          },
          producer: { select: { id: true, slug: true, displayName: true, minOrderValueVnd: true } },
        },
      },
    },
  })
  const publicIds = new Set(
    (
      await prisma.product.findMany({
        where: { id: { in: items.map((i) => i.product.id) }, ...publicProductWhere(now) },
        select: { id: true },
      })
    ).map((p) => p.id),
  )

  const groups = new Map<string, CartGroup>()
  let earliestDeliveryDate: string | null = null
  for (const { quantity, product: p } of items) {
    const forSale = publicIds.has(p.id)
    const warnings: CartLineWarning[] = []
    const money = forSale && validQuantity(quantity) && quantity >= p.moq ? priceLine(p.tierPrices, quantity, p.vatRate) : null
    if (!forSale) warnings.push({ code: 'notForSale' })
    else if (!validQuantity(quantity)) warnings.push({ code: 'quantityInvalid', max: ORDER_LIMITS.quantityMax })
    else if (!money) warnings.push({ code: 'belowMoq', moq: p.moq })
    if (forSale && !p.madeToOrder && quantity > (p.stock ?? 0)) warnings.push({ code: 'outOfStock', available: p.stock ?? 0 })
    if (forSale && p.madeToOrder && p.leadTimeDays) {
      const earliestDate = addDays(today, p.leadTimeDays)
      warnings.push({ code: 'leadTime', days: p.leadTimeDays, earliestDate })
      if (!earliestDeliveryDate || earliestDate > earliestDeliveryDate) earliestDeliveryDate = earliestDate
    }
    const line: CartLine = {
      productId: p.id,
      slug: p.slug,
      sku: p.sku,
      nameVi: p.nameVi,
      nameEn: p.nameEn,
      unit: p.unit,
      packSize: p.packSize,
      moq: p.moq,
      stock: p.stock,
      madeToOrder: p.madeToOrder,
      leadTimeDays: p.leadTimeDays,
      vatRate: p.vatRate,
      quantity,
      forSale,
      image: p.images[0] ? toImageView(p.images[0]) : null,
      tiers: p.tierPrices,
      nextTier: p.tierPrices.find((t) => t.minQuantity > quantity && t.minQuantity > p.moq) ?? null,
      unitPriceVnd: money?.unitPriceVnd ?? null,
      lineTotalVnd: money?.lineTotalVnd ?? null,
      vatAmountVnd: money?.vatAmountVnd ?? null,
      warnings,
    }
    const group = groups.get(p.producer.id) ?? {
      producer: p.producer,
      lines: [],
      subtotalVnd: 0n,
      vatTotalVnd: 0n,
      totalVnd: 0n,
      warnings: [],
    }
    group.lines.push(line)
    groups.set(p.producer.id, group)
  }

  const sorted = [...groups.values()].sort((a, b) => a.producer.displayName.localeCompare(b.producer.displayName, 'vi'))
  for (const group of sorted) {
    // Like placeOrders: the minimum order value is measured on the lines that can be priced.
    const priced = group.lines.flatMap((l) => (l.lineTotalVnd !== null && l.vatAmountVnd !== null ? [{ lineTotalVnd: l.lineTotalVnd, vatAmountVnd: l.vatAmountVnd }] : []))
    const totals = orderTotals(priced)
    Object.assign(group, { subtotalVnd: totals.subtotalVnd, vatTotalVnd: totals.vatTotalVnd, totalVnd: totals.totalVnd })
    const minimumVnd = group.producer.minOrderValueVnd
    if (minimumVnd !== null && priced.length > 0 && totals.subtotalVnd < minimumVnd) {
      group.warnings.push({ code: 'belowMinimumOrderValue', minimumVnd, subtotalVnd: totals.subtotalVnd })
    }
  }
  const all = orderTotals(sorted.map((g) => ({ lineTotalVnd: g.subtotalVnd, vatAmountVnd: g.vatTotalVnd })))
  return {
    groups: sorted,
    lineCount: items.length,
    subtotalVnd: all.subtotalVnd,
    vatTotalVnd: all.vatTotalVnd,
    totalVnd: all.totalVnd,
    blocked: items.length > ORDER_LIMITS.linesMax || sorted.some((g) => g.warnings.some(isBlocking) || g.lines.some((l) => l.warnings.some(isBlocking))),
    earliestDeliveryDate,
  }
}
