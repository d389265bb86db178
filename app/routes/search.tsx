import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { OrganizationCard } from '~/components/organization-card'
import { searchOrganizations } from '~/modules/organizations/directory.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200)
  const page = Math.max(1, Math.min(1000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1))
  const results = q ? await searchOrganizations(q, page) : null
  return { q, results, title: getT(lang)('search.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

export default function Search() {
  const { q, results } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const lang = useLang()
  const pages = results ? Math.max(1, Math.ceil(results.total / results.pageSize)) : 1
  const pageLink = (page: number) => `/${lang}/search?${new URLSearchParams({ q, page: String(page) })}`
  return (
    <section>
      <h1>{q ? t('search.resultsFor', { q }) : t('search.title')}</h1>
      <p className="meta">{t('search.productsSoon')}</p>
      {!results ? (
        <p>{t('search.prompt')}</p>
      ) : results.total === 0 ? (
        <p>{t('search.empty')}</p>
      ) : (
        <>
          <p>{t('search.count', { count: results.total })}</p>
          <ul className="cards">
            {results.items.map((o) => (
              <OrganizationCard key={o.id} organization={o} />
            ))}
          </ul>
          {pages > 1 ? (
            <nav className="pagination" aria-label={t('pagination.page', { page: results.page, pages })}>
              {results.page > 1 ? <Link to={pageLink(results.page - 1)}>{t('pagination.previous')}</Link> : null}
              <span>{t('pagination.page', { page: results.page, pages })}</span>
              {results.page < pages ? <Link to={pageLink(results.page + 1)}>{t('pagination.next')}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  )
}
