import type { z } from 'zod'
import type { OrganizationKind } from '~/generated/prisma/enums'
import type { Permission } from '~/modules/organizations/permissions'

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type HttpMethod = (typeof httpMethods)[number]

/**
 * What an endpoint accepts and answers. The route enforces it (app/utils/api.server.ts) and the OpenAPI
 * document describes it (openapi.ts), so the two cannot drift apart.
 */
export type EndpointDefinition = {
  method: HttpMethod
  /** OpenAPI form: `/api/v1/delivery-addresses/{id}` (the route in app/routes.ts has `:id`). */
  path: `/api/v1/${string}`
  operationId: string
  tag: string
  summary: string
  description?: string
  /** `optional`: public data, a key may be sent (and must then be valid); `required`: acts for the key's organisation. */
  auth: 'optional' | 'required'
  permission?: Permission
  /** Only organisations of these kinds may call it (others get 403 with `forbiddenKindMessage`). */
  organizationKinds?: readonly OrganizationKind[]
  forbiddenKindMessage?: string
  /** An i18n key for a 403 from the permission check, when the generic message would puzzle. */
  forbiddenMessage?: string
  /** A suspended organisation's key is refused everywhere except where this is true. */
  allowSuspended?: boolean
  query?: z.ZodTypeAny
  /** A JSON body. */
  body?: z.ZodTypeAny
  /** Instead of a JSON body, a `multipart/form-data` upload of one file (photos). */
  upload?: UploadDefinition
  /** Honours an Idempotency-Key header (POSTs that create things). */
  idempotent?: boolean
  status: 200 | 201 | 204
  /** The success body (none for 204). */
  response?: z.ZodTypeAny
  /** Errors of this endpoint beyond the ones every endpoint of its kind has (see openapi.ts). */
  errors?: readonly { status: number; code: string; description: string }[]
}

export type UploadDefinition = {
  /** The form field that carries the file. */
  file: string
  /** What the file must be, for the documentation. */
  fileDescription: string
  /** The other (text) fields of the form, validated like a JSON body (a `z.object`). */
  fields?: z.ZodTypeAny
  /** The whole body's limit in bytes. */
  maxBytes: number
}

export function defineEndpoint<const E extends EndpointDefinition>(endpoint: E): E {
  if (endpoint.idempotent && (endpoint.method !== 'POST' || endpoint.auth !== 'required')) {
    throw new Error(`${endpoint.operationId}: idempotency is for POSTs made with a key`)
  }
  if (endpoint.body && endpoint.upload) throw new Error(`${endpoint.operationId}: a JSON body or an upload, not both`)
  if ((endpoint.status === 204) !== !endpoint.response) throw new Error(`${endpoint.operationId}: a 204 has no body, others have one`)
  return endpoint
}

/** `/api/v1/delivery-addresses/{id}` → `api/v1/delivery-addresses/:id` (the app/routes.ts form). */
export const routePathOf = (path: string) => path.slice(1).replace(/\{(\w+)\}/g, ':$1')
