import type { LoaderFunctionArgs } from '@remix-run/node'
import { productsCsvTemplate } from '~/modules/catalog/csv.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'

/** The import's headers and two example rows, with a byte-order mark so Excel reads the diacritics. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization } = await requireOrgPermission(request, lang, params.slug, 'create:product:own')
  if (organization.kind !== 'PRODUCER') throw new Response('Not Found', { status: 404 })
  const delimiter = new URL(request.url).searchParams.get('delimiter') === 'semicolon' ? ';' : ','
  return new Response(productsCsvTemplate(lang, delimiter), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${lang === 'vi' ? 'mau-san-pham' : 'product-template'}.csv"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
