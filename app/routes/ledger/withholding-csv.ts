// /:lang/operator/withholding/export.csv?month=YYYY-MM: the month's withholding summary as CSV for the
// declaration (one line per household business or individual seller; header in the page's language). Operators only.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { addMonth, monthOf, parseMonth } from '~/modules/ledger/month'
import { csvHeaders, withholdingCsv, withholdingSummary } from '~/modules/ledger/reports.server'
import { langOf } from '~/utils/lang'
import { requirePlatformRole } from '~/utils/permissions.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  await requirePlatformRole(request, lang, 'OPERATOR')
  const month = parseMonth(new URL(request.url).searchParams.get('month')) ?? addMonth(monthOf(new Date()), -1)
  return new Response(withholdingCsv(await withholdingSummary(month), lang), { headers: csvHeaders(`withholding-${month}.csv`) })
}
