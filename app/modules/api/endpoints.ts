import { z } from 'zod'
import { ApiKeyCreateSchema } from '~/modules/api-keys/schemas'
import { DELIVERY_ADDRESS_LIMIT, DeliveryAddressCreateSchema, DeliveryAddressUpdateSchema } from '~/modules/delivery-addresses/schemas'
import { organizationKinds, regionTypes } from '~/modules/organizations/schemas'
import { defineEndpoint } from './endpoint'
import { listOf, listQuery, PAGE_SIZE_MAX } from './schemas'

// Every endpoint of the platform API: what it accepts and answers. Routes implement them
// (app/routes/api/v1/*), openapi.ts documents them. Descriptions are in English (the API's reference language).

// Fresh instances: a schema object used twice would be documented as a reference into the first use.
const timestamp = () => z.string().datetime().describe('UTC, ISO 8601.')

// ── Organisation ──────────────────────────────────────────────────────────────────────────────────────

export const MeSchema = z.object({
  slug: z.string().describe('The organisation\'s stable identifier (its address on the site: /vi/orgs/<slug>).'),
  kind: z.enum(organizationKinds),
  name: z.string().describe('Display name.'),
  verificationStatus: z.enum(['UNVERIFIED', 'VERIFIED', 'REJECTED']).describe('Whether the platform\'s operators have checked its legal details.'),
  suspended: z.boolean().describe('A suspended organisation\'s keys are refused everywhere except here.'),
})

// ── API keys ──────────────────────────────────────────────────────────────────────────────────────────

export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to tell keys apart.'),
  createdAt: timestamp(),
  createdBy: z.string().nullable().describe('Name of the person who created it (null when an operator did).'),
  lastUsedAt: timestamp().nullable().describe('Last use, to the minute.'),
  revokedAt: timestamp().nullable(),
})
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string().describe('The key itself. It is shown only in this answer.') })

const KEY_MANAGEMENT = {
  tag: 'API keys',
  auth: 'required',
  forbiddenMessage: 'api:errors.keyManagement',
  description:
    'API keys are managed by an organisation owner on the organisation\'s "API keys" page of the website. A key acts with a member\'s permissions, ' +
    'which do not include managing keys, so every API key gets 403 FORBIDDEN here; the endpoint is listed so that integrations can rely on that answer.',
} as const

// ── Reference data ────────────────────────────────────────────────────────────────────────────────────

const place = () => z.object({ code: z.string().describe('Two-digit code of the statistics office.'), name: z.string() })
export const ProvinceSchema = place().extend({
  city: z.boolean().describe('A centrally governed city (thành phố trực thuộc trung ương).'),
  formerProvinces: z.array(place()).describe('The provinces it was formed from on 1 July 2025 (empty when it was not merged).'),
})
export const FormerProvinceSchema = place().extend({ province: place().describe('The province or city it now belongs to.') })
export const RegionTypeSchema = z.object({
  code: z.enum(regionTypes),
  labels: z.object({ vi: z.string(), en: z.string() }),
})

// ── Delivery addresses ────────────────────────────────────────────────────────────────────────────────

export const DeliveryAddressSchema = z.object({
  id: z.string(),
  label: z.string(),
  recipientName: z.string(),
  phone: z.string().describe('E.164, e.g. +84912345678.'),
  addressLine: z.string(),
  commune: z.string(),
  province: z.string().describe('Province code (one of the 34).'),
  provinceName: z.string(),
  isDefault: z.boolean(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
})

const DELIVERY = {
  tag: 'Delivery addresses',
  auth: 'required',
  organizationKinds: ['BUYER'],
  forbiddenKindMessage: 'api:errors.buyersOnly',
} as const

const notFound = { status: 404, code: 'NOT_FOUND', description: 'No such address in the key\'s organisation (another organisation\'s addresses are never revealed).' }

export const endpoints = {
  me: defineEndpoint({
    method: 'GET',
    path: '/api/v1/me',
    operationId: 'getMe',
    tag: 'Organisation',
    summary: 'The organisation the API key acts for',
    description: 'A quick way to check a key. Answers for a suspended organisation too (with `suspended: true`).',
    auth: 'required',
    allowSuspended: true,
    status: 200,
    response: MeSchema,
  }),

  listApiKeys: defineEndpoint({
    ...KEY_MANAGEMENT,
    method: 'GET',
    path: '/api/v1/api-keys',
    operationId: 'listApiKeys',
    summary: 'List the organisation\'s API keys',
    permission: 'read:apikey:own',
    query: listQuery(),
    status: 200,
    response: listOf(ApiKeySchema),
  }),
  createApiKey: defineEndpoint({
    ...KEY_MANAGEMENT,
    method: 'POST',
    path: '/api/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key',
    permission: 'create:apikey:own',
    body: ApiKeyCreateSchema.strict(),
    idempotent: true,
    status: 201,
    response: CreatedApiKeySchema,
  }),
  revokeApiKey: defineEndpoint({
    ...KEY_MANAGEMENT,
    method: 'DELETE',
    path: '/api/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    permission: 'delete:apikey:own',
    status: 204,
    errors: [{ status: 404, code: 'NOT_FOUND', description: 'No such active key in the organisation.' }],
  }),

  listProvinces: defineEndpoint({
    method: 'GET',
    path: '/api/v1/provinces',
    operationId: 'listProvinces',
    tag: 'Reference data',
    summary: 'The 34 provinces and cities (since 1 July 2025)',
    description: 'Public. Codes are used wherever the API takes or returns a province. All 34 fit in one page by default.',
    auth: 'optional',
    query: listQuery(PAGE_SIZE_MAX),
    status: 200,
    response: listOf(ProvinceSchema),
  }),
  listFormerProvinces: defineEndpoint({
    method: 'GET',
    path: '/api/v1/former-provinces',
    operationId: 'listFormerProvinces',
    tag: 'Reference data',
    summary: 'The 63 provinces before the 2025 merger, with the province each now belongs to',
    description: 'Public. Older certificates and geographical indications name these; a former code is not a current province code.',
    auth: 'optional',
    query: listQuery(PAGE_SIZE_MAX),
    status: 200,
    response: listOf(FormerProvinceSchema),
  }),
  listRegionTypes: defineEndpoint({
    method: 'GET',
    path: '/api/v1/region-types',
    operationId: 'listRegionTypes',
    tag: 'Reference data',
    summary: 'Region types of a producer\'s area',
    description:
      'Public. MOUNTAIN (miền núi), REMOTE (vùng sâu, vùng xa), ISLAND (hải đảo), BORDER (biên giới). In JSON an area of none of these is `null`; ' +
      'filters that take a region type accept `NONE` for it.',
    auth: 'optional',
    query: listQuery(PAGE_SIZE_MAX),
    status: 200,
    response: listOf(RegionTypeSchema),
  }),

  listDeliveryAddresses: defineEndpoint({
    ...DELIVERY,
    method: 'GET',
    path: '/api/v1/delivery-addresses',
    operationId: 'listDeliveryAddresses',
    summary: 'List the organisation\'s delivery addresses (the default first, then the newest)',
    description: 'Buyer organisations only.',
    permission: 'read:delivery-address:own',
    query: listQuery(),
    status: 200,
    response: listOf(DeliveryAddressSchema),
  }),
  createDeliveryAddress: defineEndpoint({
    ...DELIVERY,
    method: 'POST',
    path: '/api/v1/delivery-addresses',
    operationId: 'createDeliveryAddress',
    summary: 'Add a delivery address',
    description: `Buyer organisations only. The first address becomes the default. At most ${DELIVERY_ADDRESS_LIMIT} addresses per organisation.`,
    permission: 'create:delivery-address:own',
    body: DeliveryAddressCreateSchema,
    idempotent: true,
    status: 201,
    response: DeliveryAddressSchema,
    errors: [{ status: 409, code: 'LIMIT_REACHED', description: `The organisation already has ${DELIVERY_ADDRESS_LIMIT} addresses.` }],
  }),
  getDeliveryAddress: defineEndpoint({
    ...DELIVERY,
    method: 'GET',
    path: '/api/v1/delivery-addresses/{id}',
    operationId: 'getDeliveryAddress',
    summary: 'One delivery address',
    permission: 'read:delivery-address:own',
    status: 200,
    response: DeliveryAddressSchema,
    errors: [notFound],
  }),
  updateDeliveryAddress: defineEndpoint({
    ...DELIVERY,
    method: 'PATCH',
    path: '/api/v1/delivery-addresses/{id}',
    operationId: 'updateDeliveryAddress',
    summary: 'Change a delivery address (only the fields sent)',
    description: 'To change the default, send `isDefault: true` for the new one; the old one stops being the default.',
    permission: 'update:delivery-address:own',
    body: DeliveryAddressUpdateSchema,
    status: 200,
    response: DeliveryAddressSchema,
    errors: [notFound, { status: 409, code: 'DEFAULT_REQUIRED', description: '`isDefault: false` for the default address: make another address the default instead.' }],
  }),
  deleteDeliveryAddress: defineEndpoint({
    ...DELIVERY,
    method: 'DELETE',
    path: '/api/v1/delivery-addresses/{id}',
    operationId: 'deleteDeliveryAddress',
    summary: 'Delete a delivery address',
    description: 'When it was the default, the newest remaining address becomes the default.',
    permission: 'delete:delivery-address:own',
    status: 204,
    errors: [notFound],
  }),

  openApi: defineEndpoint({
    method: 'GET',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'Documentation',
    summary: 'This document (OpenAPI 3.1)',
    auth: 'optional',
    status: 200,
    response: z.object({ openapi: z.string() }).passthrough().describe('An OpenAPI 3.1 document.'),
  }),
}
