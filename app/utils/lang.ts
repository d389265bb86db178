import { isLanguage, type Language } from './i18n'

/** The language of a route under /:lang (the layout has already redirected anything else). */
export function langOf(params: { lang?: string }): Language {
  if (!isLanguage(params.lang)) throw new Response('Not Found', { status: 404 })
  return params.lang
}
