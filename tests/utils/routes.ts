// Calls route loaders and actions the way Remix does, with real cookies, so tests exercise the guards,
// the CSRF check and validation exactly as a browser request would.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import { createSession } from '~/modules/accounts/accounts.server'
import { hashPassword } from '~/modules/accounts/password.server'
import { getCsrfToken } from '~/utils/csrf.server'
import { prisma } from '~/utils/db.server'
import { sessionStorage } from '~/utils/session.server'

const BASE = 'http://localhost:3000'

export type RouteResult = { status: number; data: unknown; headers: Headers; location: string | null }

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown

/**
 * Runs a loader or action; a thrown Response (redirect, 404, 403) is returned like a returned one.
 * `context` is the load context server.js would pass (client address, TCP peer).
 */
export async function callRoute(
  handler: unknown,
  request: Request,
  params: Record<string, string>,
  context: AppLoadContext = { clientIp: '127.0.0.1' },
): Promise<RouteResult> {
  try {
    const out = await (handler as Handler)({ request, params, context })
    return toResult(out)
  } catch (thrown) {
    if (thrown instanceof Response) return toResult(thrown)
    throw thrown
  }
}

async function toResult(out: unknown): Promise<RouteResult> {
  if (out instanceof Response) {
    const text = await out.text()
    let data: unknown = text
    try {
      data = JSON.parse(text)
    } catch {
      /* plain text body */
    }
    return { status: out.status, data, headers: out.headers, location: out.headers.get('Location') }
  }
  // Remix's data() helper: { type: 'DataWithResponseInit', data, init }
  if (out && typeof out === 'object' && 'init' in out && 'data' in out) {
    const { data, init } = out as { data: unknown; init: ResponseInit | null }
    return { status: init?.status ?? 200, data, headers: new Headers(init?.headers), location: null }
  }
  return { status: 200, data: out, headers: new Headers(), location: null }
}

/** A user with a known password (default 'correct horse battery'). */
export async function createUser(input: { name?: string; email?: string; phone?: string; password?: string } = {}) {
  const n = Math.random().toString(36).slice(2, 8)
  return prisma.user.create({
    data: {
      name: input.name ?? `User ${n}`,
      email: input.email ?? (input.phone ? undefined : `user-${n}@example.com`),
      phone: input.phone,
      passwordHash: await hashPassword(input.password ?? 'correct horse battery'),
    },
  })
}

/** Cookies of a signed-in browser (session + CSRF) and the CSRF token its forms carry. */
export async function browserFor(userId?: string) {
  const cookies: string[] = []
  if (userId) {
    const session = await sessionStorage().getSession()
    session.set('sessionId', await createSession(userId))
    cookies.push(cookiePair(await sessionStorage().commitSession(session)))
  }
  const csrf = await getCsrfToken(new Request(BASE))
  cookies.push(cookiePair(csrf.setCookie!))
  const cookie = cookies.join('; ')
  return {
    cookie,
    csrfToken: csrf.token,
    get: (path: string) => new Request(`${BASE}${path}`, { headers: { Cookie: cookie } }),
    /** A form post; `csrf: false` leaves the token out. */
    post: (path: string, fields: Record<string, string | string[]>, opts: { csrf?: boolean } = {}) => {
      const body = new URLSearchParams()
      if (opts.csrf !== false) body.append('csrf', csrf.token)
      for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v)
      return new Request(`${BASE}${path}`, {
        method: 'POST',
        body,
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      })
    },
  }
}

const cookiePair = (setCookie: string) => setCookie.split(';')[0]
