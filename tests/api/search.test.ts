// GET /api/v1/search: catalogue search on the platform API. A small catalogue is created through the catalogue
// functions and indexed with syncProducts; results and facet counts are checked against the same data read
// with Prisma, for every filter and sort, across pages, and with listings that stop being public.
import { beforeAll, describe, expect, test, vi } from 'vitest'

// A tiny per-address limit for the rate-limit test; every other call comes from an address of its own.
vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_IP = '5'
})

import type { OpenAPIV3_1 } from 'openapi-types'
import type { Prisma } from '~/generated/prisma/client'
import { openApiDocument } from '~/modules/api/document.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { certificationSlug, certificationTypes } from '~/modules/catalog/product-schemas'
import { createProduct, setProductStatus, suspendProduct } from '~/modules/catalog/products.server'
import { addProductImage } from '~/modules/media/product-images.server'
import { facetFields, priceRanges } from '~/modules/search/engine'
import { syncProducts } from '~/modules/search/index.server'
import { provinceCodes } from '~/modules/geo/provinces'
import * as searchRoute from '~/routes/api/v1/search'
import { prisma } from '~/utils/db.server'
import { makeOrg, productInput } from '../catalog/fixtures'
import { solidPng, withTempMediaStorage } from '../media/fixtures'
import { callApi, organizationWithKey, type ApiRequest, type ApiResponse } from '../utils/api'

withTempMediaStorage()

type Item = {
  id: string
  slug: string
  name: { vi: string; en: string | null }
  price: { amount: string; currency: string }
  certifications: { type: string; stars: number | null }[]
  highlights: Record<string, string[]>
  [field: string]: unknown
}

const search = (query = '', options: ApiRequest = {}) => callApi(searchRoute, `/api/v1/search${query}`, options)

async function ok(query: string, options: ApiRequest = {}) {
  const res = await search(query, options)
  expect(res.status, res.text).toBe(200)
  return res.body as { data: Item[]; page: number; pageSize: number; total: number; facets: Record<string, Record<string, number>>; processingTimeMs: number }
}

const idsOf = async (query: string) => (await ok(query)).data.map((p) => p.id)

function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.body.error.code).toBe(code)
  expect(res.body.error.message.length).toBeGreaterThan(0)
  expect(res.headers.get('Cache-Control')).toBe('no-store')
}

// ── The catalogue ─────────────────────────────────────────────────────────────────────────────────────

type Row = {
  nameVi: string
  nameEn: string
  descriptionVi: string
  category: string
  province: string
  region: 'MOUNTAIN' | 'REMOTE' | 'ISLAND' | 'BORDER' | null
  price: number
  certifications?: Record<string, unknown>[]
  hsCode?: string
  day: number
  producer: 'a' | 'b'
}

const ocop = (stars: number, issuedAt = '2025-06-01', expiresAt = '2028-06-01') => ({ type: 'ocop', stars, issuedAt, expiresAt })

// Prices all differ, so that every price order is fully determined; `day` is the day of publication.
const catalogue = {
  honey: { nameVi: 'Mật ong bạc hà Mèo Vạc', nameEn: 'Meo Vac mint honey', descriptionVi: 'Mật ong từ hoa bạc hà trên cao nguyên đá.', category: 'flower-honey', province: '08', region: 'MOUNTAIN', price: 280_000, certifications: [ocop(4)], hsCode: '040900', day: 9, producer: 'a' },
  wildHoney: { nameVi: 'Mật ong rừng Tây Bắc', nameEn: 'Northwest wild honey', descriptionVi: 'Khai thác tự nhiên từ rừng nguyên sinh.', category: 'wild-honey', province: '14', region: 'MOUNTAIN', price: 450_000, day: 3, producer: 'a' },
  tea: { nameVi: 'Chè Shan tuyết Hoàng Su Phì', nameEn: 'Hoang Su Phi Shan tuyet tea', descriptionVi: 'Chè cổ thụ, sao thủ công.', category: 'tea', province: '08', region: 'MOUNTAIN', price: 650_000, certifications: [ocop(5), { type: 'organic', issuedAt: '2025-01-01', expiresAt: '2099-01-01' }], day: 7, producer: 'a' },
  coffee: { nameVi: 'Cà phê Buôn Ma Thuột', nameEn: 'Buon Ma Thuot robusta coffee', descriptionVi: 'Cà phê Robusta rang mộc.', category: 'coffee', province: '66', region: null, price: 220_000, certifications: [ocop(3), { type: 'geographical-indication', name: 'Cà phê Buôn Ma Thuột' }], hsCode: '090111', day: 5, producer: 'b' },
  // Its OCOP certificate has expired: it no longer counts anywhere.
  fishSauce: { nameVi: 'Nước mắm Phú Quốc', nameEn: 'Phu Quoc fish sauce', descriptionVi: 'Ủ chượp thùng gỗ, 40 độ đạm.', category: 'fish-sauce', province: '91', region: 'ISLAND', price: 120_000, certifications: [ocop(5, '2019-01-01', '2022-01-01'), { type: 'haccp' }], hsCode: '210390', day: 11, producer: 'b' },
  garlic: { nameVi: 'Tỏi Lý Sơn', nameEn: 'Ly Son garlic', descriptionVi: 'Tỏi cô đơn trồng trên cát biển đảo.', category: 'garlic-chilli', province: '51', region: 'ISLAND', price: 90_000, certifications: [{ type: 'vietgap' }], day: 2, producer: 'b' },
  chestnuts: { nameVi: 'Hạt dẻ Trùng Khánh', nameEn: 'Trung Khanh chestnuts', descriptionVi: 'Hạt dẻ rang bùi.', category: 'chestnuts', province: '04', region: 'BORDER', price: 150_000, day: 8, producer: 'a' },
  ginseng: { nameVi: 'Sâm Ngọc Linh', nameEn: 'Ngoc Linh ginseng', descriptionVi: 'Sâm củ trồng dưới tán rừng.', category: 'ginseng', province: '51', region: 'REMOTE', price: 45_000_000, certifications: [ocop(5)], day: 1, producer: 'b' },
  noodles: { nameVi: 'Miến dong Na Rì', nameEn: 'Na Ri arrowroot vermicelli', descriptionVi: 'Miến làm từ củ dong riềng.', category: 'noodles', province: '19', region: 'MOUNTAIN', price: 85_000, certifications: [ocop(4)], day: 10, producer: 'a' },
  rice: { nameVi: 'Gạo Séng Cù', nameEn: 'Seng Cu rice', descriptionVi: 'Gạo hạt dài, dẻo, thơm.', category: 'rice', province: '15', region: 'MOUNTAIN', price: 35_000, certifications: [{ type: 'vietgap' }], day: 4, producer: 'a' },
  gingerTea: { nameVi: 'Trà gừng Tây Bắc', nameEn: 'Northwest ginger tea', descriptionVi: 'Gừng núi sấy lát, thêm lá bạc hà.', category: 'herbal-tea', province: '14', region: 'MOUNTAIN', price: 75_000, day: 6, producer: 'a' },
} satisfies Record<string, Row>
type Key = keyof typeof catalogue

let a: Awaited<ReturnType<typeof makeOrg>>
let b: Awaited<ReturnType<typeof makeOrg>>
let buyer: Awaited<ReturnType<typeof organizationWithKey>>
const ids = {} as Record<Key, string>
const hidden = {} as { draft: string; suspendedProducer: string }

function inputOf(row: Row, sku: string) {
  return productInput({
    sku,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    descriptionVi: row.descriptionVi,
    categorySlug: row.category,
    provinceCode: row.province,
    regionType: row.region ?? undefined,
    tierPrices: [{ minQuantity: 10, unitPriceVnd: BigInt(row.price) }],
    certifications: row.certifications ?? [],
    exportReady: !!row.hsCode,
    hsCode: row.hsCode,
  })
}

async function publish(producerId: string, row: Row, sku: string) {
  const result = await createProduct(producerId, inputOf(row, sku), { status: 'PUBLISHED' })
  if (!result.ok) throw new Error(result.error)
  await prisma.product.update({ where: { id: result.product.id }, data: { publishedAt: new Date(Date.UTC(2026, 0, row.day)) } })
  return result.product.id
}

const hiddenRow = (nameVi: string): Row => ({ ...catalogue.honey, nameVi, nameEn: 'Hidden honey', day: 20 })

beforeAll(async () => {
  await ensureCategories()
  ;[a, b, buyer] = await Promise.all([
    makeOrg('PRODUCER', { name: 'HTX Nông sản Cao nguyên đá', verificationStatus: 'VERIFIED' }),
    makeOrg('PRODUCER', { name: 'HTX Đặc sản Biển Đảo', regionType: null }),
    organizationWithKey('BUYER', 'Siêu thị Sài Gòn'),
  ])
  for (const [key, row] of Object.entries(catalogue) as [Key, Row][]) ids[key] = await publish(row.producer === 'a' ? a.id : b.id, row, key)

  const draft = await createProduct(a.id, inputOf(hiddenRow('Mật ong nháp chưa đăng'), 'draft'))
  if (!draft.ok) throw new Error(draft.error)
  hidden.draft = draft.product.id
  const suspendedOrg = await makeOrg('PRODUCER', { name: 'HTX Bị Tạm Ngừng', suspended: true })
  hidden.suspendedProducer = await publish(suspendedOrg.id, hiddenRow('Mật ong sú vẹt Cà Mau'), 'sus-org')

  const photo = await addProductImage({ producerId: a.id, productId: ids.honey, bytes: await solidPng(640, 480, 7) })
  if (!photo.ok) throw new Error(photo.error)
  await syncProducts([...Object.values(ids), ...Object.values(hidden)])
})

// ── What Prisma says about the same data ──────────────────────────────────────────────────────────────

const publicWhere: Prisma.ProductWhereInput = {
  status: 'PUBLISHED',
  suspendedAt: null,
  producer: { suspendedAt: null, verificationStatus: { not: 'REJECTED' } },
}
const activeCertificate = (now = new Date()): Prisma.ProductCertificationWhereInput => ({ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] })

/** The facet counts of the public products matching `where`, each counted with its own query. */
async function facetsInDatabase(where: Prisma.ProductWhereInput) {
  const scope = { AND: [publicWhere, where] }
  const count = (extra: Prisma.ProductWhereInput) => prisma.product.count({ where: { AND: [scope, extra] } })
  const facets: Record<string, Record<string, number>> = Object.fromEntries(facetFields.map((f) => [f, {}]))
  const add = (field: string, value: string, n: number) => {
    if (n > 0) facets[field][value] = (facets[field][value] ?? 0) + n
  }

  for (const g of await prisma.product.groupBy({ by: ['provinceCode'], where: scope, _count: { _all: true } })) add('province', g.provinceCode, g._count._all)
  for (const g of await prisma.product.groupBy({ by: ['regionType'], where: scope, _count: { _all: true } })) add('regionType', g.regionType ?? 'NONE', g._count._all)
  for (const g of await prisma.product.groupBy({ by: ['exportReady'], where: scope, _count: { _all: true } })) add('exportReady', String(g.exportReady), g._count._all)
  const byCategory = await prisma.product.groupBy({ by: ['categoryId'], where: scope, _count: { _all: true } })
  const categories = await prisma.category.findMany({ where: { id: { in: byCategory.map((g) => g.categoryId) } }, include: { parent: true } })
  for (const g of byCategory) {
    const category = categories.find((c) => c.id === g.categoryId)!
    add('category', category.slug, g._count._all)
    if (category.parent) add('category', category.parent.slug, g._count._all)
  }
  for (const type of certificationTypes) add('certification', certificationSlug[type], await count({ certifications: { some: { type, ...activeCertificate() } } }))
  for (const stars of [3, 4, 5]) add('ocopStars', String(stars), await count({ certifications: { some: { type: 'OCOP', stars, ...activeCertificate() } } }))
  add('ocopStars', '0', await count({ certifications: { none: { type: 'OCOP', ...activeCertificate() } } }))
  for (const r of priceRanges) add('priceRange', r.key, await count({ priceVnd: { gte: r.min, ...(r.max === null ? {} : { lt: r.max }) } }))
  // Campaigns do not exist yet: no product carries a label.
  return facets
}

const publicIds = async (where: Prisma.ProductWhereInput, orderBy?: Prisma.ProductOrderByWithRelationInput[]) =>
  (await prisma.product.findMany({ where: { AND: [publicWhere, where] }, orderBy, select: { id: true } })).map((p) => p.id)

/** The best active OCOP rating of each product, from the database. */
async function ocopStarsById() {
  const rows = await prisma.product.findMany({ select: { id: true, certifications: { where: { type: 'OCOP', ...activeCertificate() }, select: { stars: true } } } })
  return new Map(rows.map((r) => [r.id, Math.max(0, ...r.certifications.map((c) => c.stars ?? 0))]))
}

const byCategory = (...slugs: string[]): Prisma.ProductWhereInput => ({ category: { OR: [{ slug: { in: slugs } }, { parent: { slug: { in: slugs } } }] } })
const activeCertification = (...slugs: string[]): Prisma.ProductWhereInput => ({
  certifications: { some: { type: { in: certificationTypes.filter((t) => slugs.includes(certificationSlug[t])) }, ...activeCertificate() } },
})
const ocopAtLeast = (stars: number): Prisma.ProductWhereInput => ({ certifications: { some: { type: 'OCOP', stars: { gte: stars }, ...activeCertificate() } } })

// ── Tests ─────────────────────────────────────────────────────────────────────────────────────────────

describe('results', () => {
  test('each product in the list shape: Money, active certifications with OCOP stars, producer, page URL, cover photo', async () => {
    const body = await ok('?category=coffee')
    expect(body).toEqual({ data: [expect.any(Object)], page: 1, pageSize: 20, total: 1, facets: expect.any(Object), processingTimeMs: expect.any(Number) })
    const coffee = await prisma.product.findUniqueOrThrow({ where: { id: ids.coffee } })
    expect(body.data[0]).toEqual({
      id: ids.coffee,
      slug: coffee.slug,
      name: { vi: 'Cà phê Buôn Ma Thuột', en: 'Buon Ma Thuot robusta coffee' },
      packSize: 'Chai 500 ml',
      unit: 'BOTTLE',
      moq: 10,
      price: { amount: '220000', currency: 'VND' },
      province: '66',
      regionType: null,
      certifications: [
        { type: 'ocop', stars: 3 },
        { type: 'geographical-indication', stars: null },
      ],
      producer: { slug: b.slug, name: 'HTX Đặc sản Biển Đảo', verificationStatus: 'UNVERIFIED' },
      url: `http://localhost:3000/vi/p/${coffee.slug}`,
      coverImageUrl: null,
      highlights: {},
    })

    const [honey] = (await ok('?category=flower-honey', { headers: { 'Accept-Language': 'en' } })).data
    expect(honey).toMatchObject({ regionType: 'MOUNTAIN', certifications: [{ type: 'ocop', stars: 4 }], producer: { name: 'HTX Nông sản Cao nguyên đá', verificationStatus: 'VERIFIED' } })
    expect(honey.url).toBe(`http://localhost:3000/en/p/${honey.slug}`)
    expect(honey.coverImageUrl).toMatch(/^http:\/\/localhost:3000\/media\/images\/.+\.jpg$/)
    // The expired OCOP certificate is not shown.
    const [fishSauce] = (await ok('?category=fish-sauce')).data
    expect(fishSauce.certifications).toEqual([{ type: 'haccp', stars: null }])
  })

  test('words are found without diacritics; highlights name the matched words as written, by the API\'s field names', async () => {
    const body = await ok('?q=mat+ong')
    expect(body.data.map((p) => p.id).sort()).toEqual([ids.honey, ids.wildHoney].sort())
    const honey = body.data.find((p) => p.id === ids.honey)!
    expect(honey.highlights['name.vi']).toEqual(['Mật', 'ong'])
    expect(honey.highlights['description.vi']).toEqual(['Mật', 'ong'])
    for (const p of body.data) {
      for (const field of Object.keys(p.highlights)) expect(['name.vi', 'name.en', 'description.vi', 'description.en', 'producer.name']).toContain(field)
    }
    expect(await idsOf('?q=Tr%C3%B9ng+Kh%C3%A1nh')).toEqual([ids.chestnuts])
    expect(await idsOf('?q=ginsneg')).toEqual([ids.ginseng])
    expect((await ok('?q=xyzzy+quux')).total).toBe(0)
  })

  test('a key is optional: anonymous answers may be cached, a key\'s are not; a bad key is refused', async () => {
    const anonymous = await search('?q=che')
    expect(anonymous.status).toBe(200)
    expect(anonymous.headers.get('Cache-Control')).toBe('public, max-age=300')
    const keyed = await search('?q=che', { key: buyer.key })
    expect(keyed.status).toBe(200)
    expect(keyed.headers.get('Cache-Control')).toBe('no-store')
    expect(keyed.body.data).toEqual(anonymous.body.data)
    expectError(await search('?q=che', { key: 'cvm_not-a-real-key' }), 401, 'UNAUTHENTICATED')
  })
})

describe('facets', () => {
  test('every facet field is there, and the counts equal counts made with Prisma on the same data', async () => {
    const body = await ok('')
    expect(Object.keys(body.facets).sort()).toEqual([...facetFields].sort())
    expect(body.total).toBe(Object.keys(catalogue).length)
    expect(body.facets).toEqual(await facetsInDatabase({}))
    // Spot checks, so that the comparison cannot pass on two empty objects.
    expect(body.facets.regionType).toEqual({ MOUNTAIN: 6, ISLAND: 2, REMOTE: 1, BORDER: 1, NONE: 1 })
    expect(body.facets.category).toMatchObject({ 'tea-coffee': 2, tea: 1, coffee: 1, honey: 2 })
    expect(body.facets.ocopStars).toEqual({ '0': 6, '3': 1, '4': 2, '5': 2 })
    expect(body.facets.certification.ocop).toBe(5)
    expect(body.facets.priceRange['5000000-']).toBe(1)
    expect(body.facets.campaignLabel).toEqual({})
  })

  test('with words and filters, the counts are those of the matching products (all pages)', async () => {
    const words = await ok('?q=mat+ong&pageSize=1')
    expect(words.total).toBe(2)
    expect(words.facets).toEqual(await facetsInDatabase({ id: { in: [ids.honey, ids.wildHoney] } }))
    const filtered = await ok('?regionType=MOUNTAIN&certification=ocop&pageSize=1')
    expect(filtered.facets).toEqual(await facetsInDatabase({ regionType: 'MOUNTAIN', ...activeCertification('ocop') }))
    expect(filtered.total).toBe(3)
  })
})

describe('filters', () => {
  // The same filters in Prisma's terms (functions: the products are created after the cases are listed).
  const cases: [string, () => Prisma.ProductWhereInput][] = [
    ['category=tea-coffee', () => byCategory('tea-coffee')],
    ['category=honey,herbal-tea', () => byCategory('honey', 'herbal-tea')],
    ['category=honey&category=rice', () => byCategory('honey', 'rice')],
    ['province=08&province=51', () => ({ provinceCode: { in: ['08', '51'] } })],
    ['province=14', () => ({ provinceCode: '14' })],
    ['regionType=NONE', () => ({ regionType: null })],
    ['regionType=ISLAND&regionType=NONE', () => ({ OR: [{ regionType: 'ISLAND' }, { regionType: null }] })],
    ['regionType=REMOTE,BORDER', () => ({ regionType: { in: ['REMOTE', 'BORDER'] } })],
    ['certification=ocop', () => activeCertification('ocop')],
    ['certification=vietgap&certification=geographical-indication', () => activeCertification('vietgap', 'geographical-indication')],
    ['ocopMin=4', () => ocopAtLeast(4)],
    ['ocopMin=5', () => ocopAtLeast(5)],
    ['minPrice=85000&maxPrice=220000', () => ({ priceVnd: { gte: 85_000, lte: 220_000 } })],
    ['minPrice=1000000', () => ({ priceVnd: { gte: 1_000_000 } })],
    ['maxPrice=90000', () => ({ priceVnd: { lte: 90_000 } })],
    ['exportReady=true', () => ({ exportReady: true })],
    ['exportReady=false', () => ({ exportReady: false })],
    ['province=08&certification=ocop&maxPrice=300000', () => ({ provinceCode: '08', ...activeCertification('ocop'), priceVnd: { lte: 300_000 } })],
    ['q=tay+bac&category=honey', () => ({ id: { in: [ids.wildHoney] } })],
  ]

  test.each(cases)('%s: the products the same filter finds in the database, with their facets', async (query, where) => {
    const body = await ok(`?${query}&pageSize=100`)
    const expected = await publicIds(where())
    expect(expected.length).toBeGreaterThan(0)
    expect(body.data.map((p) => p.id).sort()).toEqual(expected.sort())
    expect(body.total).toBe(expected.length)
    expect(body.facets).toEqual(await facetsInDatabase({ id: { in: expected } }))
  })

  test('the expected sets, spelled out: regionType NONE, inclusive price bounds, an expired OCOP that no longer counts', async () => {
    expect(await idsOf('?regionType=NONE')).toEqual([ids.coffee])
    expect((await idsOf('?minPrice=85000&maxPrice=220000')).sort()).toEqual([ids.noodles, ids.garlic, ids.fishSauce, ids.chestnuts, ids.coffee].sort())
    expect(await idsOf('?certification=haccp')).toEqual([ids.fishSauce])
    expect(await idsOf('?certification=ocop&pageSize=100')).not.toContain(ids.fishSauce)
    expect((await idsOf('?exportReady=true')).sort()).toEqual([ids.honey, ids.coffee, ids.fishSauce].sort())
  })

  test('a campaign label nobody carries yet finds nothing (and is not an error)', async () => {
    const body = await ok('?campaignLabel=tet-2026')
    expect(body).toMatchObject({ data: [], total: 0 })
    expect(body.facets.province).toEqual({})
  })
})

describe('sorting', () => {
  const all = (sort: string) => idsOf(`?sort=${sort}&pageSize=100`)

  test('price_asc and price_desc: by the first tier\'s price', async () => {
    expect(await all('price_asc')).toEqual(await publicIds({}, [{ priceVnd: 'asc' }]))
    expect(await all('price_desc')).toEqual(await publicIds({}, [{ priceVnd: 'desc' }]))
    const prices = (await ok('?sort=price_asc&pageSize=100')).data.map((p) => Number(p.price.amount))
    expect(prices).toEqual([...prices].sort((x, y) => x - y))
  })

  test('newest: by publication date; relevance without words is the same order', async () => {
    const newest = await publicIds({}, [{ publishedAt: 'desc' }])
    expect(newest[0]).toBe(ids.fishSauce)
    expect(await all('newest')).toEqual(newest)
    expect(await all('relevance')).toEqual(newest)
    expect(await idsOf('?pageSize=100')).toEqual(newest)
  })

  test('ocop_desc: most active OCOP stars first (ties in a stable order)', async () => {
    const stars = await ocopStarsById()
    const sorted = await all('ocop_desc')
    expect(sorted.map((id) => stars.get(id))).toEqual([5, 5, 4, 4, 3, 0, 0, 0, 0, 0, 0])
    const expected = (await publicIds({})).sort((x, y) => stars.get(y)! - stars.get(x)! || (x < y ? -1 : 1))
    expect(sorted).toEqual(expected)
  })

  test('relevance with words: a match in the name comes before a match in the description only', async () => {
    const found = await idsOf('?q=b%E1%BA%A1c+h%C3%A0')
    expect(found[0]).toBe(ids.honey)
    expect(found).toContain(ids.gingerTea)
    expect(found.indexOf(ids.gingerTea)).toBeGreaterThan(0)
  })
})

describe('pagination', () => {
  test.each(['relevance', 'price_asc', 'price_desc', 'newest', 'ocop_desc'])('%s: pages of 3 cover every product once, in order', async (sort) => {
    const everything = await idsOf(`?sort=${sort}&pageSize=100`)
    const pages: string[] = []
    for (let page = 1; page <= Math.ceil(everything.length / 3); page++) {
      const body = await ok(`?sort=${sort}&pageSize=3&page=${page}`)
      expect(body).toMatchObject({ page, pageSize: 3, total: everything.length })
      pages.push(...body.data.map((p) => p.id))
    }
    expect(new Set(pages).size).toBe(pages.length)
    expect(pages).toEqual(everything)
    const beyond = await ok(`?sort=${sort}&pageSize=3&page=${Math.ceil(everything.length / 3) + 1}`)
    expect(beyond).toMatchObject({ data: [], total: everything.length })
  })

  test('with words and a filter too', async () => {
    const everything = await idsOf('?q=tay+bac&pageSize=100')
    expect(everything.length).toBe(2)
    const first = await idsOf('?q=tay+bac&pageSize=1&page=1')
    const second = await idsOf('?q=tay+bac&pageSize=1&page=2')
    expect([...first, ...second]).toEqual(everything)
  })
})

describe('invalid parameters', () => {
  test('every unreadable parameter is named in one 400 VALIDATION_ERROR, in the caller\'s language', async () => {
    const query =
      '?province=99&regionType=SEA&certification=gold&category=Tra%20sua&campaignLabel=Tet!&ocopMin=7&minPrice=-5&maxPrice=abc' +
      '&exportReady=maybe&sort=cheapest&page=0&pageSize=500'
    const en = await search(query, { headers: { 'Accept-Language': 'en' } })
    expectError(en, 400, 'VALIDATION_ERROR')
    const details = en.body.error.details as Record<string, string[]>
    expect(Object.keys(details).sort()).toEqual(
      ['province', 'regionType', 'certification', 'category', 'campaignLabel', 'ocopMin', 'minPrice', 'maxPrice', 'exportReady', 'sort', 'page', 'pageSize'].sort(),
    )
    expect(details.sort).toEqual(['Sort by relevance, price_asc, price_desc, newest or ocop_desc.'])
    expect(details.regionType).toEqual(['A region type is MOUNTAIN, REMOTE, ISLAND, BORDER, or NONE for none of them.'])
    expect(details.pageSize).toEqual(['The page size is a whole number from 1 to 100.'])
    for (const messages of Object.values(details)) for (const m of messages) expect(m).not.toMatch(/validation\.|Required|Expected|Invalid/)

    const vi = await search(query)
    expectError(vi, 400, 'VALIDATION_ERROR')
    expect(vi.body.error.details.sort).toEqual(['Sắp xếp theo relevance, price_asc, price_desc, newest hoặc ocop_desc.'])
    expect(vi.body.error.details.province).toEqual(['Không có mã tỉnh/thành này. Danh sách có tại /api/v1/provinces.'])
  })

  test.each([
    ['a bad value beside a good one', '?province=08&province=99', 'province'],
    ['a bad value in a comma list', '?certification=ocop,gold', 'certification'],
    ['a well-formed category that does not exist', '?category=tra-sua', 'category'],
    ['a page beyond the last that may be asked', '?page=501', 'page'],
    ['a number that is not written as digits', '?ocopMin=4.5', 'ocopMin'],
    ['too many values', `?province=${provinceCodes.slice(0, 21).join(',')}`, 'province'],
    ['words that are too long', `?q=${'a'.repeat(201)}`, 'q'],
    ['a lowest price above the highest', '?minPrice=300000&maxPrice=100000', 'minPrice'],
  ])('%s: 400 naming it, never a result without it', async (_name, query, param) => {
    const res = await search(query, { headers: { 'Accept-Language': 'en' } })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(Object.keys(res.body.error.details)).toEqual([param])
    expect(res.body.error.details[param][0].length).toBeGreaterThan(0)
  })

  test('the limits themselves are accepted', async () => {
    expect((await search(`?q=${'a'.repeat(200)}&page=500&pageSize=100&ocopMin=1&minPrice=0&maxPrice=1000000000000`)).status).toBe(200)
    expect((await search(`?province=${provinceCodes.slice(0, 20).join(',')}&exportReady=1`)).status).toBe(200)
  })
})

describe('listings that are not public', () => {
  test('a draft and a suspended producer\'s product are never found', async () => {
    const found = (await ok('?q=mat+ong&pageSize=100')).data.map((p) => p.id)
    expect(found).not.toContain(hidden.draft)
    expect(found).not.toContain(hidden.suspendedProducer)
    const all = await ok('?pageSize=100')
    expect(all.data.map((p) => p.id).sort()).toEqual(Object.values(ids).sort())
  })

  test('unpublished or suspended: gone from the results at once, and from totals and facets once the index follows', async () => {
    const unpublished = await publish(a.id, hiddenRow('Mật ong hoa cà phê Tây Nguyên'), 'later-unpublished')
    const suspended = await publish(a.id, hiddenRow('Mật ong bạc hà loại hai'), 'later-suspended')
    await syncProducts([unpublished, suspended])
    expect(await idsOf('?q=mat+ong&pageSize=100')).toEqual(expect.arrayContaining([unpublished, suspended]))

    expect(await setProductStatus(a.id, unpublished, 'UNPUBLISHED')).toEqual({ ok: true })
    expect((await suspendProduct(suspended, 'Ảnh không đúng sản phẩm', 'test')).ok).toBe(true)
    // Before the index hears of it: the listing is already left out of the answer.
    const stale = (await ok('?q=mat+ong&pageSize=100')).data.map((p) => p.id)
    expect(stale).not.toContain(unpublished)
    expect(stale).not.toContain(suspended)

    await syncProducts([unpublished, suspended])
    const body = await ok('?q=mat+ong&pageSize=100')
    expect(body.data.map((p) => p.id).sort()).toEqual([ids.honey, ids.wildHoney].sort())
    expect(body.total).toBe(2)
    expect(body.facets).toEqual(await facetsInDatabase({ id: { in: [ids.honey, ids.wildHoney] } }))
    expect((await ok('')).facets).toEqual(await facetsInDatabase({}))
  })
})

describe('rate limit and documentation', () => {
  test('rate-limited per client address like every public endpoint', async () => {
    const ip = '203.0.113.50'
    for (let i = 0; i < 5; i++) expect((await search('?q=che', { ip })).status).toBe(200)
    const limited = await search('?q=che', { ip })
    expectError(limited, 429, 'RATE_LIMITED')
    expect(limited.headers.get('Retry-After')).toMatch(/^\d+$/)
    expect((await search('?q=che', { ip: '203.0.113.51' })).status).toBe(200)
  })

  test('the OpenAPI document has the endpoint: public, every parameter, the list shape with facets', () => {
    const document = openApiDocument()
    // Schemas may be inline or named under components.
    const resolve = (schema: unknown) => {
      const ref = (schema as OpenAPIV3_1.ReferenceObject).$ref
      return (ref ? document.components!.schemas![ref.split('/').pop()!] : schema) as OpenAPIV3_1.SchemaObject
    }
    const operation = document.paths!['/api/v1/search']!.get!
    expect(operation.operationId).toBe('searchProducts')
    expect(operation.security).toEqual([{}, { bearerAuth: [] }])
    const parameters = operation.parameters as OpenAPIV3_1.ParameterObject[]
    expect(parameters.map((p) => p.name)).toEqual([
      'q',
      'category',
      'province',
      'regionType',
      'certification',
      'ocopMin',
      'minPrice',
      'maxPrice',
      'exportReady',
      'campaignLabel',
      'sort',
      'page',
      'pageSize',
    ])
    expect(parameters.every((p) => p.in === 'query' && !p.required && p.description)).toBe(true)
    expect(parameters.find((p) => p.name === 'sort')!.schema).toMatchObject({ enum: ['relevance', 'price_asc', 'price_desc', 'newest', 'ocop_desc'], default: 'relevance' })
    const regionType = parameters.find((p) => p.name === 'regionType')!.schema as OpenAPIV3_1.ArraySchemaObject
    expect((regionType.items as OpenAPIV3_1.SchemaObject).enum).toEqual(['MOUNTAIN', 'REMOTE', 'ISLAND', 'BORDER', 'NONE'])

    const success = (operation.responses['200'] as OpenAPIV3_1.ResponseObject).content!['application/json'].schema as OpenAPIV3_1.SchemaObject
    expect(Object.keys(success.properties!)).toEqual(['data', 'page', 'pageSize', 'total', 'facets', 'processingTimeMs'])
    const item = resolve((success.properties!.data as OpenAPIV3_1.ArraySchemaObject).items)
    expect(item.properties!.price).toEqual({ $ref: '#/components/schemas/Money' })
    expect(Object.keys(resolve(success.properties!.facets).properties!)).toEqual([...facetFields])
    expect(Object.keys(operation.responses)).toEqual(['200', '400', '401', '403', '429', '500'])
  })
})
