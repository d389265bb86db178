import { redirect } from '@remix-run/node'
import {
  createSession,
  deleteSession,
  getSessionWithUser,
  SESSION_TTL_MS,
} from '~/modules/accounts/accounts.server'
import type { Language } from './i18n'
import { getSession, sessionStorage, type Toast } from './session.server'

type Auth = NonNullable<Awaited<ReturnType<typeof getSessionWithUser>>>
const cache = new WeakMap<Request, Promise<Auth | null>>()

/** The signed-in session and user of a request, or null (looked up once per request). */
export function getAuth(request: Request): Promise<Auth | null> {
  let found = cache.get(request)
  if (!found) {
    found = getSession(request).then((s) => {
      const id = s.get('sessionId')
      return id ? getSessionWithUser(id) : null
    })
    cache.set(request, found)
  }
  return found
}

export async function getUser(request: Request) {
  return (await getAuth(request))?.user ?? null
}

/** A local path to come back to after login; anything else falls back. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string) {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}

/** Throws a redirect to the login page (coming back here afterwards) when nobody is signed in. */
export async function requireAuth(request: Request, lang: Language): Promise<Auth> {
  const auth = await getAuth(request)
  if (auth) return auth
  const url = new URL(request.url)
  const back = request.method === 'GET' ? `${url.pathname}${url.search}` : `/${lang}`
  throw redirect(`/${lang}/login?${new URLSearchParams({ redirectTo: back })}`)
}

export async function requireUser(request: Request, lang: Language) {
  return (await requireAuth(request, lang)).user
}

export async function requireAnonymous(request: Request, lang: Language) {
  if (await getAuth(request)) throw redirect(`/${lang}`)
}

export async function startUserSession(request: Request, userId: string, redirectTo: string, toast?: Toast) {
  const session = await getSession(request)
  session.set('sessionId', await createSession(userId))
  if (toast) session.flash('toast', toast)
  return redirect(redirectTo, {
    headers: { 'Set-Cookie': await sessionStorage().commitSession(session, { maxAge: SESSION_TTL_MS / 1000 }) },
  })
}

/** Ends the session; with a toast, the cleared cookie is replaced by one holding only that message. */
export async function logout(request: Request, redirectTo: string, toast?: Toast) {
  const session = await getSession(request)
  const id = session.get('sessionId')
  if (id) await deleteSession(id)
  if (!toast) return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionStorage().destroySession(session) } })
  const fresh = await sessionStorage().getSession()
  fresh.flash('toast', toast)
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionStorage().commitSession(fresh) } })
}
