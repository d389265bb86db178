// The platform API's reads of products (/api/v1/products): whole products (tiers, certifications, photos,
// producer), found by id and listed with multi-value filters. Visibility is the catalogue's own rule
// (publicProductWhere); a producer's key also sees its own products in every status.
import type { Prisma } from '~/generated/prisma/client'
import type { CertificationType, ProductStatus, RegionType } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import { imageViewInclude } from '../media/product-images.server'
import { toImageView } from '../media/image-view'
import { categoryIdsFor } from './categories.server'
import { todayInHcm } from './certifications'
import { publicProductWhere } from './products.server'

const productInclude = {
  category: { select: { slug: true } },
  tierPrices: { orderBy: { minQuantity: 'asc' }, select: { minQuantity: true, unitPriceVnd: true } },
  certifications: {
    orderBy: { id: 'asc' },
    select: { type: true, stars: true, name: true, number: true, issuer: true, issuedAt: true, expiresAt: true },
  },
  images: { orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], include: imageViewInclude },
  producer: { select: { slug: true, displayName: true, verificationStatus: true } },
} satisfies Prisma.ProductInclude

function withImageViews(rows: Prisma.ProductGetPayload<{ include: typeof productInclude }>[], viewerId: string | undefined) {
  return rows.map((row) => ({ ...row, images: row.images.map(toImageView), isOwn: !!viewerId && row.producerId === viewerId }))
}

export type ApiProductRow = ReturnType<typeof withImageViews>[number]

/** A product by id: a public one, or any of the viewer's own organisation's; null otherwise. */
export async function getProductForApi(productId: string, viewer: { organizationId?: string } = {}, now = new Date()): Promise<ApiProductRow | null> {
  const own = viewer.organizationId
  const row = await prisma.product.findFirst({
    where: { id: productId, OR: [publicProductWhere(now), ...(own ? [{ producerId: own }] : [])] },
    include: productInclude,
  })
  if (!row) return null
  return withImageViews([row], own)[0]
}

export type ApiProductFilter = {
  /** Any of these categories; a top-level one includes its children. */
  categorySlugs?: string[]
  provinceCodes?: string[]
  regionTypes?: (RegionType | 'NONE')[]
  producerSlug?: string
  /** Products with a still valid certificate of any of these types. */
  certifications?: CertificationType[]
  sort: 'newest' | 'price_asc' | 'price_desc'
  /** Instead of the public catalogue: this producer's own products, in these statuses (all when none given). */
  own?: { producerId: string; statuses?: ProductStatus[] }
  skip: number
  take: number
  now?: Date
}

const sortOrder: Record<ApiProductFilter['sort'], Prisma.ProductOrderByWithRelationInput[]> = {
  newest: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }, { id: 'desc' }],
  price_asc: [{ priceVnd: 'asc' }, { id: 'asc' }],
  price_desc: [{ priceVnd: 'desc' }, { id: 'asc' }],
}

export async function listProductsForApi(filter: ApiProductFilter): Promise<{ items: ApiProductRow[]; total: number }> {
  const now = filter.now ?? new Date()
  const and: Prisma.ProductWhereInput[] = [
    filter.own
      ? { producerId: filter.own.producerId, ...(filter.own.statuses?.length ? { status: { in: filter.own.statuses } } : {}) }
      : publicProductWhere(now),
  ]
  if (filter.categorySlugs?.length) {
    const ids = (await Promise.all(filter.categorySlugs.map(categoryIdsFor))).flat()
    and.push({ categoryId: { in: ids } })
  }
  if (filter.provinceCodes?.length) and.push({ provinceCode: { in: filter.provinceCodes } })
  if (filter.regionTypes?.length) {
    const types = filter.regionTypes.filter((r): r is RegionType => r !== 'NONE')
    const or: Prisma.ProductWhereInput[] = types.length ? [{ regionType: { in: types } }] : []
    if (filter.regionTypes.includes('NONE')) or.push({ regionType: null })
    and.push({ OR: or })
  }
  if (filter.producerSlug) and.push({ producer: { slug: filter.producerSlug } })
  if (filter.certifications?.length) {
    const valid: Prisma.ProductCertificationWhereInput = { OR: [{ expiresAt: null }, { expiresAt: { gt: new Date(`${todayInHcm(now)}T00:00:00Z`) } }] }
    and.push({ certifications: { some: { type: { in: filter.certifications }, ...valid } } })
  }
  const where: Prisma.ProductWhereInput = { AND: and }
  const [rows, total] = await Promise.all([
    prisma.product.findMany({ where, orderBy: sortOrder[filter.sort], skip: filter.skip, take: filter.take, include: productInclude }),
    prisma.product.count({ where }),
  ])
  return { items: withImageViews(rows, filter.own?.producerId), total }
}
