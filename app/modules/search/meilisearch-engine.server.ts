// The search engine on a Meilisearch server (used when MEILI_URL is set). Settings are applied by code,
// and every write waits for its task and fails loudly if Meilisearch could not do it.
import { Meilisearch, type EnqueuedTaskPromise, type Index, type Settings } from 'meilisearch'
import {
  pageOf,
  priceRangeOf,
  type FacetField,
  type SearchDocument,
  type SearchEngine,
  type SearchFilters,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
} from './engine'
import { synonymsOf, words } from './fold'

/**
 * What Meilisearch stores: the document plus its price bucket, which Meilisearch cannot compute at query
 * time, and whether an active campaign label boosts it (a custom ranking rule).
 */
type MeiliDocument = SearchDocument & { priceRange: string; campaignBoost: number }

const toMeili = (d: SearchDocument): MeiliDocument => ({ ...d, priceRange: priceRangeOf(d.priceVnd), campaignBoost: d.campaignLabels.length > 0 ? 1 : 0 })

/** The document attribute behind each facet. */
const facetAttribute: Record<FacetField, keyof MeiliDocument> = {
  category: 'categorySlugs',
  province: 'provinceCode',
  regionType: 'regionType',
  certification: 'certifications',
  ocopStars: 'ocopStars',
  campaignLabel: 'campaignLabels',
  exportReady: 'exportReady',
  priceRange: 'priceRange',
}

/** In ranking order: Meilisearch's `attribute` rule prefers a match in an earlier attribute. */
const SEARCHABLE = ['nameVi', 'nameEn', 'producerName', 'descriptionVi', 'descriptionEn'] as const

export const meiliSettings: Settings = {
  searchableAttributes: [...SEARCHABLE],
  displayedAttributes: ['id', ...SEARCHABLE],
  filterableAttributes: [...Object.values(facetAttribute), 'priceVnd'],
  sortableAttributes: ['priceVnd', 'publishedAt', 'ocopStars', 'id'],
  // `sort` first: a sorted search ("price_asc") is ordered by the sort, relevance breaking ties; a relevance
  // search passes no sort, so the rule does nothing.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'campaignBoost:desc', 'exactness'],
  synonyms: Object.fromEntries(synonymsOf),
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 500 },
  pagination: { maxTotalHits: 1_000_000 },
}

const TASK_TIMEOUT_MS = 120_000

/** Waits for a task and throws if it did not succeed. */
async function done(enqueued: EnqueuedTaskPromise) {
  const task = await enqueued.waitTask({ timeout: TASK_TIMEOUT_MS })
  if (task.status !== 'succeeded') {
    throw new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.code ?? ''} ${task.error?.message ?? ''}`.trim())
  }
  return task
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`
const anyOf = (attribute: string, values: string[] | undefined) =>
  values?.length ? `(${values.map((v) => `${attribute} = ${quote(v)}`).join(' OR ')})` : null

export function meiliFilter(f: SearchFilters | undefined): string[] {
  if (!f) return []
  return [
    anyOf('categorySlugs', f.category),
    anyOf('provinceCode', f.province),
    anyOf('regionType', f.regionType),
    anyOf('certifications', f.certification),
    anyOf('campaignLabels', f.campaignLabel),
    f.ocopMin === undefined ? null : `ocopStars >= ${Number(f.ocopMin)}`,
    f.minPrice === undefined ? null : `priceVnd >= ${Number(f.minPrice)}`,
    f.maxPrice === undefined ? null : `priceVnd <= ${Number(f.maxPrice)}`,
    f.exportReady === undefined ? null : `exportReady = ${f.exportReady ? 'true' : 'false'}`,
  ].filter((x): x is string => x !== null)
}

/** The last `id:asc` keeps pages stable when the sort key ties (many products share a price or star count). */
function meiliSort(sort: SearchSort, hasWords: boolean): string[] | undefined {
  switch (sort) {
    case 'relevance':
      return hasWords ? undefined : ['publishedAt:desc', 'id:asc']
    case 'price_asc':
      return ['priceVnd:asc', 'id:asc']
    case 'price_desc':
      return ['priceVnd:desc', 'id:asc']
    case 'newest':
      return ['publishedAt:desc', 'id:asc']
    case 'ocop_desc':
      return ['ocopStars:desc', 'id:asc']
  }
}

// Control characters never occur in product text, so they mark highlights unambiguously.
const PRE = '\u0002'
const POST = '\u0003'
const MARKED = new RegExp(`${PRE}([^${POST}]*)${POST}`, 'g')

function highlightsOf(formatted: Record<string, unknown> | undefined) {
  const highlights: Record<string, string[]> = {}
  for (const field of SEARCHABLE) {
    const text = formatted?.[field]
    if (typeof text !== 'string' || !text.includes(PRE)) continue
    const found = new Set<string>()
    for (const m of text.matchAll(MARKED)) for (const w of words(m[1])) found.add(w)
    if (found.size > 0) highlights[field] = [...found]
  }
  return highlights
}

export class MeilisearchEngine implements SearchEngine {
  private readonly index: Index<MeiliDocument>

  private constructor(
    private readonly client: Meilisearch,
    private readonly uid: string,
  ) {
    this.index = client.index<MeiliDocument>(uid)
  }

  /** Connects and applies the index settings (creating the index if needed) before the first use. */
  static async connect(options: { host: string; apiKey?: string; indexUid?: string }) {
    const client = new Meilisearch({ host: options.host, apiKey: options.apiKey })
    const engine = new MeilisearchEngine(client, options.indexUid ?? 'products')
    await done(engine.index.updateSettings(meiliSettings))
    return engine
  }

  async upsert(docs: SearchDocument[]) {
    if (docs.length === 0) return
    await done(this.index.addDocuments(docs.map(toMeili), { primaryKey: 'id' }))
  }

  /** Zero downtime: a new index is filled beside the live one, then the two are swapped and the old one dropped. */
  async replaceAll(batches: AsyncIterable<SearchDocument[]>, onBatch?: (added: number) => void | Promise<void>) {
    const aside = `${this.uid}_rebuild`
    await this.dropIndex(aside) // left over from a rebuild that did not finish
    await done(this.client.createIndex(aside, { primaryKey: 'id' }))
    const index = this.client.index<MeiliDocument>(aside)
    await done(index.updateSettings(meiliSettings))
    for await (const batch of batches) {
      if (batch.length > 0) await done(index.addDocuments(batch.map(toMeili), { primaryKey: 'id' }))
      await onBatch?.(batch.length)
    }
    await done(this.client.swapIndexes([{ indexes: [this.uid, aside], rename: false }]))
    await this.dropIndex(aside)
  }

  private async dropIndex(uid: string) {
    const task = await this.client.deleteIndex(uid).waitTask({ timeout: TASK_TIMEOUT_MS })
    if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') {
      throw new Error(`Meilisearch could not delete index ${uid}: ${task.error?.message ?? task.status}`)
    }
  }

  async remove(ids: string[]) {
    if (ids.length === 0) return
    await done(this.index.deleteDocuments(ids))
  }

  async clear() {
    await done(this.index.deleteAllDocuments())
  }

  async count() {
    return (await this.index.getStats()).numberOfDocuments
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now()
    const { page, pageSize } = pageOf(query)
    const hasWords = words(query.q).length > 0
    const response = await this.index.search(hasWords ? query.q : '', {
      filter: meiliFilter(query.filters),
      facets: (query.facets ?? []).map((f) => facetAttribute[f]),
      sort: meiliSort(query.sort ?? 'relevance', hasWords),
      page,
      hitsPerPage: pageSize,
      attributesToRetrieve: ['id'],
      attributesToHighlight: hasWords ? [...SEARCHABLE] : [],
      highlightPreTag: PRE,
      highlightPostTag: POST,
      showRankingScore: true,
    })
    const facets: SearchResult['facets'] = {}
    for (const field of query.facets ?? []) facets[field] = response.facetDistribution?.[facetAttribute[field]] ?? {}
    return {
      hits: response.hits.map((hit) => ({
        id: hit.id,
        score: hit._rankingScore ?? 0,
        highlights: highlightsOf(hit._formatted as Record<string, unknown> | undefined),
      })),
      total: response.totalHits,
      facets,
      processingTimeMs: Math.max(response.processingTimeMs, Math.round(performance.now() - started)),
    }
  }
}
