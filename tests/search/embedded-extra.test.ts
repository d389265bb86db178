// The embedded engine beyond the contract: it plans and scores queries itself over MiniSearch's index (for
// speed, see embedded-engine.server.ts), so it is checked here against MiniSearch's own search on a generated
// catalogue, and its filters and facets against a count done document by document.
import { beforeAll, describe, expect, it } from 'vitest'
import { EmbeddedSearchEngine } from '~/modules/search/embedded-engine.server'
import { facetFields, facetValues, matchesFilters, type SearchDocument, type SearchFilters, type SearchQuery } from '~/modules/search/engine'
import { generateCatalogue } from '../../bench/search-catalogue'
import { fixture, fixtureProducts } from './fixtures'

const queries = [
  // whole words, diacritics or not, synonyms
  'mat ong',
  'Mật ong rừng',
  'ca phe buon ma thuot',
  'cà phê',
  'che shan tuyet',
  'tieu',
  'hồ tiêu',
  'gao st25',
  'hat dieu binh phuoc',
  'honey',
  'fish sauce',
  'thit trau gac bep',
  'HTX',
  'đặc sản',
  // typos
  'che shan tuyst',
  'hat de trung khamh',
  'sam ngoc linj',
  'mat ong rnug',
  'xaoi yen chau',
  'varmicelli',
  // prefixes of the last word, 1 to 4 letters
  'mat o',
  'gao s',
  'hat d',
  'nuoc ma',
  'xoa',
  'tie',
  'c',
  'ca phe bu',
  'Mật o',
  // nothing
  'khong co gi',
  'zzzz',
]

/** Every id the engine finds, page by page (pages of 100). */
async function allIds(engine: EmbeddedSearchEngine, query: Omit<SearchQuery, 'page' | 'pageSize'>) {
  const ids: string[] = []
  for (let page = 1; ; page++) {
    const result = await engine.search({ ...query, page, pageSize: 100 })
    ids.push(...result.hits.map((h) => h.id))
    if (result.hits.length < 100) return { ids, total: result.total }
  }
}

function countFacets(docs: SearchDocument[]) {
  return Object.fromEntries(
    facetFields.map((field) => {
      const counts: Record<string, number> = {}
      for (const d of docs) for (const v of facetValues(d, field)) counts[v] = (counts[v] ?? 0) + 1
      return [field, counts]
    }),
  )
}

const filterSets: SearchFilters[] = [
  {},
  { category: ['spices'] },
  { category: ['tea', 'coffee'], ocopMin: 4 },
  { province: ['91', '68'] },
  { regionType: ['ISLAND', 'NONE'], exportReady: true },
  { regionType: ['MOUNTAIN'], certification: ['organic', 'vietgap'] },
  { minPrice: 100_000, maxPrice: 400_000 },
  { campaignLabel: ['hang-viet'], exportReady: false },
  { certification: ['no-such-certification'] },
  { ocopMin: 5, minPrice: 1_000_000 },
]

describe('embedded engine on a generated catalogue', () => {
  const engine = new EmbeddedSearchEngine()
  const reference = (q: string, filters?: SearchFilters) => engine.searchWithMiniSearch(q, filters).map((r) => r.id)
  let docs: SearchDocument[] = generateCatalogue(3000)
  const byId = () => new Map(docs.map((d) => [d.id, d]))

  beforeAll(async () => {
    await engine.upsert(docs)
  })

  it('finds exactly what MiniSearch’s own search finds', async () => {
    for (const q of queries) {
      const { ids, total } = await allIds(engine, { q })
      const expected = reference(q)
      expect(total, q).toBe(expected.length)
      expect(new Set(ids), q).toEqual(new Set(expected))
    }
  })

  it('scores as MiniSearch does (BM25+, field boosts, prefix weights), the campaign boost aside', async () => {
    // Queries without synonyms, typos or diacritics: MiniSearch multiplies each score by the number of query
    // words (all of them match), and knows nothing of campaigns.
    for (const q of ['ngoc linh', 'buon ma thuot', 'shan tuyet', 'phu quoc', 'trung khanh', 'mat o', 'hat d', 'yen chau']) {
      const result = await engine.search({ q, pageSize: 100 })
      const scores = new Map(engine.searchWithMiniSearch(q).map((r) => [r.id, r.score]))
      const words = q.split(' ').length
      expect(result.hits.length, q).toBeGreaterThan(0)
      for (const hit of result.hits) {
        const campaign = byId().get(hit.id)!.campaignLabels.length > 0 ? 1.25 : 1
        expect((hit.score * words) / campaign, `${q} ${hit.id}`).toBeCloseTo(scores.get(hit.id)!, 9)
      }
    }
  })

  it('filters and counts facets as a count document by document does', async () => {
    for (const filters of filterSets) {
      const expected = docs.filter((d) => matchesFilters(d, filters))
      const result = await engine.search({ q: '', filters, facets: [...facetFields] })
      expect(result.total, JSON.stringify(filters)).toBe(expected.length)
      expect(result.facets, JSON.stringify(filters)).toEqual(countFacets(expected))
      for (const q of ['ca phe', 'mat o', 'tieu']) {
        const found = await engine.search({ q, filters, facets: [...facetFields], pageSize: 100 })
        const expected = reference(q, filters)
        expect(found.total, `${q} ${JSON.stringify(filters)}`).toBe(expected.length)
        const index = byId()
        expect(found.facets, `${q} ${JSON.stringify(filters)}`).toEqual(countFacets(expected.map((id) => index.get(id)!)))
      }
    }
  })

  it('pages a large matching set in every order without duplicates or gaps', async () => {
    const index = byId()
    for (const sort of ['relevance', 'price_asc', 'price_desc', 'newest', 'ocop_desc'] as const) {
      const { ids, total } = await allIds(engine, { q: 'ca phe', sort, filters: { minPrice: 150_000 } })
      expect(ids.length).toBe(total)
      expect(new Set(ids).size).toBe(total)
      const found = ids.map((id) => index.get(id)!)
      if (sort === 'price_asc') expect(found.map((d) => d.priceVnd)).toEqual(found.map((d) => d.priceVnd).sort((a, b) => a - b))
      if (sort === 'newest') expect(found.map((d) => d.publishedAt)).toEqual(found.map((d) => d.publishedAt).sort((a, b) => b - a))
      if (sort === 'ocop_desc') expect(found.map((d) => d.ocopStars)).toEqual(found.map((d) => d.ocopStars).sort((a, b) => b - a))
    }
  })

  it('stays right through many replacements and removals (document numbers grow, postings go stale)', async () => {
    // Every document replaced three times, then a tenth removed: MiniSearch numbers documents anew each time.
    for (let round = 1; round <= 3; round++) {
      docs = docs.map((d, i) => (i % 2 === round % 2 ? { ...d, nameVi: `${d.nameVi} lô ${round}`, priceVnd: d.priceVnd + round * 1000 } : { ...d }))
      await engine.upsert(docs)
    }
    const removed = docs.filter((_, i) => i % 10 === 0).map((d) => d.id)
    await engine.remove(removed)
    docs = docs.filter((_, i) => i % 10 !== 0)
    expect(await engine.count()).toBe(docs.length)

    const all = await engine.search({ q: '', facets: [...facetFields] })
    expect(all.total).toBe(docs.length)
    expect(all.facets).toEqual(countFacets(docs))
    for (const q of [...queries, 'lo 3', 'lô 2']) {
      const { ids } = await allIds(engine, { q })
      expect(new Set(ids), q).toEqual(new Set(reference(q)))
      expect(ids.filter((id) => removed.includes(id)), q).toEqual([])
    }
    const cheap = await engine.search({ q: 'gao', filters: { maxPrice: 30_000 }, facets: [...facetFields], pageSize: 100 })
    const index = byId()
    expect(cheap.facets).toEqual(countFacets(reference('gao', { maxPrice: 30_000 }).map((id) => index.get(id)!)))
  })
})

describe('embedded engine: how words are matched', () => {
  const engine = new EmbeddedSearchEngine()
  const doc = (id: string, nameVi: string, descriptionVi = '', producerName = 'HTX Nông sản'): SearchDocument => ({
    ...fixture('p01'),
    id,
    nameVi,
    nameEn: '',
    descriptionVi,
    producerName,
    campaignLabels: [],
  })

  beforeAll(async () => {
    await engine.upsert([
      ...fixtureProducts,
      doc('x1', 'Quạt mát tre', 'Đạt OCOP 3 sao, giao hàng được toàn quốc.'),
      doc('x2', 'Mật ong bạc hà'),
      doc('x3', 'Nước mắm cốt', 'Bán tại Bách Hóa Xanh.'),
    ])
  })

  const ids = async (q: string) => (await engine.search({ q, pageSize: 100 })).hits.map((h) => h.id)

  it('completes a last word of one or two letters in names and producers only, a longer one everywhere', async () => {
    expect(await ids('mat o')).toEqual(expect.arrayContaining(['p01', 'p02', 'x2']))
    expect(await ids('mat o')).not.toContain('x1') // only "OCOP" in its description starts with o
    expect(await ids('mat oc')).not.toContain('x1')
    expect(await ids('mat oco')).toContain('x1')
    expect(await ids('quat m')).toEqual(['x1'])
  })

  it('looks for typos only on words the catalogue does not know, unless nothing is found', async () => {
    // "nuoc" is known: it does not also match "được" (one letter away), which x1 has.
    expect(await ids('nuoc')).not.toContain('x1')
    expect(await ids('nuoc')).toEqual(expect.arrayContaining(['p21', 'x3']))
    // "nuocc" is not: typos are allowed.
    expect(await ids('nuocc')).toEqual(expect.arrayContaining(['p21', 'x3']))
    // "bach" is known (Bách Hóa Xanh) but "mat ong bach" finds nothing as typed: the second try allows its typo.
    expect(await ids('mat ong bach')).toEqual(expect.arrayContaining(['p01', 'x2']))
    expect((await ids('mat ong bach')).sort()).toEqual(engine.searchWithMiniSearch('mat ong bach').map((r) => r.id).sort())
  })
})
