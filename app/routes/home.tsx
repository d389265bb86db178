import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { OrganizationCard } from '~/components/organization-card'
import { getDirectoryStats, listRecentProducers } from '~/modules/organizations/directory.server'
import { getUser } from '~/utils/auth.server'
import { env } from '~/utils/env.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useRootData } from '~/root'
import { formatNumber } from '~/utils/format'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const t = getT(lang)
  const [stats, recent, user] = await Promise.all([getDirectoryStats(), listRecentProducers(8), getUser(request)])
  const origin = env().APP_URL
  return {
    stats,
    recent,
    signedIn: Boolean(user),
    seo: { title: t('home.title'), description: t('home.description'), origin },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, params }) =>
  data
    ? [
        { title: data.seo.title },
        { name: 'description', content: data.seo.description },
        { tagName: 'link', rel: 'canonical', href: `${data.seo.origin}/${params.lang}` },
        { tagName: 'link', rel: 'alternate', hrefLang: 'vi', href: `${data.seo.origin}/vi` },
        { tagName: 'link', rel: 'alternate', hrefLang: 'en', href: `${data.seo.origin}/en` },
        { tagName: 'link', rel: 'alternate', hrefLang: 'x-default', href: `${data.seo.origin}/` },
      ]
    : []

export default function Home() {
  const { stats, recent, signedIn } = useLoaderData<typeof loader>()
  const root = useRootData()
  const { t } = useTranslation()
  const lang = root?.lang ?? 'vi'
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
