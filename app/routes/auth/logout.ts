import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { logout } from '~/utils/auth.server'
import { readForm } from '~/utils/csrf.server'
import { langOf } from '~/utils/lang'
import { sessionStorage } from '~/utils/session.server'

// Logging out changes state, so only a CSRF-checked POST does it; a GET (a typed URL, a prefetch) just goes home.
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/${langOf(params)}`)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  await readForm(request)
  const response = await logout(request, `/${lang}`)
  // logout() has deleted the session row and clears the cookie; send instead a fresh cookie that holds
  // only the one-time toast (two Set-Cookie headers for the same cookie would race).
  const session = await sessionStorage().getSession()
  session.flash('toast', { key: 'toast.loggedOut' })
  response.headers.set('Set-Cookie', await sessionStorage().commitSession(session))
  return response
}
