import { endpoints } from '~/modules/api/endpoints'
import { presentDeliveryAddress } from '~/modules/api/present'
import {
  deleteDeliveryAddress,
  getDeliveryAddress,
  updateDeliveryAddress,
} from '~/modules/delivery-addresses/delivery-addresses.server'
import { ApiError, apiRoute, implement } from '~/utils/api.server'

const api = apiRoute(
  implement(endpoints.getDeliveryAddress, async ({ key, params }) => {
    const address = await getDeliveryAddress(key.organization.id, params.id)
    if (!address) throw new ApiError(404, 'NOT_FOUND')
    return presentDeliveryAddress(address)
  }),
  implement(endpoints.updateDeliveryAddress, async ({ key, params, body }) => {
    const result = await updateDeliveryAddress(key.organization.id, params.id, body)
    if (!result.ok) throw new ApiError(result.error === 'NOT_FOUND' ? 404 : 409, result.error)
    return presentDeliveryAddress(result.address)
  }),
  implement(endpoints.deleteDeliveryAddress, async ({ key, params }) => {
    if (!(await deleteDeliveryAddress(key.organization.id, params.id))) throw new ApiError(404, 'NOT_FOUND')
  }),
)
export const loader = api.loader
export const action = api.action
