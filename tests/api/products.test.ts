// The catalogue on the platform API: the product JSON, public listing with filters, a producer's key
// creating (idempotently), changing, archiving and adding photos to its own products — and never
// reading or touching another producer's.
import { beforeAll, describe, expect, test } from 'vitest'
import '~/modules/notifications/notifications.server'
import { certificationSlugs } from '~/modules/api/endpoints'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { certificationSlug } from '~/modules/catalog/product-schemas'
import * as categoriesRoute from '~/routes/api/v1/categories'
import * as productImagesRoute from '~/routes/api/v1/product-images'
import * as productRoute from '~/routes/api/v1/product'
import * as productsRoute from '~/routes/api/v1/products'
import { prisma } from '~/utils/db.server'
import { solidPng, withTempMediaStorage } from '../media/fixtures'
import { callApi, organizationWithKey, type ApiRequest, type ApiResponse } from '../utils/api'

withTempMediaStorage()

type Org = Awaited<ReturnType<typeof organizationWithKey>>
let a: Org
let b: Org
let buyer: Org

beforeAll(async () => {
  await ensureCategories()
  ;[a, b, buyer] = await Promise.all([
    organizationWithKey('PRODUCER', 'HTX Mật Ong A'),
    organizationWithKey('PRODUCER', 'HTX Bí Mật B'),
    organizationWithKey('BUYER', 'Siêu thị C'),
  ])
})

const vnd = (amount: number) => ({ amount: String(amount), currency: 'VND' })

function productBody(overrides: Record<string, unknown> = {}) {
  return {
    sku: 'MO-500',
    name: { vi: 'Mật ong bạc hà', en: 'Mint honey' },
    description: { vi: 'Mật ong hoa bạc hà, thu hoạch tháng 10–12.' },
    category: 'flower-honey',
    unit: 'BOTTLE',
    packSize: 'Chai 500 ml',
    moq: 10,
    tierPrices: [
      { minQuantity: 10, unitPrice: vnd(180000) },
      { minQuantity: 50, unitPrice: vnd(165000) },
    ],
    usdPrice: { amount: '750', currency: 'USD' },
    vatRate: '5',
    stock: 400,
    harvestMonths: [12, 10, 11],
    province: '08',
    formerProvince: '02',
    certifications: [{ type: 'ocop', stars: 4, number: '0123/QĐ-UBND', issuer: 'UBND tỉnh Hà Giang', issuedAt: '2025-03-01' }],
    hsCode: '040900',
    exportReady: true,
    ...overrides,
  }
}

const products = (options: ApiRequest & { query?: string } = {}) => callApi(productsRoute, `/api/v1/products${options.query ?? ''}`, options)
const product = (id: string, options: ApiRequest = {}) => callApi(productRoute, `/api/v1/products/${id}`, { ...options, params: { id } })
const create = (org: Org, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  products({ method: 'POST', key: org.key, json: productBody(overrides), headers })
const patch = (org: Org, id: string, json: unknown) => product(id, { method: 'PATCH', key: org.key, json })
const addImage = (org: Org, id: string, file: Blob | null, extra: Record<string, string> = {}, headers: Record<string, string> = {}) => {
  const form = new FormData()
  if (file) form.append('file', file, 'photo.png')
  for (const [k, v] of Object.entries(extra)) form.append(k, v)
  return callApi(productImagesRoute, `/api/v1/products/${id}/images`, { method: 'POST', key: org.key, raw: form, params: { id }, headers })
}

function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.body.error.code).toBe(code)
  expect(res.body.error.message.length).toBeGreaterThan(0)
}

async function created(org: Org, overrides: Record<string, unknown> = {}) {
  const res = await create(org, overrides)
  expect(res.status, res.text).toBe(201)
  return res.body as { id: string; slug: string; [k: string]: unknown }
}

describe('creating', () => {
  test('a producer\'s key creates a draft: 201 with the product as the issue lists it', async () => {
    const res = await create(a)
    expect(res.status, res.text).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      sku: 'MO-500',
      slug: 'mat-ong-bac-ha',
      status: 'DRAFT',
      name: { vi: 'Mật ong bạc hà', en: 'Mint honey' },
      description: { vi: 'Mật ong hoa bạc hà, thu hoạch tháng 10–12.', en: null },
      category: 'flower-honey',
      unit: 'BOTTLE',
      packSize: 'Chai 500 ml',
      moq: 10,
      tierPrices: [
        { minQuantity: 10, unitPrice: { amount: '180000', currency: 'VND' } },
        { minQuantity: 50, unitPrice: { amount: '165000', currency: 'VND' } },
      ],
      price: { amount: '180000', currency: 'VND' },
      usdPrice: { amount: '750', currency: 'USD' },
      vatRate: '5',
      madeToOrder: false,
      stock: 400,
      leadTimeDays: null,
      harvestMonths: [10, 11, 12],
      province: '08',
      formerProvince: '02',
      // Not given: the producer's own region type.
      regionType: 'MOUNTAIN',
      shelfLifeDays: null,
      storage: null,
      packaging: null,
      hsCode: '040900',
      exportReady: true,
      certifications: [
        // OCOP certificates last 36 months unless an expiry date is given.
        { type: 'ocop', stars: 4, name: null, number: '0123/QĐ-UBND', issuer: 'UBND tỉnh Hà Giang', issuedAt: '2025-03-01', expiresAt: '2028-03-01', active: true },
      ],
      images: [],
      producer: { slug: a.organization.slug, name: 'HTX Mật Ong A', verificationStatus: 'UNVERIFIED' },
      suspension: null,
      publishedAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    })
    expect(res.headers.get('Cache-Control')).toBe('no-store')
  })

  test('with an Idempotency-Key a retry gets the first answer and creates nothing; the same key with another body gets 422', async () => {
    const headers = { 'Idempotency-Key': 'create-che-1' }
    const first = await create(a, { sku: 'CHE-1', name: { vi: 'Chè Shan tuyết' }, category: 'tea' }, headers)
    expect(first.status, first.text).toBe(201)
    const again = await create(a, { sku: 'CHE-1', name: { vi: 'Chè Shan tuyết' }, category: 'tea' }, headers)
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body).toEqual(first.body)
    expect(await prisma.product.count({ where: { producerId: a.organization.id, sku: 'CHE-1' } })).toBe(1)
    expectError(await create(a, { sku: 'CHE-2', category: 'tea' }, headers), 422, 'IDEMPOTENCY_KEY_REUSED')
  })

  test('published at once with status PUBLISHED; "KCT" and made to order (stock null) read back as sent', async () => {
    const body = await created(a, { sku: 'TIEU-1', category: 'spices', vatRate: 'KCT', madeToOrder: true, stock: null, leadTimeDays: 7, regionType: null, status: 'PUBLISHED' })
    expect(body).toMatchObject({ status: 'PUBLISHED', vatRate: 'KCT', madeToOrder: true, stock: null, leadTimeDays: 7, regionType: null, publishedAt: expect.any(String) })
  })

  test('the catalogue\'s rules answer 400 VALIDATION_ERROR by the API\'s field paths, in the caller\'s language', async () => {
    const res = await products({
      method: 'POST',
      key: a.key,
      json: productBody({ sku: 'BAD-1', moq: 5, tierPrices: [{ minQuantity: 10, unitPrice: vnd(100) }, { minQuantity: 20, unitPrice: vnd(200) }], hsCode: '12' }),
      headers: { 'Accept-Language': 'en' },
    })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(Object.keys(res.body.error.details).sort()).toEqual(['hsCode', 'tierPrices.0.minQuantity', 'tierPrices.1.unitPrice'])
    expect(res.body.error.details['tierPrices.1.unitPrice'][0]).toMatch(/unit price may not be higher/i)

    const shape = await products({ method: 'POST', key: a.key, json: { ...productBody({ sku: 'BAD-2' }), colour: 'red', tierPrices: [{ minQuantity: 10, unitPrice: { amount: '1', currency: 'USD' } }] } })
    expectError(shape, 400, 'VALIDATION_ERROR')
    expect(Object.keys(shape.body.error.details).sort()).toEqual(['colour', 'tierPrices.0.unitPrice.currency'])
    expect(await prisma.product.count({ where: { sku: { startsWith: 'BAD-' } } })).toBe(0)
  })

  test('a SKU the producer already uses: 409 SKU_TAKEN (another producer may use it)', async () => {
    expectError(await create(a, { sku: 'MO-500' }), 409, 'SKU_TAKEN')
    expect((await create(b, { sku: 'MO-500', name: { vi: 'Mật ong của B' } })).status).toBe(201)
  })

  test('a buyer\'s key is refused on every producer endpoint with 403 FORBIDDEN; no key is 401', async () => {
    const mine = await prisma.product.findFirstOrThrow({ where: { producerId: a.organization.id, sku: 'MO-500' } })
    expectError(await create(buyer, { sku: 'BUYER-1' }), 403, 'FORBIDDEN')
    expectError(await patch(buyer, mine.id, { stock: 1 }), 403, 'FORBIDDEN')
    expectError(await product(mine.id, { method: 'DELETE', key: buyer.key }), 403, 'FORBIDDEN')
    expectError(await addImage(buyer, mine.id, new Blob([await solidPng(40, 30, 1)], { type: 'image/png' })), 403, 'FORBIDDEN')
    expectError(await products({ method: 'POST', json: productBody({ sku: 'ANON-1' }) }), 401, 'UNAUTHENTICATED')
    expectError(await products({ query: '?own=true', key: buyer.key }), 403, 'FORBIDDEN')
    expectError(await products({ query: '?own=true' }), 401, 'UNAUTHENTICATED')
  })
})

describe('one producer\'s key and another producer\'s products', () => {
  test('A cannot read B\'s draft, change it, archive it or add a photo to it: 404 every time, and nothing changes', async () => {
    const draft = await created(b, { sku: 'B-DRAFT', name: { vi: 'Sản phẩm nháp bí mật' } })
    const before = await prisma.product.findUniqueOrThrow({ where: { id: draft.id }, include: { tierPrices: true, images: true } })

    expectError(await product(draft.id, { key: a.key }), 404, 'NOT_FOUND')
    expectError(await product(draft.id), 404, 'NOT_FOUND')
    expectError(await product(draft.id, { key: buyer.key }), 404, 'NOT_FOUND')
    expectError(await patch(a, draft.id, { stock: 0, status: 'PUBLISHED' }), 404, 'NOT_FOUND')
    expectError(await product(draft.id, { method: 'DELETE', key: a.key }), 404, 'NOT_FOUND')
    expectError(await addImage(a, draft.id, new Blob([await solidPng(40, 30, 2)], { type: 'image/png' })), 404, 'NOT_FOUND')
    const listed = await products({ query: '?own=true&pageSize=100', key: a.key })
    expect(listed.text).not.toContain('Sản phẩm nháp bí mật')

    expect(await prisma.product.findUniqueOrThrow({ where: { id: draft.id }, include: { tierPrices: true, images: true } })).toEqual(before)
    // B's own key sees it.
    const own = await product(draft.id, { key: b.key })
    expect(own.status).toBe(200)
    expect(own.body.status).toBe('DRAFT')
  })

  test('a published product of B is public, to A\'s key as to anyone, without B\'s private details', async () => {
    const published = await created(b, { sku: 'B-PUB', status: 'PUBLISHED' })
    const res = await product(published.id, { key: a.key })
    expect(res.status).toBe(200)
    expect(res.body.suspension).toBeNull()
    const anonymous = await product(published.id)
    expect(anonymous.status).toBe(200)
    expect(anonymous.headers.get('Cache-Control')).toBe('public, max-age=300')
  })
})

describe('changing and archiving', () => {
  test('PATCH changes only the fields sent (and the languages sent), and the whole must stay valid', async () => {
    const p = await created(a, { sku: 'PATCH-1' })
    const res = await patch(a, p.id, { stock: 12, name: { en: 'Mint flower honey' }, storage: 'Nơi khô ráo' })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ stock: 12, name: { vi: 'Mật ong bạc hà', en: 'Mint flower honey' }, storage: 'Nơi khô ráo', moq: 10, tierPrices: p.tierPrices })
    expect(res.body.slug).toBe(p.slug)

    // A new MOQ without new tiers breaks "the first tier starts at the MOQ".
    const invalid = await patch(a, p.id, { moq: 20 })
    expectError(invalid, 400, 'VALIDATION_ERROR')
    expect(Object.keys(invalid.body.error.details)).toEqual(['tierPrices.0.minQuantity'])
    const valid = await patch(a, p.id, { moq: 20, tierPrices: [{ minQuantity: 20, unitPrice: vnd(170000) }] })
    expect(valid.body).toMatchObject({ moq: 20, price: vnd(170000) })

    // null clears an optional value.
    expect((await patch(a, p.id, { usdPrice: null, name: { en: null } })).body).toMatchObject({ usdPrice: null, name: { en: null } })
  })

  test('PATCH status publishes and unpublishes; unpublishing a draft is 409 INVALID_STATE', async () => {
    const p = await created(a, { sku: 'PATCH-2' })
    expectError(await patch(a, p.id, { status: 'UNPUBLISHED' }), 409, 'INVALID_STATE')
    expect((await patch(a, p.id, { status: 'PUBLISHED' })).body).toMatchObject({ status: 'PUBLISHED', publishedAt: expect.any(String) })
    expect((await product(p.id)).status).toBe(200)
    expect((await patch(a, p.id, { status: 'UNPUBLISHED' })).body.status).toBe('UNPUBLISHED')
    expectError(await product(p.id), 404, 'NOT_FOUND')
  })

  test('DELETE archives: 204, gone from the public, still there for its producer; again is still 204', async () => {
    const p = await created(a, { sku: 'ARCHIVE-1', status: 'PUBLISHED' })
    const res = await product(p.id, { method: 'DELETE', key: a.key })
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expectError(await product(p.id), 404, 'NOT_FOUND')
    expect((await product(p.id, { key: a.key })).body.status).toBe('ARCHIVED')
    expect((await product(p.id, { method: 'DELETE', key: a.key })).status).toBe(204)
  })

  test('expired certificates and a suspension: hidden from the public, shown to the producer\'s own key', async () => {
    const p = await created(a, {
      sku: 'CERT-1',
      status: 'PUBLISHED',
      certifications: [
        { type: 'ocop', stars: 3, issuedAt: '2020-01-01', expiresAt: '2023-01-01' },
        { type: 'vietgap', number: 'VG-9', issuedAt: '2025-01-01', expiresAt: '2099-01-01' },
      ],
    })
    const pub = await product(p.id)
    expect(pub.body.certifications.map((c: { type: string }) => c.type)).toEqual(['vietgap'])
    const own = await product(p.id, { key: a.key })
    expect(own.body.certifications.map((c: { type: string; active: boolean }) => [c.type, c.active])).toEqual([
      ['ocop', false],
      ['vietgap', true],
    ])

    await prisma.product.update({ where: { id: p.id }, data: { suspendedAt: new Date(), suspensionReason: 'Ảnh không đúng sản phẩm' } })
    expectError(await product(p.id), 404, 'NOT_FOUND')
    expect((await product(p.id, { key: a.key })).body.suspension).toEqual({ at: expect.any(String), reason: 'Ảnh không đúng sản phẩm' })
    await prisma.product.update({ where: { id: p.id }, data: { suspendedAt: null, suspensionReason: null } })
  })
})

describe('photos', () => {
  test('a multipart upload adds a photo: 201 with absolute URLs of its variants; the product lists it', async () => {
    const p = await created(a, { sku: 'PHOTO-1' })
    const res = await addImage(a, p.id, new Blob([await solidPng(800, 600, 3)], { type: 'image/png' }), { alt: 'Chai mật ong' })
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({ id: expect.any(String), width: 800, height: 600, alt: 'Chai mật ong', placeholder: expect.stringMatching(/^data:image\//) })
    expect(res.body.url).toMatch(/^http:\/\/localhost:3000\/media\/images\/.+\.jpg$/)
    const variants = res.body.variants as { format: string; width: number; url: string }[]
    expect(variants.map((v) => `${v.format}:${v.width}`)).toEqual(expect.arrayContaining(['jpeg:320', 'jpeg:640', 'webp:320', 'webp:640']))
    expect(variants.every((v) => v.url.startsWith('http://localhost:3000/media/images/'))).toBe(true)
    // `url` is the largest JPEG.
    const largestJpeg = variants.filter((v) => v.format === 'jpeg').sort((x, y) => y.width - x.width)[0]
    expect(res.body.url).toBe(largestJpeg.url)
    const again = await product(p.id, { key: a.key })
    expect(again.body.images).toEqual([res.body])

    expectError(await addImage(a, p.id, new Blob([await solidPng(800, 600, 3)], { type: 'image/png' })), 409, 'DUPLICATE_IMAGE')
  })

  test('not an image, no file, or not multipart: a clear 400 or 415, nothing added', async () => {
    const p = await created(a, { sku: 'PHOTO-2' })
    const text = await addImage(a, p.id, new Blob(['this is not a picture'], { type: 'image/jpeg' }), {}, { 'Accept-Language': 'en' })
    expectError(text, 400, 'VALIDATION_ERROR')
    expect(text.body.error.details.file[0]).toMatch(/not an image/i)
    const none = await addImage(a, p.id, null, { alt: 'x' })
    expectError(none, 400, 'VALIDATION_ERROR')
    expect(Object.keys(none.body.error.details)).toEqual(['file'])
    const unknownField = await addImage(a, p.id, new Blob([await solidPng(40, 30, 4)]), { caption: 'x' })
    expectError(unknownField, 400, 'VALIDATION_ERROR')
    expect(Object.keys(unknownField.body.error.details)).toEqual(['caption'])
    const json = await callApi(productImagesRoute, `/api/v1/products/${p.id}/images`, { method: 'POST', key: a.key, json: { file: 'x' }, params: { id: p.id } })
    expectError(json, 415, 'UNSUPPORTED_MEDIA_TYPE')
    const huge = await addImage(a, p.id, new Blob([new Uint8Array(16 * 1024 * 1024)], { type: 'image/png' }))
    expectError(huge, 413, 'PAYLOAD_TOO_LARGE')
    expect(await prisma.productImage.count({ where: { productId: p.id } })).toBe(0)
  })
})

describe('the public listing', () => {
  let ids: Record<string, string>
  beforeAll(async () => {
    const make = async (org: Org, sku: string, overrides: Record<string, unknown>) => (await created(org, { sku, status: 'PUBLISHED', certifications: [], ...overrides })).id
    ids = {
      tea: await make(a, 'L-TEA', { category: 'tea', province: '08', formerProvince: null, tierPrices: [{ minQuantity: 10, unitPrice: vnd(300000) }] }),
      coffee: await make(b, 'L-COFFEE', {
        category: 'coffee',
        province: '66',
        formerProvince: null,
        regionType: null,
        tierPrices: [{ minQuantity: 10, unitPrice: vnd(200000) }],
        certifications: [{ type: 'vietgap', issuedAt: '2025-01-01', expiresAt: '2099-01-01' }],
      }),
      garlic: await make(b, 'L-GARLIC', {
        category: 'vegetables',
        province: '51',
        formerProvince: null,
        regionType: 'ISLAND',
        tierPrices: [{ minQuantity: 10, unitPrice: vnd(100000) }],
        certifications: [{ type: 'ocop', stars: 3, issuedAt: '2020-01-01', expiresAt: '2023-01-01' }],
      }),
      draft: (await created(a, { sku: 'L-DRAFT', category: 'tea', province: '08', formerProvince: null })).id,
    }
  })

  const listed = async (query: string) => {
    const res = await products({ query })
    expect(res.status, res.text).toBe(200)
    return (res.body.data as { id: string }[]).map((p) => p.id)
  }

  test('is public, paginated in the list shape, newest first, and holds only published products', async () => {
    const res = await products({ query: '?pageSize=2' })
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300')
    expect(res.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) })
    expect(res.body.data).toHaveLength(2)
    const all = await listed('?pageSize=100')
    expect(all).toHaveLength(res.body.total)
    expect(all).not.toContain(ids.draft)
    expect(all.slice(0, 3)).toEqual([ids.garlic, ids.coffee, ids.tea])
    const second = await products({ query: '?pageSize=2&page=2' })
    expect(second.body.data[0].id).toBe(all[2])
  })

  test('filters: a top-level category includes its children; repeated values are alternatives; regionType NONE; producer; certification', async () => {
    expect(await listed('?category=tea-coffee&pageSize=100')).toEqual(expect.arrayContaining([ids.tea, ids.coffee]))
    expect(await listed('?category=tea-coffee&pageSize=100')).not.toContain(ids.garlic)
    expect(await listed('?category=coffee')).toEqual([ids.coffee])
    expect((await listed('?province=66&province=51')).sort()).toEqual([ids.coffee, ids.garlic].sort())
    expect(await listed('?regionType=ISLAND')).toEqual([ids.garlic])
    expect(await listed('?regionType=NONE&category=coffee')).toEqual([ids.coffee])
    expect(await listed(`?producer=${b.organization.slug}&category=vegetables`)).toEqual([ids.garlic])
    // The garlic's OCOP certificate has expired: it no longer counts.
    expect(await listed('?certification=vietgap&certification=ocop&pageSize=100')).toContain(ids.coffee)
    expect(await listed('?certification=ocop&pageSize=100')).not.toContain(ids.garlic)
    expect(await listed('?province=66&province=51&province=08&sort=price_asc&pageSize=100')).toEqual(expect.arrayContaining([ids.garlic, ids.coffee, ids.tea]))
    const sorted = await listed(`?producer=${b.organization.slug}&sort=price_asc&category=coffee&category=vegetables`)
    expect(sorted).toEqual([ids.garlic, ids.coffee])
  })

  test('unknown filter values are 400 VALIDATION_ERROR, not an empty list', async () => {
    const res = await products({ query: '?category=nope&province=99&regionType=SEA&certification=gold' })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(Object.keys(res.body.error.details).sort()).toEqual(['category.0', 'certification.0', 'province.0', 'regionType.0'])
  })

  test('own=true with a producer\'s key: its products in every status (and only its own), filterable by status', async () => {
    const own = await products({ query: '?own=true&pageSize=100', key: a.key })
    const mine = (own.body.data as { id: string; producer: { slug: string } }[])
    expect(mine.map((p) => p.id)).toEqual(expect.arrayContaining([ids.tea, ids.draft]))
    expect(mine.every((p) => p.producer.slug === a.organization.slug)).toBe(true)
    const drafts = await products({ query: '?own=true&status=DRAFT&pageSize=100', key: a.key })
    expect((drafts.body.data as { status: string }[]).every((p) => p.status === 'DRAFT')).toBe(true)
  })
})

describe('categories', () => {
  test('GET /api/v1/categories: the tree, public', async () => {
    const res = await callApi(categoriesRoute, '/api/v1/categories')
    expect(res.status).toBe(200)
    const tea = res.body.data.find((c: { slug: string }) => c.slug === 'tea-coffee')
    expect(tea).toMatchObject({ name: { vi: 'Chè & cà phê', en: 'Tea & coffee' } })
    expect(tea.children.map((c: { slug: string }) => c.slug)).toEqual(expect.arrayContaining(['tea', 'coffee']))
    expect(res.body.total).toBeGreaterThanOrEqual(10)
  })

  test('the API\'s certification slugs are the catalogue\'s', () => {
    expect([...certificationSlugs].sort()).toEqual(Object.values(certificationSlug).sort())
  })
})
