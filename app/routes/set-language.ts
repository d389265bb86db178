import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { getAuth, safeRedirect } from '~/utils/auth.server'
import { isLanguage } from '~/utils/i18n'
import { languageCookie } from '~/utils/session.server'
import { setUserLocale } from '~/modules/accounts/accounts.server'

/** The language switcher: remembers the choice (cookie, and the account's mail language) and goes to the page in that language. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const lang = url.searchParams.get('lang')
  if (!isLanguage(lang)) throw new Response('Bad Request', { status: 400 })
  const auth = await getAuth(request)
  if (auth && auth.user.locale !== lang) await setUserLocale(auth.user.id, lang)
  const to = safeRedirect(url.searchParams.get('to'), `/${lang}`)
  return redirect(to, { headers: { 'Set-Cookie': await languageCookie.serialize(lang) } })
}
