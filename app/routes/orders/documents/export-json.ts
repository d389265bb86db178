// /:lang/orgs/:slug/orders/:number/export.json: the order for the seller's e-invoice provider, amounts as
// strings of whole đồng (see OrderExport). Readable by the order's two parties only.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { attachmentHeaders, orderExport, requireOrderForDocument } from '~/modules/orders/documents.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { order } = await requireOrderForDocument(request, params)
  const body = `${JSON.stringify(await orderExport(order), null, 2)}\n`
  return new Response(body, { headers: attachmentHeaders('application/json; charset=utf-8', `${order.number}.json`) })
}
