// The demo catalogue: what `npm run seed` lists for the demo producers, that every listing is one a producer
// could have entered (it passes ProductInputSchema as stored), that it covers the programme's places and
// marks, that every public listing has a photo, and that running the seed again changes nothing.
import { beforeAll, describe, expect, test } from 'vitest'
import { isCertificationActive } from '~/modules/catalog/certifications'
import { categoryTree } from '~/modules/catalog/categories'
import { ProductInputSchema } from '~/modules/catalog/product-schemas'
import { productInputFrom, publicProductWhere } from '~/modules/catalog/products.server'
import { provinceCodes } from '~/modules/geo/provinces'
import { prisma } from '~/utils/db.server'
import { seedDemo, type SeedResult } from '../../prisma/seed/index'
import { demoProducts } from '../../prisma/seed/products'

/** Every catalogue row the seed writes, with the fields a second run must leave untouched. */
async function catalogueContents() {
  const [categories, products, tiers, certifications, images, assets, variants] = await Promise.all([
    prisma.category.findMany({ orderBy: { slug: 'asc' } }),
    prisma.product.findMany({ orderBy: { id: 'asc' } }),
    prisma.productTierPrice.findMany({ orderBy: { id: 'asc' } }),
    prisma.productCertification.findMany({ orderBy: { id: 'asc' } }),
    prisma.productImage.findMany({ orderBy: { id: 'asc' } }),
    prisma.imageAsset.findMany({ orderBy: { hash: 'asc' } }),
    prisma.imageVariant.findMany({ orderBy: { id: 'asc' } }),
  ])
  return { categories, products, tiers, certifications, images, assets, variants }
}

let first: SeedResult

// Certificate dates in the demo data are fixed; this is the day they were chosen for. Checks of what the
// data is meant to show (a few expired marks among many valid ones) use it, so they hold next year too.
const DATA_DATE = new Date('2026-11-27T12:00:00+07:00')

beforeAll(async () => {
  expect(await prisma.product.count()).toBe(0)
  first = await seedDemo()
}, 300_000)

describe('the demo catalogue', () => {
  test('is every product of the demo data, created by the first run', async () => {
    if (first.skipped) throw new Error('the first run skipped')
    const expected = demoProducts().length
    expect(first.catalogue).toMatchObject({ products: expected, created: expected, alreadyThere: 0 })
    expect(await prisma.product.count()).toBe(expected)
    expect(first.catalogue.publicProducts).toBe(await prisma.product.count({ where: publicProductWhere() }))
  })

  test('at least 300 products across at least 25 provinces and every region type', async () => {
    const products = await prisma.product.findMany({ select: { provinceCode: true, regionType: true } })
    expect(products.length).toBeGreaterThanOrEqual(300)
    const provinces = new Set(products.map((p) => p.provinceCode))
    expect(provinces.size).toBeGreaterThanOrEqual(25)
    for (const code of provinces) expect(provinceCodes).toContain(code)
    const regions = new Set(products.map((p) => p.regionType))
    for (const region of ['MOUNTAIN', 'REMOTE', 'ISLAND', 'BORDER', null]) expect(regions, String(region)).toContain(region)
  })

  test("every product is its producer's origin by default and belongs to a producer", async () => {
    const products = await prisma.product.findMany({
      select: { provinceCode: true, formerProvinceCode: true, regionType: true, producer: { select: { kind: true, provinceCode: true, formerProvinceCode: true, regionType: true } } },
    })
    for (const { producer, ...origin } of products) {
      expect(producer.kind).toBe('PRODUCER')
      expect(origin).toEqual({ provinceCode: producer.provinceCode, formerProvinceCode: producer.formerProvinceCode, regionType: producer.regionType })
    }
  })

  test('every product, as stored, passes ProductInputSchema, and its price is its first tier at the MOQ', async () => {
    const products = await prisma.product.findMany({
      include: {
        category: { select: { slug: true } },
        tierPrices: { orderBy: { minQuantity: 'asc' } },
        certifications: true,
      },
    })
    const refused: string[] = []
    for (const p of products) {
      const parsed = ProductInputSchema.safeParse(productInputFrom(p))
      if (!parsed.success) refused.push(`${p.sku}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`)
      expect(p.tierPrices[0]).toMatchObject({ minQuantity: p.moq, unitPriceVnd: p.priceVnd })
    }
    expect(refused).toEqual([])
  })

  test('SKUs are unique per producer and slugs unique overall', async () => {
    const products = await prisma.product.findMany({ select: { producerId: true, sku: true, slug: true } })
    expect(new Set(products.map((p) => `${p.producerId}/${p.sku}`)).size).toBe(products.length)
    expect(new Set(products.map((p) => p.slug)).size).toBe(products.length)
    for (const p of products) expect(p.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  test('names and descriptions are in Vietnamese, most with English too', async () => {
    const products = await prisma.product.findMany({ select: { nameVi: true, nameEn: true, descriptionEn: true } })
    expect(products.filter((p) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(p.nameVi)).length).toBeGreaterThan(products.length * 0.9)
    expect(products.filter((p) => p.nameEn && p.descriptionEn).length).toBeGreaterThan(products.length * 0.6)
  })

  test('products fill the category tree: most top-level categories, only child categories', async () => {
    const used = await prisma.category.findMany({ where: { products: { some: {} } }, select: { slug: true, parent: { select: { slug: true } } } })
    for (const c of used) expect(c.parent, `${c.slug} is a top-level category`).not.toBeNull()
    expect(new Set(used.map((c) => c.parent?.slug)).size).toBeGreaterThanOrEqual(categoryTree.length - 2)
    expect(used.length).toBeGreaterThanOrEqual(25)
  })

  test('every OCOP star level, VietGAP, GlobalGAP, organic, HACCP, ISO 22000, geographical indications and HVNCLC', async () => {
    const certifications = await prisma.productCertification.findMany()
    const active = certifications.filter((c) => isCertificationActive(c, DATA_DATE))
    for (const stars of [3, 4, 5]) expect(active.some((c) => c.type === 'OCOP' && c.stars === stars), `${stars}-star OCOP`).toBe(true)
    for (const type of ['VIETGAP', 'GLOBALGAP', 'ORGANIC', 'HACCP', 'ISO_22000', 'GEOGRAPHICAL_INDICATION', 'HVNCLC'] as const) {
      expect(certifications.some((c) => c.type === type), type).toBe(true)
    }
    for (const c of certifications.filter((c) => c.type === 'OCOP')) {
      expect(c.number && c.issuer && c.issuedAt && c.expiresAt).toBeTruthy()
      expect(c.issuer).toMatch(/^(UBND (tỉnh|thành phố) |Bộ Nông nghiệp)/)
      expect(c.issuedAt!.getUTCFullYear()).toBeGreaterThanOrEqual(2023)
    }
    for (const c of certifications.filter((c) => c.type === 'GEOGRAPHICAL_INDICATION')) expect(c.name).toBeTruthy()
    expect(certifications.some((c) => c.name === 'Cà phê Buôn Ma Thuột')).toBe(true)
    expect(certifications.some((c) => c.name === 'Nước mắm Phú Quốc')).toBe(true)
  })

  test('some certificates have expired (the expiry rule has something to hide), most have not', async () => {
    const certifications = await prisma.productCertification.findMany()
    expect(certifications.filter((c) => !isCertificationActive(c)).length).toBeGreaterThan(0)
    const expired = certifications.filter((c) => !isCertificationActive(c, DATA_DATE))
    expect(expired.some((c) => c.type === 'OCOP')).toBe(true)
    expect(expired.length).toBeLessThan(certifications.length / 4)
  })

  test('mostly published; some drafts, unpublished, archived and suspended listings', async () => {
    const statuses = Object.fromEntries(
      (await prisma.product.groupBy({ by: ['status'], _count: true })).map((g) => [g.status, g._count]),
    ) as Record<string, number>
    const total = Object.values(statuses).reduce((a, b) => a + b, 0)
    expect(statuses.PUBLISHED).toBeGreaterThan(total * 0.8)
    for (const status of ['DRAFT', 'UNPUBLISHED', 'ARCHIVED']) expect(statuses[status], status).toBeGreaterThan(0)
    expect(await prisma.product.count({ where: { suspendedAt: { not: null }, suspensionReason: { not: null } } })).toBeGreaterThan(0)
    expect(await prisma.product.count({ where: { status: 'DRAFT', publishedAt: { not: null } } })).toBe(0)
    expect(await prisma.product.count({ where: { status: 'PUBLISHED', publishedAt: null } })).toBe(0)
  })

  test('stock for most, made to order with a lead time for some; export-ready ones have an HS code and a USD price', async () => {
    const products = await prisma.product.findMany({ select: { madeToOrder: true, stock: true, leadTimeDays: true, exportReady: true, hsCode: true, usdPriceCents: true, vatRate: true, tierPrices: { select: { id: true } } } })
    const madeToOrder = products.filter((p) => p.madeToOrder)
    expect(madeToOrder.length).toBeGreaterThan(0)
    expect(madeToOrder.length).toBeLessThan(products.length / 4)
    for (const p of madeToOrder) expect(p.stock === null && p.leadTimeDays! > 0).toBe(true)
    const exportReady = products.filter((p) => p.exportReady)
    expect(exportReady.length).toBeGreaterThan(20)
    for (const p of exportReady) expect(p.hsCode && p.usdPriceCents! > 0n).toBeTruthy()
    expect(new Set(products.map((p) => p.vatRate))).toEqual(new Set(['EXEMPT', 'FIVE', 'EIGHT', 'TEN']))
    expect(products.filter((p) => p.tierPrices.length === 3).length).toBeGreaterThan(products.length / 2)
  })

  test('every published product has a photo; photos are shared by content and come with WebP and JPEG variants', async () => {
    expect(await prisma.product.count({ where: { status: 'PUBLISHED', images: { none: {} } } })).toBe(0)
    const images = await prisma.productImage.findMany({ select: { productId: true, assetHash: true, position: true, alt: true } })
    const assets = new Set(images.map((i) => i.assetHash))
    expect(assets.size).toBeLessThan(images.length / 3)
    for (const image of images) expect(image.alt).toBeTruthy()
    // Positions run 0, 1, 2… per product, so the cover is position 0.
    const byProduct = new Map<string, typeof images>()
    for (const image of images) byProduct.set(image.productId, [...(byProduct.get(image.productId) ?? []), image])
    for (const list of byProduct.values()) {
      expect(list.map((i) => i.position).sort()).toEqual(list.map((_, i) => i))
      expect(list.length).toBeLessThanOrEqual(3)
    }
    const variants = await prisma.imageVariant.groupBy({ by: ['assetHash', 'format'], _count: true })
    for (const hash of assets) {
      for (const format of ['webp', 'jpeg']) expect(variants.some((v) => v.assetHash === hash && v.format === format), `${hash} ${format}`).toBe(true)
    }
  })

  test('AVIF variants are left to the outbox', async () => {
    const queued = await prisma.outboxMessage.count({ where: { topic: 'media.avif' } })
    expect(queued).toBe(await prisma.imageAsset.count())
  })
})

describe('running it again', () => {
  test('creates nothing and changes nothing', async () => {
    const before = await catalogueContents()
    const again = await seedDemo()
    if (again.skipped) throw new Error('the second run skipped')
    expect(again.catalogue).toMatchObject({ created: 0, alreadyThere: demoProducts().length, photosCreated: 0 })
    expect(await catalogueContents()).toEqual(before)
  }, 120_000)
})
