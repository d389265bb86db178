// GET /:lang/search/suggestions?q=… — what the header search box offers while a buyer types (JSON). The page
// language does not change the answer (each suggestion carries both names); it is in the path so that the
// box asks the URL of the page it is on.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { suggestProducts } from '~/modules/search/catalogue-search.server'
import { SEARCH_LIMITS } from '~/modules/search/search-params'
import { langOf } from '~/utils/lang'

export const SUGGESTION_LIMIT = 8

export async function loader({ request, params }: LoaderFunctionArgs) {
  langOf(params)
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, SEARCH_LIMITS.qMax)
  const suggestions = q ? await suggestProducts(q, SUGGESTION_LIMIT) : []
  // A short private cache: typing back over the same letters does not ask again, and a product that was
  // just unpublished stops being offered within the minute.
  return Response.json(suggestions, { headers: { 'Cache-Control': 'private, max-age=30' } })
}
