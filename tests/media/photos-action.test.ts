// handleProductPhotosAction as a route calls it: real multipart bodies and cookies, so the CSRF check,
// the size limits and every answer (redirect with a toast, or the refused files) are what a browser gets.
import { beforeAll, describe, expect, test } from 'vitest'
import { MAX_IMAGE_BYTES } from '~/modules/media/images.server'
import { handleProductPhotosAction } from '~/modules/media/product-photos-action.server'
import { addProductImage } from '~/modules/media/product-images.server'
import { prisma } from '~/utils/db.server'
import { sessionStorage } from '~/utils/session.server'
import { browserFor, callRoute } from '../utils/routes'
import { createCategory, createProduct, createProducer, filesUnder, solidPng, withTempMediaStorage } from './fixtures'

const media = withTempMediaStorage()

type Browser = Awaited<ReturnType<typeof browserFor>>
let browser: Browser
let producer: { id: string }
let other: { id: string }
let categoryId: string
let seed = 2000
const photo = () => solidPng(80, 60, seed++)
const PATH = '/vi/orgs/htx/products/p1'

beforeAll(async () => {
  browser = await browserFor()
  producer = await createProducer('HTX Ảnh')
  other = await createProducer('HTX Khác')
  categoryId = (await createCategory()).id
})

function multipart(fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = [], opts: { csrf?: boolean } = {}) {
  const form = new FormData()
  if (opts.csrf !== false) form.append('csrf', browser.csrfToken)
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const f of files) form.append('photos', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'image/jpeg' }), f.name)
  return new Request(`http://localhost:3000${PATH}`, { method: 'POST', body: form, headers: { Cookie: browser.cookie } })
}

const run = (request: Request, productId: string, producerId = producer.id) =>
  callRoute(() => handleProductPhotosAction(request, { producerId, productId, lang: 'vi' }), request, {})

async function toastOf(result: { headers: Headers }) {
  const setCookie = result.headers.get('Set-Cookie') ?? ''
  const session = await sessionStorage().getSession(setCookie.split(';')[0])
  return session.get('toast')
}

const imageCount = (productId: string) => prisma.productImage.count({ where: { productId } })

describe('uploads', () => {
  test('several good files: all added, then back to the photos with a toast', async () => {
    const product = await createProduct(producer.id, categoryId)
    const result = await run(multipart({ intent: 'photo-upload' }, [{ name: 'a.jpg', bytes: await photo() }, { name: 'b.png', bytes: await photo() }]), product.id)
    expect(result.status).toBe(302)
    expect(result.location).toBe(`${PATH}#photos`)
    expect(await toastOf(result)).toEqual({ key: 'producer:photos.toast.addedMany', values: { n: '2' } })
    expect(await imageCount(product.id)).toBe(2)
  })

  test('good and bad files together: the good ones are added, each bad one is named with its reason', async () => {
    const product = await createProduct(producer.id, categoryId)
    const result = await run(
      multipart({ intent: 'photo-upload' }, [
        { name: 'vuon-che.jpg', bytes: await photo() },
        { name: 'bang-gia.jpg', bytes: Buffer.from('Bảng giá chè, không phải ảnh') },
        { name: 'trong.jpg', bytes: new Uint8Array(0) },
      ]),
      product.id,
    )
    expect(result.status).toBe(200) // something was added: the page reloads its list
    expect(result.data).toEqual({
      photosAdded: 1,
      photoErrors: [
        { fileName: 'bang-gia.jpg', error: 'media.image.notAnImage' },
        { fileName: 'trong.jpg', error: 'media.image.empty' },
      ],
    })
    expect(await imageCount(product.id)).toBe(1)
  })

  test('only bad files: 400 and nothing added', async () => {
    const product = await createProduct(producer.id, categoryId)
    const result = await run(multipart({ intent: 'photo-upload' }, [{ name: 'notes.jpg', bytes: Buffer.from('hello') }]), product.id)
    expect(result.status).toBe(400)
    expect(result.data).toEqual({ photosAdded: 0, photoErrors: [{ fileName: 'notes.jpg', error: 'media.image.notAnImage' }] })
  })

  test('no file chosen: asked to choose one', async () => {
    const product = await createProduct(producer.id, categoryId)
    // What a browser sends for an empty file input: a part with no file name and no bytes.
    const result = await run(multipart({ intent: 'photo-upload' }, [{ name: '', bytes: new Uint8Array(0), type: 'application/octet-stream' }]), product.id)
    expect(result.status).toBe(400)
    expect(result.data).toEqual({ photosAdded: 0, photoErrors: [{ fileName: null, error: 'media.image.required' }] })
  })

  test('a file over 15 MB is a message, not a server error, and nothing is stored', async () => {
    const product = await createProduct(producer.id, categoryId)
    const files = filesUnder(media.dir)
    const result = await run(multipart({ intent: 'photo-upload' }, [{ name: 'huge.jpg', bytes: new Uint8Array(MAX_IMAGE_BYTES + 1024) }]), product.id)
    expect(result.status).toBe(413)
    expect(result.data).toEqual({ photosAdded: 0, photoErrors: [{ fileName: null, error: 'media.image.tooLarge' }] })
    expect(await imageCount(product.id)).toBe(0)
    expect(filesUnder(media.dir)).toEqual(files)
  })

  test('an upload declaring more than 100 MB is refused before it is read', async () => {
    const product = await createProduct(producer.id, categoryId)
    const request = multipart({ intent: 'photo-upload' }, [{ name: 'a.jpg', bytes: await photo() }])
    const oversized = new Request(request, { headers: { ...Object.fromEntries(request.headers), 'Content-Length': String(101 * 1024 * 1024) } })
    const result = await run(oversized, product.id)
    expect(result.status).toBe(413)
    expect(result.data).toEqual({ photosAdded: 0, photoErrors: [{ fileName: null, error: 'media.upload.tooLarge' }] })
  })

  test('without the CSRF token: 403 and nothing added', async () => {
    const product = await createProduct(producer.id, categoryId)
    const result = await run(multipart({ intent: 'photo-upload' }, [{ name: 'a.jpg', bytes: await photo() }], { csrf: false }), product.id)
    expect(result.status).toBe(403)
    expect(await imageCount(product.id)).toBe(0)
  })

  test('to another producer’s product: 404 and nothing added', async () => {
    const product = await createProduct(other.id, categoryId)
    const result = await run(multipart({ intent: 'photo-upload' }, [{ name: 'a.jpg', bytes: await photo() }]), product.id)
    expect(result.status).toBe(404)
    expect(await imageCount(product.id)).toBe(0)
  })
})

describe('intents', () => {
  async function productWithPhotos(n: number, producerId = producer.id) {
    const product = await createProduct(producerId, categoryId)
    const ids: string[] = []
    for (let i = 0; i < n; i++) {
      const r = await addProductImage({ producerId, productId: product.id, bytes: await photo() })
      if (!r.ok) throw new Error(r.error)
      ids.push(r.image.id)
    }
    return { product, ids }
  }
  const order = async (productId: string) => (await prisma.productImage.findMany({ where: { productId }, orderBy: { position: 'asc' } })).map((i) => i.id)

  test('make cover, move and remove, each a small multipart form', async () => {
    const { product, ids } = await productWithPhotos(3)
    let result = await run(multipart({ intent: 'photo-cover', imageId: ids[2] }), product.id)
    expect(result.status).toBe(302)
    expect(await toastOf(result)).toEqual({ key: 'producer:photos.toast.coverSet' })
    expect(await order(product.id)).toEqual([ids[2], ids[0], ids[1]])

    result = await run(multipart({ intent: 'photo-down', imageId: ids[2] }), product.id)
    expect(await toastOf(result)).toEqual({ key: 'producer:photos.toast.moved' })
    expect(await order(product.id)).toEqual([ids[0], ids[2], ids[1]])

    result = await run(multipart({ intent: 'photo-up', imageId: ids[1] }), product.id)
    expect(await order(product.id)).toEqual([ids[0], ids[1], ids[2]])

    result = await run(multipart({ intent: 'photo-remove', imageId: ids[0] }), product.id)
    expect(await toastOf(result)).toEqual({ key: 'producer:photos.toast.removed' })
    expect(await order(product.id)).toEqual([ids[1], ids[2]])
  })

  test('also as a plain urlencoded form (CSRF checked the same way)', async () => {
    const { product, ids } = await productWithPhotos(2)
    const result = await run(browser.post(PATH, { intent: 'photo-cover', imageId: ids[1] }), product.id)
    expect(result.status).toBe(302)
    expect(await order(product.id)).toEqual([ids[1], ids[0]])
    expect((await run(browser.post(PATH, { intent: 'photo-cover', imageId: ids[0] }, { csrf: false }), product.id)).status).toBe(403)
  })

  test('a photo that is already gone: back to the list with an error message', async () => {
    const { product } = await productWithPhotos(1)
    const result = await run(multipart({ intent: 'photo-remove', imageId: 'gone' }), product.id)
    expect(result.status).toBe(302)
    expect(await toastOf(result)).toEqual({ key: 'errors:media.image.notFound', type: 'error' })
  })

  test('another producer’s product: 404 and nothing changes', async () => {
    const { product, ids } = await productWithPhotos(2, other.id)
    for (const intent of ['photo-remove', 'photo-cover', 'photo-up', 'photo-down']) {
      expect((await run(multipart({ intent, imageId: ids[1] }), product.id)).status).toBe(404)
    }
    expect(await order(product.id)).toEqual(ids)
  })

  test('an unknown intent or a missing photo id is a 400', async () => {
    const { product, ids } = await productWithPhotos(1)
    expect((await run(multipart({ intent: 'photo-rotate', imageId: ids[0] }), product.id)).status).toBe(400)
    expect((await run(multipart({ intent: 'photo-remove' }), product.id)).status).toBe(400)
  })
})
