// The behaviour every search engine must show (issue 5), run on the embedded engine always and on
// Meilisearch when MEILI_URL is set. Expectations are computed from the fixtures where they can be.
import { beforeAll, describe, expect, it } from 'vitest'
import { facetFields, facetValues, type SearchDocument, type SearchEngine, type SearchQuery, type SearchSort } from '~/modules/search/engine'
import { fixture, fixtureProducts } from './fixtures'

/**
 * `exactDiacriticsRanking: false` for an engine that folds diacritics before ranking (Meilisearch normalises
 * "mận" and "mặn" alike, so it can only promise to find both).
 */
export function searchEngineContract(
  name: string,
  makeEngine: () => Promise<SearchEngine>,
  options: { exactDiacriticsRanking?: boolean } = {},
) {
  const { exactDiacriticsRanking = true } = options
  describe(`search contract: ${name}`, () => {
    let engine: SearchEngine
    const ids = async (q: string, extra: Partial<SearchQuery> = {}) =>
      (await engine.search({ q, pageSize: 100, ...extra })).hits.map((h) => h.id)
    const every = async (query: Omit<SearchQuery, 'page' | 'pageSize'>) => {
      const all: string[] = []
      for (let page = 1; ; page++) {
        const result = await engine.search({ ...query, page, pageSize: 7 })
        all.push(...result.hits.map((h) => h.id))
        if (result.hits.length < 7) return { all, total: result.total }
      }
    }

    beforeAll(async () => {
      engine = await makeEngine()
      await engine.clear()
      await engine.upsert(fixtureProducts)
    })

    it('holds every document', async () => {
      expect(await engine.count()).toBe(fixtureProducts.length)
    })

    it('matches without diacritics, đ folding to d', async () => {
      expect(await ids('mat ong')).toEqual(expect.arrayContaining(['p01', 'p02']))
      expect(await ids('dac san')).toContain('p29')
      expect(await ids('Đặc sản')).toContain('p29')
      expect(await ids('DIEN BIEN')).toContain('p09')
    })

    it('ranks the exact diacritics above a folded match', async () => {
      const plum = await ids('mận')
      expect(plum).toEqual(expect.arrayContaining(['p10', 'p11', 'p12']))
      if (!exactDiacriticsRanking) return
      expect(plum.indexOf('p10')).toBeLessThan(plum.indexOf('p12'))
      expect(plum.indexOf('p11')).toBeLessThan(plum.indexOf('p12'))
      expect((await ids('mặn'))[0]).toBe('p12')
    })

    it('forgives one typo from 4 letters, counting a swap of adjacent letters as one', async () => {
      expect(await ids('trung khamh')).toContain('p14')
      expect(await ids('buon ma thout')).toContain('p06')
      expect(await ids('giagn')).toEqual(expect.arrayContaining(['p03', 'p04']))
    })

    it('forgives no typo on 3 letters, and two only from 8', async () => {
      expect(await ids('toj')).toEqual([])
      expect(await ids('gau tieu')).toEqual([])
      expect(await ids('varmicelly')).toContain('p15')
      expect(await ids('khamg')).toEqual([])
    })

    it('matches a prefix of the last word only', async () => {
      expect(await ids('mat o')).toEqual(expect.arrayContaining(['p01', 'p02']))
      expect(await ids('hat d')).toContain('p14')
      expect(await ids('ma ong')).toEqual([])
    })

    it('matches English and Vietnamese through synonyms', async () => {
      expect(await ids('honey')).toEqual(expect.arrayContaining(['p01', 'p02']))
      expect(await ids('tea')).toEqual(expect.arrayContaining(['p03', 'p04', 'p05']))
      expect(await ids('tra')).toEqual(expect.arrayContaining(['p03', 'p04']))
      expect(await ids('fish sauce')).toContain('p21')
      expect(await ids('ginseng')).toContain('p18')
      expect(await ids('toi')).toEqual(expect.arrayContaining(['p22', 'p23']))
      expect(await ids('garlic')).toEqual(expect.arrayContaining(['p22', 'p23']))
    })

    it('ranks name matches above description matches', async () => {
      const found = await ids('mat ong')
      expect(found).toContain('p31')
      expect(found.indexOf('p31')).toBeGreaterThan(found.indexOf('p01'))
      expect(found.indexOf('p31')).toBeGreaterThan(found.indexOf('p02'))
    })

    it('highlights the matched words of each field', async () => {
      const hit = (await engine.search({ q: 'mat ong' })).hits.find((h) => h.id === 'p01')!
      expect(hit.highlights.nameVi).toEqual(expect.arrayContaining(['Mật', 'ong']))
    })

    it('counts facets over the matching documents', async () => {
      const count = (docs: SearchDocument[]) =>
        Object.fromEntries(
          facetFields.map((field) => {
            const counts: Record<string, number> = {}
            for (const d of docs) for (const v of facetValues(d, field)) counts[v] = (counts[v] ?? 0) + 1
            return [field, counts]
          }),
        )
      const all = await engine.search({ q: '', facets: [...facetFields] })
      expect(all.total).toBe(fixtureProducts.length)
      expect(all.facets).toEqual(count(fixtureProducts))

      const island = await engine.search({ q: 'phu quoc', facets: [...facetFields], filters: { regionType: ['ISLAND'] }, pageSize: 100 })
      expect(island.facets).toEqual(count(island.hits.map((h) => fixture(h.id))))
      expect(island.facets.regionType).toEqual({ ISLAND: 2 })
    })

    it('filters', async () => {
      const expected = (pred: (d: SearchDocument) => boolean) => fixtureProducts.filter(pred).map((d) => d.id).sort()
      const got = async (filters: SearchQuery['filters'], q = '') => (await ids(q, { filters })).sort()
      expect(await got({ category: ['spices'] })).toEqual(['p17', 'p19', 'p20', 'p21', 'p22', 'p23', 'p26'])
      expect(await got({ category: ['pepper'] })).toEqual(['p19', 'p20'])
      expect(await got({ province: ['91', '51'] })).toEqual(['p18', 'p20', 'p21', 'p22'])
      expect(await got({ regionType: ['NONE'] })).toEqual(expected((d) => d.regionType === 'NONE'))
      expect(await got({ certification: ['organic'] })).toEqual(['p03', 'p07', 'p17'])
      expect(await got({ ocopMin: 5 })).toEqual(expected((d) => d.ocopStars >= 5))
      expect(await got({ minPrice: 100_000, maxPrice: 200_000 })).toEqual(expected((d) => d.priceVnd >= 100_000 && d.priceVnd <= 200_000))
      expect(await got({ exportReady: true, campaignLabel: ['hang-viet'] })).toEqual(['p21', 'p24'])
      expect(await got({ regionType: ['ISLAND'], ocopMin: 4 }, 'toi')).toEqual(['p22'])
    })

    it('sorts', async () => {
      const order = async (sort: SearchSort) => ids('', { sort })
      const by = (cmp: (a: SearchDocument, b: SearchDocument) => number) =>
        [...fixtureProducts].sort((a, b) => cmp(a, b) || (a.id < b.id ? -1 : 1)).map((d) => d.id)
      expect(await order('price_asc')).toEqual(by((a, b) => a.priceVnd - b.priceVnd))
      expect(await order('price_desc')).toEqual(by((a, b) => b.priceVnd - a.priceVnd))
      expect(await order('newest')).toEqual(by((a, b) => b.publishedAt - a.publishedAt))
      const ocop = await order('ocop_desc')
      expect(ocop.map((id) => fixture(id).ocopStars)).toEqual([...fixtureProducts.map((d) => d.ocopStars)].sort((a, b) => b - a))
      const relevant = await ids('mat ong', { sort: 'relevance' })
      expect(['p01', 'p02']).toContain(relevant[0])
      const cheap = await ids('mat ong', { sort: 'price_asc' })
      expect(cheap.map((id) => fixture(id).priceVnd)).toEqual(cheap.map((id) => fixture(id).priceVnd).sort((a, b) => a - b))
    })

    it('pages without duplicates or gaps', async () => {
      for (const sort of ['relevance', 'price_asc', 'ocop_desc'] as const) {
        const { all, total } = await every({ q: '', sort })
        expect(total).toBe(fixtureProducts.length)
        expect(new Set(all).size).toBe(all.length)
        expect(all.sort()).toEqual(fixtureProducts.map((d) => d.id).sort())
      }
      const { all, total } = await every({ q: 'o', sort: 'ocop_desc' })
      expect(all.length).toBe(total)
      expect(new Set(all).size).toBe(total)
    })

    it('removes and replaces documents', async () => {
      await engine.remove(['p30'])
      expect(await ids('hat bang con dao')).toEqual([])
      expect(await engine.count()).toBe(fixtureProducts.length - 1)
      await engine.upsert([{ ...fixture('p22'), nameVi: 'Tỏi cô đơn Lý Sơn', priceVnd: 275_000 }])
      expect(await ids('co don')).toContain('p22')
      expect((await engine.search({ q: 'toi', filters: { minPrice: 270_000 } })).hits.map((h) => h.id)).toEqual(['p22'])
      expect(await engine.count()).toBe(fixtureProducts.length - 1)
      await engine.upsert([fixture('p30'), fixture('p22')])
      expect(await engine.count()).toBe(fixtureProducts.length)
    })

    it('ranks a product with an active campaign label above an equally relevant one without', async () => {
      // Two copies of one product, the second (later by id) with a label: without the boost the id breaks the tie.
      const base = { ...fixture('p04'), campaignLabels: [] }
      await engine.upsert([{ ...base, id: 'x1' }, { ...base, id: 'x2', campaignLabels: ['hang-viet'] }])
      const order = (await ids('che suoi giang')).filter((id) => id === 'x1' || id === 'x2')
      expect(order).toEqual(['x2', 'x1'])
      const labelled = await engine.search({ q: '', facets: ['campaignLabel'], filters: { campaignLabel: ['hang-viet'] }, pageSize: 100 })
      expect(labelled.hits.map((h) => h.id)).toContain('x2')
      expect(labelled.hits.map((h) => h.id)).not.toContain('x1')
      await engine.remove(['x1', 'x2'])
      expect(await engine.count()).toBe(fixtureProducts.length)
    })

    it('replaces everything at once: searches see the old index until the new one is complete', async () => {
      const seenDuring: number[] = []
      async function* batches() {
        yield fixtureProducts.slice(0, 10)
        seenDuring.push((await engine.search({ q: '' })).total)
        yield fixtureProducts.slice(10, 20).map((d) => (d.id === 'p13' ? { ...d, nameVi: 'Xoài tròn Yên Châu mới' } : d))
        seenDuring.push((await engine.search({ q: '' })).total)
      }
      const added: number[] = []
      await engine.replaceAll(batches(), (n) => void added.push(n))
      expect(seenDuring).toEqual([fixtureProducts.length, fixtureProducts.length])
      expect(added).toEqual([10, 10])
      expect(await engine.count()).toBe(20)
      expect(await ids('xoai tron')).toEqual(['p13'])
      expect(await ids('hat bang con dao')).toEqual([]) // p30 was not in the new set
      await engine.replaceAll((async function* () {
        yield fixtureProducts
      })())
      expect(await engine.count()).toBe(fixtureProducts.length)
    })
  })
}
