// Calls API route loaders and actions the way Remix does, with a Bearer key and JSON bodies, and makes
// organisations with keys to call them with.
import { randomInt } from 'node:crypto'
import type { ActionFunctionArgs } from '@remix-run/node'
import { createApiKey } from '~/modules/api-keys/api-keys.server'
import { createOrganization } from '~/modules/organizations/organizations.server'
import { OrganizationSchema } from '~/modules/organizations/schemas'
import { createUser } from './routes'

const BASE = 'http://localhost:3000'

type Route = { loader: unknown; action: unknown }
export type ApiResponse = { status: number; headers: Headers; text: string; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any

export type ApiRequest = {
  method?: string
  params?: Record<string, string>
  /** An API key, sent as `Authorization: Bearer <key>`. */
  key?: string
  /** The whole Authorization header (for malformed ones). */
  authorization?: string
  /** Sent as JSON unless `raw` is given. */
  json?: unknown
  raw?: BodyInit
  headers?: Record<string, string>
  /** The client address; a fresh one per call unless given (the per-address limit is tested on its own). */
  ip?: string
}

export function apiRequest(path: string, options: ApiRequest = {}) {
  const headers = new Headers(options.headers)
  if (options.key) headers.set('Authorization', `Bearer ${options.key}`)
  if (options.authorization !== undefined) headers.set('Authorization', options.authorization)
  let body: BodyInit | undefined = options.raw
  if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  }
  return new Request(`${BASE}${path}`, { method: options.method ?? 'GET', headers, body })
}

/** Sends the request to the route (GET and HEAD to its loader, anything else to its action). */
export async function callApi(route: Route, path: string, options: ApiRequest = {}): Promise<ApiResponse> {
  const request = apiRequest(path, options)
  const handler = (['GET', 'HEAD'].includes(request.method) ? route.loader : route.action) as (args: ActionFunctionArgs) => Promise<Response>
  const ip = options.ip ?? `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`
  const response = await handler({ request, params: options.params ?? {}, context: { clientIp: ip } })
  const text = await response.text()
  let body: unknown = null
  if (text) body = JSON.parse(text)
  return { status: response.status, headers: response.headers, text, body }
}

/** A valid 10-digit MST from a random 9-digit prefix whose check digit exists. */
function newTaxCode(): string {
  for (;;) {
    const prefix = String(randomInt(100_000_000, 999_999_999))
    const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
    const check = 10 - (prefix.split('').reduce((s, d, i) => s + weights[i] * Number(d), 0) % 11)
    if (check < 10) return `${prefix}${check}`
  }
}

/** An organisation with an owner, and an API key of it. */
export async function organizationWithKey(kind: 'BUYER' | 'PRODUCER', name = `${kind === 'BUYER' ? 'Siêu thị' : 'HTX'} ${randomInt(1e6)}`) {
  const owner = await createUser()
  const result = await createOrganization(
    owner.id,
    OrganizationSchema.parse({
      kind,
      legalForm: 'COMPANY',
      legalName: `Công ty ${name}`,
      displayName: name,
      taxCode: newTaxCode(),
      addressLine: 'Số 1 Đường Nguyễn Huệ',
      commune: 'Phường Sài Gòn',
      provinceCode: '79',
      regionType: kind === 'PRODUCER' ? 'MOUNTAIN' : undefined,
      phone: '028 3825 1234',
    }),
  )
  if (!result.ok) throw new Error(result.error)
  const { key, apiKey } = await createApiKey({ organizationId: result.organization.id, name: 'Test key', createdById: owner.id })
  return { owner, organization: result.organization, key, apiKey }
}
