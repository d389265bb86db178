// Browser-safe: the one search interface the app talks to, implemented by the embedded engine (MiniSearch,
// the default) and by the Meilisearch adapter (when MEILI_URL is set). Both pass tests/search/contract.ts.

export type RegionTypeValue = 'MOUNTAIN' | 'REMOTE' | 'ISLAND' | 'BORDER' | 'NONE'

/**
 * What the index holds of one published product. `priceVnd` is a number here although the database keeps
 * BigInt: a price is at most 10^12 VND (PRODUCT_LIMITS.priceMaxVnd), well inside the exact-integer range of
 * a double (2^53), and both MiniSearch and Meilisearch (JSON, f64) sort and compare numbers, not strings.
 */
export type SearchDocument = {
  id: string
  slug: string
  nameVi: string
  nameEn: string
  descriptionVi: string
  descriptionEn: string
  /** The product's own category and its parent, so that filtering by a top-level category finds its children. */
  categorySlugs: string[]
  provinceCode: string
  regionType: RegionTypeValue
  /** Certification slugs (certificationSlug) of the certificates valid today. */
  certifications: string[]
  /** 0 when the product has no valid OCOP certificate. */
  ocopStars: number
  campaignLabels: string[]
  exportReady: boolean
  priceVnd: number
  /** Milliseconds since the epoch. */
  publishedAt: number
  producerSlug: string
  producerName: string
}

export const searchSorts = ['relevance', 'price_asc', 'price_desc', 'newest', 'ocop_desc'] as const
export type SearchSort = (typeof searchSorts)[number]

export const facetFields = ['category', 'province', 'regionType', 'certification', 'ocopStars', 'campaignLabel', 'exportReady', 'priceRange'] as const
export type FacetField = (typeof facetFields)[number]

/** Price buckets of the priceRange facet, in VND: [min, max) with max null for "and above". */
export const priceRanges = [
  { key: '0-100000', min: 0, max: 100_000 },
  { key: '100000-300000', min: 100_000, max: 300_000 },
  { key: '300000-1000000', min: 300_000, max: 1_000_000 },
  { key: '1000000-5000000', min: 1_000_000, max: 5_000_000 },
  { key: '5000000-', min: 5_000_000, max: null },
] as const

export function priceRangeOf(priceVnd: number) {
  return priceRanges.find((r) => priceVnd >= r.min && (r.max === null || priceVnd < r.max))?.key ?? priceRanges[0].key
}

export type SearchFilters = {
  /** Any of these category slugs (a parent category matches its children). */
  category?: string[]
  province?: string[]
  /** 'NONE' selects products with no region type. */
  regionType?: RegionTypeValue[]
  /** Any of these certification slugs. */
  certification?: string[]
  ocopMin?: number
  /** Inclusive bounds, VND. */
  minPrice?: number
  maxPrice?: number
  exportReady?: boolean
  campaignLabel?: string[]
}

export type SearchQuery = {
  q: string
  filters?: SearchFilters
  sort?: SearchSort
  /** 1-based. */
  page?: number
  pageSize?: number
  /** Which facet counts to compute (none when omitted). */
  facets?: FacetField[]
}

export type SearchHit = {
  id: string
  score: number
  /** Field name → the words of that field (as written in the document) that matched the query. */
  highlights: Record<string, string[]>
}

export type SearchResult = {
  hits: SearchHit[]
  total: number
  /** Facet → value → number of matching documents (after filters). Values are strings, as in a URL. */
  facets: Partial<Record<FacetField, Record<string, number>>>
  processingTimeMs: number
}

export interface SearchEngine {
  /** Adds the documents, replacing any with the same id. */
  upsert(docs: SearchDocument[]): Promise<void>
  remove(ids: string[]): Promise<void>
  search(query: SearchQuery): Promise<SearchResult>
  clear(): Promise<void>
  count(): Promise<number>
  /**
   * Replaces the whole index with these documents; searches see the old index until the new one is complete
   * (built aside, then swapped in). `onBatch` is told how many documents each batch added.
   */
  replaceAll(batches: AsyncIterable<SearchDocument[]>, onBatch?: (added: number) => void | Promise<void>): Promise<void>
}

/** Products carrying an active campaign label rank this much higher among equally relevant matches. */
export const CAMPAIGN_BOOST = 1.25

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100

export function pageOf(query: SearchQuery) {
  const page = Math.max(1, Math.floor(query.page ?? 1))
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)))
  return { page, pageSize }
}

/** The values a document contributes to each facet (shared by the embedded engine and the tests). */
export function facetValues(doc: SearchDocument, field: FacetField): string[] {
  switch (field) {
    case 'category':
      return doc.categorySlugs
    case 'province':
      return [doc.provinceCode]
    case 'regionType':
      return [doc.regionType]
    case 'certification':
      return doc.certifications
    case 'ocopStars':
      return [String(doc.ocopStars)]
    case 'campaignLabel':
      return doc.campaignLabels
    case 'exportReady':
      return [String(doc.exportReady)]
    case 'priceRange':
      return [priceRangeOf(doc.priceVnd)]
  }
}

const anyOf = (wanted: string[] | undefined, values: string[]) => !wanted?.length || wanted.some((w) => values.includes(w))
const oneOf = (wanted: string[] | undefined, value: string) => !wanted?.length || wanted.includes(value)

/**
 * Whether a document passes the filters (lists are OR within a filter, filters are AND between them). Called
 * for every document of an unfiltered-by-words search, so it allocates nothing.
 */
export function matchesFilters(doc: SearchDocument, f: SearchFilters | undefined) {
  if (!f) return true
  return (
    anyOf(f.category, doc.categorySlugs) &&
    oneOf(f.province, doc.provinceCode) &&
    oneOf(f.regionType, doc.regionType) &&
    anyOf(f.certification, doc.certifications) &&
    anyOf(f.campaignLabel, doc.campaignLabels) &&
    (f.ocopMin === undefined || doc.ocopStars >= f.ocopMin) &&
    (f.minPrice === undefined || doc.priceVnd >= f.minPrice) &&
    (f.maxPrice === undefined || doc.priceVnd <= f.maxPrice) &&
    (f.exportReady === undefined || doc.exportReady === f.exportReady)
  )
}
