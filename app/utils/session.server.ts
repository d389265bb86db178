import { createCookie, createCookieSessionStorage } from '@remix-run/node'
import { env } from './env.server'

const secure = () => env().APP_URL.startsWith('https://')

let storage: ReturnType<typeof createStorage> | undefined
function createStorage() {
  return createCookieSessionStorage<{ sessionId: string }, { toast: Toast }>({
    cookie: {
      name: '__session',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secrets: [env().SESSION_SECRET],
      secure: secure(),
    },
  })
}
/** Signed, httpOnly, SameSite=Lax cookie holding the id of a Session row (and one-time toasts). */
export function sessionStorage() {
  storage ??= createStorage()
  return storage
}

export const getSession = (request: Request) => sessionStorage().getSession(request.headers.get('Cookie'))

export type Toast = { key: string; values?: Record<string, string>; type?: 'success' | 'error' }

/** The language chosen with the switcher; read before Accept-Language for URLs without a language. */
export const languageCookie = createCookie('lang', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })
