import { env } from '~/utils/env.server'
import { buildOpenApiDocument } from './openapi'

/** The OpenAPI document for this server (its address and its configured limits). */
export function openApiDocument() {
  const settings = env()
  return buildOpenApiDocument({
    appUrl: settings.APP_URL,
    rateLimitPerKey: settings.API_RATE_LIMIT_PER_KEY,
    rateLimitPerIp: settings.API_RATE_LIMIT_PER_IP,
    maxBodyBytes: settings.API_MAX_BODY_BYTES,
  })
}
