import type { Prisma } from '~/generated/prisma/client'
import { prisma, type Tx } from '~/utils/db.server'
import { MAX_PRODUCT_PHOTOS, toImageView, type ProductImageView } from './image-view'
import { ingestImage, type IngestError } from './images.server'

export { MAX_PRODUCT_PHOTOS, toImageView, type ProductImageView } from './image-view'
const MAX_ALT_LENGTH = 200

/** What toImageView needs from a ProductImage row: `include: imageViewInclude`. */
export const imageViewInclude = {
  asset: {
    select: {
      width: true,
      height: true,
      placeholder: true,
      variants: { select: { format: true, width: true, storageKey: true } },
    },
  },
} satisfies Prisma.ProductImageInclude

export type ProductImageError = 'product.notFound' | 'media.image.notFound' | 'media.image.tooMany' | 'media.image.duplicate' | IngestError
type Failure<E> = { ok: false; error: E }

/**
 * Locks the product row for the rest of the transaction (concurrent photo changes on one product queue
 * up, so the limit and the positions hold) and proves it belongs to the producer.
 */
async function lockOwnProduct(tx: Tx, producerId: string, productId: string) {
  const { count } = await tx.product.updateMany({ where: { id: productId, producerId }, data: { updatedAt: new Date() } })
  return count === 1
}

async function setPositions(tx: Tx, ordered: { id: string; position: number }[]) {
  for (const [position, image] of ordered.entries()) {
    if (image.position !== position) await tx.productImage.update({ where: { id: image.id }, data: { position } })
  }
}

/**
 * Adds a photo after the product's others (the first one becomes the cover). The product must belong to
 * `producerId`; at most MAX_PRODUCT_PHOTOS; the same picture twice on one product is refused.
 */
export async function addProductImage(input: {
  producerId: string
  productId: string
  bytes: Uint8Array
  alt?: string | null
}): Promise<{ ok: true; image: ProductImageView } | Failure<ProductImageError>> {
  const { producerId, productId } = input
  const product = await prisma.product.findFirst({
    where: { id: productId, producerId },
    select: { _count: { select: { images: true } } },
  })
  if (!product) return { ok: false, error: 'product.notFound' }
  // Checked before the slow part too, so a full gallery costs no encoding.
  if (product._count.images >= MAX_PRODUCT_PHOTOS) return { ok: false, error: 'media.image.tooMany' }

  const ingested = await ingestImage(input.bytes)
  if (!ingested.ok) return ingested
  const alt = input.alt?.trim().slice(0, MAX_ALT_LENGTH) || null

  return prisma.$transaction(async (tx): Promise<{ ok: true; image: ProductImageView } | Failure<ProductImageError>> => {
    if (!(await lockOwnProduct(tx, producerId, productId))) return { ok: false, error: 'product.notFound' }
    const images = await tx.productImage.findMany({ where: { productId }, select: { assetHash: true } })
    if (images.length >= MAX_PRODUCT_PHOTOS) return { ok: false, error: 'media.image.tooMany' }
    if (images.some((i) => i.assetHash === ingested.asset.hash)) return { ok: false, error: 'media.image.duplicate' }
    const row = await tx.productImage.create({
      data: { productId, assetHash: ingested.asset.hash, position: images.length, alt },
      include: imageViewInclude,
    })
    return { ok: true, image: toImageView(row) }
  })
}

/** Removes a photo of the producer's product; the others close up (the next one becomes the cover). */
export async function removeProductImage(
  producerId: string,
  productId: string,
  imageId: string,
): Promise<{ ok: true } | Failure<'product.notFound' | 'media.image.notFound'>> {
  return prisma.$transaction(async (tx): Promise<{ ok: true } | Failure<'product.notFound' | 'media.image.notFound'>> => {
    if (!(await lockOwnProduct(tx, producerId, productId))) return { ok: false, error: 'product.notFound' }
    // The asset stays: other products may share it, and its files are content-addressed.
    const { count } = await tx.productImage.deleteMany({ where: { id: imageId, productId } })
    if (count === 0) return { ok: false, error: 'media.image.notFound' }
    const rest = await tx.productImage.findMany({ where: { productId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, position: true } })
    await setPositions(tx, rest)
    return { ok: true }
  })
}

export type PhotoMove = 'up' | 'down' | 'cover'

/** Moves a photo one place earlier or later, or to the front (the cover). Moving past either end changes nothing. */
export async function moveProductImage(
  producerId: string,
  productId: string,
  imageId: string,
  to: PhotoMove,
): Promise<{ ok: true } | Failure<'product.notFound' | 'media.image.notFound'>> {
  return prisma.$transaction(async (tx): Promise<{ ok: true } | Failure<'product.notFound' | 'media.image.notFound'>> => {
    if (!(await lockOwnProduct(tx, producerId, productId))) return { ok: false, error: 'product.notFound' }
    const images = await tx.productImage.findMany({ where: { productId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, position: true } })
    const from = images.findIndex((i) => i.id === imageId)
    if (from === -1) return { ok: false, error: 'media.image.notFound' }
    const target = to === 'cover' ? 0 : to === 'up' ? Math.max(0, from - 1) : Math.min(images.length - 1, from + 1)
    const ordered = [...images]
    const [moved] = ordered.splice(from, 1)
    ordered.splice(target, 0, moved)
    await setPositions(tx, ordered)
    return { ok: true }
  })
}

/** A product's photos in order, the cover first. Callers decide whether the product may be seen. */
export async function listProductImages(productId: string): Promise<ProductImageView[]> {
  const rows = await prisma.productImage.findMany({
    where: { productId },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    include: imageViewInclude,
  })
  return rows.map(toImageView)
}

/** The cover photo of each of these products (for lists of cards); products without photos are absent. */
export async function listCoverImages(productIds: string[]): Promise<Map<string, ProductImageView>> {
  if (productIds.length === 0) return new Map()
  const rows = await prisma.productImage.findMany({
    where: { productId: { in: productIds }, position: 0 },
    include: imageViewInclude,
  })
  return new Map(rows.map((row) => [row.productId, toImageView(row)]))
}
