// A product's photos: only its producer adds, removes and reorders them; at most 12; the first is the
// cover; positions stay 0..n-1 whatever happens.
import { beforeAll, describe, expect, test } from 'vitest'
import { addProductImage, listCoverImages, listProductImages, MAX_PRODUCT_PHOTOS, moveProductImage, removeProductImage } from '~/modules/media/product-images.server'
import { prisma } from '~/utils/db.server'
import { createCategory, createProduct, createProducer, solidPng, withTempMediaStorage } from './fixtures'

withTempMediaStorage()

let producerA: { id: string }
let producerB: { id: string }
let categoryId: string
let seed = 1000
const photo = () => solidPng(64, 48, seed++)

beforeAll(async () => {
  producerA = await createProducer('HTX Chè A')
  producerB = await createProducer('HTX Mật ong B')
  categoryId = (await createCategory()).id
})

async function add(producerId: string, productId: string, bytes?: Buffer) {
  const result = await addProductImage({ producerId, productId, bytes: bytes ?? (await photo()) })
  if (!result.ok) throw new Error(`expected the photo to be added, got ${result.error}`)
  return result.image
}

async function order(productId: string) {
  return (await prisma.productImage.findMany({ where: { productId }, orderBy: { position: 'asc' }, select: { id: true, position: true } })).map((i) => i.id)
}

async function positions(productId: string) {
  return (await prisma.productImage.findMany({ where: { productId }, orderBy: { position: 'asc' } })).map((i) => i.position)
}

describe('adding photos', () => {
  test('the first photo becomes the cover; its view lists the variants made', async () => {
    const product = await createProduct(producerA.id, categoryId)
    const image = await addProductImage({ producerId: producerA.id, productId: product.id, bytes: await photo(), alt: '  Búp chè tươi  ' })
    expect(image.ok).toBe(true)
    if (!image.ok) return
    expect(image.image).toMatchObject({ alt: 'Búp chè tươi', width: 64, height: 48 })
    expect(image.image.placeholder).toMatch(/^data:image\/webp;base64,/)
    expect(image.image.variants.map((v) => `${v.format} ${v.width}`)).toEqual(['webp 64', 'jpeg 64'])
    expect(image.image.variants[0].url).toMatch(/^\/media\/images\/[0-9a-f]{2}\/[0-9a-f]{64}\/64\.webp$/)
    const second = await add(producerA.id, product.id)
    expect(await order(product.id)).toEqual([image.image.id, second.id])
    expect(await listProductImages(product.id)).toEqual([image.image, second])
  })

  test(`at most ${MAX_PRODUCT_PHOTOS} photos per product`, async () => {
    const product = await createProduct(producerA.id, categoryId)
    for (let i = 0; i < MAX_PRODUCT_PHOTOS; i++) await add(producerA.id, product.id)
    const assetsBefore = await prisma.imageAsset.count()
    expect(await addProductImage({ producerId: producerA.id, productId: product.id, bytes: await photo() })).toEqual({ ok: false, error: 'media.image.tooMany' })
    expect(await prisma.productImage.count({ where: { productId: product.id } })).toBe(MAX_PRODUCT_PHOTOS)
    expect(await prisma.imageAsset.count()).toBe(assetsBefore) // refused before any encoding
    expect(await positions(product.id)).toEqual([...Array(MAX_PRODUCT_PHOTOS).keys()])
  })

  test(`uploads at the same moment cannot pass ${MAX_PRODUCT_PHOTOS} together`, async () => {
    const product = await createProduct(producerA.id, categoryId)
    const bytes = await Promise.all(Array.from({ length: MAX_PRODUCT_PHOTOS + 3 }, () => photo()))
    const results = await Promise.all(bytes.map((b) => addProductImage({ producerId: producerA.id, productId: product.id, bytes: b })))
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_PRODUCT_PHOTOS)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(['media.image.tooMany', 'media.image.tooMany', 'media.image.tooMany'])
    expect(await positions(product.id)).toEqual([...Array(MAX_PRODUCT_PHOTOS).keys()])
  })

  test('the same picture twice on one product is refused; on two products it is one shared asset', async () => {
    const bytes = await photo()
    const mine = await createProduct(producerA.id, categoryId)
    const theirs = await createProduct(producerB.id, categoryId)
    const first = await add(producerA.id, mine.id, bytes)
    expect(await addProductImage({ producerId: producerA.id, productId: mine.id, bytes })).toEqual({ ok: false, error: 'media.image.duplicate' })
    const other = await add(producerB.id, theirs.id, bytes)
    const [a, b] = await prisma.productImage.findMany({ where: { id: { in: [first.id, other.id] } } })
    expect(a.assetHash).toBe(b.assetHash)
    // Removing it from one product leaves the other's photo whole.
    expect(await removeProductImage(producerA.id, mine.id, first.id)).toEqual({ ok: true })
    expect(await listProductImages(theirs.id)).toEqual([other])
  })

  test('a bad file is refused with its reason and adds nothing', async () => {
    const product = await createProduct(producerA.id, categoryId)
    expect(await addProductImage({ producerId: producerA.id, productId: product.id, bytes: Buffer.from('not a photo') })).toEqual({ ok: false, error: 'media.image.notAnImage' })
    expect(await addProductImage({ producerId: producerA.id, productId: product.id, bytes: new Uint8Array(0) })).toEqual({ ok: false, error: 'media.image.empty' })
    expect(await prisma.productImage.count({ where: { productId: product.id } })).toBe(0)
  })
})

describe('order and cover', () => {
  test('up, down and cover move one photo; moving past either end changes nothing', async () => {
    const product = await createProduct(producerA.id, categoryId)
    const [p0, p1, p2, p3] = [await add(producerA.id, product.id), await add(producerA.id, product.id), await add(producerA.id, product.id), await add(producerA.id, product.id)]
    const ids = (...images: { id: string }[]) => images.map((i) => i.id)

    expect(await moveProductImage(producerA.id, product.id, p2.id, 'up')).toEqual({ ok: true })
    expect(await order(product.id)).toEqual(ids(p0, p2, p1, p3))
    expect(await moveProductImage(producerA.id, product.id, p3.id, 'cover')).toEqual({ ok: true })
    expect(await order(product.id)).toEqual(ids(p3, p0, p2, p1))
    expect(await moveProductImage(producerA.id, product.id, p3.id, 'down')).toEqual({ ok: true })
    expect(await order(product.id)).toEqual(ids(p0, p3, p2, p1))
    expect(await moveProductImage(producerA.id, product.id, p0.id, 'up')).toEqual({ ok: true })
    expect(await moveProductImage(producerA.id, product.id, p1.id, 'down')).toEqual({ ok: true })
    expect(await moveProductImage(producerA.id, product.id, p0.id, 'cover')).toEqual({ ok: true })
    expect(await order(product.id)).toEqual(ids(p0, p3, p2, p1))
    expect(await positions(product.id)).toEqual([0, 1, 2, 3])
    expect((await listProductImages(product.id)).map((i) => i.id)).toEqual(ids(p0, p3, p2, p1))
  })

  test('removing the cover makes the next photo the cover, and positions close up', async () => {
    const product = await createProduct(producerA.id, categoryId)
    const [p0, p1, p2] = [await add(producerA.id, product.id), await add(producerA.id, product.id), await add(producerA.id, product.id)]
    expect(await removeProductImage(producerA.id, product.id, p0.id)).toEqual({ ok: true })
    expect(await order(product.id)).toEqual([p1.id, p2.id])
    expect(await positions(product.id)).toEqual([0, 1])
    expect((await listCoverImages([product.id])).get(product.id)?.id).toBe(p1.id)
    expect(await removeProductImage(producerA.id, product.id, p0.id)).toEqual({ ok: false, error: 'media.image.notFound' })
  })

  test('listCoverImages gives each product its cover and leaves out products without photos', async () => {
    const withPhotos = await createProduct(producerA.id, categoryId)
    const without = await createProduct(producerA.id, categoryId)
    const cover = await add(producerA.id, withPhotos.id)
    await add(producerA.id, withPhotos.id)
    const covers = await listCoverImages([withPhotos.id, without.id])
    expect([...covers.keys()]).toEqual([withPhotos.id])
    expect(covers.get(withPhotos.id)).toEqual(cover)
    expect(await listCoverImages([])).toEqual(new Map())
  })
})

describe('another producer’s products are out of reach', () => {
  let productOfB: { id: string }
  let imageOfB: { id: string }
  let productOfA: { id: string }
  let imageOfA: { id: string }

  beforeAll(async () => {
    productOfB = await createProduct(producerB.id, categoryId, 'Mật ong bạc hà')
    imageOfB = await add(producerB.id, productOfB.id)
    await add(producerB.id, productOfB.id)
    productOfA = await createProduct(producerA.id, categoryId)
    imageOfA = await add(producerA.id, productOfA.id)
  })

  // B's photos and B's product row (a change would have touched its updatedAt).
  async function snapshotB() {
    const images = await prisma.productImage.findMany({ where: { productId: productOfB.id }, orderBy: { position: 'asc' } })
    const product = await prisma.product.findUniqueOrThrow({ where: { id: productOfB.id } })
    return { images, product }
  }

  test('producer A cannot add a photo to B’s product, and no work is done for it', async () => {
    const before = { b: await snapshotB(), assets: await prisma.imageAsset.count() }
    expect(await addProductImage({ producerId: producerA.id, productId: productOfB.id, bytes: await photo() })).toEqual({ ok: false, error: 'product.notFound' })
    expect(await snapshotB()).toEqual(before.b)
    expect(await prisma.imageAsset.count()).toBe(before.assets)
  })

  test('producer A cannot remove B’s photos, through B’s product or through its own', async () => {
    const before = await snapshotB()
    expect(await removeProductImage(producerA.id, productOfB.id, imageOfB.id)).toEqual({ ok: false, error: 'product.notFound' })
    expect(await removeProductImage(producerA.id, productOfA.id, imageOfB.id)).toEqual({ ok: false, error: 'media.image.notFound' })
    expect(await snapshotB()).toEqual(before)
    expect(await order(productOfA.id)).toEqual([imageOfA.id])
  })

  test('producer A cannot reorder B’s photos or change B’s cover', async () => {
    const before = await snapshotB()
    for (const to of ['up', 'down', 'cover'] as const) {
      expect(await moveProductImage(producerA.id, productOfB.id, before.images[1].id, to)).toEqual({ ok: false, error: 'product.notFound' })
      expect(await moveProductImage(producerA.id, productOfA.id, before.images[1].id, to)).toEqual({ ok: false, error: 'media.image.notFound' })
    }
    expect(await snapshotB()).toEqual(before)
  })

  test('an unknown product is not found either', async () => {
    expect(await addProductImage({ producerId: producerA.id, productId: 'no-such-product', bytes: await photo() })).toEqual({ ok: false, error: 'product.notFound' })
    expect(await moveProductImage(producerA.id, 'no-such-product', imageOfA.id, 'up')).toEqual({ ok: false, error: 'product.notFound' })
  })
})
