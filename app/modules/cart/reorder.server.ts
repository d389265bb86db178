// Reorder: a past order's lines go back into the buyer's cart, at the quantities first ordered
// (orderedQuantity, before any lowering by the producer), priced like every cart line at today's tiers.
// Quantities follow today's product: raised to a higher MOQ, lowered to the stock left; a product no longer
// for sale or sold out is skipped. The report says, per line, what was added and how today's unit price
// compares with the one on the order.
import type { SaleUnit } from '~/generated/prisma/enums'
import { requireAuth } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import type { Language } from '~/utils/i18n'
import { requireOrgPermission } from '~/utils/permissions.server'
import { unitPriceFor, type TierPrice } from '../catalog/pricing'
import { publicProductWhere } from '../catalog/products.server'
import { findOrder } from '../orders/queries.server'
import { activeOrganizationOf } from './cart-access.server'
import { addManyToCart, type CartFailure } from './cart.server'

export type ReorderOutcome =
  /** `change`: why the quantity is not the one ordered (a higher MOQ today, or less stock). */
  | { code: 'added'; quantity: number; inCart: number; change: null | { code: 'raisedToMoq'; moq: number } | { code: 'loweredToStock'; available: number } }
  | { code: 'notForSale' }
  | { code: 'outOfStock'; available: number }
  | { code: 'cart'; failure: Pick<CartFailure, 'error' | 'values'> }

export type ReorderLine = {
  sku: string
  nameVi: string
  nameEn: string | null
  unit: SaleUnit
  /** Null when the product is no longer for sale (no page to link to). */
  productSlug: string | null
  orderedQuantity: number
  /** The unit price on the order (net of VAT). */
  oldUnitPriceVnd: bigint
  /** Today's tier price for the quantity now in the cart; null when nothing was added. */
  newUnitPriceVnd: bigint | null
  outcome: ReorderOutcome
}

export type ReorderReport = { orderNumber: string; added: number; skipped: number; priceChanges: number; lines: ReorderLine[] }

/**
 * Puts the lines of the buyer's order `idOrNumber` into the buyer's cart; null when the buyer has no such
 * order (an order of another organisation, or one the buyer only sells).
 */
export async function reorderToCart(buyerId: string, idOrNumber: string, now = new Date()): Promise<ReorderReport | null> {
  const found = await findOrder(buyerId, idOrNumber)
  if (!found || found.side !== 'buyer') return null
  const { order } = found
  const products = await prisma.product.findMany({
    where: { id: { in: order.items.map((i) => i.productId) }, ...publicProductWhere(now) },
    select: {
      id: true,
      slug: true,
      moq: true,
      stock: true,
      madeToOrder: true,
      tierPrices: { select: { minQuantity: true, unitPriceVnd: true }, orderBy: { minQuantity: 'asc' } },
    },
  })
  const byId = new Map(products.map((p) => [p.id, p]))

  // First what each line would add (today's MOQ and stock), then all of it in one cart transaction.
  const lines: ReorderLine[] = []
  const planned: { index: number; productId: string; quantity: number; change: Extract<ReorderOutcome, { code: 'added' }>['change']; tiers: TierPrice[] }[] = []
  for (const item of order.items) {
    const product = byId.get(item.productId)
    const line = {
      sku: item.sku,
      nameVi: item.nameVi,
      nameEn: item.nameEn,
      unit: item.unit,
      productSlug: product?.slug ?? null,
      orderedQuantity: item.orderedQuantity,
      oldUnitPriceVnd: item.unitPriceVnd,
      newUnitPriceVnd: null,
    }
    if (!product) {
      lines.push({ ...line, outcome: { code: 'notForSale' } })
      continue
    }
    let quantity = item.orderedQuantity
    let change: Extract<ReorderOutcome, { code: 'added' }>['change'] = null
    if (quantity < product.moq) {
      quantity = product.moq
      change = { code: 'raisedToMoq', moq: product.moq }
    }
    if (!product.madeToOrder && quantity > (product.stock ?? 0)) {
      const available = product.stock ?? 0
      // Less than the MOQ left cannot be ordered at all.
      if (available < product.moq) {
        lines.push({ ...line, outcome: { code: 'outOfStock', available } })
        continue
      }
      quantity = available
      change = { code: 'loweredToStock', available }
    }
    planned.push({ index: lines.length, productId: product.id, quantity, change, tiers: product.tierPrices })
    lines.push({ ...line, outcome: { code: 'notForSale' } }) // replaced below by what the cart answers
  }
  const results = await addManyToCart(
    buyerId,
    planned.map((p) => ({ productId: p.productId, quantity: p.quantity })),
  )
  planned.forEach((p, k) => {
    const added = results[k]
    const line = lines[p.index]
    // The cart prices its line as a whole: with what was already there, the tier may be a better one.
    lines[p.index] = added.ok
      ? { ...line, newUnitPriceVnd: unitPriceFor(p.tiers, added.quantity), outcome: { code: 'added', quantity: p.quantity, inCart: added.quantity, change: p.change } }
      : { ...line, outcome: { code: 'cart', failure: { error: added.error, values: added.values } } }
  })
  const added = lines.filter((l) => l.outcome.code === 'added')
  return {
    orderNumber: order.number,
    added: added.length,
    skipped: lines.length - added.length,
    priceChanges: added.filter((l) => l.newUnitPriceVnd !== null && l.newUnitPriceVnd !== l.oldUnitPriceVnd).length,
    lines,
  }
}

// ---------------------------------------------------------------------------------------------------------
// The order page's "Reorder" form

/** The report as the page gets it (amounts as strings), and whose cart it filled. */
export type ReorderAnswer = {
  reorder: Omit<ReorderReport, 'lines'> & { lines: (Omit<ReorderLine, 'oldUnitPriceVnd' | 'newUnitPriceVnd'> & { oldUnitPriceVnd: string; newUnitPriceVnd: string | null })[] }
  /** The cart is the active organisation's (the header's switcher): when this buyer is not it, the page offers the switch. */
  cart: { organizationId: string; name: string; isActive: boolean }
}

/**
 * The order page's "Reorder" intent: a member of the order's buyer who may order (`create:order:own`; a
 * VIEWER gets 403, a non-member 404) puts the order's lines into that organisation's cart. An order the
 * organisation did not buy (or no such order): 404.
 */
export async function reorderFromOrderPage(request: Request, lang: Language, slug: string | undefined, number: string): Promise<ReorderAnswer> {
  const { organization } = await requireOrgPermission(request, lang, slug, 'create:order:own')
  const report = await reorderToCart(organization.id, number)
  if (!report) throw new Response('Not Found', { status: 404 })
  const active = await activeOrganizationOf(await requireAuth(request, lang))
  return {
    reorder: {
      ...report,
      lines: report.lines.map((l) => ({ ...l, oldUnitPriceVnd: l.oldUnitPriceVnd.toString(), newUnitPriceVnd: l.newUnitPriceVnd?.toString() ?? null })),
    },
    cart: { organizationId: organization.id, name: organization.displayName, isActive: active?.id === organization.id },
  }
}
