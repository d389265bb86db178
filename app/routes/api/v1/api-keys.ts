import { createApiKey, listApiKeys } from '~/modules/api-keys/api-keys.server'
import { endpoints } from '~/modules/api/endpoints'
import { presentApiKey } from '~/modules/api/present'
import { apiRoute, implement, pageInMemory } from '~/utils/api.server'

// Keys are an owner's business: a key's member permissions do not include these, so the conventions answer
// 403 before the handlers run. The handlers are real so that the endpoints keep working if that changes.
const api = apiRoute(
  implement(endpoints.listApiKeys, async ({ key, query }) => pageInMemory((await listApiKeys(key.organization.id)).map(presentApiKey), query)),
  implement(endpoints.createApiKey, async ({ key, body }) => {
    const created = await createApiKey({ organizationId: key.organization.id, name: body.name, actor: `api-key:${key.apiKeyId}` })
    return { ...presentApiKey(created.apiKey), key: created.key }
  }),
)
export const loader = api.loader
export const action = api.action
