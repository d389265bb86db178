// The demo catalogue: the category tree and the producers' listings (product-data.ts) with photos drawn at
// seed time (photos.ts). Products are found by producer + SKU: one that exists is left exactly as it is, so
// a second run writes nothing. Every product is first checked with ProductInputSchema, the schema of the
// producer's form, CSV import and API, so the demo never shows something a producer could not have entered.
import type { ProductStatus } from '~/generated/prisma/enums'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { ProductInputSchema, type ProductInput } from '~/modules/catalog/product-schemas'
import { certificationRows, productColumns, productSlugBase, publicProductWhere, tierRows } from '~/modules/catalog/products.server'
import { ingestImage } from '~/modules/media/images.server'
import { prisma } from '~/utils/db.server'
import { producers } from './organizations'
import { forgetBasePictures, photoJpeg, photoKey, productPhotos, type PhotoSpec } from './photos'
import { catalogue, type DemoLine, type DemoPack } from './product-data'

export type DemoProduct = {
  producerSlug: string
  input: ProductInput
  status: ProductStatus
  suspensionReason: string | null
  photos: { spec: PhotoSpec; alt: string }[]
  /** Where between the producer joining and today the product was listed, 0–1, so "recent" lists look lived-in. */
  listedAt: number
}

/** FNV-1a, 32 bits: a stable number from a SKU, for the choices the data leaves open (stock, tiers, photos). */
function hash32(text: string): number {
  let h = 0x811c9dc5
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** VND amounts end in round thousands, as price lists do. */
function roundVnd(amount: number): number {
  const step = amount >= 10_000_000 ? 100_000 : amount >= 1_000_000 ? 10_000 : amount >= 100_000 ? 1_000 : 500
  return Math.max(step, Math.round(amount / step) * step)
}

// Most price lists have three tiers (the MOQ price, then about 5% and 10% off); some have two or four, a few one.
const tierPatterns: [number, number][][] = [
  [[1, 0], [5, 5], [20, 10]],
  [[1, 0], [5, 5], [20, 10]],
  [[1, 0], [5, 5], [20, 10]],
  [[1, 0], [4, 5], [10, 10]],
  [[1, 0], [5, 5], [20, 10]],
  [[1, 0], [10, 5]],
  [[1, 0], [3, 4]],
  [[1, 0], [3, 3], [10, 6], [30, 10]],
  [[1, 0], [5, 5], [20, 10]],
  [[1, 0]],
]

/** An indicative export price at about 26,000 VND to the US dollar. */
const USD_RATE = 26_000

function demoProduct(producer: (typeof producers)[number], line: DemoLine, pack: DemoPack): DemoProduct {
  const sku = `${line.sku}-${pack.code}`
  const h = hash32(`${producer.slug}/${sku}`)
  const tiers = (pack.tiers ?? tierPatterns[h % tierPatterns.length]).map(([multiple, discount]) => ({
    minQuantity: pack.moq * multiple,
    unitPriceVnd: BigInt(roundVnd((pack.price * (100 - discount)) / 100)),
  }))
  tiers[0].unitPriceVnd = BigInt(pack.price)
  const wholesale = pack.wholesale ? ' (bán sỉ)' : ''
  const exportReady = pack.export !== undefined && pack.export !== false
  const madeToOrder = pack.madeToOrder !== undefined
  // Roughly one listing in fifteen has sold out; the rest hold a few to a few dozen MOQs.
  const stock = madeToOrder ? undefined : h % 15 === 7 ? 0 : pack.moq * (3 + ((h >>> 4) % 40))
  const extraVi = [
    pack.wholesale ? 'Quy cách bán sỉ cho chuỗi siêu thị và nhà phân phối, giao theo lô.' : '',
    exportReady ? 'Nhận đơn xuất khẩu; có hồ sơ truy xuất nguồn gốc theo lô.' : '',
  ]
  const extraEn = [
    pack.wholesale ? 'A wholesale pack for supermarket chains and distributors, delivered in lots.' : '',
    exportReady ? 'Available for export, with lot traceability records.' : '',
  ]
  const raw = {
    sku,
    nameVi: `${line.vi} – ${pack.vi}${wholesale}`,
    nameEn: line.en ? `${line.en} – ${pack.en}${pack.wholesale ? ' (wholesale)' : ''}` : undefined,
    descriptionVi: [line.descVi, ...extraVi].filter(Boolean).join(' '),
    descriptionEn: line.descEn ? [line.descEn, ...extraEn].filter(Boolean).join(' ') : undefined,
    categorySlug: line.category,
    unit: pack.unit,
    packSize: pack.packSize,
    moq: pack.moq,
    tierPrices: tiers,
    usdPriceCents: exportReady ? BigInt(Math.round((pack.price * 100) / USD_RATE)) : undefined,
    vatRate: line.vat,
    madeToOrder,
    stock,
    leadTimeDays: pack.madeToOrder ?? (pack.wholesale ? 3 + (h % 5) : undefined),
    harvestMonths: line.months ?? [],
    provinceCode: producer.provinceCode,
    formerProvinceCode: producer.formerProvinceCode,
    regionType: producer.regionType,
    certifications: line.certs ?? [],
    shelfLifeDays: line.shelfLifeDays,
    storage: line.storage,
    packaging: line.packaging,
    hsCode: typeof pack.export === 'string' ? pack.export : line.hsCode,
    exportReady,
  }
  const parsed = ProductInputSchema.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(', ')
    throw new Error(`demo product ${producer.slug}/${sku} does not pass the product checks (${issues})`)
  }

  const [kind, look] = typeof line.photo === 'string' ? [line.photo, 0] : line.photo
  const photos = productPhotos(kind, look, 1 + (h % 3), h >>> 3).map((spec, i) => ({
    spec,
    alt: i === 0 ? parsed.data.nameVi : `${line.vi} – ảnh ${i + 1}`,
  }))

  return {
    producerSlug: producer.slug,
    input: parsed.data,
    status: pack.status ?? 'PUBLISHED',
    suspensionReason: pack.suspended ?? null,
    photos,
    listedAt: 0.05 + ((h >>> 6) % 900) / 1000,
  }
}

/** Every demo product, checked; throws on a product the schema refuses or a SKU used twice. */
export function demoProducts(): DemoProduct[] {
  const bySlug = new Map(producers.map((p) => [p.slug, p]))
  const products: DemoProduct[] = []
  const skus = new Set<string>()
  for (const entry of catalogue) {
    const producer = bySlug.get(entry.producer)
    if (!producer) throw new Error(`demo products for an unknown producer "${entry.producer}"`)
    for (const line of entry.lines) {
      for (const pack of line.packs) {
        const product = demoProduct(producer, line, pack)
        const key = `${producer.slug}/${product.input.sku}`
        if (skus.has(key)) throw new Error(`demo SKU ${key} is used twice`)
        skus.add(key)
        products.push(product)
      }
    }
  }
  return products
}

export type CataloguePlan = {
  products: DemoProduct[]
  /** Those not in the database yet. */
  toCreate: DemoProduct[]
  /** The distinct photos the new products need. */
  photos: PhotoSpec[]
  /** Producers with products to create, in order. */
  producers: string[]
}

/** What the seed has to write: found in one query, so a second run is quick. */
export async function planCatalogue(): Promise<CataloguePlan> {
  const products = demoProducts()
  const existing = new Set(
    (
      await prisma.product.findMany({
        where: { producer: { slug: { in: [...new Set(products.map((p) => p.producerSlug))] } } },
        select: { sku: true, producer: { select: { slug: true } } },
      })
    ).map((p) => `${p.producer.slug}/${p.sku}`),
  )
  const toCreate = products.filter((p) => !existing.has(`${p.producerSlug}/${p.input.sku}`))
  const photos = new Map<string, PhotoSpec>()
  for (const p of toCreate) for (const { spec } of p.photos) photos.set(photoKey(spec), spec)
  return { products, toCreate, photos: [...photos.values()], producers: [...new Set(toCreate.map((p) => p.producerSlug))] }
}

export type CatalogueResult = {
  categories: number
  products: number
  /** Products the public catalogue shows (of the whole database, demo or not). */
  publicProducts: number
  created: number
  alreadyThere: number
  /** Distinct photos (image assets) the demo products use, and how many of them this run stored. */
  photos: number
  photosCreated: number
}


// Two photos at a time: sharp encodes off the main thread, so one photo's encoding overlaps the other's
// drawing and database writes (PGlite runs on the main thread).
const PHOTO_WORKERS = 2

/**
 * Writes the plan: categories, then the photos the new products need (each stored once, by content hash),
 * then the products of each producer in one transaction (an interrupted run leaves whole producers).
 */
export async function seedCatalogue(plan: CataloguePlan, onProgress?: (label: string) => void): Promise<CatalogueResult> {
  await ensureCategories()
  const categories = new Map((await prisma.category.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]))

  const assetOf = new Map<string, string>()
  let photosCreated = 0
  const queue = [...plan.photos]
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const result = await ingestImage(await photoJpeg(spec))
      if (!result.ok) throw new Error(`demo photo ${photoKey(spec)} was refused: ${result.error}`)
      assetOf.set(photoKey(spec), result.asset.hash)
      if (result.created) photosCreated++
      onProgress?.(`photo ${photoKey(spec)}`)
    }
  }
  await Promise.all(Array.from({ length: PHOTO_WORKERS }, worker))
  forgetBasePictures()

  const producerRows = new Map(
    (
      await prisma.organization.findMany({
        where: { slug: { in: plan.producers } },
        select: { id: true, slug: true, displayName: true, createdAt: true, kind: true },
      })
    ).map((o) => [o.slug, o]),
  )
  const bases = [...new Set(plan.toCreate.map((p) => productSlugBase(p.input.nameVi)))]
  const slugs = new Set(
    bases.length === 0
      ? []
      : (await prisma.product.findMany({ where: { OR: bases.map((base) => ({ slug: { startsWith: base } })) }, select: { slug: true } })).map((p) => p.slug),
  )
  const uniqueSlug = (base: string) => {
    let slug = base
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`
    slugs.add(slug)
    return slug
  }

  const now = new Date()
  let created = 0
  for (const producerSlug of plan.producers) {
    const producer = producerRows.get(producerSlug)
    if (!producer || producer.kind !== 'PRODUCER') throw new Error(`demo producer "${producerSlug}" is not in the database as a producer`)
    const products = plan.toCreate.filter((p) => p.producerSlug === producerSlug)
    const since = producer.createdAt.getTime()
    const rows = products.map((p) => {
      const { input } = p
      const createdAt = new Date(since + (now.getTime() - since) * p.listedAt)
      return {
        ...productColumns(input, categories.get(input.categorySlug) ?? missingCategory(input.categorySlug)),
        producerId: producer.id,
        slug: uniqueSlug(productSlugBase(input.nameVi)),
        status: p.status,
        suspendedAt: p.suspensionReason ? new Date(Math.min(createdAt.getTime() + 20 * 86_400_000, now.getTime())) : null,
        suspensionReason: p.suspensionReason,
        // Drafts were never published; unpublished and archived listings were, once.
        publishedAt: p.status === 'DRAFT' ? null : new Date(Math.min(createdAt.getTime() + 86_400_000, now.getTime())),
        createdAt,
        updatedAt: createdAt,
      }
    })
    await prisma.$transaction(async (tx) => {
      const inserted = await tx.product.createManyAndReturn({ data: rows, select: { id: true, sku: true } })
      const idOf = new Map(inserted.map((r) => [r.sku, r.id]))
      const productId = (sku: string) => idOf.get(sku)!
      await tx.productTierPrice.createMany({
        data: products.flatMap((p) => tierRows(p.input).map((t) => ({ productId: productId(p.input.sku), ...t }))),
      })
      const certifications = products.flatMap((p) =>
        certificationRows(p.input).map((c) => ({ ...c, productId: productId(p.input.sku) })),
      )
      if (certifications.length > 0) await tx.productCertification.createMany({ data: certifications })
      await tx.productImage.createMany({
        data: products.flatMap((p) =>
          p.photos.map((photo, position) => ({
            productId: productId(p.input.sku),
            assetHash: assetOf.get(photoKey(photo.spec))!,
            position,
            alt: photo.alt,
          })),
        ),
      })
    })
    created += products.length
    onProgress?.(producer.displayName)
  }

  const photoKeys = new Set(plan.products.flatMap((p) => p.photos.map((photo) => photoKey(photo.spec))))
  return {
    categories: categories.size,
    products: plan.products.length,
    publicProducts: await prisma.product.count({ where: publicProductWhere(now) }),
    created,
    alreadyThere: plan.products.length - created,
    photos: photoKeys.size,
    photosCreated,
  }
}

function missingCategory(slug: string): never {
  throw new Error(`demo category "${slug}" is not in the category tree`)
}
