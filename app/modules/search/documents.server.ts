// What the search index holds of each product, read from the database: only public products (published,
// not suspended, by a producer neither suspended nor rejected), with the certificates valid today.
import type { Prisma } from '~/generated/prisma/client'
import { activeCertifications } from '../catalog/certifications'
import { certificationSlug } from '../catalog/certifications'
import { publicProductWhere } from '../catalog/products.server'
import { prisma } from '~/utils/db.server'
import type { SearchDocument } from './engine'

const documentSelect = {
  id: true,
  slug: true,
  nameVi: true,
  nameEn: true,
  descriptionVi: true,
  descriptionEn: true,
  provinceCode: true,
  regionType: true,
  exportReady: true,
  priceVnd: true,
  publishedAt: true,
  createdAt: true,
  category: { select: { slug: true, parent: { select: { slug: true } } } },
  certifications: { select: { type: true, stars: true, expiresAt: true } },
  producer: { select: { slug: true, displayName: true } },
} satisfies Prisma.ProductSelect

type Row = Prisma.ProductGetPayload<{ select: typeof documentSelect }>

export function toSearchDocument(p: Row, now: Date): SearchDocument {
  const certifications = activeCertifications(p.certifications, now)
  const ocop = certifications.filter((c) => c.type === 'OCOP').map((c) => c.stars ?? 0)
  return {
    id: p.id,
    slug: p.slug,
    nameVi: p.nameVi,
    nameEn: p.nameEn ?? '',
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn ?? '',
    categorySlugs: p.category.parent ? [p.category.slug, p.category.parent.slug] : [p.category.slug],
    provinceCode: p.provinceCode,
    regionType: p.regionType ?? 'NONE',
    certifications: [...new Set(certifications.map((c) => certificationSlug[c.type]))],
    ocopStars: ocop.length ? Math.max(...ocop) : 0,
    // Campaign labels arrive with the campaigns; the field, its facet and its boost are ready for them.
    campaignLabels: [],
    exportReady: p.exportReady,
    priceVnd: Number(p.priceVnd),
    publishedAt: (p.publishedAt ?? p.createdAt).getTime(),
    producerSlug: p.producer.slug,
    producerName: p.producer.displayName,
  }
}

/** The documents of those of these products that are public now; the others belong out of the index. */
export async function searchDocumentsFor(productIds: string[], now = new Date()): Promise<SearchDocument[]> {
  if (productIds.length === 0) return []
  const rows = await prisma.product.findMany({ where: { id: { in: productIds }, ...publicProductWhere(now) }, select: documentSelect })
  return rows.map((row) => toSearchDocument(row, now))
}

/** How many products a full rebuild indexes. */
export function countSearchDocuments(now = new Date()) {
  return prisma.product.count({ where: publicProductWhere(now) })
}

/** Every public product's document, in batches (ordered by id, so a batch never repeats or skips one). */
export async function* allSearchDocuments(batchSize = 1000, now = new Date()): AsyncGenerator<SearchDocument[]> {
  let after: string | undefined
  for (;;) {
    const rows = await prisma.product.findMany({
      where: { ...publicProductWhere(now), ...(after ? { id: { gt: after } } : {}) },
      select: documentSelect,
      orderBy: { id: 'asc' },
      take: batchSize,
    })
    if (rows.length === 0) return
    yield rows.map((row) => toSearchDocument(row, now))
    if (rows.length < batchSize) return
    after = rows[rows.length - 1].id
  }
}
