import { endpoints } from '~/modules/api/endpoints'
import { presentOrderList } from '~/modules/api/present'
import { orderListWriteError } from '~/modules/order-lists/api.server'
import { createOrderList, getOrderList, listOrderListDetails } from '~/modules/order-lists/order-lists.server'
import { ApiError, apiRoute, implement, listResponse, pageOf } from '~/utils/api.server'

const api = apiRoute(
  implement(endpoints.listOrderLists, async ({ key, query }) => {
    const { items, total } = await listOrderListDetails(key.organization.id, pageOf(query))
    return listResponse(items.map(presentOrderList), query, total)
  }),
  implement(endpoints.createOrderList, async ({ key, body, t }) => {
    // Made with a key: no member created it.
    const result = await createOrderList(key.organization.id, null, { name: body.name, items: body.items })
    if (!result.ok) throw orderListWriteError(result, t)
    const list = await getOrderList(key.organization.id, result.list.id)
    if (!list) throw new ApiError(404, 'NOT_FOUND')
    return presentOrderList(list)
  }),
)
export const loader = api.loader
export const action = api.action
