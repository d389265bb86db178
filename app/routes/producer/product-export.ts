import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportProductsCsv } from '~/modules/catalog/csv.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'

/** Every product of the producer, in the import's layout (importing it back changes nothing). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization } = await requireOrgPermission(request, lang, params.slug, 'read:product:own')
  if (organization.kind !== 'PRODUCER') throw new Response('Not Found', { status: 404 })
  // Excel with Vietnamese regional settings splits columns at ';' rather than ','.
  const delimiter = new URL(request.url).searchParams.get('delimiter') === 'semicolon' ? ';' : ','
  const csv = await exportProductsCsv(organization.id, lang, delimiter)
  const date = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${organization.slug}-products-${date}.csv"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
