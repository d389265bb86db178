// /:lang/orgs/:slug/orders/:number/packing-slip: what goes in the parcel, for the producer only (the buyer
// gets 404, as for an order that is not theirs).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { packingSlipView, requireOrderForDocument } from '~/modules/orders/documents.server'
import styles from '~/styles/order-documents.css?url'
import { getT } from '~/utils/i18n.server'
import { useLang } from '~/utils/use-lang'
import { PackingSlip } from './document-parts'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, organization, order, side } = await requireOrderForDocument(request, params)
  if (side !== 'producer') throw new Response('Not Found', { status: 404 })
  return { title: getT(lang)('documents:packingSlip.pageTitle', { number: order.number }), doc: packingSlipView(order, lang, organization.slug) }
}

export default function PackingSlipPage() {
  const { doc } = useLoaderData<typeof loader>()
  return <PackingSlip doc={doc} lang={useLang()} />
}
