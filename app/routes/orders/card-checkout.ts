// POST /:lang/orgs/:slug/orders/:number/card: the buyer's "Pay by card" button on the order page
// (components/card-payment.tsx). A plain form post (CSRF checked) answered by a 303 to Stripe's hosted Checkout
// page, which sends the buyer back to the order page afterwards; a refusal goes back to the order page with a
// translated message. Only a member of the buyer allowed to change orders; anyone else gets the order page's 404.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { findOrder } from '~/modules/orders/queries.server'
import { cardCheckoutFor } from '~/modules/payments/card.server'
import { readForm } from '~/utils/csrf.server'
import { env } from '~/utils/env.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'

/** Nothing to show here: the order page has the button. */
export function loader({ params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  return redirect(`/${lang}/orgs/${params.slug}/orders/${params.number}`)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  await readForm(request)
  const { organization } = await requireOrgPermission(request, lang, params.slug, 'update:order:own')
  const found = await findOrder(organization.id, params.number ?? '')
  if (!found || found.side !== 'buyer') throw new Response('Not Found', { status: 404 })
  const { order } = found
  const orderPath = `/${lang}/orgs/${organization.slug}/orders/${order.number}`
  const result = await cardCheckoutFor(order, { orderUrl: `${env().APP_URL}${orderPath}`, lang })
  if (!result.ok) return redirectWithToast(request, orderPath, { key: `errors:${result.error}`, type: 'error' })
  return redirect(result.url, 303)
}
