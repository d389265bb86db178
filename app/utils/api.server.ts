// The conventions of the platform API (/api/v1), in one place: a route declares its endpoints (what each
// accepts and answers, app/modules/api/endpoints.ts) and a handler per endpoint; everything else —
// method dispatch, API keys, permissions, rate limits, JSON bodies and multipart uploads, validation,
// idempotency, errors in the caller's language — happens here, the same way for every endpoint.
//
//   const api = apiRoute(
//     implement(endpoints.listDeliveryAddresses, async ({ key, query }) => {
//       const { items, total } = await listDeliveryAddresses(key.organization.id, pageOf(query))
//       return listResponse(items.map(presentDeliveryAddress), query, total)
//     }),
//     implement(endpoints.createDeliveryAddress, async ({ key, body }) => { … return toApi(address) }),
//   )
//   export const loader = api.loader
//   export const action = api.action
import { createHash } from 'node:crypto'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import type { TFunction } from 'i18next'
import type { z } from 'zod'
import { authenticateApiKey } from '~/modules/api-keys/api-keys.server'
import type { EndpointDefinition, UploadDefinition } from '~/modules/api/endpoint'
import { beginIdempotentRequest, finishIdempotentRequest, releaseIdempotentRequest } from '~/modules/api/idempotency.server'
import { apiKeyPermissions } from '~/modules/organizations/permissions'
import { env } from './env.server'
import { defaultLanguage, languageFromAcceptLanguage, type Language } from './i18n'
import { getT } from './i18n.server'
import { hitRateLimit } from './rate-limit.server'

// The shared shapes, so an endpoint imports everything it needs from here.
export { listOf, listQuery, listResponse, money, pageInMemory, pageOf, repeated } from '~/modules/api/schemas'

export type ApiKeyAuth = NonNullable<Awaited<ReturnType<typeof authenticateApiKey>>>

type Parsed<E, K extends 'query' | 'body'> = E extends { [P in K]: infer S extends z.ZodTypeAny } ? z.output<S> : undefined
type Reply<E> = E extends { response: infer S extends z.ZodTypeAny } ? z.input<S> : void

/** The file of a multipart upload, read into memory (the endpoint's `upload.maxBytes` bounds it). */
export type UploadedFile = { bytes: Uint8Array; name: string; type: string; size: number }
type Upload<E> = E extends { upload: infer U extends UploadDefinition }
  ? { file: UploadedFile; fields: U extends { fields: infer S extends z.ZodTypeAny } ? z.output<S> : Record<string, never> }
  : undefined

export type ApiContext<E extends EndpointDefinition> = {
  request: Request
  url: URL
  params: Record<string, string>
  lang: Language
  t: TFunction
  /** The calling key and its organisation (always there when the endpoint requires a key). */
  key: E['auth'] extends 'required' ? ApiKeyAuth : ApiKeyAuth | null
  query: Parsed<E, 'query'>
  body: Parsed<E, 'body'>
  /** The file and the other fields of a `multipart/form-data` upload (endpoints with `upload`). */
  upload: Upload<E>
}

type Implementation = { endpoint: EndpointDefinition; handler: (ctx: never) => unknown }

/** An endpoint with its handler. The handler returns the success body (typed by the endpoint's response schema) or throws an ApiError. */
export function implement<const E extends EndpointDefinition>(
  endpoint: E,
  handler: (ctx: ApiContext<E>) => Promise<Reply<E>> | Reply<E>,
): Implementation {
  return { endpoint, handler }
}

/** An answer other than success: `throw new ApiError(404, 'NOT_FOUND')`. The message is `api:errors.<code>` unless given. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly options: {
      message?: string
      values?: Record<string, unknown>
      details?: Record<string, string[]>
      /** Failing order lines, machine-readable (see ErrorSchema). */
      lines?: unknown[]
      headers?: Record<string, string>
    } = {},
  ) {
    super(code)
  }
}

const RATE_WINDOW_MS = 60_000
const IDEMPOTENCY_KEY_MAX = 255

type RouteArgs = LoaderFunctionArgs | ActionFunctionArgs
type RouteFunction = ((args: RouteArgs) => Promise<Response>) & { endpoints: readonly EndpointDefinition[] }

/**
 * The `loader` and `action` of an API resource route. Export both, so every method answers in JSON
 * (405 for the ones not implemented). The endpoints are attached for the OpenAPI coverage test.
 */
export function apiRoute(...implementations: Implementation[]): { loader: RouteFunction; action: RouteFunction } {
  const byMethod = new Map<string, Implementation>()
  for (const implementation of implementations) {
    if (byMethod.has(implementation.endpoint.method)) throw new Error(`Two ${implementation.endpoint.method} endpoints in one route`)
    byMethod.set(implementation.endpoint.method, implementation)
  }
  const endpoints = implementations.map((i) => i.endpoint)
  const handle = Object.assign((args: RouteArgs) => dispatch(byMethod, args), { endpoints })
  return { loader: handle, action: handle }
}

/** The answer to any /api path that has no endpoint (a catch-all route uses it). */
export function apiNotFound({ request }: RouteArgs) {
  const { lang, t } = languageOf(request)
  return errorResponse(new ApiError(404, 'NOT_FOUND', { message: 'api:errors.noSuchEndpoint' }), t, baseHeaders(lang))
}

function languageOf(request: Request) {
  const lang = languageFromAcceptLanguage(request.headers.get('Accept-Language')) ?? defaultLanguage
  return { lang, t: getT(lang) }
}

function baseHeaders(lang: Language) {
  return new Headers({ 'Content-Language': lang, Vary: 'Accept-Language, Authorization', 'X-Content-Type-Options': 'nosniff' })
}

async function dispatch(byMethod: Map<string, Implementation>, { request, params, context }: RouteArgs): Promise<Response> {
  const { lang, t } = languageOf(request)
  const headers = baseHeaders(lang)
  let claim: string | undefined
  try {
    const method = request.method === 'HEAD' ? 'GET' : request.method
    const implementation = byMethod.get(method)
    if (!implementation) {
      const allowed = [...byMethod.keys()].join(', ')
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', { values: { method: request.method, allowed }, headers: { Allow: allowed } })
    }
    const { endpoint } = implementation
    const settings = env()
    const url = new URL(request.url)

    // Per client address before the key is looked at, so guessing keys is throttled too.
    await enforceRateLimit(`api:ip:${context.clientIp ?? 'unknown'}`, settings.API_RATE_LIMIT_PER_IP)
    const key = await authenticate(request, endpoint)
    if (key) {
      headers.set('Cache-Control', 'no-store')
      await enforceRateLimit(`api:key:${key.apiKeyId}`, settings.API_RATE_LIMIT_PER_KEY)
    }
    authorize(key, endpoint)

    const query = endpoint.query ? validate(endpoint.query, queryObject(url), t) : undefined
    let body: unknown
    let requestHash = ''
    if (endpoint.body) {
      const raw = await readJsonBody(request, settings.API_MAX_BODY_BYTES)
      body = validate(endpoint.body, raw, t)
      requestHash = createHash('sha256').update(`${method} ${url.pathname}\n${canonicalJson(raw)}`).digest('hex')
    }
    let upload: { file: UploadedFile; fields: unknown } | undefined
    if (endpoint.upload) {
      const { file, fields } = await readUpload(request, endpoint.upload, t)
      upload = { file, fields: endpoint.upload.fields ? validate(endpoint.upload.fields, fields, t) : {} }
      // The parts, not the raw bytes: a retry may use another multipart boundary.
      const fileHash = createHash('sha256').update(file.bytes).digest('hex')
      requestHash = createHash('sha256').update(`${method} ${url.pathname}\n${canonicalJson(fields)}\n${file.name}\n${fileHash}`).digest('hex')
    }

    const idempotencyKey = endpoint.idempotent && key ? request.headers.get('Idempotency-Key') : null
    if (idempotencyKey !== null && key) {
      if (idempotencyKey.length === 0 || idempotencyKey.length > IDEMPOTENCY_KEY_MAX) {
        throw new ApiError(400, 'VALIDATION_ERROR', { details: { 'Idempotency-Key': [t('api:validation.idempotencyKey', { max: IDEMPOTENCY_KEY_MAX })] } })
      }
      const start = await beginIdempotentRequest({ apiKeyId: key.apiKeyId, key: idempotencyKey, method, path: url.pathname, requestHash })
      if (start.state === 'reused') throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED')
      if (start.state === 'inProgress') throw new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS')
      if (start.state === 'replay') {
        headers.set('Idempotent-Replayed', 'true')
        return jsonResponse(start.body, start.status, headers)
      }
      claim = start.id
    }

    const ctx = { request, url, params: params as Record<string, string>, lang, t, key, query, body, upload }
    const result = await (implementation.handler as (ctx: unknown) => unknown)(ctx)
    const responseBody = endpoint.status === 204 ? null : result
    if (claim) {
      await finishIdempotentRequest(claim, endpoint.status, responseBody)
      claim = undefined
    }
    if (!key && method === 'GET') headers.set('Cache-Control', 'public, max-age=300')
    return jsonResponse(responseBody, endpoint.status, headers)
  } catch (error) {
    // Only successes are kept for replay: after an error the client may retry with the same key.
    if (claim) await releaseIdempotentRequest(claim).catch((e) => console.error('Could not release an idempotency key', e))
    headers.set('Cache-Control', 'no-store')
    if (error instanceof ApiError) return errorResponse(error, t, headers)
    console.error('API request failed:', request.method, new URL(request.url).pathname, error)
    return errorResponse(new ApiError(500, 'INTERNAL_ERROR'), t, headers)
  }
}

async function enforceRateLimit(bucket: string, limit: number) {
  const { allowed, retryAfterSeconds } = await hitRateLimit(bucket, limit, RATE_WINDOW_MS)
  if (!allowed) {
    throw new ApiError(429, 'RATE_LIMITED', { values: { seconds: retryAfterSeconds }, headers: { 'Retry-After': String(retryAfterSeconds) } })
  }
}

// A key that is sent must be valid even where none is needed: a typo must not silently read as anonymous.
async function authenticate(request: Request, endpoint: EndpointDefinition) {
  const header = request.headers.get('Authorization')
  if (header === null && endpoint.auth === 'optional') return null
  if (header === null) throw new ApiError(401, 'UNAUTHENTICATED', { headers: { 'WWW-Authenticate': 'Bearer realm="api"' } })
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header)
  const key = match ? await authenticateApiKey(match[1]) : null
  if (!key) throw new ApiError(401, 'UNAUTHENTICATED', { headers: { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' } })
  return key
}

// Checked before the handler runs, so a refused caller never learns whether a resource exists.
function authorize(key: ApiKeyAuth | null, endpoint: EndpointDefinition) {
  if (key?.organization.suspendedAt && !endpoint.allowSuspended) throw new ApiError(403, 'FORBIDDEN', { message: 'api:errors.suspended' })
  if (endpoint.permission && !(key && apiKeyPermissions.includes(endpoint.permission))) {
    throw new ApiError(403, 'FORBIDDEN', { message: endpoint.forbiddenMessage })
  }
  if (endpoint.organizationKinds && !(key && endpoint.organizationKinds.includes(key.organization.kind))) {
    throw new ApiError(403, 'FORBIDDEN', { message: endpoint.forbiddenKindMessage })
  }
}

/** Query parameters as an object; a repeated parameter becomes an array (multi-value filters). */
function queryObject(url: URL) {
  const out: Record<string, string | string[]> = {}
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name)
    out[name] = values.length === 1 ? values[0] : values
  }
  return out
}

function validate(schema: z.ZodTypeAny, input: unknown, t: TFunction) {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const details: Record<string, string[]> = {}
  const add = (path: (string | number)[], message: string) => {
    const list = (details[path.length ? path.join('.') : '$'] ??= [])
    if (!list.includes(message)) list.push(message)
  }
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') for (const name of issue.keys) add([...issue.path, name], t('api:validation.unknownField'))
    else add(issue.path, issueMessage(issue, t))
  }
  throw new ApiError(400, 'VALIDATION_ERROR', { details })
}

/** Schemas carry i18n keys (the `errors` namespace, or `ns:key`); Zod's own messages get a translated stand-in. */
function issueMessage(issue: z.ZodIssue, t: TFunction) {
  const translated = t(issue.message, { ns: 'errors', defaultValue: '' })
  if (translated) return translated
  if (issue.code === 'invalid_type') {
    return issue.received === 'undefined' ? t('errors:required') : t('api:validation.invalidType', { expected: issue.expected })
  }
  return t('errors:invalid')
}

const mediaTypeOf = (request: Request) => (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase()

async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const mediaType = mediaTypeOf(request)
  if (mediaType !== 'application/json' && !/^application\/[\w.-]+\+json$/.test(mediaType)) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE')
  }
  const bytes = await readBody(request, limit)
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new ApiError(400, 'MALFORMED_JSON')
  }
}

/**
 * A `multipart/form-data` body with exactly one file in `upload.file`; the other parts are text fields
 * (a repeated one becomes an array), validated by the caller.
 */
async function readUpload(request: Request, upload: UploadDefinition, t: TFunction) {
  if (mediaTypeOf(request) !== 'multipart/form-data') throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', { message: 'api:errors.multipartExpected' })
  const bytes = await readBody(request, upload.maxBytes)
  let form: FormData
  try {
    // The bytes were counted above; the platform's parser then splits the parts.
    form = await new Response(new Uint8Array(bytes), { headers: { 'Content-Type': request.headers.get('Content-Type')! } }).formData()
  } catch {
    throw new ApiError(400, 'MALFORMED_MULTIPART')
  }
  const files = form.getAll(upload.file).filter((part): part is File => typeof part !== 'string')
  if (files.length !== 1) {
    const message = files.length === 0 ? t('api:validation.fileRequired') : t('api:validation.oneFile')
    throw new ApiError(400, 'VALIDATION_ERROR', { details: { [upload.file]: [message] } })
  }
  const fields: Record<string, string | string[]> = {}
  for (const name of new Set(form.keys())) {
    if (name === upload.file) continue
    const values = form.getAll(name).map((v) => (typeof v === 'string' ? v : ''))
    fields[name] = values.length === 1 ? values[0] : values
  }
  const [file] = files
  return { file: { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, type: file.type, size: file.size }, fields }
}

/** The body's bytes, refused with 413 beyond `limit`. */
async function readBody(request: Request, limit: number): Promise<Buffer> {
  const tooLarge = new ApiError(413, 'PAYLOAD_TOO_LARGE', { values: { limit } })
  // The header is only a hint (it may be missing or wrong): the bytes are counted as they arrive.
  if (Number(request.headers.get('Content-Length') ?? 0) > limit) throw tooLarge
  const chunks: Uint8Array[] = []
  let size = 0
  if (request.body) {
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel().catch(() => {})
        throw tooLarge
      }
      chunks.push(value)
    }
  }
  return Buffer.concat(chunks)
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function jsonResponse(body: unknown, status: number, headers: Headers) {
  if (status === 204) return new Response(null, { status, headers })
  headers.set('Content-Type', 'application/json; charset=utf-8')
  return new Response(JSON.stringify(body), { status, headers })
}

function errorResponse(error: ApiError, t: TFunction, headers: Headers) {
  for (const [name, value] of Object.entries(error.options.headers ?? {})) headers.set(name, value)
  headers.set('Cache-Control', 'no-store')
  const message = t(error.options.message ?? `api:errors.${error.code}`, error.options.values ?? {})
  const { details, lines } = error.options
  return jsonResponse({ error: { code: error.code, message, ...(details ? { details } : {}), ...(lines ? { lines } : {}) } }, error.status, headers)
}

