import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { switchOrganization } from '~/modules/organizations/organizations.server'
import { requireAuth, safeRedirect } from '~/utils/auth.server'
import { readForm } from '~/utils/csrf.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'

// The account menu's organisation switcher posts here; there is no page.
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/${langOf(params)}`)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const auth = await requireAuth(request, lang)
  const formData = await readForm(request)
  const organizationId = formData.get('organizationId')
  // Not a member (or no such organisation): 404, so the answer confirms nothing.
  const organization =
    typeof organizationId === 'string' && organizationId ? await switchOrganization(auth.id, auth.user.id, organizationId) : null
  if (!organization) throw new Response('Not Found', { status: 404 })
  return redirectWithToast(request, safeRedirect(formData.get('redirectTo'), `/${lang}`), {
    key: 'common:toast.switched',
    values: { name: organization.displayName },
  })
}
