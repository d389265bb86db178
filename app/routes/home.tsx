import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { OrganizationCard } from '~/components/organization-card'
import { ProductGrid } from '~/components/product-card'
import { listCategoryTree } from '~/modules/catalog/categories.server'
import { listPublicProducts } from '~/modules/catalog/products.server'
import { getDirectoryStats, listRecentProducers } from '~/modules/organizations/directory.server'
import { getUser } from '~/utils/auth.server'
import { env } from '~/utils/env.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useRootData } from '~/root'
import { formatNumber } from '~/utils/format'
import { seoMeta, siteOrigin } from '~/utils/seo'

// Two full rows of six on a wide screen, of two, three or four on smaller ones.
const RECENT_PRODUCTS = 12

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const t = getT(lang)
  const [stats, recent, user, categories, products] = await Promise.all([
    getDirectoryStats(),
    listRecentProducers(8),
    getUser(request),
    listCategoryTree(),
    listPublicProducts({ sort: 'newest', page: 1, pageSize: RECENT_PRODUCTS }),
  ])
  return {
    stats,
    recent,
    signedIn: Boolean(user),
    categories,
    recentProducts: products.items,
    seo: { origin: siteOrigin(env().APP_URL), lang, path: '', title: t('home.title'), description: t('home.description') },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)

export default function Home() {
  const { stats, recent, signedIn, categories, recentProducts } = useLoaderData<typeof loader>()
  const root = useRootData()
  const { t } = useTranslation()
  const lang = root?.lang ?? 'vi'
  const name = (c: { nameVi: string; nameEn: string }) => (lang === 'en' ? c.nameEn : c.nameVi)
  return (
    <>
      <section className="hero">
        <span className="campaign-ribbon">{t('home.campaign')}</span>
        <h1>{t('home.heading')}</h1>
        <p>{t('home.lead')}</p>
        <p>
          {t('home.stats', {
            producers: formatNumber(stats.producers, lang),
            buyers: formatNumber(stats.buyers, lang),
            provinces: formatNumber(stats.provinces, lang),
          })}
        </p>
        <div className="actions">
          {signedIn ? (
            root?.organizations.length ? null : (
              <Link to={`/${lang}/orgs/new`} className="button">
                {t('home.ctaCreateOrg')}
              </Link>
            )
          ) : (
            <>
              <Link to={`/${lang}/signup?${new URLSearchParams({ redirectTo: `/${lang}/orgs/new?kind=PRODUCER` })}`} className="button">
                {t('home.ctaProducer')}
              </Link>
              <Link
                to={`/${lang}/signup?${new URLSearchParams({ redirectTo: `/${lang}/orgs/new?kind=BUYER` })}`}
                className="button button-secondary"
              >
                {t('home.ctaBuyer')}
              </Link>
            </>
          )}
        </div>
      </section>
      {signedIn && root?.user && !root.organizations.length ? <p className="card">{t('home.noOrganization')}</p> : null}

      {categories.length ? (
        <section aria-labelledby="categories">
          <h2 id="categories">{t('catalog:home.categories')}</h2>
          <ul className="region-list">
            {categories.map((c) => (
              <li key={c.slug}>
                <Link to={`/${lang}/c/${c.slug}`}>
                  <strong>{name(c)}</strong>
                </Link>
                {c.children.length ? (
                  <span className="meta">
                    {' · '}
                    {c.children.slice(0, 3).map((child, i) => (
                      <span key={child.slug}>
                        {i ? ', ' : null}
                        <Link to={`/${lang}/c/${child.slug}`}>{name(child)}</Link>
                      </span>
                    ))}
                    {c.children.length > 3 ? '…' : null}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="recent-products">
        <h2 id="recent-products">{t('catalog:home.recentProducts')}</h2>
        {recentProducts.length ? (
          <ProductGrid products={recentProducts} />
        ) : (
          <p>{t('catalog:home.noProducts')}</p>
        )}
      </section>

      {stats.byRegion.length ? (
        <section aria-labelledby="by-region">
          <h2 id="by-region">{t('home.byRegion')}</h2>
          <ul className="region-list">
            {stats.byRegion.map((r) => (
              <li key={r.regionType}>
                <strong>{t(`regionType.${r.regionType}`)}</strong> · {formatNumber(r.count, lang)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="recent-producers">
        <h2 id="recent-producers">{t('home.recentProducers')}</h2>
        {recent.length ? (
          <ul className="cards">
            {recent.map((o) => (
              <OrganizationCard key={o.id} organization={o} />
            ))}
          </ul>
        ) : (
          <p>{t('home.noProducers')}</p>
        )}
      </section>
    </>
  )
}
