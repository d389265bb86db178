import { createCookie } from '@remix-run/node'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { env } from './env.server'

export const CSRF_FIELD = 'csrf'

let cookie: ReturnType<typeof createCookie> | undefined
const csrfCookie = () =>
  (cookie ??= createCookie('csrf', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secrets: [env().SESSION_SECRET],
    secure: env().APP_URL.startsWith('https://'),
  }))

/** The request's token, and a Set-Cookie header when a new one had to be made. */
export async function getCsrfToken(request: Request): Promise<{ token: string; setCookie?: string }> {
  const existing = await csrfCookie().parse(request.headers.get('Cookie'))
  if (typeof existing === 'string' && existing.length >= 32) return { token: existing }
  const token = randomBytes(24).toString('base64url')
  return { token, setCookie: await csrfCookie().serialize(token) }
}

/** Double-submit check for cookie-authenticated form posts; a mismatch is a 403 before anything is written. */
export async function validateCsrf(request: Request, formData: FormData) {
  const expected = await csrfCookie().parse(request.headers.get('Cookie'))
  const sent = formData.get(CSRF_FIELD)
  const ok =
    typeof expected === 'string' &&
    typeof sent === 'string' &&
    expected.length === sent.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(sent))
  if (!ok) throw new Response('CSRF_INVALID', { status: 403, statusText: 'CSRF_INVALID' })
}

/** Reads a form post and checks its CSRF token: every cookie-authenticated action starts here. */
export async function readForm(request: Request) {
  const formData = await request.formData()
  await validateCsrf(request, formData)
  return formData
}
