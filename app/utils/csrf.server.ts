import { createCookie, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
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

/**
 * A multipart form with one small file (a CSV), read whole in memory, then its CSRF token checked. Null when a
 * part is larger than `maxBytes`: nothing was read or written, so the token (perhaps in a part never reached)
 * is not needed, and the caller answers 413. A body that is not multipart, or is malformed, is a 400.
 */
export async function readUploadForm(request: Request, maxBytes: number): Promise<FormData | null> {
  if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) throw new Response('Bad Request', { status: 400 })
  let formData: FormData
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null
    if (error instanceof TypeError) throw new Response('Bad Request', { status: 400 })
    throw error
  }
  await validateCsrf(request, formData)
  return formData
}
