import type { MetaDescriptor } from '@remix-run/node'
import { languages, type Language } from './i18n'

// Browser-safe: `meta` functions run in the browser too. Loaders build a PageSeo (they know APP_URL) and
// the route's `meta` turns it into tags with seoMeta().

/** What a page says about itself to search engines and link previews. */
export type PageSeo = {
  /** APP_URL's origin, without a trailing slash. */
  origin: string
  lang: Language
  /** The path after /:lang ('' for the home page, '/c/tea', '/p/che-shan-tuyet'). */
  path: string
  /** Query string kept on the canonical URL (e.g. '?page=2'); filters and sorting are left out. */
  search?: string
  title: string
  description: string
  image?: { url: string; width?: number; height?: number; alt?: string } | null
  type?: 'website' | 'product' | 'profile'
  /** Pages that must not be indexed (filtered listings, drafts shown to their producer). */
  noindex?: boolean
}

const ogLocale: Record<Language, string> = { vi: 'vi_VN', en: 'en_GB' }

/** The origin of APP_URL ('https://chovungmien.vn'), whatever path or slash it was written with. */
export function siteOrigin(appUrl: string) {
  return new URL(appUrl).origin
}

/** The absolute URL of a page in a language. */
export function pageUrl(origin: string, lang: Language, path: string, search = '') {
  return `${origin}/${lang}${path}${search}`
}

/** An absolute URL for a site path ('/media/images/…' → 'https://…/media/images/…'). */
export function absoluteUrl(origin: string, pathOrUrl: string) {
  return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${origin}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`
}

/** Cuts a description at a word boundary so search results show it whole (about 160 characters). */
export function metaDescription(text: string, max = 160) {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`
}

/**
 * Title, description, canonical URL, hreflang alternates (vi, en and x-default — the language-less URL
 * that redirects by the visitor's language) and Open Graph tags.
 */
export function seoMeta(seo: PageSeo | null | undefined): MetaDescriptor[] {
  if (!seo) return []
  const search = seo.search ?? ''
  const canonical = pageUrl(seo.origin, seo.lang, seo.path, search)
  const tags: MetaDescriptor[] = [
    { title: seo.title },
    { name: 'description', content: seo.description },
    { tagName: 'link', rel: 'canonical', href: canonical },
    ...languages.map((lang) => ({ tagName: 'link', rel: 'alternate', hrefLang: lang, href: pageUrl(seo.origin, lang, seo.path, search) })),
    { tagName: 'link', rel: 'alternate', hrefLang: 'x-default', href: `${seo.origin}${seo.path || '/'}${search}` },
    { property: 'og:site_name', content: 'Chợ Vùng Miền' },
    { property: 'og:type', content: seo.type ?? 'website' },
    { property: 'og:title', content: seo.title },
    { property: 'og:description', content: seo.description },
    { property: 'og:url', content: canonical },
    { property: 'og:locale', content: ogLocale[seo.lang] },
    ...languages.filter((l) => l !== seo.lang).map((l) => ({ property: 'og:locale:alternate', content: ogLocale[l] })),
  ]
  if (seo.image) {
    tags.push({ property: 'og:image', content: absoluteUrl(seo.origin, seo.image.url) })
    if (seo.image.width) tags.push({ property: 'og:image:width', content: String(seo.image.width) })
    if (seo.image.height) tags.push({ property: 'og:image:height', content: String(seo.image.height) })
    if (seo.image.alt) tags.push({ property: 'og:image:alt', content: seo.image.alt })
    tags.push({ name: 'twitter:card', content: 'summary_large_image' })
  } else {
    tags.push({ name: 'twitter:card', content: 'summary' })
  }
  if (seo.noindex) tags.push({ name: 'robots', content: 'noindex, follow' })
  return tags
}

/**
 * JSON for a <script type="application/ld+json">: `<` is escaped so no text from a listing can close
 * the script element.
 */
export function jsonLdString(value: unknown) {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}
