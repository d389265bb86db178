import { listCategoryTree } from '~/modules/catalog/categories.server'
import { listPublicProducts } from '~/modules/catalog/products.server'
import { listRecentProducers } from '~/modules/organizations/directory.server'
import { env } from '~/utils/env.server'
import { languages } from '~/utils/i18n'
import { pageUrl, siteOrigin } from '~/utils/seo'

// One sitemap (the protocol allows 50,000 URLs) of every indexable page in both languages; each entry lists
// its translations and the language-negotiating x-default, as Google documents for multilingual sites.
const PAGE_SIZE = 100
const MAX_URLS = 50_000

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')

async function publicProductSlugs() {
  const slugs: string[] = []
  for (let page = 1; ; page++) {
    const { items, total } = await listPublicProducts({ sort: 'newest', page, pageSize: PAGE_SIZE })
    slugs.push(...items.map((p) => p.slug))
    if (!items.length || slugs.length >= total || slugs.length * languages.length >= MAX_URLS) break
  }
  return slugs
}

export async function loader() {
  const origin = siteOrigin(env().APP_URL)
  const [categories, products, producers] = await Promise.all([
    listCategoryTree(),
    publicProductSlugs(),
    listRecentProducers(MAX_URLS),
  ])
  const paths = [
    '',
    ...categories.flatMap((c) => [`/c/${c.slug}`, ...c.children.map((child) => `/c/${child.slug}`)]),
    ...products.map((slug) => `/p/${encodeURIComponent(slug)}`),
    ...producers.map((o) => `/orgs/${encodeURIComponent(o.slug)}`),
  ].slice(0, Math.floor(MAX_URLS / languages.length))

  const alternates = (path: string) =>
    [
      ...languages.map((l) => `    <xhtml:link rel="alternate" hreflang="${l}" href="${xml(pageUrl(origin, l, path))}"/>`),
      `    <xhtml:link rel="alternate" hreflang="x-default" href="${xml(`${origin}${path || '/'}`)}"/>`,
    ].join('\n')
  const entries = paths.flatMap((path) =>
    languages.map((lang) => `  <url>\n    <loc>${xml(pageUrl(origin, lang, path))}</loc>\n${alternates(path)}\n  </url>`),
  )
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...entries,
    '</urlset>',
    '',
  ].join('\n')
  return new Response(body, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  })
}
