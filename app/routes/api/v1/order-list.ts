import { endpoints } from '~/modules/api/endpoints'
import { presentOrderList } from '~/modules/api/present'
import { orderListWriteError } from '~/modules/order-lists/api.server'
import { deleteOrderList, getOrderList, updateOrderList } from '~/modules/order-lists/order-lists.server'
import { ApiError, apiRoute, implement } from '~/utils/api.server'

// Another organisation's list does not exist for this key: 404.
const api = apiRoute(
  implement(endpoints.getOrderList, async ({ key, params }) => {
    const list = await getOrderList(key.organization.id, params.id)
    if (!list) throw new ApiError(404, 'NOT_FOUND')
    return presentOrderList(list)
  }),
  implement(endpoints.updateOrderList, async ({ key, params, body, t }) => {
    const result = await updateOrderList(key.organization.id, params.id, body)
    if (!result.ok) throw orderListWriteError(result, t)
    const list = await getOrderList(key.organization.id, result.list.id)
    if (!list) throw new ApiError(404, 'NOT_FOUND')
    return presentOrderList(list)
  }),
  implement(endpoints.deleteOrderList, async ({ key, params }) => {
    if (!(await deleteOrderList(key.organization.id, params.id))) throw new ApiError(404, 'NOT_FOUND')
  }),
)
export const loader = api.loader
export const action = api.action
