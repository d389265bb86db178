// Catalogue search for buyers (the results page, header suggestions, GET /api/v1/search): the engine finds
// and orders the products, the database gives the cards (only what is public at this moment).
import { publicProductCards, publicProductWhere, type PublicProductCard } from '../catalog/products.server'
import { prisma } from '~/utils/db.server'
import { facetFields, type SearchFilters, type SearchResult } from './engine'
import { words } from './fold'
import { readySearchEngine } from './index.server'
import { hasFilters, SEARCH_PAGE_SIZE, type SearchRequest } from './search-params'

export type SearchProductCard = PublicProductCard & {
  /** Field (nameVi, nameEn, descriptionVi, …) → the words of it that matched, as written there. */
  highlights: Record<string, string[]>
}

export type CatalogueSearchResult = {
  items: SearchProductCard[]
  total: number
  page: number
  pageSize: number
  facets: SearchResult['facets']
  processingTimeMs: number
}

export async function searchCatalogue(request: SearchRequest, options: { pageSize?: number } = {}): Promise<CatalogueSearchResult> {
  const engine = await readySearchEngine()
  const pageSize = options.pageSize ?? SEARCH_PAGE_SIZE
  const result = await engine.search({
    q: request.q,
    filters: request.filters,
    sort: request.sort,
    page: request.page,
    pageSize,
    facets: [...facetFields],
  })
  const cards = await publicProductCards(result.hits.map((h) => h.id))
  const highlights = new Map(result.hits.map((h) => [h.id, h.highlights]))
  return {
    items: cards.map((card) => ({ ...card, highlights: highlights.get(card.id) ?? {} })),
    total: result.total,
    page: request.page,
    pageSize,
    facets: result.facets,
    processingTimeMs: result.processingTimeMs,
  }
}

export type SearchSuggestion = { slug: string; nameVi: string; nameEn: string | null; producerName: string; highlights: Record<string, string[]> }

/** What the header search box offers while typing: the best few products for the words so far. */
export async function suggestProducts(q: string, limit = 8): Promise<SearchSuggestion[]> {
  if (words(q).length === 0) return []
  const engine = await readySearchEngine()
  const result = await engine.search({ q, page: 1, pageSize: limit })
  if (result.hits.length === 0) return []
  const rows = await prisma.product.findMany({
    where: { id: { in: result.hits.map((h) => h.id) }, ...publicProductWhere() },
    select: { id: true, slug: true, nameVi: true, nameEn: true, producer: { select: { displayName: true } } },
  })
  const byId = new Map(rows.map((r) => [r.id, r]))
  return result.hits.flatMap((hit) => {
    const row = byId.get(hit.id)
    return row ? [{ slug: row.slug, nameVi: row.nameVi, nameEn: row.nameEn, producerName: row.producer.displayName, highlights: hit.highlights }] : []
  })
}

/** For an empty result: how many the search finds without its filters, and with each word left out. */
export type CloseMatches = { withoutFilters: number | null; withoutWord: { word: string; q: string; total: number }[] }

export async function closeMatches(request: SearchRequest): Promise<CloseMatches> {
  const engine = await readySearchEngine()
  const count = async (q: string, filters: SearchFilters) => (await engine.search({ q, filters, pageSize: 1 })).total
  const withoutFilters = hasFilters(request.filters) ? await count(request.q, {}) : null
  const typed = words(request.q)
  const withoutWord: CloseMatches['withoutWord'] = []
  if (typed.length > 1) {
    for (const [i, word] of typed.entries()) {
      const q = typed.filter((_, j) => j !== i).join(' ')
      const total = await count(q, request.filters)
      if (total > 0) withoutWord.push({ word, q, total })
    }
    withoutWord.sort((a, b) => b.total - a.total)
  }
  return { withoutFilters, withoutWord: withoutWord.slice(0, 3) }
}
