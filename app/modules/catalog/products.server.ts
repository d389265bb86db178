// A producer's listings and what the public may see of them. Every function that reads or writes one
// producer's products takes the producer's organisation id (from the route guard or the API key) and scopes
// its queries by it: another producer's product is simply "not found", and nothing of it changes.
import { Prisma } from '~/generated/prisma/client'
import type { CertificationType, ProductStatus, RegionType, SaleUnit, VerificationStatus } from '~/generated/prisma/enums'
import { prisma, type Tx } from '~/utils/db.server'
import { fold } from '~/utils/text'
import { recordAudit } from '../audit/audit.server'
import { categoryIdsFor } from './categories.server'
import { activeCertifications, todayInHcm } from './certifications'
import { toImageView, type ProductImageView } from '../media/image-view'
import { PRODUCT_LIMITS, type ProductInput } from './product-schemas'
import { enqueueProductsSync } from '../search/sync.server'

export type { ProductImageView }

/** A product's photos in order (the first is the cover), with what toImageView needs. */
const imageInclude = {
  orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
  select: {
    id: true,
    alt: true,
    asset: { select: { width: true, height: true, placeholder: true, variants: { select: { format: true, width: true, storageKey: true } } } },
  },
} satisfies Prisma.Product$imagesArgs

type Failure<E extends string> = { ok: false; error: E }

export type ProductWriteError = 'product.notFound' | 'product.notProducer' | 'product.sku.taken' | 'product.category.invalid'
export type ProductWriteResult = { ok: true; product: { id: string; slug: string } } | Failure<ProductWriteError>

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'

// ---------------------------------------------------------------------------------------------------------
// Writing

/** "Mật ong bạc hà Hà Giang" → "mat-ong-bac-ha-ha-giang". */
export function productSlugBase(name: string) {
  const slug = fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '')
  return slug || 'san-pham'
}

async function uniqueSlug(tx: Tx, base: string) {
  const taken = new Set((await tx.product.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((p) => p.slug))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

const toDbDate = (date: string | undefined) => (date ? new Date(`${date}T00:00:00Z`) : null)

export function tierRows(input: ProductInput) {
  return [...input.tierPrices].sort((a, b) => a.minQuantity - b.minQuantity)
}

export function certificationRows(input: ProductInput) {
  return input.certifications.map((c) => ({
    type: c.type,
    stars: c.type === 'OCOP' ? (c.stars ?? null) : null,
    name: c.name ?? null,
    number: c.number ?? null,
    issuer: c.issuer ?? null,
    issuedAt: toDbDate(c.issuedAt),
    expiresAt: toDbDate(c.expiresAt),
  }))
}

/** The product's own columns; its "price" is the first tier's unit price. */
export function productColumns(input: ProductInput, categoryId: string) {
  const tiers = tierRows(input)
  if (tiers.length === 0) throw new Error('A product needs at least one tier price (ProductInputSchema checks this)')
  return {
    sku: input.sku,
    nameVi: input.nameVi,
    nameEn: input.nameEn || null,
    descriptionVi: input.descriptionVi,
    descriptionEn: input.descriptionEn || null,
    categoryId,
    unit: input.unit,
    packSize: input.packSize,
    moq: input.moq,
    priceVnd: tiers[0].unitPriceVnd,
    usdPriceCents: input.usdPriceCents ?? null,
    vatRate: input.vatRate,
    madeToOrder: input.madeToOrder,
    stock: input.madeToOrder ? null : (input.stock ?? 0),
    leadTimeDays: input.leadTimeDays ?? null,
    harvestMonths: input.harvestMonths,
    provinceCode: input.provinceCode,
    formerProvinceCode: input.formerProvinceCode ?? null,
    regionType: input.regionType ?? null,
    shelfLifeDays: input.shelfLifeDays ?? null,
    storage: input.storage ?? null,
    packaging: input.packaging ?? null,
    hsCode: input.hsCode ?? null,
    exportReady: input.exportReady,
  }
}

async function categoryIdOf(tx: Tx, slug: string) {
  return (await tx.category.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null
}

async function isProducer(tx: Tx, producerId: string) {
  const org = await tx.organization.findUnique({ where: { id: producerId }, select: { kind: true } })
  return org?.kind === 'PRODUCER'
}

async function skuTaken(tx: Tx, producerId: string, sku: string, exceptProductId?: string) {
  const found = await tx.product.findUnique({ where: { producerId_sku: { producerId, sku } }, select: { id: true } })
  return !!found && found.id !== exceptProductId
}

type NewStatus = 'DRAFT' | 'PUBLISHED'

async function insertProduct(tx: Tx, producerId: string, input: ProductInput, categoryId: string, status: NewStatus) {
  return tx.product.create({
    data: {
      ...productColumns(input, categoryId),
      producerId,
      slug: await uniqueSlug(tx, productSlugBase(input.nameVi)),
      status,
      publishedAt: status === 'PUBLISHED' ? new Date() : null,
      tierPrices: { create: tierRows(input) },
      certifications: { create: certificationRows(input) },
    },
    select: { id: true, slug: true },
  })
}

async function overwriteProduct(tx: Tx, productId: string, input: ProductInput, categoryId: string) {
  return tx.product.update({
    where: { id: productId },
    data: {
      ...productColumns(input, categoryId),
      tierPrices: { deleteMany: {}, create: tierRows(input) },
      certifications: { deleteMany: {}, create: certificationRows(input) },
    },
    select: { id: true, slug: true },
  })
}

/** Creates a product (a DRAFT unless `status` says PUBLISHED) for the producer organisation. */
export async function createProduct(
  producerId: string,
  input: ProductInput,
  options: { status?: NewStatus } = {},
): Promise<ProductWriteResult> {
  // A concurrent create can take the slug (or the SKU) between our read and our insert: retry.
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx): Promise<ProductWriteResult> => {
        if (!(await isProducer(tx, producerId))) return { ok: false, error: 'product.notProducer' }
        const categoryId = await categoryIdOf(tx, input.categorySlug)
        if (!categoryId) return { ok: false, error: 'product.category.invalid' }
        if (await skuTaken(tx, producerId, input.sku)) return { ok: false, error: 'product.sku.taken' }
        const product = await insertProduct(tx, producerId, input, categoryId, options.status ?? 'DRAFT')
        await enqueueProductsSync(tx, [product.id])
        return { ok: true, product }
      })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      if (await skuTaken(prisma, producerId, input.sku)) return { ok: false, error: 'product.sku.taken' }
      if (attempt >= 3) throw error
    }
  }
}

/**
 * Replaces everything the form edits (tiers and certifications included); the slug stays, so links keep
 * working. `status: 'PUBLISHED'` publishes in the same step ("save and publish").
 */
export async function updateProduct(
  producerId: string,
  productId: string,
  input: ProductInput,
  options: { status?: 'PUBLISHED' } = {},
): Promise<ProductWriteResult> {
  try {
    return await prisma.$transaction(async (tx): Promise<ProductWriteResult> => {
      const current = await tx.product.findFirst({ where: { id: productId, producerId }, select: { id: true, publishedAt: true } })
      if (!current) return { ok: false, error: 'product.notFound' }
      const categoryId = await categoryIdOf(tx, input.categorySlug)
      if (!categoryId) return { ok: false, error: 'product.category.invalid' }
      if (await skuTaken(tx, producerId, input.sku, current.id)) return { ok: false, error: 'product.sku.taken' }
      const product = await overwriteProduct(tx, current.id, input, categoryId)
      if (options.status === 'PUBLISHED') {
        await tx.product.update({ where: { id: current.id }, data: { status: 'PUBLISHED', publishedAt: current.publishedAt ?? new Date() } })
      }
      await enqueueProductsSync(tx, [product.id])
      return { ok: true, product }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: 'product.sku.taken' }
    throw error
  }
}

/**
 * For the CSV import, inside its one transaction: updates the producer's product with this SKU, or creates
 * a DRAFT. Status, slug and photos of an existing product stay as they are.
 */
export async function saveProductBySku(
  tx: Tx,
  producerId: string,
  input: ProductInput,
): Promise<{ ok: true; created: boolean; product: { id: string; slug: string } } | Failure<'product.category.invalid'>> {
  const categoryId = await categoryIdOf(tx, input.categorySlug)
  if (!categoryId) return { ok: false, error: 'product.category.invalid' }
  // The import enqueues the index update of all its products at once.
  const existing = await tx.product.findUnique({ where: { producerId_sku: { producerId, sku: input.sku } }, select: { id: true } })
  if (existing) return { ok: true, created: false, product: await overwriteProduct(tx, existing.id, input, categoryId) }
  return { ok: true, created: true, product: await insertProduct(tx, producerId, input, categoryId, 'DRAFT') }
}

export type ProductStatusChange = 'PUBLISHED' | 'UNPUBLISHED' | 'ARCHIVED'

/** Publish, unpublish (only what is published) or archive. The first publication date is kept for "newest". */
export async function setProductStatus(
  producerId: string,
  productId: string,
  status: ProductStatusChange,
): Promise<{ ok: true } | Failure<'product.notFound' | 'product.status.notPublished'>> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.product.findFirst({ where: { id: productId, producerId }, select: { id: true, status: true, publishedAt: true } })
    if (!current) return { ok: false, error: 'product.notFound' } as const
    if (status === 'UNPUBLISHED' && current.status !== 'PUBLISHED') return { ok: false, error: 'product.status.notPublished' } as const
    await tx.product.update({
      where: { id: current.id },
      data: { status, ...(status === 'PUBLISHED' && !current.publishedAt ? { publishedAt: new Date() } : {}) },
    })
    await enqueueProductsSync(tx, [current.id])
    return { ok: true } as const
  })
}

const COPY_SUFFIX = '-copy'

/** The first free "<sku>-copy", "<sku>-copy-2", … of the producer, within the SKU length limit. */
async function copySku(tx: Tx, producerId: string, sku: string) {
  const base = `${sku.slice(0, PRODUCT_LIMITS.skuMax - COPY_SUFFIX.length - 5)}${COPY_SUFFIX}`
  const taken = new Set(
    (await tx.product.findMany({ where: { producerId, sku: { startsWith: base } }, select: { sku: true } })).map((p) => p.sku),
  )
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/** A new DRAFT with the same details, tiers, certifications and photos (photos share their stored images). */
export async function duplicateProduct(
  producerId: string,
  productId: string,
): Promise<{ ok: true; product: { id: string; slug: string; sku: string } } | Failure<'product.notFound'>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const source = await tx.product.findFirst({
          where: { id: productId, producerId },
          include: {
            tierPrices: { orderBy: { minQuantity: 'asc' } },
            certifications: { orderBy: { id: 'asc' } },
            images: { orderBy: { position: 'asc' } },
          },
        })
        if (!source) return { ok: false, error: 'product.notFound' } as const
        const sku = await copySku(tx, producerId, source.sku)
        const product = await tx.product.create({
          data: {
            producerId,
            sku,
            slug: await uniqueSlug(tx, productSlugBase(source.nameVi)),
            status: 'DRAFT',
            nameVi: source.nameVi,
            nameEn: source.nameEn,
            descriptionVi: source.descriptionVi,
            descriptionEn: source.descriptionEn,
            categoryId: source.categoryId,
            unit: source.unit,
            packSize: source.packSize,
            moq: source.moq,
            priceVnd: source.priceVnd,
            usdPriceCents: source.usdPriceCents,
            vatRate: source.vatRate,
            madeToOrder: source.madeToOrder,
            stock: source.stock,
            leadTimeDays: source.leadTimeDays,
            harvestMonths: source.harvestMonths,
            provinceCode: source.provinceCode,
            formerProvinceCode: source.formerProvinceCode,
            regionType: source.regionType,
            shelfLifeDays: source.shelfLifeDays,
            storage: source.storage,
            packaging: source.packaging,
            hsCode: source.hsCode,
            exportReady: source.exportReady,
            tierPrices: { create: source.tierPrices.map((t) => ({ minQuantity: t.minQuantity, unitPriceVnd: t.unitPriceVnd })) },
            certifications: {
              create: source.certifications.map((c) => ({
                type: c.type,
                stars: c.stars,
                name: c.name,
                number: c.number,
                issuer: c.issuer,
                issuedAt: c.issuedAt,
                expiresAt: c.expiresAt,
              })),
            },
            images: { create: source.images.map((i) => ({ assetHash: i.assetHash, position: i.position, alt: i.alt })) },
          },
          select: { id: true, slug: true, sku: true },
        })
        return { ok: true, product } as const
      })
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error
    }
  }
}

export type QuickUpdateError =
  | 'product.notFound'
  | 'product.stock.madeToOrder'
  | 'product.stock.min'
  | 'product.tiers.price.positive'
  | 'product.tiers.priceOrder'

/**
 * The quick edit of the producer's list: stock on hand and the first tier's unit price (which stays at or
 * above the next tier's, since prices never rise with quantity).
 */
export async function quickUpdateProduct(
  producerId: string,
  productId: string,
  change: { stock?: number; firstTierPriceVnd?: bigint },
): Promise<{ ok: true } | Failure<QuickUpdateError>> {
  return prisma.$transaction(async (tx) => {
    const product = await tx.product.findFirst({
      where: { id: productId, producerId },
      select: { id: true, madeToOrder: true, tierPrices: { orderBy: { minQuantity: 'asc' }, select: { id: true, unitPriceVnd: true } } },
    })
    if (!product) return { ok: false, error: 'product.notFound' } as const
    if (change.stock !== undefined) {
      if (product.madeToOrder) return { ok: false, error: 'product.stock.madeToOrder' } as const
      if (!Number.isInteger(change.stock) || change.stock < 0) return { ok: false, error: 'product.stock.min' } as const
    }
    const price = change.firstTierPriceVnd
    if (price !== undefined) {
      if (price <= 0n) return { ok: false, error: 'product.tiers.price.positive' } as const
      const [first, second] = product.tierPrices
      if (second && price < second.unitPriceVnd) return { ok: false, error: 'product.tiers.priceOrder' } as const
      if (first) await tx.productTierPrice.update({ where: { id: first.id }, data: { unitPriceVnd: price } })
    }
    await tx.product.update({
      where: { id: product.id },
      data: {
        ...(change.stock !== undefined ? { stock: change.stock } : {}),
        ...(price !== undefined ? { priceVnd: price } : {}),
      },
    })
    await enqueueProductsSync(tx, [product.id])
    return { ok: true } as const
  })
}

// ---------------------------------------------------------------------------------------------------------
// The producer's own views

/** Everything the edit form shows, with tiers, certifications (expired ones too) and photos in order; null for another producer's product. */
export async function getProductForEdit(producerId: string, productId: string) {
  const product = await prisma.product.findFirst({
    where: { id: productId, producerId },
    include: {
      category: { select: { slug: true, nameVi: true, nameEn: true } },
      tierPrices: { orderBy: { minQuantity: 'asc' }, select: { minQuantity: true, unitPriceVnd: true } },
      certifications: { orderBy: { id: 'asc' } },
      images: imageInclude,
    },
  })
  if (!product) return null
  return { ...product, images: product.images.map(toImageView) }
}
export type ProductForEdit = NonNullable<Awaited<ReturnType<typeof getProductForEdit>>>

/**
 * A stored product as a ProductInput: the starting point of a partial change (the API's PATCH, a CSV row
 * that leaves cells empty), which is then merged and parsed with ProductInputSchema again.
 */
export function productInputFrom(
  p: Prisma.ProductGetPayload<{
    include: { category: { select: { slug: true } }; tierPrices: { select: { minQuantity: true; unitPriceVnd: true } }; certifications: true }
  }>,
): ProductInput {
  const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : undefined)
  return {
    sku: p.sku,
    nameVi: p.nameVi,
    nameEn: p.nameEn ?? undefined,
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn ?? undefined,
    categorySlug: p.category.slug,
    unit: p.unit,
    packSize: p.packSize,
    moq: p.moq,
    tierPrices: p.tierPrices.map((t) => ({ minQuantity: t.minQuantity, unitPriceVnd: t.unitPriceVnd })),
    usdPriceCents: p.usdPriceCents ?? undefined,
    vatRate: p.vatRate,
    madeToOrder: p.madeToOrder,
    stock: p.stock ?? undefined,
    leadTimeDays: p.leadTimeDays ?? undefined,
    harvestMonths: p.harvestMonths,
    provinceCode: p.provinceCode,
    formerProvinceCode: p.formerProvinceCode ?? undefined,
    regionType: p.regionType ?? undefined,
    certifications: p.certifications.map((c) => ({
      type: c.type,
      stars: c.stars ?? undefined,
      name: c.name ?? undefined,
      number: c.number ?? undefined,
      issuer: c.issuer ?? undefined,
      issuedAt: date(c.issuedAt),
      expiresAt: date(c.expiresAt),
    })),
    shelfLifeDays: p.shelfLifeDays ?? undefined,
    storage: p.storage ?? undefined,
    packaging: p.packaging ?? undefined,
    hsCode: p.hsCode ?? undefined,
    exportReady: p.exportReady,
  }
}

/** Whether the product belongs to the producer (a cheap check before handing a request on). */
export async function producerOwnsProduct(producerId: string, productId: string) {
  return !!(await prisma.product.findFirst({ where: { id: productId, producerId }, select: { id: true } }))
}

export type ProducerProductFilter = {
  /** Without a status, everything but archived products. */
  status?: ProductStatus | 'ALL'
  /** Matches the SKU and the names, without diacritics ("mat ong" finds "Mật ong"). */
  q?: string
  categorySlug?: string
  page: number
  pageSize: number
}

/** The producer's list, most recently changed first. */
export async function listProducerProducts(producerId: string, filter: ProducerProductFilter) {
  const where: Prisma.ProductWhereInput = {
    producerId,
    status: filter.status === 'ALL' ? undefined : (filter.status ?? { not: 'ARCHIVED' }),
  }
  if (filter.categorySlug) where.categoryId = { in: await categoryIdsFor(filter.categorySlug) }
  const q = filter.q ? fold(filter.q) : ''
  if (q) {
    // A producer has hundreds of listings at most: folding in memory needs no database extension.
    const candidates = await prisma.product.findMany({ where, select: { id: true, sku: true, nameVi: true, nameEn: true } })
    where.id = { in: candidates.filter((p) => [p.sku, p.nameVi, p.nameEn ?? ''].some((text) => fold(text).includes(q))).map((p) => p.id) }
  }
  const page = Math.max(1, Math.floor(filter.page))
  const [rows, total] = await Promise.all([
    prisma.product.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * filter.pageSize,
      take: filter.pageSize,
      select: {
        id: true,
        sku: true,
        slug: true,
        status: true,
        nameVi: true,
        nameEn: true,
        unit: true,
        packSize: true,
        moq: true,
        priceVnd: true,
        madeToOrder: true,
        stock: true,
        leadTimeDays: true,
        suspendedAt: true,
        suspensionReason: true,
        publishedAt: true,
        updatedAt: true,
        category: { select: { slug: true, nameVi: true, nameEn: true } },
        _count: { select: { tierPrices: true, images: true } },
        images: { ...imageInclude, take: 1 },
      },
    }),
    prisma.product.count({ where }),
  ])
  const items = rows.map(({ images, _count, ...p }) => ({
    ...p,
    tierCount: _count.tierPrices,
    imageCount: _count.images,
    cover: images[0] ? toImageView(images[0]) : null,
  }))
  return { items, total }
}
export type ProducerProductRow = Awaited<ReturnType<typeof listProducerProducts>>['items'][number]

// ---------------------------------------------------------------------------------------------------------
// The public catalogue

/**
 * What the public may see: published, not suspended, by a producer that is neither suspended nor rejected.
 * Products of UNVERIFIED producers are public (pages mark them).
 */
export function publicProductWhere(_now: Date = new Date()): Prisma.ProductWhereInput {
  return {
    status: 'PUBLISHED',
    suspendedAt: null,
    producer: { kind: 'PRODUCER', suspendedAt: null, verificationStatus: { not: 'REJECTED' } },
  }
}

/** Certificates still valid today in Asia/Ho_Chi_Minh (an expiry date of today no longer counts). */
function activeCertificationWhere(now: Date): Prisma.ProductCertificationWhereInput {
  return { OR: [{ expiresAt: null }, { expiresAt: { gt: new Date(`${todayInHcm(now)}T00:00:00Z`) } }] }
}

export type PublicProductCard = {
  id: string
  slug: string
  nameVi: string
  nameEn: string | null
  unit: SaleUnit
  packSize: string
  moq: number
  priceVnd: bigint
  provinceCode: string
  regionType: RegionType | null
  producer: { slug: string; displayName: string; verificationStatus: VerificationStatus }
  cover: ProductImageView | null
  certifications: { type: CertificationType; stars: number | null }[]
}

export type PublicProductFilter = {
  /** A top-level category includes its children. */
  categorySlug?: string
  provinceCode?: string
  /** 'NONE': products from no particular region type. */
  regionType?: RegionType | 'NONE'
  producerSlug?: string
  /** Only products holding a certificate of this type that is still valid. */
  certification?: CertificationType
  sort?: 'newest' | 'price_asc' | 'price_desc'
  page: number
  pageSize: number
  now?: Date
}

const sortOrder: Record<NonNullable<PublicProductFilter['sort']>, Prisma.ProductOrderByWithRelationInput[]> = {
  newest: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
  price_asc: [{ priceVnd: 'asc' }, { id: 'asc' }],
  price_desc: [{ priceVnd: 'desc' }, { id: 'asc' }],
}

export async function listPublicProducts(filter: PublicProductFilter): Promise<{ items: PublicProductCard[]; total: number }> {
  const now = filter.now ?? new Date()
  const where: Prisma.ProductWhereInput = { ...publicProductWhere(now) }
  if (filter.categorySlug) {
    const ids = await categoryIdsFor(filter.categorySlug)
    if (ids.length === 0) return { items: [], total: 0 }
    where.categoryId = { in: ids }
  }
  if (filter.provinceCode) where.provinceCode = filter.provinceCode
  if (filter.regionType) where.regionType = filter.regionType === 'NONE' ? null : filter.regionType
  if (filter.producerSlug) where.producer = { ...(where.producer as Prisma.OrganizationWhereInput), slug: filter.producerSlug }
  if (filter.certification) where.certifications = { some: { type: filter.certification, ...activeCertificationWhere(now) } }
  const page = Math.max(1, Math.floor(filter.page))
  const [rows, total] = await Promise.all([
    prisma.product.findMany({
      where,
      orderBy: sortOrder[filter.sort ?? 'newest'],
      skip: (page - 1) * filter.pageSize,
      take: filter.pageSize,
      select: cardSelect,
    }),
    prisma.product.count({ where }),
  ])
  return { items: rows.map((row) => toCard(row, now)), total }
}

const cardSelect = {
  id: true,
  slug: true,
  nameVi: true,
  nameEn: true,
  unit: true,
  packSize: true,
  moq: true,
  priceVnd: true,
  provinceCode: true,
  regionType: true,
  producer: { select: { slug: true, displayName: true, verificationStatus: true } },
  images: { ...imageInclude, take: 1 },
  certifications: { orderBy: { id: 'asc' }, select: { type: true, stars: true, expiresAt: true } },
} satisfies Prisma.ProductSelect

function toCard({ images, certifications, ...p }: Prisma.ProductGetPayload<{ select: typeof cardSelect }>, now: Date): PublicProductCard {
  return {
    ...p,
    cover: images[0] ? toImageView(images[0]) : null,
    certifications: activeCertifications(certifications, now).map((c) => ({ type: c.type, stars: c.stars })),
  }
}

/** The cards of these products in this order, leaving out any that is no longer public (a search index may lag). */
export async function publicProductCards(ids: string[], now = new Date()): Promise<PublicProductCard[]> {
  if (ids.length === 0) return []
  const rows = await prisma.product.findMany({ where: { id: { in: ids }, ...publicProductWhere(now) }, select: cardSelect })
  const byId = new Map(rows.map((row) => [row.id, toCard(row, now)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/**
 * A product page: the public product, or — for a viewer acting for its producer — the producer's own
 * product in any status (drafts included). Certifications are the active ones only.
 */
export async function getPublicProduct(slug: string, viewer?: { organizationId?: string }, now = new Date()) {
  const own = viewer?.organizationId
  const product = await prisma.product.findFirst({
    where: own ? { slug, OR: [publicProductWhere(now), { producerId: own }] } : { slug, ...publicProductWhere(now) },
    include: {
      category: {
        select: { slug: true, nameVi: true, nameEn: true, parent: { select: { slug: true, nameVi: true, nameEn: true } } },
      },
      tierPrices: { orderBy: { minQuantity: 'asc' }, select: { minQuantity: true, unitPriceVnd: true } },
      certifications: {
        orderBy: { id: 'asc' },
        select: { type: true, stars: true, name: true, number: true, issuer: true, issuedAt: true, expiresAt: true },
      },
      images: imageInclude,
      producer: {
        select: {
          id: true,
          slug: true,
          displayName: true,
          legalForm: true,
          verificationStatus: true,
          provinceCode: true,
          regionType: true,
          logoUpdatedAt: true,
          suspendedAt: true,
        },
      },
    },
  })
  if (!product) return null
  const isOwn = !!own && product.producerId === own
  return {
    ...product,
    // Why an operator suspended it is between the operators and the producer.
    suspensionReason: isOwn ? product.suspensionReason : null,
    certifications: activeCertifications(product.certifications, now),
    images: product.images.map(toImageView),
    isOwn,
    isPublic: product.status === 'PUBLISHED' && !product.suspendedAt && !product.producer.suspendedAt,
  }
}
export type PublicProduct = NonNullable<Awaited<ReturnType<typeof getPublicProduct>>>

// ---------------------------------------------------------------------------------------------------------
// Operators

export type SuspendProductResult =
  | { ok: true; product: { id: string; sku: string; slug: string; suspendedAt: Date } }
  | Failure<'product.notFound' | 'product.reasonRequired' | 'product.alreadySuspended'>

/** Hides a listing from the public with a reason its producer sees; recorded in the audit log. */
export async function suspendProduct(productId: string, reason: string, actor: string): Promise<SuspendProductResult> {
  const why = reason.trim()
  if (!why) return { ok: false, error: 'product.reasonRequired' }
  return prisma.$transaction(async (tx) => {
    const product = await tx.product.findUnique({
      where: { id: productId },
      select: { id: true, sku: true, slug: true, suspendedAt: true, producer: { select: { slug: true } } },
    })
    if (!product) return { ok: false, error: 'product.notFound' } as const
    if (product.suspendedAt) return { ok: false, error: 'product.alreadySuspended' } as const
    const suspendedAt = new Date()
    await tx.product.update({ where: { id: product.id }, data: { suspendedAt, suspensionReason: why } })
    await enqueueProductsSync(tx, [product.id])
    await recordAudit(
      { actor, action: 'product.suspend', target: `product:${product.id}`, details: { sku: product.sku, producer: product.producer.slug, reason: why } },
      tx,
    )
    return { ok: true, product: { id: product.id, sku: product.sku, slug: product.slug, suspendedAt } } as const
  })
}

export type RestoreProductResult =
  | { ok: true; product: { id: string; sku: string; slug: string } }
  | Failure<'product.notFound' | 'product.notSuspended'>

export async function restoreProduct(productId: string, actor: string): Promise<RestoreProductResult> {
  return prisma.$transaction(async (tx) => {
    const product = await tx.product.findUnique({
      where: { id: productId },
      select: { id: true, sku: true, slug: true, suspendedAt: true, suspensionReason: true, producer: { select: { slug: true } } },
    })
    if (!product) return { ok: false, error: 'product.notFound' } as const
    if (!product.suspendedAt) return { ok: false, error: 'product.notSuspended' } as const
    await tx.product.update({ where: { id: product.id }, data: { suspendedAt: null, suspensionReason: null } })
    await enqueueProductsSync(tx, [product.id])
    await recordAudit(
      {
        actor,
        action: 'product.restore',
        target: `product:${product.id}`,
        details: { sku: product.sku, producer: product.producer.slug, previousReason: product.suspensionReason },
      },
      tx,
    )
    return { ok: true, product: { id: product.id, sku: product.sku, slug: product.slug } } as const
  })
}
