import { env } from '~/utils/env.server'
import { languages } from '~/utils/i18n'
import { siteOrigin } from '~/utils/seo'

// Crawlers may read the catalogue, storefronts and product photos; not the API, the operators' endpoint,
// development pages, organisation back offices or account pages (which only redirect to the login form).
// Paths are spelt out per language rather than as "/*/login": a wildcard there would also match a
// product or category whose slug happens to start with the same word.
const PRIVATE_PAGES = [
  '/dev/',
  '/orgs/new',
  '/orgs/switch',
  '/orgs/*/settings',
  '/orgs/*/members',
  '/orgs/*/api-keys',
  '/orgs/*/products',
  '/account',
  '/login',
  '/signup',
  '/logout',
  '/forgot-password',
  '/reset-password',
  '/invitations/',
  '/search',
]

function robotsTxt(origin: string) {
  const disallow = ['/api/', '/_admin/', '/set-language', ...languages.flatMap((lang) => PRIVATE_PAGES.map((path) => `/${lang}${path}`))]
  return ['User-agent: *', 'Allow: /', ...disallow.map((path) => `Disallow: ${path}`), '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n')
}

export function loader() {
  return new Response(robotsTxt(siteOrigin(env().APP_URL)), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  })
}
