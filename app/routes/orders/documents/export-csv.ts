// /:lang/orgs/:slug/orders/:number/export.csv: the order's billed lines for the seller's e-invoice provider,
// one row per line (UTF-8 with BOM for Excel). Readable by the order's two parties only.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { attachmentHeaders, orderExport, orderExportCsv, requireOrderForDocument } from '~/modules/orders/documents.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { order } = await requireOrderForDocument(request, params)
  const csv = orderExportCsv(await orderExport(order))
  return new Response(csv, { headers: attachmentHeaders('text/csv; charset=utf-8', `${order.number}.csv`) })
}
