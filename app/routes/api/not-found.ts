import { apiNotFound } from '~/utils/api.server'

// Any /api path without an endpoint answers in JSON, not with the HTML page.
export const loader = apiNotFound
export const action = apiNotFound
