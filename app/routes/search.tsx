// The buyers' product search: /:lang/search?q=…&category=…&regionType=…&ocopMin=…&sort=…&page=… (the URL
// parameters of search-params.ts). Everything lives in the URL, so a search can be shared, the back button
// steps through it, and it works without JavaScript: the filters are one GET form (with JavaScript it is
// sent as soon as a box is ticked).
import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from '@remix-run/node'
import { Link, useLoaderData, useLocation, useNavigate, useNavigation } from '@remix-run/react'
import { useEffect, useMemo, useRef, type ChangeEvent, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { OrganizationCard } from '~/components/organization-card'
import { Pagination, ProductGrid } from '~/components/product-card'
import { categoryName, categoryTree, findCategory } from '~/modules/catalog/categories'
import { certificationFromSlug, certificationSlug, certificationTypes } from '~/modules/catalog/certifications'
import { provinceName } from '~/modules/geo/provinces'
import { searchOrganizations } from '~/modules/organizations/directory.server'
import { closeMatches, searchCatalogue } from '~/modules/search/catalogue-search.server'
import { priceRanges, searchSorts, type FacetField, type SearchFilters } from '~/modules/search/engine'
import {
  hasFilters,
  readSearchParams,
  regionTypeValues,
  SEARCH_LIMITS,
  searchParamNames,
  searchParamsOf,
  type SearchParamIssue,
  type SearchRequest,
} from '~/modules/search/search-params'
import styles from '~/styles/search.css?url'
import { formatNumber, formatVnd } from '~/utils/format'
import type { Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'

const FORM_ID = 'search-filters'
const PRODUCERS_SHOWN = 3
const PROVINCES_SHOWN = 8
/** The empty state counts the results without each active filter, for this many of them at most. */
const DROP_SUGGESTIONS_MAX = 8

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// ---------------------------------------------------------------------------------------------------------
// The search in the URL

/**
 * The filter form sends the price as one choice, `price=<min>-<max>` (either end may be empty), since a
 * radio button carries one value; it stands for minPrice and maxPrice.
 */
function readSearch(params: URLSearchParams): { request: SearchRequest; issues: SearchParamIssue[] } {
  const choice = params.get('price')
  if (choice === null) return readSearchParams(params)
  const next = new URLSearchParams(params)
  next.delete('price')
  const bounds = /^(\d{0,13})-(\d{0,13})$/.exec(choice.trim())
  if (choice.trim() && !bounds) {
    const read = readSearchParams(next)
    return { request: read.request, issues: [...read.issues, { param: 'price', code: 'invalid' }] }
  }
  next.delete('minPrice')
  next.delete('maxPrice')
  if (bounds?.[1]) next.set('minPrice', bounds[1])
  if (bounds?.[2]) next.set('maxPrice', bounds[2])
  return readSearchParams(next)
}

/** The price choice of a range of the priceRange facet: [min, max) in VND, so up to max − 1 đồng inclusive. */
const priceChoiceOf = (range: (typeof priceRanges)[number]) => `${range.min || ''}-${range.max === null ? '' : range.max - 1}`
const currentPriceChoice = (f: SearchFilters) => (f.minPrice === undefined && f.maxPrice === undefined ? '' : `${f.minPrice ?? ''}-${f.maxPrice ?? ''}`)

const searchPath = (lang: Language, request: SearchRequest) => {
  const qs = searchParamsOf(request).toString()
  return `/${lang}/search${qs ? `?${qs}` : ''}`
}

const listFilters = ['category', 'province', 'regionType', 'certification', 'campaignLabel'] as const
type ListFilter = (typeof listFilters)[number]

function without(filters: SearchFilters, keys: readonly (keyof SearchFilters)[]): SearchFilters {
  const rest = { ...filters }
  for (const key of keys) delete rest[key]
  return rest
}

/** One active filter, as a removable chip: which parameter, which value, and the filters without it. */
type ActiveFilter = { key: string; param: ListFilter | 'ocopMin' | 'price' | 'exportReady'; value: string; filters: SearchFilters }

function activeFilters(f: SearchFilters): ActiveFilter[] {
  const out: ActiveFilter[] = []
  for (const param of listFilters) {
    for (const value of f[param] ?? []) {
      const rest = (f[param] ?? []).filter((v) => v !== value)
      const filters = without(f, [param])
      if (rest.length) (filters as Record<ListFilter, string[]>)[param] = rest
      out.push({ key: `${param}:${value}`, param, value, filters })
    }
  }
  if (f.ocopMin !== undefined) out.push({ key: 'ocopMin', param: 'ocopMin', value: String(f.ocopMin), filters: without(f, ['ocopMin']) })
  if (f.minPrice !== undefined || f.maxPrice !== undefined) {
    out.push({ key: 'price', param: 'price', value: currentPriceChoice(f), filters: without(f, ['minPrice', 'maxPrice']) })
  }
  if (f.exportReady !== undefined) out.push({ key: 'exportReady', param: 'exportReady', value: String(f.exportReady), filters: without(f, ['exportReady']) })
  return out
}

/**
 * The filter each facet's counts leave out. Counted with every filter, a ticked region type would leave its
 * neighbours at 0; counted without its own filter, each value shows what choosing it (too) gives.
 */
const ownFilters: [FacetField, (keyof SearchFilters)[]][] = [
  ['category', ['category']],
  ['province', ['province']],
  ['regionType', ['regionType']],
  ['certification', ['certification']],
  ['campaignLabel', ['campaignLabel']],
  ['ocopStars', ['ocopMin']],
  ['priceRange', ['minPrice', 'maxPrice']],
]

// ---------------------------------------------------------------------------------------------------------
// Loader

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const url = new URL(request.url)
  const { request: search, issues } = readSearch(url.searchParams)

  // The filter form sent without JavaScript carries every field, empty ones too: answer with the short URL,
  // which is the one to share. Only the search's own parameters are compared (Remix adds its own to data
  // requests). A URL with something unreadable stays, and the page says what was left out.
  if (issues.length === 0) {
    const own = new URLSearchParams([...url.searchParams].filter(([name]) => name === 'price' || (searchParamNames as readonly string[]).includes(name)))
    const canonical = searchPath(lang, search)
    if (searchParamsOf(search).toString() !== own.toString()) throw redirect(canonical)
  }

  const countWithout = (filters: SearchFilters) => searchCatalogue({ ...search, filters, page: 1 }, { pageSize: 1 })
  const [result, ownFacetCounts, producers] = await Promise.all([
    searchCatalogue(search),
    Promise.all(
      ownFilters
        .filter(([, keys]) => keys.some((k) => search.filters[k] !== undefined))
        .map(async ([field, keys]) => [field, (await countWithout(without(search.filters, keys))).facets[field] ?? {}] as const),
    ),
    search.q ? searchOrganizations(search.q, 1) : null,
  ])
  const facets = { ...result.facets, ...Object.fromEntries(ownFacetCounts) }

  const filtered = hasFilters(search.filters)
  let empty = null
  if (result.total === 0 && (search.q || filtered)) {
    const [close, dropCounts] = await Promise.all([
      closeMatches(search),
      Promise.all(activeFilters(search.filters).slice(0, DROP_SUGGESTIONS_MAX).map(async (a) => ({ key: a.key, total: (await countWithout(a.filters)).total }))),
    ])
    empty = { ...close, dropCounts }
  }

  const t = getT(lang)
  return {
    search,
    issues: {
      dropped: [...new Set(issues.filter((i) => !(i.param === 'q' && i.code === 'tooLong')).map((i) => i.param))],
      qTooLong: issues.some((i) => i.param === 'q' && i.code === 'tooLong'),
    },
    items: result.items,
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    facets,
    processingTimeMs: result.processingTimeMs,
    empty,
    producers: producers?.items.filter((o) => o.kind === 'PRODUCER').slice(0, PRODUCERS_SHOWN) ?? [],
    title: search.q ? t('search:page.titleFor', { q: search.q }) : t('search:page.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

// ---------------------------------------------------------------------------------------------------------
// Page

type Data = SerializeFrom<typeof loader>
type Facets = Data['facets']

/** The words a buyer reads for a filter value. */
function useFilterLabel() {
  const { t } = useTranslation('search')
  const lang = useLang()
  const vnd = (n: number) => formatVnd(BigInt(n), lang)
  const priceLabel = (min: number | undefined, max: number | undefined) => {
    const range = priceRanges.find((r) => (r.min || undefined) === min && (r.max === null ? undefined : r.max - 1) === max)
    if (range) {
      if (range.min === 0 && range.max !== null) return t('filters.priceUnder', { max: vnd(range.max) })
      if (range.max === null) return t('filters.priceFrom', { min: vnd(range.min) })
      return t('filters.priceBetween', { min: vnd(range.min), max: vnd(range.max) })
    }
    if (min !== undefined && max !== undefined) return t('filters.priceBetween', { min: vnd(min), max: vnd(max) })
    return min !== undefined ? t('filters.priceFrom', { min: vnd(min) }) : t('filters.priceTo', { max: vnd(max ?? 0) })
  }
  return (param: ActiveFilter['param'], value: string): string => {
    switch (param) {
      case 'category': {
        const c = findCategory(value)
        return c ? categoryName(c, lang) : value
      }
      case 'province':
        return provinceName(value)
      case 'regionType':
        return t(`common:regionType.${value}`)
      case 'certification':
        return Object.hasOwn(certificationFromSlug, value) ? t(`catalog:certification.short.${certificationFromSlug[value]}`) : value
      case 'campaignLabel':
        return value
      case 'ocopMin':
        return t('filters.ocopChip', { stars: value })
      case 'exportReady':
        return value === 'true' ? t('filters.exportReady') : t('filters.exportReadyNo')
      case 'price': {
        const [min, max] = value.split('-').map((v) => (v ? Number(v) : undefined))
        return priceLabel(min, max)
      }
    }
  }
}

export default function SearchPage() {
  const data = useLoaderData<typeof loader>()
  const { search, items, total, page, pageSize, issues, empty, producers } = data
  const { t } = useTranslation('search')
  const lang = useLang()
  const filtered = hasFilters(search.filters)
  const chips = activeFilters(search.filters)
  const label = useFilterLabel()
  const navigation = useNavigation()
  const loading = navigation.state === 'loading' && navigation.location.pathname === `/${lang}/search`
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const href = (request: Partial<SearchRequest>) => searchPath(lang, { ...search, page: 1, ...request })

  return (
    <div className="search-page">
      <h1>{search.q ? t('page.resultsFor', { q: search.q }) : t('page.heading')}</h1>

      {issues.dropped.length || issues.qTooLong ? (
        <div className="search-notice" role="status">
          {issues.dropped.length ? <p>{t('issues.dropped', { params: issues.dropped.map((p) => t(`issues.param.${p}`)).join(', ') })}</p> : null}
          {issues.qTooLong ? <p>{t('issues.qTooLong', { max: SEARCH_LIMITS.qMax })}</p> : null}
        </div>
      ) : null}

      {!search.q && !filtered && total > 0 ? <Prompt facets={data.facets} /> : null}

      <div className="search-layout">
        <Filters facets={data.facets} activeCount={chips.length} />

        <section className="search-results" aria-labelledby="search-results-heading" aria-busy={loading}>
          <div className="search-toolbar">
            <h2 id="search-results-heading">
              {t('page.count', { count: total, formatted: formatNumber(total, lang) })}{' '}
              <span className="meta">· {t('page.time', { ms: formatNumber(Math.round(data.processingTimeMs * 10) / 10, lang) })}</span>
            </h2>
            <SortSelect />
          </div>

          {chips.length ? (
            <nav aria-label={t('filters.active')}>
              <ul className="search-chips">
                {chips.map((chip) => (
                  <li key={chip.key}>
                    <Link to={href({ filters: chip.filters })} className="search-chip" preventScrollReset aria-label={t('filters.remove', { label: label(chip.param, chip.value) })}>
                      {label(chip.param, chip.value)}
                      <span aria-hidden="true">×</span>
                    </Link>
                  </li>
                ))}
                {chips.length > 1 ? (
                  <li>
                    <Link to={href({ filters: {} })} preventScrollReset>
                      {t('filters.clearAll')}
                    </Link>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}

          {items.length ? (
            <ProductGrid products={items} priorityCount={2} label={t('page.results')} />
          ) : total > 0 ? (
            <p>
              {t('page.pastEnd')} <Link to={href({})}>{t('page.firstPage')}</Link>
            </p>
          ) : empty ? (
            <EmptyState empty={empty} />
          ) : (
            <p>{t('page.catalogueEmpty')}</p>
          )}
          <Pagination page={Math.min(page, pages)} pageSize={pageSize} total={total} hrefFor={(p) => href({ page: p })} />

          {producers.length ? (
            <section aria-labelledby="search-producers-heading">
              <h2 id="search-producers-heading">{t('page.producers')}</h2>
              <p className="meta">{t('page.producersFor', { q: search.q })}</p>
              <ul className="cards">
                {producers.map((o) => (
                  <OrganizationCard key={o.id} organization={o} />
                ))}
              </ul>
            </section>
          ) : null}
        </section>
      </div>
    </div>
  )
}

/** No words and no filter yet: what to do, and the categories to start from. */
function Prompt({ facets }: { facets: Facets }) {
  const { t } = useTranslation('search')
  const lang = useLang()
  const counts = facets.category ?? {}
  const categories = categoryTree.filter((c) => (counts[c.slug] ?? 0) > 0)
  return (
    <div className="card search-prompt">
      <p style={{ marginTop: 0 }}>{t('page.prompt')}</p>
      {categories.length ? (
        <nav aria-label={t('page.categories')}>
          <ul className="search-chips" style={{ marginBottom: 0 }}>
            {categories.map((c) => (
              <li key={c.slug}>
                <Link to={searchPath(lang, { q: '', filters: { category: [c.slug] }, sort: 'relevance', page: 1 })} className="button button-small button-secondary">
                  {categoryName(c, lang)} <span className="facet-count">{formatNumber(counts[c.slug] ?? 0, lang)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  )
}

/** The search being shown, or the one being loaded (so that a ticked box stays ticked while it loads). */
function useShownSearch(): SearchRequest {
  const { search } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const location = useLocation()
  const pending = navigation.location?.pathname === location.pathname ? navigation.location.search : null
  return useMemo(() => (pending === null ? search : readSearch(new URLSearchParams(pending)).request), [pending, search])
}

/** With JavaScript, the filter form goes to its short URL at once, without scrolling back to the top. */
function useSubmitFilters() {
  const navigate = useNavigate()
  const lang = useLang()
  return (form: HTMLFormElement | null) => {
    if (!form) return
    const params = new URLSearchParams()
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.append(name, value)
    navigate(searchPath(lang, readSearch(params).request), { preventScrollReset: true })
  }
}

function SortSelect() {
  const { t } = useTranslation('search')
  const shown = useShownSearch()
  const submit = useSubmitFilters()
  return (
    <div className="search-sort">
      <label htmlFor="search-sort">{t('filters.sort')}</label>
      <select id="search-sort" name="sort" form={FORM_ID} value={shown.sort} onChange={(e) => submit(e.currentTarget.form)}>
        {searchSorts.map((s) => (
          <option key={s} value={s}>
            {t(`filters.sortBy.${s}`)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" form={FORM_ID} className="button button-small button-secondary">
          {t('filters.sortApply')}
        </button>
      </noscript>
    </div>
  )
}

function Count({ count }: { count: number }) {
  const { t } = useTranslation('search')
  const lang = useLang()
  const formatted = formatNumber(count, lang)
  return (
    <span className="facet-count">
      <span aria-hidden="true">{formatted}</span>
      <span className="visually-hidden">({t('filters.products', { count, formatted })})</span>
    </span>
  )
}

type ChoiceProps = {
  type: 'checkbox' | 'radio'
  name: string
  value: string
  checked: boolean
  count?: number
  onChange: (e: ChangeEvent<HTMLInputElement>) => void
  className?: string
  children: ReactNode
}

function Choice({ type, name, value, checked, count, onChange, className, children }: ChoiceProps) {
  return (
    <label className={`facet-choice${className ? ` ${className}` : ''}`}>
      <input type={type} name={name} value={value} checked={checked} onChange={onChange} />
      <span className="facet-label">{children}</span>
      {count !== undefined ? <Count count={count} /> : null}
    </label>
  )
}

function Facet({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="facet">
      <legend>{legend}</legend>
      <div>{children}</div>
    </fieldset>
  )
}

/**
 * The filters: on a phone folded in a <details> above the results, on a wide screen always open beside them
 * (search.css). Only values that would find something are offered, and the ones ticked.
 */
function Filters({ facets, activeCount }: { facets: Facets; activeCount: number }) {
  const { t } = useTranslation('search')
  const lang = useLang()
  const shown = useShownSearch()
  const submit = useSubmitFilters()
  const label = useFilterLabel()
  const details = useRef<HTMLDetailsElement>(null)
  const f = shown.filters

  // Browsers that cannot show a closed <details>' content by CSS (::details-content) open it on wide screens.
  useEffect(() => {
    if (details.current && window.matchMedia('(min-width: 48rem)').matches) details.current.open = true
  }, [])

  const onChange = (e: ChangeEvent<HTMLInputElement>) => submit(e.currentTarget.form)
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    submit(e.currentTarget)
  }
  const has = (param: ListFilter, value: string) => (f[param] as readonly string[] | undefined)?.includes(value) ?? false
  const countOf = (field: FacetField, value: string) => facets[field]?.[value] ?? 0
  const offered = (field: FacetField, param: ListFilter, value: string) => countOf(field, value) > 0 || has(param, value)
  const box = (field: FacetField, param: ListFilter, value: string, extra: Partial<ChoiceProps> = {}) => (
    <Choice key={value} type="checkbox" name={param} value={value} checked={has(param, value)} count={countOf(field, value)} onChange={onChange} {...extra}>
      {label(param, value)}
    </Choice>
  )

  // Categories: the top level, and the subcategories under a ticked one (or under all when few match).
  const parents = categoryTree.filter((c) => offered('category', 'category', c.slug) || c.children.some((child) => has('category', child.slug)))
  const categoryRows = parents.flatMap((c) => {
    const open = parents.length <= 3 || has('category', c.slug) || c.children.some((child) => has('category', child.slug))
    const children = open ? c.children.filter((child) => offered('category', 'category', child.slug)) : []
    return [box('category', 'category', c.slug), ...children.map((child) => box('category', 'category', child.slug, { className: 'facet-sub' }))]
  })

  // Provinces: the most frequent first; beyond the first few (and the ticked ones), behind "more".
  const provinces = Object.entries(facets.province ?? {})
    .filter(([code, n]) => n > 0 || has('province', code))
    .sort(([a, x], [b, y]) => y - x || provinceName(a).localeCompare(provinceName(b), 'vi'))
    .map(([code]) => code)
  for (const code of f.province ?? []) if (!provinces.includes(code)) provinces.push(code)
  const provincesFirst = provinces.filter((code, i) => i < PROVINCES_SHOWN || has('province', code))
  const provincesMore = provinces.filter((code) => !provincesFirst.includes(code))

  const regions = regionTypeValues.filter((r) => offered('regionType', 'regionType', r))
  const certifications = certificationTypes.map((type) => certificationSlug[type]).filter((slug) => offered('certification', 'certification', slug))
  const campaigns = Object.keys(facets.campaignLabel ?? {}).filter((l) => offered('campaignLabel', 'campaignLabel', l))
  for (const l of f.campaignLabel ?? []) if (!campaigns.includes(l)) campaigns.push(l)

  // OCOP "≥ n": the products rated n stars or more, from the counts per rating.
  const ocop = facets.ocopStars ?? {}
  const ocopAtLeast = (n: number) => Object.entries(ocop).reduce((sum, [stars, count]) => sum + (Number(stars) >= n ? count : 0), 0)
  const ocopChoices = [3, 4, 5].filter((n) => ocopAtLeast(n) > 0 || f.ocopMin === n)
  // An ocopMin of 1 or 2 from a shared link is shown as it is.
  if (f.ocopMin !== undefined && !ocopChoices.includes(f.ocopMin)) ocopChoices.unshift(f.ocopMin)

  const priceChoice = currentPriceChoice(f)
  const prices = priceRanges.filter((r) => countOf('priceRange', r.key) > 0 || priceChoiceOf(r) === priceChoice)
  const customPrice = priceChoice && !priceRanges.some((r) => priceChoiceOf(r) === priceChoice) ? priceChoice : null
  const exportReadyCount = countOf('exportReady', 'true')

  return (
    <details className="search-filters" ref={details}>
      <summary>
        {t('filters.label')}
        {activeCount ? <span className="badge">{t('filters.activeCount', { count: activeCount })}</span> : null}
      </summary>
      <form id={FORM_ID} method="get" action={`/${lang}/search`} onSubmit={onSubmit} aria-label={t('filters.label')}>
        <input type="hidden" name="q" value={shown.q} />
        {categoryRows.length ? <Facet legend={t('filters.category')}>{categoryRows}</Facet> : null}
        {regions.length ? <Facet legend={t('filters.regionType')}>{regions.map((r) => box('regionType', 'regionType', r))}</Facet> : null}
        {ocopChoices.length ? (
          <Facet legend={t('filters.ocop')}>
            <Choice type="radio" name="ocopMin" value="" checked={f.ocopMin === undefined} onChange={onChange}>
              {t('filters.ocopAny')}
            </Choice>
            {ocopChoices.map((n) => (
              <Choice key={n} type="radio" name="ocopMin" value={String(n)} checked={f.ocopMin === n} count={ocopAtLeast(n)} onChange={onChange}>
                {t('filters.ocopMin', { stars: n })}
              </Choice>
            ))}
          </Facet>
        ) : null}
        {certifications.length ? <Facet legend={t('filters.certification')}>{certifications.map((c) => box('certification', 'certification', c))}</Facet> : null}
        {provinces.length ? (
          <Facet legend={t('filters.province')}>
            {provincesFirst.map((code) => box('province', 'province', code))}
            {provincesMore.length ? (
              <details className="facet-more">
                <summary>{t('filters.moreProvinces', { count: provincesMore.length })}</summary>
                {provincesMore.map((code) => box('province', 'province', code))}
              </details>
            ) : null}
          </Facet>
        ) : null}
        {prices.length || customPrice ? (
          <Facet legend={t('filters.price')}>
            <Choice type="radio" name="price" value="" checked={!priceChoice} onChange={onChange}>
              {t('filters.priceAny')}
            </Choice>
            {customPrice ? (
              <Choice type="radio" name="price" value={customPrice} checked onChange={onChange}>
                {label('price', customPrice)}
              </Choice>
            ) : null}
            {prices.map((r) => (
              <Choice key={r.key} type="radio" name="price" value={priceChoiceOf(r)} checked={priceChoiceOf(r) === priceChoice} count={countOf('priceRange', r.key)} onChange={onChange}>
                {label('price', priceChoiceOf(r))}
              </Choice>
            ))}
          </Facet>
        ) : null}
        {exportReadyCount > 0 || f.exportReady === true ? (
          <Facet legend={t('filters.export')}>
            <Choice type="checkbox" name="exportReady" value="true" checked={f.exportReady === true} count={exportReadyCount} onChange={onChange}>
              {t('filters.exportReady')}
            </Choice>
          </Facet>
        ) : null}
        {campaigns.length ? <Facet legend={t('filters.campaignLabel')}>{campaigns.map((l) => box('campaignLabel', 'campaignLabel', l))}</Facet> : null}
        <noscript>
          <button type="submit" className="button button-small">
            {t('filters.apply')}
          </button>
        </noscript>
      </form>
    </details>
  )
}

/** Nothing found: drop a filter (with what each would find), or search with a word less. */
function EmptyState({ empty }: { empty: NonNullable<Data['empty']> }) {
  const { search } = useLoaderData<typeof loader>()
  const { t } = useTranslation('search')
  const lang = useLang()
  const label = useFilterLabel()
  const filtered = hasFilters(search.filters)
  const href = (request: Partial<SearchRequest>) => searchPath(lang, { ...search, page: 1, ...request })
  const products = (count: number) => t('filters.products', { count, formatted: formatNumber(count, lang) })
  const drops = activeFilters(search.filters).flatMap((a) => {
    const total = empty.dropCounts.find((d) => d.key === a.key)?.total ?? 0
    return total > 0 ? [{ ...a, total }] : []
  })
  return (
    <div className="card search-empty">
      <h3>{t('empty.title')}</h3>
      <p>
        {search.q ? (filtered ? t('empty.forQueryFiltered', { q: search.q }) : t('empty.forQuery', { q: search.q })) : t('empty.filtered')}
      </p>
      {filtered && (drops.length || (empty.withoutFilters ?? 0) > 0) ? (
        <>
          <h4>{t('empty.dropFilters')}</h4>
          <ul>
            {drops.map((d) => (
              <li key={d.key}>
                <Link to={href({ filters: d.filters })}>{t('empty.dropOne', { label: label(d.param, d.value) })}</Link> <span className="meta">· {products(d.total)}</span>
              </li>
            ))}
            {chipsMoreThanOne(search.filters) && (empty.withoutFilters ?? 0) > 0 ? (
              <li>
                <Link to={href({ filters: {} })}>{t('empty.dropAll')}</Link> <span className="meta">· {products(empty.withoutFilters ?? 0)}</span>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
      {empty.withoutWord.length ? (
        <>
          <h4>{t('empty.closeMatches')}</h4>
          <ul>
            {empty.withoutWord.map((w) => (
              <li key={w.q}>
                <Link to={href({ q: w.q })}>{t('empty.withoutWord', { q: w.q, word: w.word })}</Link> <span className="meta">· {products(w.total)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="meta">{t('empty.tips')}</p>
    </div>
  )
}

const chipsMoreThanOne = (filters: SearchFilters) => activeFilters(filters).length > 1
