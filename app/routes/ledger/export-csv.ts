// /:lang/orgs/:slug/ledger/export.csv?month=YYYY-MM: the producer's monthly statement as CSV (UTF-8 with BOM,
// header in the page's language), between an opening and a closing balance line. Same readers as the ledger.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireLedgerReader } from '~/modules/ledger/access.server'
import { monthlyStatement } from '~/modules/ledger/ledger.server'
import { monthOf, parseMonth } from '~/modules/ledger/month'
import { csvHeaders, statementCsv } from '~/modules/ledger/reports.server'
import { langOf } from '~/utils/lang'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization } = await requireLedgerReader(request, lang, params.slug)
  const month = parseMonth(new URL(request.url).searchParams.get('month')) ?? monthOf(new Date())
  const csv = statementCsv(await monthlyStatement(organization.id, month), lang)
  return new Response(csv, { headers: csvHeaders(`${organization.slug}-${month}.csv`) })
}
