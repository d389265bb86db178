import { redirect } from '@remix-run/node'
import { getSession, sessionStorage, type Toast } from './session.server'

/** Redirects and shows a one-time message (an i18n key) on the next page. */
export async function redirectWithToast(request: Request, url: string, toast: Toast, init?: ResponseInit) {
  const session = await getSession(request)
  session.flash('toast', toast)
  const headers = new Headers(init?.headers)
  headers.append('Set-Cookie', await sessionStorage().commitSession(session))
  return redirect(url, { ...init, headers })
}

/** Reads and clears the pending toast. */
export async function takeToast(request: Request) {
  const session = await getSession(request)
  const toast = (session.get('toast') as Toast | undefined) ?? null
  return { toast, setCookie: toast ? await sessionStorage().commitSession(session) : undefined }
}
