// Browser-safe: a catalogue search as it lives in a URL (the results page, GET /api/v1/search). One reading
// of the parameters for both: the page drops what it cannot read (a shared link stays usable), the API
// answers 400 naming it.
import { provinces } from '../geo/provinces'
import { certificationSlug } from '../catalog/certifications'
import { DEFAULT_PAGE_SIZE, searchSorts, type RegionTypeValue, type SearchFilters, type SearchSort } from './engine'

export const regionTypeValues = ['MOUNTAIN', 'REMOTE', 'ISLAND', 'BORDER', 'NONE'] as const satisfies readonly RegionTypeValue[]

export const SEARCH_LIMITS = { qMax: 200, pageMax: 500, priceMax: 1_000_000_000_000, listMax: 20 } as const

/** What a search URL says: the words, the filters, the order and the page. */
export type SearchRequest = { q: string; filters: SearchFilters; sort: SearchSort; page: number }

export type SearchParamIssue = { param: string; code: 'invalid' | 'tooLong' | 'tooMany' }

const provinceCodes = new Set(provinces.map((p) => p.code))
const certificationSlugs = new Set<string>(Object.values(certificationSlug))
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/

/** The multi-valued filters: `category=tea&category=coffee` or `category=tea,coffee`. */
const listParams = {
  category: (v: string) => SLUG.test(v),
  province: (v: string) => provinceCodes.has(v),
  regionType: (v: string) => (regionTypeValues as readonly string[]).includes(v),
  certification: (v: string) => certificationSlugs.has(v),
  campaignLabel: (v: string) => SLUG.test(v),
} as const
type ListParam = keyof typeof listParams

/** Every parameter a search URL may carry, in the order URLs are written. */
export const searchParamNames = ['q', ...Object.keys(listParams), 'ocopMin', 'minPrice', 'maxPrice', 'exportReady', 'sort', 'page'] as const

const wholeNumber = (value: string, min: number, max: number) => {
  if (!/^\d{1,13}$/.test(value)) return null
  const n = Number(value)
  return n >= min && n <= max ? n : null
}

/** Reads a search from URL parameters: the request (without what was unreadable) and what was unreadable. */
export function readSearchParams(params: URLSearchParams): { request: SearchRequest; issues: SearchParamIssue[] } {
  const issues: SearchParamIssue[] = []
  const q = (params.get('q') ?? '').trim()
  if (q.length > SEARCH_LIMITS.qMax) issues.push({ param: 'q', code: 'tooLong' })
  const filters: SearchFilters = {}

  for (const [name, valid] of Object.entries(listParams) as [ListParam, (v: string) => boolean][]) {
    const values = [...new Set(params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))]
    if (values.length === 0) continue
    if (values.length > SEARCH_LIMITS.listMax) {
      issues.push({ param: name, code: 'tooMany' })
      continue
    }
    const good = values.filter(valid)
    if (good.length < values.length) issues.push({ param: name, code: 'invalid' })
    if (good.length > 0) (filters as Record<ListParam, string[]>)[name] = good
  }

  const number = (name: 'ocopMin' | 'minPrice' | 'maxPrice' | 'page', min: number, max: number) => {
    const raw = params.get(name)?.trim()
    if (!raw) return undefined
    const n = wholeNumber(raw, min, max)
    if (n === null) issues.push({ param: name, code: 'invalid' })
    return n ?? undefined
  }
  const ocopMin = number('ocopMin', 1, 5)
  if (ocopMin !== undefined) filters.ocopMin = ocopMin
  const minPrice = number('minPrice', 0, SEARCH_LIMITS.priceMax)
  if (minPrice !== undefined) filters.minPrice = minPrice
  const maxPrice = number('maxPrice', 0, SEARCH_LIMITS.priceMax)
  if (maxPrice !== undefined) filters.maxPrice = maxPrice

  const exportReady = params.get('exportReady')?.trim()
  if (exportReady) {
    if (exportReady === 'true' || exportReady === '1') filters.exportReady = true
    else if (exportReady === 'false' || exportReady === '0') filters.exportReady = false
    else issues.push({ param: 'exportReady', code: 'invalid' })
  }

  const rawSort = params.get('sort')?.trim()
  let sort: SearchSort = 'relevance'
  if (rawSort) {
    if ((searchSorts as readonly string[]).includes(rawSort)) sort = rawSort as SearchSort
    else issues.push({ param: 'sort', code: 'invalid' })
  }
  const page = number('page', 1, SEARCH_LIMITS.pageMax) ?? 1

  return { request: { q: q.slice(0, SEARCH_LIMITS.qMax), filters, sort, page }, issues }
}

/** The URL parameters of a search (defaults left out, so equal searches have equal URLs). */
export function searchParamsOf(request: SearchRequest): URLSearchParams {
  const params = new URLSearchParams()
  if (request.q) params.set('q', request.q)
  const f = request.filters
  for (const name of Object.keys(listParams) as ListParam[]) for (const v of f[name] ?? []) params.append(name, v)
  if (f.ocopMin !== undefined) params.set('ocopMin', String(f.ocopMin))
  if (f.minPrice !== undefined) params.set('minPrice', String(f.minPrice))
  if (f.maxPrice !== undefined) params.set('maxPrice', String(f.maxPrice))
  if (f.exportReady !== undefined) params.set('exportReady', String(f.exportReady))
  if (request.sort !== 'relevance') params.set('sort', request.sort)
  if (request.page > 1) params.set('page', String(request.page))
  return params
}

/** Whether the request filters anything (the empty state offers to drop filters). */
export function hasFilters(filters: SearchFilters) {
  return Object.values(filters).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined))
}

export const SEARCH_PAGE_SIZE = DEFAULT_PAGE_SIZE
