import { redirect } from '@remix-run/node'
import { defaultLanguage, isLanguage, languageFromAcceptLanguage, type Language } from './i18n'
import { languageCookie } from './session.server'

/** For URLs without a language: the switcher's cookie, then Accept-Language, then Vietnamese. */
export async function detectLanguage(request: Request): Promise<Language> {
  const fromCookie = await languageCookie.parse(request.headers.get('Cookie'))
  if (isLanguage(fromCookie)) return fromCookie
  return languageFromAcceptLanguage(request.headers.get('Accept-Language')) ?? defaultLanguage
}

/** Sends a URL without a (valid) language to the same path under the visitor's language. */
export async function redirectToLanguage(request: Request, path: string) {
  const url = new URL(request.url)
  const lang = await detectLanguage(request)
  return redirect(`/${lang}${path === '/' ? '' : path}${url.search}`, { headers: { Vary: 'Cookie, Accept-Language' } })
}
