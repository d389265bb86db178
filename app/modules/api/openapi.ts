import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types'
import { z } from 'zod'
import { zodToJsonSchema } from 'zod-to-json-schema'
import { DELIVERY_ADDRESS_LIMIT } from '~/modules/delivery-addresses/schemas'
import type { EndpointDefinition } from './endpoint'
import {
  ApiKeySchema,
  CategorySchema,
  DeliveryAddressSchema,
  endpoints,
  FormerProvinceSchema,
  MeSchema,
  OrderItemSchema,
  OrderListItemSchema,
  OrderListSchema,
  OrderSchema,
  ProductCertificationSchema,
  ProductImageSchema,
  ProductSchema,
  ProvinceSchema,
  RegionTypeSchema,
  SearchFacetsSchema,
  SearchProductSchema,
} from './endpoints'
import { ErrorSchema, listOf, MoneySchema, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './schemas'

// The OpenAPI 3.1 document, generated from the endpoint definitions and their Zod schemas (the same ones
// that validate requests). The API page (/:lang/api-docs) renders it for people.

type Schema = OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject

/** Schemas shown once under components and referred to wherever they appear. */
const named: Record<string, z.ZodTypeAny> = {
  Error: ErrorSchema,
  Money: MoneySchema,
  Me: MeSchema,
  ApiKey: ApiKeySchema,
  Province: ProvinceSchema,
  FormerProvince: FormerProvinceSchema,
  RegionType: RegionTypeSchema,
  DeliveryAddress: DeliveryAddressSchema,
  Category: CategorySchema,
  Product: ProductSchema,
  ProductCertification: ProductCertificationSchema,
  ProductImage: ProductImageSchema,
  SearchProduct: SearchProductSchema,
  SearchFacets: SearchFacetsSchema,
  Order: OrderSchema,
  OrderItem: OrderItemSchema,
  OrderList: OrderListSchema,
  OrderListItem: OrderListItemSchema,
}

function toSchema(schema: z.ZodTypeAny, self?: string): Schema {
  const definitions = Object.fromEntries(Object.entries(named).filter(([name]) => name !== self))
  const json = zodToJsonSchema(schema, {
    target: 'jsonSchema7',
    $refStrategy: 'root',
    basePath: ['#', 'components'],
    definitionPath: 'schemas',
    definitions,
    // Only schemas declared strict (request bodies) refuse unknown properties; answers may gain fields.
    removeAdditionalStrategy: 'strict',
  }) as Record<string, unknown>
  delete json.$schema
  delete json.schemas
  return json as Schema
}

const errorText: Record<string, string> = {
  VALIDATION_ERROR: 'A parameter or body field is not valid; `details` lists the messages by field path.',
  MALFORMED_JSON: 'The body is not valid JSON (or not UTF-8).',
  UNAUTHENTICATED: 'No API key, or a malformed, unknown or revoked one.',
  UNAUTHENTICATED_OPTIONAL: 'An API key was sent and it is malformed, unknown or revoked (sending none is fine).',
  SUSPENDED: 'The key\'s organisation is suspended.',
  FORBIDDEN: 'The key\'s permissions do not allow this.',
  NOT_FOUND: 'Not found.',
  IDEMPOTENCY_IN_PROGRESS: 'A request with the same Idempotency-Key is still being handled; retry shortly.',
  PAYLOAD_TOO_LARGE: 'The body is larger than the limit.',
  UNSUPPORTED_MEDIA_TYPE: 'The body is not sent as `Content-Type: application/json`.',
  UNSUPPORTED_MEDIA_TYPE_UPLOAD: 'The body is not sent as `Content-Type: multipart/form-data`.',
  MALFORMED_MULTIPART: 'The body is not a readable multipart/form-data body.',
  PAYLOAD_TOO_LARGE_UPLOAD: 'The body (the file and its fields) is larger than the limit.',
  IDEMPOTENCY_KEY_REUSED: 'The Idempotency-Key was used before with a different request.',
  RATE_LIMITED: 'Too many requests for this key or client address; wait for Retry-After seconds.',
  INTERNAL_ERROR: 'Something failed on the server. The message never contains internal details.',
}

/** The errors an endpoint can answer: those its definition implies, then its own. */
function errorsOf(endpoint: EndpointDefinition) {
  const list: { status: number; code: string; description: string }[] = []
  const add = (status: number, code: string, description = errorText[code]) => list.push({ status, code, description })
  if (endpoint.query || endpoint.body || endpoint.upload) add(400, 'VALIDATION_ERROR')
  if (endpoint.body) add(400, 'MALFORMED_JSON')
  if (endpoint.upload) add(400, 'MALFORMED_MULTIPART')
  add(401, 'UNAUTHENTICATED', endpoint.auth === 'required' ? errorText.UNAUTHENTICATED : errorText.UNAUTHENTICATED_OPTIONAL)
  if (!endpoint.allowSuspended) add(403, 'FORBIDDEN', errorText.SUSPENDED)
  if (endpoint.permission) add(403, 'FORBIDDEN', endpoint.forbiddenMessage ? 'API keys cannot manage API keys (see above).' : errorText.FORBIDDEN)
  if (endpoint.organizationKinds) add(403, 'FORBIDDEN', `Only ${endpoint.organizationKinds.map((k) => k.toLowerCase()).join(' and ')} organisations may call this.`)
  for (const e of endpoint.errors ?? []) add(e.status, e.code, e.description)
  if (endpoint.idempotent) add(409, 'IDEMPOTENCY_IN_PROGRESS')
  if (endpoint.body) add(413, 'PAYLOAD_TOO_LARGE')
  if (endpoint.upload) add(413, 'PAYLOAD_TOO_LARGE', `${errorText.PAYLOAD_TOO_LARGE_UPLOAD} (${endpoint.upload.maxBytes} bytes)`)
  if (endpoint.body) add(415, 'UNSUPPORTED_MEDIA_TYPE')
  if (endpoint.upload) add(415, 'UNSUPPORTED_MEDIA_TYPE', errorText.UNSUPPORTED_MEDIA_TYPE_UPLOAD)
  if (endpoint.idempotent) add(422, 'IDEMPOTENCY_KEY_REUSED')
  add(429, 'RATE_LIMITED')
  add(500, 'INTERNAL_ERROR')
  return list
}

const errorHeaders: Record<number, Record<string, OpenAPIV3_1.HeaderObject>> = {
  401: { 'WWW-Authenticate': { description: '`Bearer realm="api"`', schema: { type: 'string' } } },
  429: { 'Retry-After': { description: 'Seconds until the current window ends.', schema: { type: 'integer' } } },
}

const successText = { 200: 'OK', 201: 'Created', 204: 'No content' } as const

function operationOf(endpoint: EndpointDefinition): OpenAPIV3_1.OperationObject {
  const parameters: OpenAPIV3_1.ParameterObject[] = []
  for (const [, name] of endpoint.path.matchAll(/\{(\w+)\}/g)) {
    parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } })
  }
  if (endpoint.query) {
    const query = toSchema(endpoint.query) as OpenAPIV3_1.SchemaObject
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema as OpenAPIV3_1.SchemaObject
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, description, schema: rest as OpenAPIV3.SchemaObject })
    }
  }
  if (endpoint.idempotent) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any unique string (a UUID, say). A retry with the same key and the same body within 24 hours gets the first answer again, ' +
        'with the header `Idempotent-Replayed: true`, instead of creating a second one; the same key with a different body gets 422.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    })
  }

  const responses: OpenAPIV3_1.ResponsesObject = {}
  const success: OpenAPIV3_1.ResponseObject = { description: successText[endpoint.status] }
  if (endpoint.response) success.content = { 'application/json': { schema: toSchema(endpoint.response) } }
  if (endpoint.idempotent) {
    success.headers = { 'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.', schema: { type: 'string' } } }
  }
  responses[String(endpoint.status)] = success
  const byStatus = new Map<number, string[]>()
  for (const e of errorsOf(endpoint)) byStatus.set(e.status, [...(byStatus.get(e.status) ?? []), `\`${e.code}\`: ${e.description}`])
  for (const [status, lines] of byStatus) {
    responses[String(status)] = {
      description: lines.join('\n\n'),
      headers: errorHeaders[status],
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    }
  }

  return {
    operationId: endpoint.operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    description: endpoint.description,
    security: endpoint.auth === 'required' ? [{ bearerAuth: [] }] : [{}, { bearerAuth: [] }],
    parameters: parameters.length ? parameters : undefined,
    requestBody: requestBodyOf(endpoint),
    responses,
  }
}

function requestBodyOf(endpoint: EndpointDefinition): OpenAPIV3_1.RequestBodyObject | undefined {
  if (endpoint.body) return { required: true, content: { 'application/json': { schema: toSchema(endpoint.body) } } }
  if (!endpoint.upload) return undefined
  const { file, fileDescription, fields } = endpoint.upload
  const others = fields ? (toSchema(fields) as OpenAPIV3_1.SchemaObject) : { properties: {}, required: [] }
  const schema: OpenAPIV3_1.SchemaObject = {
    type: 'object',
    properties: { [file]: { type: 'string', contentMediaType: 'application/octet-stream', description: fileDescription }, ...others.properties },
    required: [file, ...(others.required ?? [])],
    additionalProperties: false,
  }
  return { required: true, content: { 'multipart/form-data': { schema } } }
}

export type OpenApiSettings = { appUrl: string; rateLimitPerKey: number; rateLimitPerIp: number; maxBodyBytes: number }

export const API_RATE_LIMIT_DEFAULTS = { perKey: 1200, perIp: 300 }

function descriptionOf(settings: OpenApiSettings) {
  return [
    'The platform API of Chợ Vùng Miền, the B2B marketplace for specialties of Vietnam\'s mountain, remote and island areas. ' +
      'Buyers (supermarket chains, distributors, exporters) connect their purchasing systems to it.',
    '**Keys.** An organisation owner creates keys on the organisation\'s "API keys" page. Send one as `Authorization: Bearer <key>`. ' +
      'A key acts as its organisation with a member\'s permissions. Public reference data needs no key.',
    `**Lists** answer \`{ "data": [...], "page": 1, "pageSize": ${PAGE_SIZE_DEFAULT}, "total": 123 }\`; \`page\` from 1, \`pageSize\` ` +
      `${PAGE_SIZE_DEFAULT} by default and at most ${PAGE_SIZE_MAX}; multi-value filters are repeated parameters. ` +
      'A single resource is the bare object; a create answers 201 with the created object.',
    '**Money** is `{ "amount": "150000", "currency": "VND" }`: an integer string in minor units (VND has none).',
    '**Errors** are `{ "error": { "code", "message", "details"? } }`, with the message in the request\'s language ' +
      '(`Accept-Language: en` for English; Vietnamese by default). Another organisation\'s resources answer 404, never 403. ' +
      'A wrong method answers 405 with an `Allow` header; an unknown path under /api answers 404.',
    '**Idempotency.** POSTs that create things accept an `Idempotency-Key` header (see each operation).',
    `**Rate limits**, per minute: ${settings.rateLimitPerKey} requests per key and ${settings.rateLimitPerIp} per client address on this server ` +
      `(defaults ${API_RATE_LIMIT_DEFAULTS.perKey} and ${API_RATE_LIMIT_DEFAULTS.perIp}, set by API_RATE_LIMIT_PER_KEY and API_RATE_LIMIT_PER_IP); ` +
      'beyond them 429 `RATE_LIMITED` with `Retry-After`.',
    `**Bodies** are JSON (\`Content-Type: application/json\`) of at most ${settings.maxBodyBytes} bytes; photo uploads are \`multipart/form-data\`.`,
    '**Reference codes** are stable: provinces by their two-digit statistics-office codes (the 34 since 1 July 2025, and the former 63), ' +
      'region types MOUNTAIN | REMOTE | ISLAND | BORDER (`NONE` in queries, `null` in JSON).',
    `**Delivery addresses** are where buyer organisations receive goods (at most ${DELIVERY_ADDRESS_LIMIT} each).`,
    '**Products** are public when published; producers manage their own with their keys (photos are uploaded as `multipart/form-data`).',
    '**Search** (`GET /api/v1/search`) finds published products the way buyers type (no diacritics needed, typos forgiven, Vietnamese or English) and counts them by facet.',
    '**Orders**: a buyer\'s key places orders (one per producer, all or nothing, stock reserved at once) and follows them; a producer\'s key ' +
      'sees the orders placed with it and confirms, rejects or ships them (`POST /api/v1/orders/{id}/transitions`). Every order carries its history.',
  ].join('\n\n')
}

export const tagDescriptions: Record<string, string> = {
  Organisation: 'The organisation a key acts for.',
  'API keys': 'Listed for completeness: keys are managed on the website by owners.',
  'Reference data': 'Public lists of the codes the API uses.',
  'Delivery addresses': 'Where a buyer organisation receives goods (supermarket chains have several distribution centres).',
  Products: 'The catalogue: anyone may read published listings; a producer\'s key creates and maintains its own.',
  Orders:
    'Placing orders (buyers) and moving them along: confirmation, rejection, shipment, cancellation, delivery. Orders above a purchaser\'s or a key\'s spending limit wait in PENDING_APPROVAL until an approver approves or rejects them (`/approve`, `/reject`).',
  'Order lists': 'Saved lists of products and quantities a buyer organisation reorders, shared by its members.',
  Ledger: 'What the platform owes a producer: its sales less fees, withholding and refunds, and the payouts made to it.',
  Documentation: 'This document.',
}

/** The whole document. Paths follow the order of the endpoint definitions. */
export function buildOpenApiDocument(settings: OpenApiSettings): OpenAPIV3_1.Document {
  const paths: OpenAPIV3_1.PathsObject = {}
  for (const endpoint of Object.values(endpoints) as EndpointDefinition[]) {
    const item = (paths[endpoint.path] ??= {}) as Record<string, OpenAPIV3_1.OperationObject>
    item[endpoint.method.toLowerCase()] = operationOf(endpoint)
  }
  const schemas: Record<string, Schema> = Object.fromEntries(Object.entries(named).map(([name, schema]) => [name, toSchema(schema, name)]))
  schemas.List = toSchema(listOf(z.unknown()).describe('The shape of every list; `data` holds the items of the page.'))
  return {
    openapi: '3.1.0',
    info: { title: 'Chợ Vùng Miền platform API', version: '1.0.0', description: descriptionOf(settings) },
    servers: [{ url: settings.appUrl.replace(/\/$/, '') }],
    tags: Object.entries(tagDescriptions).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key created by an organisation owner (it starts with `cvm_`).' },
      },
    },
  }
}
