// The buyers' search page and the header's suggestions, through their real loaders with real URLs, over an
// embedded index filled from products made by the catalogue's own functions.
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { createProduct } from '~/modules/catalog/products.server'
import { syncProducts } from '~/modules/search/index.server'
import * as searchRoute from '~/routes/search'
import * as suggestionsRoute from '~/routes/search-suggestions'
import { makeOrg, productInput } from '../catalog/fixtures'
import { callRoute } from '../utils/routes'

type Page = Awaited<ReturnType<typeof searchRoute.loader>>
type Suggestion = { slug: string; nameVi: string; nameEn: string | null; producerName: string; highlights: Record<string, string[]> }

const BASE = 'http://localhost:3000'
const get = (path: string) => callRoute(searchRoute.loader, new Request(`${BASE}${path}`), { lang: path.split('/')[1] })
async function page(path: string): Promise<Page> {
  const res = await get(path)
  expect(res.status, `${path}: ${JSON.stringify(res.data, (_, v) => (typeof v === 'bigint' ? String(v) : v)).slice(0, 300)}`).toBe(200)
  return res.data as Page
}
const suggest = (path: string) => callRoute(suggestionsRoute.loader, new Request(`${BASE}${path}`), { lang: path.split('/')[1] })

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const ocop = (stars: number) => ({ type: 'OCOP', stars, number: `OCOP-${stars}-${Math.random().toString(36).slice(2, 7)}`, issuer: 'UBND tỉnh', issuedAt: inDays(-100), expiresAt: inDays(900) })

const slugs: Record<string, string> = {}

beforeAll(async () => {
  await ensureCategories()
  const meoVac = await makeOrg('PRODUCER', { name: 'HTX Mật Ong Bạc Hà Mèo Vạc', verificationStatus: 'VERIFIED' })
  const phuQuoc = await makeOrg('PRODUCER', { name: 'Cơ sở Nước Mắm Hưng Thịnh', regionType: 'ISLAND', verificationStatus: 'VERIFIED' })
  const lungPhin = await makeOrg('PRODUCER', { name: 'HTX Chè Shan Tuyết Lũng Phìn' })
  const products: [string, string, Record<string, unknown>, 'PUBLISHED' | 'DRAFT'][] = [
    ['mintHoney', meoVac.id, { nameVi: 'Mật ong bạc hà Mèo Vạc', nameEn: 'Meo Vac mint honey', certifications: [ocop(4)] }, 'PUBLISHED'],
    [
      'islandHoney',
      phuQuoc.id,
      {
        nameVi: 'Mật ong rừng tràm Phú Quốc',
        nameEn: 'Phu Quoc melaleuca forest honey',
        categorySlug: 'wild-honey',
        provinceCode: '91',
        formerProvinceCode: undefined,
        regionType: 'ISLAND',
        tierPrices: [{ minQuantity: 10, unitPriceVnd: 450_000n }],
        certifications: [ocop(5)],
        exportReady: true,
        hsCode: '0409',
      },
      'PUBLISHED',
    ],
    [
      'fishSauce',
      phuQuoc.id,
      {
        nameVi: 'Nước mắm Phú Quốc 40 độ đạm',
        nameEn: 'Phu Quoc fish sauce 40°N',
        descriptionVi: 'Nước mắm cá cơm ủ chượp trong thùng gỗ.',
        categorySlug: 'fish-sauce',
        provinceCode: '91',
        formerProvinceCode: undefined,
        regionType: 'ISLAND',
        tierPrices: [{ minQuantity: 10, unitPriceVnd: 120_000n }],
        certifications: [ocop(4)],
      },
      'PUBLISHED',
    ],
    [
      'garlic',
      phuQuoc.id,
      {
        nameVi: 'Tỏi cô đơn Lý Sơn',
        nameEn: 'Ly Son single-clove garlic',
        descriptionVi: 'Tỏi một tép trồng trên cát biển.',
        categorySlug: 'garlic-chilli',
        provinceCode: '51',
        formerProvinceCode: undefined,
        regionType: 'ISLAND',
        tierPrices: [{ minQuantity: 10, unitPriceVnd: 80_000n }],
        certifications: [ocop(3)],
      },
      'PUBLISHED',
    ],
    ['tea', lungPhin.id, { nameVi: 'Chè Shan tuyết Lũng Phìn', nameEn: 'Lung Phin Shan tuyet tea', descriptionVi: 'Chè búp hái tay.', categorySlug: 'tea', tierPrices: [{ minQuantity: 10, unitPriceVnd: 450_000n }] }, 'PUBLISHED'],
    ['draftHoney', meoVac.id, { nameVi: 'Mật ong bản nháp chưa đăng' }, 'DRAFT'],
  ]
  const ids: string[] = []
  for (const [key, producerId, overrides, status] of products) {
    const created = await createProduct(producerId, productInput(overrides), { status })
    if (!created.ok) throw new Error(`${key}: ${created.error}`)
    slugs[key] = created.product.slug
    ids.push(created.product.id)
  }
  await syncProducts(ids)
})

const slugsOf = (p: Page) => p.items.map((i) => i.slug).sort()

describe('the results page', () => {
  test('finds products without diacritics, with their highlights and facet counts, never a draft', async () => {
    const p = await page('/vi/search?q=mat+ong')
    expect(slugsOf(p)).toEqual([slugs.islandHoney, slugs.mintHoney].sort())
    expect(p.total).toBe(2)
    expect(p.facets.regionType).toEqual({ MOUNTAIN: 1, ISLAND: 1 })
    expect(p.facets.category).toMatchObject({ honey: 2, 'flower-honey': 1, 'wild-honey': 1 })
    expect(p.facets.ocopStars).toEqual({ '4': 1, '5': 1 })
    const mint = p.items.find((i) => i.slug === slugs.mintHoney)!
    expect(mint.highlights.nameVi).toEqual(expect.arrayContaining(['Mật', 'ong']))
    expect(typeof p.processingTimeMs).toBe('number')
    expect(p.empty).toBeNull()
    expect(p.issues).toEqual({ dropped: [], qTooLong: false })
    expect(p.title).toBe('“mat ong” – Tìm sản phẩm – Chợ Vùng Miền')
  })

  test('filters combine; a facet counts its own values without its own filter, so the other values stay choosable', async () => {
    const p = await page('/vi/search?q=mat+ong&regionType=ISLAND')
    expect(slugsOf(p)).toEqual([slugs.islandHoney])
    expect(p.search.filters).toEqual({ regionType: ['ISLAND'] })
    // Region type: counted without the region filter; province: counted with it.
    expect(p.facets.regionType).toEqual({ MOUNTAIN: 1, ISLAND: 1 })
    expect(p.facets.province).toEqual({ '91': 1 })
    expect(p.facets.exportReady).toEqual({ true: 1 })
  })

  test('region type ISLAND and OCOP ≥ 4 without words: only island products rated 4 stars or more', async () => {
    const p = await page('/vi/search?regionType=ISLAND&ocopMin=4')
    expect(slugsOf(p)).toEqual([slugs.fishSauce, slugs.islandHoney].sort())
    for (const item of p.items) {
      expect(item.regionType).toBe('ISLAND')
      expect(Math.max(...item.certifications.map((c) => (c.type === 'OCOP' ? (c.stars ?? 0) : 0)))).toBeGreaterThanOrEqual(4)
    }
    // The OCOP counts leave out the OCOP filter (the page offers "≥ 3" with 3 island products).
    expect(p.facets.ocopStars).toEqual({ '3': 1, '4': 1, '5': 1 })
    expect(p.facets.regionType).toEqual({ MOUNTAIN: 1, ISLAND: 2 })
  })

  test('the price ranges: counted per range, and the form’s price choice becomes minPrice and maxPrice', async () => {
    const all = await page('/vi/search')
    expect(all.facets.priceRange).toEqual({ '0-100000': 1, '100000-300000': 2, '300000-1000000': 2 })
    const cheap = await page('/vi/search?maxPrice=99999')
    expect(slugsOf(cheap)).toEqual([slugs.garlic])
    // Without JavaScript the filter form sends every field: the answer is the short URL.
    const sent = await get('/vi/search?q=&price=-99999&sort=relevance&ocopMin=')
    expect(sent.status).toBe(302)
    expect(sent.location).toBe('/vi/search?maxPrice=99999')
    const mid = await get('/vi/search?q=mat+ong&price=100000-299999')
    expect(mid.location).toBe('/vi/search?q=mat+ong&minPrice=100000&maxPrice=299999')
    const any = await get('/vi/search?regionType=ISLAND&price=&minPrice=5')
    expect(any.location).toBe('/vi/search?regionType=ISLAND')
  })

  test('with no words and no filter: every published product and the facets to start from', async () => {
    const p = await page('/vi/search')
    expect(p.total).toBe(5)
    expect(p.items).toHaveLength(5)
    expect(p.facets.category).toMatchObject({ honey: 2, spices: 2, 'tea-coffee': 1 })
    expect(p.empty).toBeNull()
    expect(p.producers).toEqual([])
    expect(p.title).toBe('Tìm sản phẩm – Chợ Vùng Miền')
  })

  test('unreadable parameters are left out and named, never a 500; what could be read still applies', async () => {
    const p = await page('/vi/search?q=mat+ong&regionType=ISLAND,VOLCANO&province=99&ocopMin=9&sort=cheapest&page=abc&price=lots')
    expect(p.search).toEqual({ q: 'mat ong', filters: { regionType: ['ISLAND'] }, sort: 'relevance', page: 1 })
    expect(p.issues.dropped.sort()).toEqual(['ocopMin', 'page', 'price', 'province', 'regionType', 'sort'])
    expect(p.issues.qTooLong).toBe(false)
    expect(slugsOf(p)).toEqual([slugs.islandHoney])

    const long = await page(`/vi/search?q=${'mật ong '.repeat(40)}`)
    expect(long.issues.qTooLong).toBe(true)
    expect(long.search.q.length).toBeLessThanOrEqual(200)

    const junk = await page(`/en/search?exportReady=maybe&minPrice=-5&maxPrice=1e9&category=${encodeURIComponent('<script>')}`)
    expect(junk.issues.dropped.sort()).toEqual(['category', 'exportReady', 'maxPrice', 'minPrice'])
    expect(junk.total).toBe(5)
  })

  test('nothing found: what each filter left out would find, and the searches with a word less', async () => {
    const p = await page('/vi/search?q=mat+ong&province=01&ocopMin=5')
    expect(p.total).toBe(0)
    expect(p.items).toEqual([])
    expect(p.empty).toEqual({
      withoutFilters: 2,
      withoutWord: [],
      dropCounts: [
        { key: 'province:01', total: 1 },
        { key: 'ocopMin', total: 0 },
      ],
    })

    const words = await page('/vi/search?q=mat+ong+zzzzqqq')
    expect(words.total).toBe(0)
    expect(words.empty?.withoutFilters).toBeNull()
    expect(words.empty?.withoutWord).toEqual([{ word: 'zzzzqqq', q: 'mat ong', total: 2 }])
  })

  test('a page past the last one is empty but keeps the total', async () => {
    const p = await page('/vi/search?page=3')
    expect(p.items).toEqual([])
    expect(p.total).toBe(5)
    expect(p.empty).toBeNull()
  })

  test('a few producers whose name matches the words', async () => {
    const p = await page('/vi/search?q=M%C3%A8o+V%E1%BA%A1c')
    expect(p.producers.map((o) => o.displayName)).toEqual(['HTX Mật Ong Bạc Hà Mèo Vạc'])
    expect(slugsOf(p)).toContain(slugs.mintHoney)
    // Typed without diacritics, in another order of case, words apart: the same producer.
    for (const q of ['meo vac', 'MEO VAC', 'bac ha meo']) {
      expect((await page(`/vi/search?q=${encodeURIComponent(q)}`)).producers.map((o) => o.displayName)).toEqual(['HTX Mật Ong Bạc Hà Mèo Vạc'])
    }
    expect((await page('/vi/search?q=meo%25')).producers).toEqual([]) // % is a character, not a wildcard
  })

  test('in English, through the English names and synonyms', async () => {
    const p = await page('/en/search?q=honey')
    expect(slugsOf(p)).toEqual([slugs.islandHoney, slugs.mintHoney].sort())
    expect(p.title).toBe('“honey” – Search products – Chợ Vùng Miền')
  })

  test('a language that does not exist is a 404', async () => {
    expect((await get('/xx/search?q=mat+ong')).status).toBe(404)
  })
})

describe('the suggestions', () => {
  test('JSON of the best products for the words typed so far, with the matched words', async () => {
    const res = await suggest('/vi/search/suggestions?q=mat+on')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/application\/json/)
    const list = res.data as Suggestion[]
    expect(list.map((s) => s.slug).sort()).toEqual([slugs.islandHoney, slugs.mintHoney].sort())
    const mint = list.find((s) => s.slug === slugs.mintHoney)!
    expect(mint).toMatchObject({ nameVi: 'Mật ong bạc hà Mèo Vạc', nameEn: 'Meo Vac mint honey', producerName: 'HTX Mật Ong Bạc Hà Mèo Vạc' })
    expect(mint.highlights.nameVi).toEqual(expect.arrayContaining(['Mật', 'ong']))
  })

  test('no words, only spaces or nothing found: an empty list', async () => {
    for (const path of ['/vi/search/suggestions', '/vi/search/suggestions?q=', '/en/search/suggestions?q=%20%20', '/vi/search/suggestions?q=zzzzqqq']) {
      const res = await suggest(path)
      expect(res.status, path).toBe(200)
      expect(res.data, path).toEqual([])
    }
  })

  test('words too long are cut, not refused', async () => {
    const res = await suggest(`/vi/search/suggestions?q=${'mat ong '.repeat(60)}`)
    expect(res.status).toBe(200)
    expect(Array.isArray(res.data)).toBe(true)
  })
})
