import { revokeApiKey } from '~/modules/api-keys/api-keys.server'
import { endpoints } from '~/modules/api/endpoints'
import { ApiError, apiRoute, implement } from '~/utils/api.server'

const api = apiRoute(
  implement(endpoints.revokeApiKey, async ({ key, params }) => {
    if (!(await revokeApiKey(key.organization.id, params.id, `api-key:${key.apiKeyId}`))) throw new ApiError(404, 'NOT_FOUND')
  }),
)
export const loader = api.loader
export const action = api.action
