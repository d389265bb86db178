import { endpoints } from '~/modules/api/endpoints'
import { presentDeliveryAddress } from '~/modules/api/present'
import { createDeliveryAddress, listDeliveryAddresses } from '~/modules/delivery-addresses/delivery-addresses.server'
import { DELIVERY_ADDRESS_LIMIT } from '~/modules/delivery-addresses/schemas'
import { ApiError, apiRoute, implement, listResponse, pageOf } from '~/utils/api.server'

const api = apiRoute(
  implement(endpoints.listDeliveryAddresses, async ({ key, query }) => {
    const { items, total } = await listDeliveryAddresses(key.organization.id, pageOf(query))
    return listResponse(items.map(presentDeliveryAddress), query, total)
  }),
  implement(endpoints.createDeliveryAddress, async ({ key, body }) => {
    const result = await createDeliveryAddress(key.organization.id, body)
    if (!result.ok) throw new ApiError(409, result.error, { values: { limit: DELIVERY_ADDRESS_LIMIT } })
    return presentDeliveryAddress(result.address)
  }),
)
export const loader = api.loader
export const action = api.action
