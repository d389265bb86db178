import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { logout, safeRedirect } from '~/utils/auth.server'
import { readForm } from '~/utils/csrf.server'
import { langOf } from '~/utils/lang'

// Logging out changes state, so only a CSRF-checked POST does it; a GET (a typed URL, a prefetch) just goes home.
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/${langOf(params)}`)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const form = await readForm(request)
  return logout(request, safeRedirect(form.get('redirectTo'), `/${lang}`), { key: 'toast.loggedOut' })
}
