import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Pagination, pageParam, ProductGrid } from '~/components/product-card'
import { RegionType, type CertificationType } from '~/generated/prisma/enums'
import { getCategoryBySlug } from '~/modules/catalog/categories.server'
import { certificationFromSlug, certificationSlug, certificationTypes } from '~/modules/catalog/certifications'
import { listPublicProducts } from '~/modules/catalog/products.server'
import { provinceCodes, provinces } from '~/modules/geo/provinces'
import { env } from '~/utils/env.server'
import { formatNumber } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { jsonLdString, metaDescription, pageUrl, seoMeta, siteOrigin } from '~/utils/seo'
import { useLang } from '~/utils/use-lang'
import { useNonce } from '~/utils/nonce'

const PAGE_SIZE = 24
const sorts = ['newest', 'price_asc', 'price_desc'] as const
type Sort = (typeof sorts)[number]
const regionFilters = [...Object.values(RegionType), 'NONE'] as const
type RegionFilter = (typeof regionFilters)[number]

/** The filters of a category URL; anything unknown is ignored rather than refused. */
function parseFilters(url: URL) {
  const get = (name: string) => url.searchParams.get(name)?.trim() ?? ''
  const province = get('province')
  const region = get('regionType').toUpperCase()
  const cert = get('certification').toLowerCase()
  const sort = get('sort')
  // An own property only: '?certification=constructor' must not reach the query.
  const certification: CertificationType | undefined = Object.hasOwn(certificationFromSlug, cert) ? certificationFromSlug[cert] : undefined
  return {
    provinceCode: provinceCodes.includes(province) ? province : undefined,
    regionType: (regionFilters as readonly string[]).includes(region) ? (region as RegionFilter) : undefined,
    certification,
    sort: (sorts as readonly string[]).includes(sort) ? (sort as Sort) : ('newest' as const),
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const category = await getCategoryBySlug(params.category ?? '')
  if (!category) throw new Response('Not Found', { status: 404 })
  const url = new URL(request.url)
  const filters = parseFilters(url)
  const page = pageParam(url)
  const result = await listPublicProducts({ categorySlug: category.slug, ...filters, page, pageSize: PAGE_SIZE })

  const t = getT(lang)
  const name = lang === 'en' ? category.nameEn : category.nameVi
  const origin = siteOrigin(env().APP_URL)
  const filtered = Boolean(filters.provinceCode || filters.regionType || filters.certification || filters.sort !== 'newest')
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE))
  const path = `/c/${category.slug}`
  const crumbs = [
    { name: t('catalog:breadcrumb.home'), url: pageUrl(origin, lang, '') },
    ...(category.parent
      ? [{ name: lang === 'en' ? category.parent.nameEn : category.parent.nameVi, url: pageUrl(origin, lang, `/c/${category.parent.slug}`) }]
      : []),
    { name, url: pageUrl(origin, lang, path) },
  ]
  return {
    category,
    products: result.items,
    total: result.total,
    page,
    pageSize: PAGE_SIZE,
    filters: {
      province: filters.provinceCode ?? '',
      regionType: filters.regionType ?? '',
      certification: filters.certification ? certificationSlug[filters.certification] : '',
      sort: filters.sort,
    },
    filtered,
    // From the loader, so the page's JavaScript does not carry the product schemas (and Zod) for one list.
    certificationOptions: certificationTypes.map((type) => ({ type, slug: certificationSlug[type] })),
    breadcrumbJsonLd: jsonLdString({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: c.url })),
    }),
    seo: {
      origin,
      lang,
      path,
      search: page > 1 ? `?page=${page}` : '',
      title: page > 1 ? t('catalog:category.titlePage', { name, page }) : t('catalog:category.title', { name }),
      description: metaDescription(t('catalog:category.description', { name, count: result.total, formatted: formatNumber(result.total, lang) })),
      // Filtered and sorted views and pages past the end repeat the category page: keep them out of the index.
      noindex: filtered || page > pages,
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)

const inlineList = { display: 'flex', flexWrap: 'wrap', gap: '0.35rem 0.75rem', listStyle: 'none', padding: 0, margin: '0 0 0.75rem' } as const

export default function CategoryPage() {
  const { category, products, total, page, pageSize, filters, filtered, certificationOptions, breadcrumbJsonLd } = useLoaderData<typeof loader>()
  const { t } = useTranslation('catalog')
  const lang = useLang()
  const nonce = useNonce()
  const name = (c: { nameVi: string; nameEn: string }) => (lang === 'en' ? c.nameEn : c.nameVi)
  const base = `/${lang}/c/${category.slug}`
  const query = (page: number) => {
    const qs = new URLSearchParams()
    if (filters.province) qs.set('province', filters.province)
    if (filters.regionType) qs.set('regionType', filters.regionType)
    if (filters.certification) qs.set('certification', filters.certification)
    if (filters.sort !== 'newest') qs.set('sort', filters.sort)
    if (page > 1) qs.set('page', String(page))
    const s = qs.toString()
    return s ? `${base}?${s}` : base
  }
  const sortedProvinces = [...provinces].sort((a, b) => a.name.localeCompare(b.name, 'vi'))
  const pages = Math.max(1, Math.ceil(total / pageSize))
  return (
    <article>
      <script type="application/ld+json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: breadcrumbJsonLd }} />
      <nav aria-label={t('breadcrumb.label')}>
        <ol style={inlineList} className="meta">
          <li>
            <Link to={`/${lang}`}>{t('breadcrumb.home')}</Link>
          </li>
          {category.parent ? (
            <li>
              <span aria-hidden="true">› </span>
              <Link to={`/${lang}/c/${category.parent.slug}`}>{name(category.parent)}</Link>
            </li>
          ) : null}
          <li aria-current="page">
            <span aria-hidden="true">› </span>
            {name(category)}
          </li>
        </ol>
      </nav>
      <h1>{name(category)}</h1>

      {category.children.length ? (
        <nav aria-label={t('category.subcategories')}>
          <ul style={inlineList}>
            {category.children.map((child) => (
              <li key={child.slug}>
                <Link to={`/${lang}/c/${child.slug}`} className="button button-small button-secondary">
                  {name(child)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <details className="card" open={filtered} style={{ marginBottom: '1rem' }}>
        <summary style={{ cursor: 'pointer', fontWeight: 600 }}>{t('filters.label')}</summary>
      <Form method="get" action={base} aria-label={t('filters.label')} style={{ marginTop: '0.75rem' }}>
        <div style={{ display: 'grid', gap: '0 1rem', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 12rem), 1fr))' }}>
          <div className="field">
            <label htmlFor="filter-province">{t('filters.province')}</label>
            <select id="filter-province" name="province" defaultValue={filters.province}>
              <option value="">{t('filters.allProvinces')}</option>
              {sortedProvinces.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-region">{t('filters.regionType')}</label>
            <select id="filter-region" name="regionType" defaultValue={filters.regionType}>
              <option value="">{t('filters.allRegions')}</option>
              {regionFilters.map((r) => (
                <option key={r} value={r}>
                  {t(`common:regionType.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-certification">{t('filters.certification')}</label>
            <select id="filter-certification" name="certification" defaultValue={filters.certification}>
              <option value="">{t('filters.allCertifications')}</option>
              {certificationOptions.map(({ type, slug }) => (
                <option key={type} value={slug}>
                  {t(`certification.name.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-sort">{t('filters.sort')}</label>
            <select id="filter-sort" name="sort" defaultValue={filters.sort}>
              {sorts.map((s) => (
                <option key={s} value={s}>
                  {t(`filters.sortBy.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="actions" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.6rem', alignItems: 'center' }}>
          <button type="submit" className="button">
            {t('filters.apply')}
          </button>
          {filtered ? <Link to={base}>{t('filters.clear')}</Link> : null}
        </div>
      </Form>
      </details>

      <section aria-labelledby="products-heading">
        <h2 id="products-heading">
          {t('category.count', { count: total, formatted: formatNumber(total, lang) })}
        </h2>
        {products.length ? (
          <ProductGrid products={products} priorityCount={2} />
        ) : total > 0 ? (
          <p>
            {t('category.pastEnd')} <Link to={query(1)}>{t('category.firstPage')}</Link>
          </p>
        ) : filtered ? (
          <p>
            {t('category.noMatch')} <Link to={base}>{t('filters.clear')}</Link>
          </p>
        ) : (
          <p>{t('category.empty')}</p>
        )}
        <Pagination page={Math.min(page, pages)} pageSize={pageSize} total={total} hrefFor={query} />
      </section>
    </article>
  )
}
