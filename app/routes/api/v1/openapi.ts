import { openApiDocument } from '~/modules/api/document.server'
import { endpoints } from '~/modules/api/endpoints'
import { apiRoute, implement } from '~/utils/api.server'

const api = apiRoute(implement(endpoints.openApi, () => openApiDocument() as { openapi: string }))
export const loader = api.loader
export const action = api.action
