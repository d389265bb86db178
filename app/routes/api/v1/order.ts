import { endpoints } from '~/modules/api/endpoints'
import { presentOrder } from '~/modules/api/present'
import { findOrder } from '~/modules/orders/queries.server'
import { ApiError, apiRoute, implement } from '~/utils/api.server'
import { env } from '~/utils/env.server'

const api = apiRoute(
  implement(endpoints.getOrder, async ({ key, params }) => {
    // By id or number; another organisation's order does not exist for this key.
    const found = await findOrder(key.organization.id, params.id)
    if (!found) throw new ApiError(404, 'NOT_FOUND')
    return presentOrder(found.order, { side: found.side, settings: env() })
  }),
)
export const loader = api.loader
export const action = api.action
