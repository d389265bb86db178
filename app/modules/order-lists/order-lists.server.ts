// Saved order lists (requisition lists): named lists of products and quantities that a buyer organisation
// keeps for what it reorders ("Hàng tuần – DC Củ Chi"), shared by all its members. Every function takes the
// buyer organisation's id (from the page guard or the API key) and scopes its queries by it: another
// organisation's list is simply "not found". Reading needs 'read:order:own', changing 'create:order:own'
// (the callers check). addListToCart puts a whole list in the cart, adjusting each line for the MOQ and the
// stock, and says what it did with every line.
import { Prisma } from '~/generated/prisma/client'
import type { SaleUnit, VatRate } from '~/generated/prisma/enums'
import { prisma, type Tx } from '~/utils/db.server'
import { publicProductWhere } from '../catalog/products.server'
import { toImageView, type ProductImageView } from '../media/image-view'
import { priceLine } from '../orders/money'
import { ORDER_LIMITS } from '../orders/order-rules'
import { ORDER_LIST_LIMITS } from './schemas'

/** Refusals, as i18n keys (the `lists` namespace). */
export type OrderListError =
  | 'lists:errors.notFound'
  | 'lists:errors.name.taken'
  | 'lists:errors.product.notForSale'
  | 'lists:errors.product.twice'
  | 'lists:errors.items.tooMany'
  | 'lists:errors.quantity.invalid'
  | 'lists:errors.quantity.tooLarge'
  | 'lists:errors.item.notFound'

type Failure<E extends string = OrderListError> = { ok: false; error: E; values?: { max?: number; inList?: number } }

const fail = (error: OrderListError, values?: Failure['values']): Failure => ({ ok: false, error, values })

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'

const validQuantity = (quantity: number) => Number.isInteger(quantity) && quantity >= 1 && quantity <= ORDER_LIST_LIMITS.quantityMax

/** A list's name as stored: trimmed. Names are compared without regard to letter case. */
const cleanName = (name: string) => name.trim()

function nameTaken(db: Tx | typeof prisma, buyerId: string, name: string, exceptId?: string) {
  return db.orderList.findFirst({
    where: { buyerId, name: { equals: cleanName(name), mode: 'insensitive' }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true, name: true },
  })
}

/** Changes to one list run one at a time (item count, positions); false when the list is not the buyer's. */
async function lockList(tx: Tx, buyerId: string, listId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "OrderList" WHERE id = ${listId} AND "buyerId" = ${buyerId} FOR UPDATE`
  return rows.length > 0
}

const touch = (tx: Tx, listId: string) => tx.orderList.update({ where: { id: listId }, data: { updatedAt: new Date() } })

/** The ids among `productIds` that buyers may order now. */
async function publicIds(db: Tx | typeof prisma, productIds: string[], now = new Date()) {
  if (!productIds.length) return new Set<string>()
  const rows = await db.product.findMany({ where: { id: { in: productIds }, ...publicProductWhere(now) }, select: { id: true } })
  return new Set(rows.map((r) => r.id))
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export type OrderListSummary = { id: string; name: string; itemCount: number; createdBy: string | null; createdAt: Date; updatedAt: Date }

/** The organisation's lists by name, with how many products each holds. */
export async function listOrderLists(buyerId: string): Promise<OrderListSummary[]> {
  const rows = await prisma.orderList.findMany({
    where: { buyerId },
    select: { id: true, name: true, createdAt: true, updatedAt: true, createdBy: { select: { name: true } }, _count: { select: { items: true } } },
  })
  return rows
    .map((r) => ({ id: r.id, name: r.name, itemCount: r._count.items, createdBy: r.createdBy?.name ?? null, createdAt: r.createdAt, updatedAt: r.updatedAt }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id))
}

/**
 * Whether the product can be ordered now and how much: `madeToOrder` (no stock limit), `inStock` (enough for
 * the list's quantity), `lowStock` (some, less than the quantity), `soldOut` (nothing, or less than the MOQ),
 * `notForSale` (unpublished, archived or suspended since it was saved).
 */
export type ListItemAvailability = 'madeToOrder' | 'inStock' | 'lowStock' | 'soldOut' | 'notForSale'

export type OrderListLine = {
  productId: string
  slug: string
  sku: string
  nameVi: string
  nameEn: string | null
  unit: SaleUnit
  packSize: string
  vatRate: VatRate
  moq: number
  madeToOrder: boolean
  leadTimeDays: number | null
  producer: { slug: string; displayName: string }
  image: ProductImageView | null
  /** The quantity saved in the list. */
  quantity: number
  position: number
  forSale: boolean
  /** Units on hand (null when made to order or no longer for sale). */
  stock: number | null
  availability: ListItemAvailability
  /** What the cart would get before stock is considered: the quantity, raised to the MOQ. */
  orderQuantity: number
  /** Today's tier price for orderQuantity, net of VAT (null when not for sale). */
  unitPriceVnd: bigint | null
  lineTotalVnd: bigint | null
}

export type OrderListDetail = { id: string; name: string; createdBy: string | null; createdAt: Date; updatedAt: Date; items: OrderListLine[] }

const listSelect = {
  id: true,
  name: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { name: true } },
  items: {
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: {
      quantity: true,
      position: true,
      product: {
        select: {
          id: true,
          slug: true,
          sku: true,
          nameVi: true,
          nameEn: true,
          unit: true,
          packSize: true,
          vatRate: true,
          moq: true,
          stock: true,
          madeToOrder: true,
          leadTimeDays: true,
          tierPrices: { select: { minQuantity: true, unitPriceVnd: true }, orderBy: { minQuantity: 'asc' } },
          producer: { select: { slug: true, displayName: true } },
          images: {
            orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
            take: 1,
            select: {
              id: true,
              alt: true,
              asset: { select: { width: true, height: true, placeholder: true, variants: { select: { format: true, width: true, storageKey: true } } } },
            },
          },
        },
      },
    },
  },
} satisfies Prisma.OrderListSelect

type ListRow = Prisma.OrderListGetPayload<{ select: typeof listSelect }>

function availabilityOf(p: { madeToOrder: boolean; stock: number | null; moq: number }, forSale: boolean, orderQuantity: number): ListItemAvailability {
  if (!forSale) return 'notForSale'
  if (p.madeToOrder) return 'madeToOrder'
  const stock = p.stock ?? 0
  if (stock <= 0 || stock < p.moq) return 'soldOut'
  return stock < orderQuantity ? 'lowStock' : 'inStock'
}

function toDetail(row: ListRow, forSaleIds: Set<string>): OrderListDetail {
  return {
    id: row.id,
    name: row.name,
    createdBy: row.createdBy?.name ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    items: row.items.map(({ quantity, position, product: p }) => {
      const forSale = forSaleIds.has(p.id)
      const orderQuantity = Math.max(quantity, p.moq)
      const money = forSale ? priceLine(p.tierPrices, orderQuantity, p.vatRate) : null
      return {
        productId: p.id,
        slug: p.slug,
        sku: p.sku,
        nameVi: p.nameVi,
        nameEn: p.nameEn,
        unit: p.unit,
        packSize: p.packSize,
        vatRate: p.vatRate,
        moq: p.moq,
        madeToOrder: p.madeToOrder,
        leadTimeDays: p.leadTimeDays,
        producer: p.producer,
        image: p.images[0] ? toImageView(p.images[0]) : null,
        quantity,
        position,
        forSale,
        stock: forSale && !p.madeToOrder ? (p.stock ?? 0) : null,
        availability: availabilityOf(p, forSale, orderQuantity),
        orderQuantity,
        unitPriceVnd: money?.unitPriceVnd ?? null,
        lineTotalVnd: money?.lineTotalVnd ?? null,
      }
    }),
  }
}

async function details(rows: ListRow[], now = new Date()) {
  const forSale = await publicIds(prisma, [...new Set(rows.flatMap((r) => r.items.map((i) => i.product.id)))], now)
  return rows.map((row) => toDetail(row, forSale))
}

/** One list of the organisation with its products as they are today; null when it is not the buyer's. */
export async function getOrderList(buyerId: string, listId: string, now = new Date()): Promise<OrderListDetail | null> {
  const row = await prisma.orderList.findFirst({ where: { id: listId, buyerId }, select: listSelect })
  return row ? (await details([row], now))[0] : null
}

/** A page of the organisation's lists with their items (the API), by name. */
export async function listOrderListDetails(buyerId: string, page: { skip: number; take: number }, now = new Date()) {
  const [rows, total] = await Promise.all([
    prisma.orderList.findMany({ where: { buyerId }, select: listSelect, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: page.skip, take: page.take }),
    prisma.orderList.count({ where: { buyerId } }),
  ])
  return { items: await details(rows, now), total }
}

// ---------------------------------------------------------------------------------------------------------
// Lists

export type ListItemInput = { productId: string; quantity: number }

/** Where a list's items fail: by their place in the input (the API names `items.<index>.productId`). */
export type ItemProblem = { index: number; field: 'productId' | 'quantity'; error: OrderListError }

export type OrderListWriteResult =
  | { ok: true; list: { id: string; name: string } }
  | (Failure & { problems?: ItemProblem[] })

/** Checks items to be saved as a whole: each product once, for sale now, quantities in range, not too many. */
async function itemProblems(tx: Tx, items: ListItemInput[]): Promise<Failure & { problems: ItemProblem[] } | null> {
  if (items.length > ORDER_LIST_LIMITS.itemsMax) return { ...fail('lists:errors.items.tooMany', { max: ORDER_LIST_LIMITS.itemsMax }), problems: [] }
  const forSale = await publicIds(tx, items.map((i) => i.productId))
  const problems: ItemProblem[] = []
  const seen = new Set<string>()
  items.forEach((item, index) => {
    if (seen.has(item.productId)) problems.push({ index, field: 'productId', error: 'lists:errors.product.twice' })
    else if (!forSale.has(item.productId)) problems.push({ index, field: 'productId', error: 'lists:errors.product.notForSale' })
    if (!validQuantity(item.quantity)) problems.push({ index, field: 'quantity', error: 'lists:errors.quantity.invalid' })
    seen.add(item.productId)
  })
  return problems.length ? { ...fail(problems[0].error, { max: ORDER_LIST_LIMITS.quantityMax }), problems } : null
}

/** A new list of the organisation, with the items given (none by default). The name must be free. */
export async function createOrderList(
  buyerId: string,
  createdById: string | null,
  input: { name: string; items?: ListItemInput[] },
): Promise<OrderListWriteResult> {
  const name = cleanName(input.name)
  const items = input.items ?? []
  try {
    return await prisma.$transaction(async (tx): Promise<OrderListWriteResult> => {
      if (await nameTaken(tx, buyerId, name)) return fail('lists:errors.name.taken')
      const problem = await itemProblems(tx, items)
      if (problem) return problem
      const list = await tx.orderList.create({
        data: { buyerId, name, createdById, items: { create: items.map((item, position) => ({ productId: item.productId, quantity: item.quantity, position })) } },
        select: { id: true, name: true },
      })
      return { ok: true, list }
    })
  } catch (error) {
    // Two members naming a list the same at the same moment: the unique index decides.
    if (isUniqueViolation(error)) return fail('lists:errors.name.taken')
    throw error
  }
}

/**
 * Changes a list's name and/or replaces its items as a whole (the API's PATCH); nothing changes when any
 * of it is refused.
 */
export async function updateOrderList(buyerId: string, listId: string, input: { name?: string; items?: ListItemInput[] }): Promise<OrderListWriteResult> {
  try {
    return await prisma.$transaction(async (tx): Promise<OrderListWriteResult> => {
      if (!(await lockList(tx, buyerId, listId))) return fail('lists:errors.notFound')
      const name = input.name === undefined ? undefined : cleanName(input.name)
      if (name !== undefined && (await nameTaken(tx, buyerId, name, listId))) return fail('lists:errors.name.taken')
      if (input.items) {
        const problem = await itemProblems(tx, input.items)
        if (problem) return problem
        await tx.orderListItem.deleteMany({ where: { listId } })
        await tx.orderListItem.createMany({ data: input.items.map((item, position) => ({ listId, productId: item.productId, quantity: item.quantity, position })) })
      }
      const list = await tx.orderList.update({ where: { id: listId }, data: { ...(name !== undefined ? { name } : {}), updatedAt: new Date() }, select: { id: true, name: true } })
      return { ok: true, list }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return fail('lists:errors.name.taken')
    throw error
  }
}

export const renameOrderList = (buyerId: string, listId: string, name: string) => updateOrderList(buyerId, listId, { name })

/** Deletes the list and its items; answers what it was called, or null when it is not the buyer's. */
export async function deleteOrderList(buyerId: string, listId: string) {
  return prisma.$transaction(async (tx) => {
    const list = await tx.orderList.findFirst({ where: { id: listId, buyerId }, select: { name: true } })
    if (!list) return null
    const { count } = await tx.orderList.deleteMany({ where: { id: listId, buyerId } })
    return count > 0 ? { name: list.name } : null
  })
}

// ---------------------------------------------------------------------------------------------------------
// Items

export type ListItemResult = { ok: true; quantity: number; added: boolean } | Failure

/**
 * Adds `quantity` of a product that is for sale to the list: a new item at the end, or more of one already
 * there (the sum stays within the quantity limit). A list holds at most ORDER_LIST_LIMITS.itemsMax products.
 */
export async function addOrderListItem(buyerId: string, listId: string, productId: string, quantity: number): Promise<ListItemResult> {
  if (!validQuantity(quantity)) return fail('lists:errors.quantity.invalid', { max: ORDER_LIST_LIMITS.quantityMax })
  return prisma.$transaction(async (tx): Promise<ListItemResult> => {
    if (!(await lockList(tx, buyerId, listId))) return fail('lists:errors.notFound')
    if (!(await publicIds(tx, [productId])).has(productId)) return fail('lists:errors.product.notForSale')
    const existing = await tx.orderListItem.findUnique({ where: { listId_productId: { listId, productId } }, select: { id: true, quantity: true } })
    if (existing) {
      const total = existing.quantity + quantity
      if (total > ORDER_LIST_LIMITS.quantityMax) return fail('lists:errors.quantity.tooLarge', { max: ORDER_LIST_LIMITS.quantityMax, inList: existing.quantity })
      await tx.orderListItem.update({ where: { id: existing.id }, data: { quantity: total } })
      await touch(tx, listId)
      return { ok: true, quantity: total, added: false }
    }
    const count = await tx.orderListItem.count({ where: { listId } })
    if (count >= ORDER_LIST_LIMITS.itemsMax) return fail('lists:errors.items.tooMany', { max: ORDER_LIST_LIMITS.itemsMax })
    const last = await tx.orderListItem.aggregate({ where: { listId }, _max: { position: true } })
    await tx.orderListItem.create({ data: { listId, productId, quantity, position: (last._max.position ?? -1) + 1 } })
    await touch(tx, listId)
    return { ok: true, quantity, added: true }
  })
}

/** Sets the quantity of a product already in the list (a product no longer for sale may still be changed). */
export async function setOrderListItemQuantity(buyerId: string, listId: string, productId: string, quantity: number): Promise<ListItemResult> {
  if (!validQuantity(quantity)) return fail('lists:errors.quantity.invalid', { max: ORDER_LIST_LIMITS.quantityMax })
  return prisma.$transaction(async (tx): Promise<ListItemResult> => {
    if (!(await lockList(tx, buyerId, listId))) return fail('lists:errors.notFound')
    const { count } = await tx.orderListItem.updateMany({ where: { listId, productId }, data: { quantity } })
    if (!count) return fail('lists:errors.item.notFound')
    await touch(tx, listId)
    return { ok: true, quantity, added: false }
  })
}

/** Takes the product out of the list; false when the list is not the buyer's or the product was not in it. */
export async function removeOrderListItem(buyerId: string, listId: string, productId: string) {
  return prisma.$transaction(async (tx) => {
    if (!(await lockList(tx, buyerId, listId))) return false
    const { count } = await tx.orderListItem.deleteMany({ where: { listId, productId } })
    if (count) await touch(tx, listId)
    return count > 0
  })
}

export type AddToListNamedResult = { ok: true; quantity: number; added: boolean; list: { id: string; name: string; created: boolean } } | Failure

/**
 * The product page's "Add to a list": adds to the organisation's list of that name (letter case aside), or
 * to a new list of that name.
 */
export async function addToListNamed(
  buyerId: string,
  createdById: string | null,
  name: string,
  productId: string,
  quantity: number,
): Promise<AddToListNamedResult> {
  if (!validQuantity(quantity)) return fail('lists:errors.quantity.invalid', { max: ORDER_LIST_LIMITS.quantityMax })
  if (!(await publicIds(prisma, [productId])).has(productId)) return fail('lists:errors.product.notForSale')
  let list = await nameTaken(prisma, buyerId, name)
  let created = false
  if (!list) {
    const result = await createOrderList(buyerId, createdById, { name })
    // Taken meanwhile by another member: use theirs.
    list = result.ok ? result.list : await nameTaken(prisma, buyerId, name)
    if (!list) return result as Failure
    created = result.ok
  }
  const added = await addOrderListItem(buyerId, list.id, productId, quantity)
  if (!added.ok) return added
  return { ...added, list: { id: list.id, name: list.name, created } }
}

// ---------------------------------------------------------------------------------------------------------
// Finding a product by SKU

export type SkuLookup =
  | { ok: true; productId: string }
  | { ok: false; error: 'lists:errors.sku.required' | 'lists:errors.sku.notFound' | 'lists:errors.sku.ambiguous'; producers?: string[] }

/**
 * A product for sale by its SKU, as a buyer types it: "SKU" when only one producer's public product has that
 * SKU, else "producer-slug/SKU" (SKUs are unique per producer only). Letter case does not matter.
 */
export async function findProductBySku(input: string, now = new Date()): Promise<SkuLookup> {
  const text = input.trim()
  if (!text) return { ok: false, error: 'lists:errors.sku.required' }
  if (text.length > ORDER_LIST_LIMITS.skuInputMax) return { ok: false, error: 'lists:errors.sku.notFound' }
  const select = { id: true, producer: { select: { slug: true } } } as const
  const bySku = await prisma.product.findMany({
    where: { sku: { equals: text, mode: 'insensitive' }, ...publicProductWhere(now) },
    select,
    orderBy: { producer: { slug: 'asc' } },
    take: 20,
  })
  if (bySku.length === 1) return { ok: true, productId: bySku[0].id }
  if (bySku.length > 1) return { ok: false, error: 'lists:errors.sku.ambiguous', producers: bySku.map((p) => p.producer.slug) }
  // "producer-slug/SKU" (a SKU may contain "/" itself: the producer is what comes before the first one).
  const slash = text.indexOf('/')
  if (slash > 0) {
    const product = await prisma.product.findFirst({
      where: {
        AND: [publicProductWhere(now), { sku: { equals: text.slice(slash + 1).trim(), mode: 'insensitive' }, producer: { slug: text.slice(0, slash).trim().toLowerCase() } }],
      },
      select,
    })
    if (product) return { ok: true, productId: product.id }
  }
  return { ok: false, error: 'lists:errors.sku.notFound' }
}

// ---------------------------------------------------------------------------------------------------------
// Adding a list to the cart

/**
 * What became of one line: put in the cart as saved (`added`), raised to the MOQ (`raisedToMoq`), lowered to
 * what is available (`lowered`: the stock left beside what the cart already holds, or the quantity limit of
 * a cart line), or `skipped`: no longer for sale, sold out, not enough stock for the MOQ, the cart already
 * holds all the stock, the cart is full (lines), or the cart line is at the quantity limit.
 */
export type ListToCartOutcome =
  | { code: 'added' }
  | { code: 'raisedToMoq'; moq: number }
  | { code: 'lowered'; because: 'stock' | 'quantityMax'; available: number }
  | { code: 'skipped'; reason: 'notForSale' | 'soldOut' }
  | { code: 'skipped'; reason: 'notEnoughForMoq'; available: number; moq: number }
  | { code: 'skipped'; reason: 'cartHoldsStock'; inCart: number }
  | { code: 'skipped'; reason: 'cartFull' | 'lineFull'; max: number }

export type ListToCartLine = {
  productId: string
  sku: string
  nameVi: string
  nameEn: string | null
  unit: SaleUnit
  /** The quantity saved in the list. */
  listQuantity: number
  /** Units put in the cart (0 when skipped). */
  added: number
  /** The cart line's quantity afterwards (what was there before plus `added`). */
  inCart: number
  outcome: ListToCartOutcome
}

export type ListToCartReport = {
  list: { id: string; name: string }
  lines: ListToCartLine[]
  counts: { added: number; raisedToMoq: number; lowered: number; skipped: number }
}

export type ListToCartResult = { ok: true; report: ListToCartReport } | { ok: false; error: 'lists:errors.notFound' | 'lists:errors.notBuyer' | 'lists:errors.empty' }

/**
 * Puts every line of the list in the buyer's cart, in one transaction: a quantity adds to what the cart
 * holds already (as addToCart does), is raised so the cart line reaches the MOQ, and is lowered to the stock
 * not already in the cart (made-to-order products have no stock limit) and to the quantity limit of a line;
 * a product no longer for sale, sold out or without stock for its MOQ is skipped, as is a new product when
 * the cart already has ORDER_LIMITS.linesMax lines. The report says what happened to each line.
 */
export async function addListToCart(buyerId: string, listId: string, now = new Date()): Promise<ListToCartResult> {
  return prisma.$transaction(async (tx): Promise<ListToCartResult> => {
    // The cart's lock (as addToCart takes it): one change to this buyer's cart at a time.
    const org = await tx.$queryRaw<{ kind: string; suspendedAt: Date | null }[]>`SELECT kind, "suspendedAt" FROM "Organization" WHERE id = ${buyerId} FOR UPDATE`
    if (org[0]?.kind !== 'BUYER' || org[0].suspendedAt) return { ok: false, error: 'lists:errors.notBuyer' }
    const list = await tx.orderList.findFirst({
      where: { id: listId, buyerId },
      select: {
        id: true,
        name: true,
        items: {
          orderBy: [{ position: 'asc' }, { id: 'asc' }],
          select: {
            quantity: true,
            product: { select: { id: true, sku: true, nameVi: true, nameEn: true, unit: true, moq: true, stock: true, madeToOrder: true } },
          },
        },
      },
    })
    if (!list) return { ok: false, error: 'lists:errors.notFound' }
    if (!list.items.length) return { ok: false, error: 'lists:errors.empty' }

    const forSale = await publicIds(tx, list.items.map((i) => i.product.id), now)
    const cart = new Map(
      (await tx.cartItem.findMany({ where: { buyerId }, select: { productId: true, quantity: true } })).map((c) => [c.productId, c.quantity]),
    )
    let cartLines = cart.size
    const lines: ListToCartLine[] = []
    for (const { quantity: listQuantity, product: p } of list.items) {
      const before = cart.get(p.id) ?? 0
      const line = (outcome: ListToCartOutcome, added = 0): ListToCartLine => ({
        productId: p.id,
        sku: p.sku,
        nameVi: p.nameVi,
        nameEn: p.nameEn,
        unit: p.unit,
        listQuantity,
        added,
        inCart: before + added,
        outcome,
      })
      const decided = decideLine({ forSale: forSale.has(p.id), moq: p.moq, stock: p.stock, madeToOrder: p.madeToOrder }, listQuantity, before)
      if (decided.quantity > 0 && before === 0 && cartLines >= ORDER_LIMITS.linesMax) {
        lines.push(line({ code: 'skipped', reason: 'cartFull', max: ORDER_LIMITS.linesMax }))
        continue
      }
      if (decided.quantity > 0) {
        const total = before + decided.quantity
        if (before === 0) {
          await tx.cartItem.create({ data: { buyerId, productId: p.id, quantity: total } })
          cartLines++
        } else {
          await tx.cartItem.update({ where: { buyerId_productId: { buyerId, productId: p.id } }, data: { quantity: total } })
        }
        cart.set(p.id, total)
      }
      lines.push(line(decided.outcome, decided.quantity))
    }
    const count = (code: ListToCartOutcome['code']) => lines.filter((l) => l.outcome.code === code).length
    return {
      ok: true,
      report: {
        list: { id: list.id, name: list.name },
        lines,
        counts: { added: count('added'), raisedToMoq: count('raisedToMoq'), lowered: count('lowered'), skipped: count('skipped') },
      },
    }
  })
}

/**
 * How much of a list line goes into the cart, beside `inCart` units already there. The same rules as
 * addToCart and placeOrders: the cart line must reach the MOQ, stay within ORDER_LIMITS.quantityMax and,
 * unless made to order, within the stock.
 */
export function decideLine(
  p: { forSale: boolean; moq: number; stock: number | null; madeToOrder: boolean },
  listQuantity: number,
  inCart: number,
): { quantity: number; outcome: ListToCartOutcome } {
  const skip = (outcome: ListToCartOutcome) => ({ quantity: 0, outcome })
  if (!p.forSale) return skip({ code: 'skipped', reason: 'notForSale' })
  let quantity = listQuantity
  let outcome: ListToCartOutcome = { code: 'added' }
  if (inCart + quantity < p.moq) {
    quantity = p.moq - inCart
    outcome = { code: 'raisedToMoq', moq: p.moq }
  }
  if (inCart + quantity > ORDER_LIMITS.quantityMax) {
    quantity = ORDER_LIMITS.quantityMax - inCart
    if (quantity <= 0) return skip({ code: 'skipped', reason: 'lineFull', max: ORDER_LIMITS.quantityMax })
    outcome = { code: 'lowered', because: 'quantityMax', available: quantity }
  }
  if (!p.madeToOrder) {
    const stock = p.stock ?? 0
    if (stock <= 0) return skip({ code: 'skipped', reason: 'soldOut' })
    if (stock < p.moq) return skip({ code: 'skipped', reason: 'notEnoughForMoq', available: stock, moq: p.moq })
    const available = stock - inCart
    if (available <= 0) return skip({ code: 'skipped', reason: 'cartHoldsStock', inCart })
    if (quantity > available) {
      // The cart line still reaches the MOQ: inCart + available is the whole stock, at least the MOQ.
      quantity = available
      outcome = { code: 'lowered', because: 'stock', available }
    }
  }
  return { quantity, outcome }
}
