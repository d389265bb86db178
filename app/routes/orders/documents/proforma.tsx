// /:lang/orgs/:slug/orders/:number/proforma: the proforma invoice (the amount to pay), printable, for both parties.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireOrderForDocument, tradeDocumentView } from '~/modules/orders/documents.server'
import styles from '~/styles/order-documents.css?url'
import { getT } from '~/utils/i18n.server'
import { useLang } from '~/utils/use-lang'
import { TradeDocument } from './document-parts'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, organization, order, side } = await requireOrderForDocument(request, params)
  const doc = await tradeDocumentView(order, side, lang, 'proforma', organization.slug)
  return { title: getT(lang)('documents:proforma.pageTitle', { number: order.number }), doc }
}

export default function ProformaInvoice() {
  const { doc } = useLoaderData<typeof loader>()
  return <TradeDocument doc={doc} lang={useLang()} />
}
