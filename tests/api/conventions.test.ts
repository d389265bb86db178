// The conventions every /api/v1 endpoint follows (app/utils/api.server.ts), proved through the real
// route modules: keys, methods, bodies, validation, lists, tenancy, idempotency, languages, errors.
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { z } from 'zod'
import { revokeApiKey } from '~/modules/api-keys/api-keys.server'
import { defineEndpoint } from '~/modules/api/endpoint'
import { createDeliveryAddress } from '~/modules/delivery-addresses/delivery-addresses.server'
import { DeliveryAddressCreateSchema } from '~/modules/delivery-addresses/schemas'
import * as notFoundRoute from '~/routes/api/not-found'
import * as apiKeyRoute from '~/routes/api/v1/api-key'
import * as apiKeysRoute from '~/routes/api/v1/api-keys'
import * as addressRoute from '~/routes/api/v1/delivery-address'
import * as addressesRoute from '~/routes/api/v1/delivery-addresses'
import * as formerProvincesRoute from '~/routes/api/v1/former-provinces'
import * as meRoute from '~/routes/api/v1/me'
import * as provincesRoute from '~/routes/api/v1/provinces'
import * as regionTypesRoute from '~/routes/api/v1/region-types'
import { MoneySchema } from '~/modules/api/schemas'
import { apiRoute, implement, listQuery, money, repeated } from '~/utils/api.server'
import { prisma } from '~/utils/db.server'
import { callApi, organizationWithKey, type ApiResponse } from '../utils/api'

type Org = Awaited<ReturnType<typeof organizationWithKey>>
let buyer: Org
let otherBuyer: Org
let producer: Org

beforeAll(async () => {
  ;[buyer, otherBuyer, producer] = await Promise.all([
    organizationWithKey('BUYER', 'Siêu thị Sài Gòn'),
    organizationWithKey('BUYER', 'Chuỗi Bí Mật'),
    organizationWithKey('PRODUCER', 'HTX Mật Ong'),
  ])
})

const address = (overrides: Record<string, unknown> = {}) => ({
  label: 'DC Củ Chi',
  recipientName: 'Nguyễn Văn An',
  phone: '0912 345 678',
  addressLine: 'Lô A1, KCN Tây Bắc Củ Chi',
  commune: 'Xã Tân An Hội',
  province: '79',
  ...overrides,
})

function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) })
  expect(res.body.error.message.length).toBeGreaterThan(0)
  expect(res.headers.get('Cache-Control')).toBe('no-store')
}

/** Addresses of the organisation straight from the database. */
const addressesOf = (organizationId: string) => prisma.deliveryAddress.findMany({ where: { organizationId }, orderBy: { createdAt: 'asc' } })

afterEach(async () => {
  await prisma.deliveryAddress.deleteMany({})
  vi.restoreAllMocks()
})

describe('authentication', () => {
  test('/api/v1/me answers the key\'s organisation, not to be cached', async () => {
    const res = await callApi(meRoute, '/api/v1/me', { key: buyer.key })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ slug: buyer.organization.slug, kind: 'BUYER', name: 'Siêu thị Sài Gòn', verificationStatus: 'UNVERIFIED', suspended: false })
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
  })

  test('no key: 401 UNAUTHENTICATED with WWW-Authenticate, on every endpoint that needs one', async () => {
    const calls = [
      callApi(meRoute, '/api/v1/me'),
      callApi(addressesRoute, '/api/v1/delivery-addresses'),
      callApi(addressesRoute, '/api/v1/delivery-addresses', { method: 'POST', json: address() }),
      callApi(addressRoute, '/api/v1/delivery-addresses/x', { params: { id: 'x' } }),
      callApi(apiKeysRoute, '/api/v1/api-keys'),
      callApi(apiKeyRoute, '/api/v1/api-keys/x', { method: 'DELETE', params: { id: 'x' } }),
    ]
    for (const res of await Promise.all(calls)) {
      expectError(res, 401, 'UNAUTHENTICATED')
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /)
    }
    expect(await prisma.deliveryAddress.count()).toBe(0)
  })

  test.each([
    ['another scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['no token', () => 'Bearer'],
    ['two tokens', () => `Bearer ${buyer.key} ${buyer.key}`],
    ['no scheme', () => buyer.key],
    ['an empty header', () => ''],
  ])('a malformed Authorization header (%s): 401', async (_name, header) => {
    expectError(await callApi(meRoute, '/api/v1/me', { authorization: header() }), 401, 'UNAUTHENTICATED')
  })

  test('a forged key (right shape, unknown) and a key of another shape: 401', async () => {
    const forged = `cvm_${'A'.repeat(32)}`
    expectError(await callApi(meRoute, '/api/v1/me', { key: forged }), 401, 'UNAUTHENTICATED')
    expectError(await callApi(meRoute, '/api/v1/me', { key: buyer.key.slice(0, -1) + (buyer.key.endsWith('x') ? 'y' : 'x') }), 401, 'UNAUTHENTICATED')
    expectError(await callApi(meRoute, '/api/v1/me', { key: 'sk_live_123' }), 401, 'UNAUTHENTICATED')
  })

  test('a revoked key: 401, also where no key is needed', async () => {
    const org = await organizationWithKey('BUYER')
    expect((await callApi(meRoute, '/api/v1/me', { key: org.key })).status).toBe(200)
    await revokeApiKey(org.organization.id, org.apiKey.id)
    const res = await callApi(meRoute, '/api/v1/me', { key: org.key })
    expectError(res, 401, 'UNAUTHENTICATED')
    expect(res.headers.get('WWW-Authenticate')).toContain('invalid_token')
    expectError(await callApi(provincesRoute, '/api/v1/provinces', { key: org.key }), 401, 'UNAUTHENTICATED')
  })

  test('a suspended organisation\'s key is refused (403) except by /me, which says it is suspended', async () => {
    const org = await organizationWithKey('BUYER')
    await prisma.organization.update({ where: { id: org.organization.id }, data: { suspendedAt: new Date(), suspensionReason: 'Kiểm tra' } })
    const me = await callApi(meRoute, '/api/v1/me', { key: org.key })
    expect(me.status).toBe(200)
    expect(me.body.suspended).toBe(true)
    const res = await callApi(addressesRoute, '/api/v1/delivery-addresses', { key: org.key, headers: { 'Accept-Language': 'en' } })
    expectError(res, 403, 'FORBIDDEN')
    expect(res.body.error.message).toMatch(/suspended/)
  })
})

describe('methods', () => {
  test('a method an endpoint does not have: 405 with Allow', async () => {
    const me = await callApi(meRoute, '/api/v1/me', { method: 'DELETE', key: buyer.key })
    expectError(me, 405, 'METHOD_NOT_ALLOWED')
    expect(me.headers.get('Allow')).toBe('GET')

    const list = await callApi(addressesRoute, '/api/v1/delivery-addresses', { method: 'PUT', key: buyer.key, json: address() })
    expectError(list, 405, 'METHOD_NOT_ALLOWED')
    expect(list.headers.get('Allow')).toBe('GET, POST')

    const one = await callApi(addressRoute, '/api/v1/delivery-addresses/x', { method: 'POST', params: { id: 'x' } })
    expect(one.headers.get('Allow')).toBe('GET, PATCH, DELETE')
    expect((await callApi(provincesRoute, '/api/v1/provinces', { method: 'POST', json: {} })).status).toBe(405)
  })

  test('an unknown path under /api answers a JSON 404, whatever the method', async () => {
    for (const [method, path] of [['GET', '/api/v1/nothing-here'], ['POST', '/api/v2/orders'], ['GET', '/api']]) {
      const res = await callApi(notFoundRoute, path, { method, key: buyer.key })
      expectError(res, 404, 'NOT_FOUND')
    }
  })
})

describe('request bodies', () => {
  const post = (options: Parameters<typeof callApi>[2]) => callApi(addressesRoute, '/api/v1/delivery-addresses', { method: 'POST', key: buyer.key, ...options })

  test('malformed JSON: 400 MALFORMED_JSON, nothing created', async () => {
    for (const raw of ['{"label": "DC', '', 'undefined', "{'label': 'x'}"]) {
      expectError(await post({ raw, headers: { 'Content-Type': 'application/json' } }), 400, 'MALFORMED_JSON')
    }
    expectError(await post({ raw: new Uint8Array([0x7b, 0xff, 0x7d]), headers: { 'Content-Type': 'application/json' } }), 400, 'MALFORMED_JSON')
    expect(await prisma.deliveryAddress.count()).toBe(0)
  })

  test('a body that is not JSON: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const form = new URLSearchParams(address())
    expectError(await post({ raw: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415, 'UNSUPPORTED_MEDIA_TYPE')
    expectError(await post({ raw: JSON.stringify(address()), headers: { 'Content-Type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE')
    expectError(await post({ raw: JSON.stringify(address()) }), 415, 'UNSUPPORTED_MEDIA_TYPE')
    // charset parameters and +json types are JSON
    expect((await post({ raw: JSON.stringify(address()), headers: { 'Content-Type': 'application/json; charset=utf-8' } })).status).toBe(201)
    expect(await prisma.deliveryAddress.count()).toBe(1)
  })

  test('a body over the limit: 413, by its Content-Length and by counting when the header lies', async () => {
    const huge = JSON.stringify(address({ label: 'x'.repeat(1024 * 1024 + 10) }))
    expectError(await post({ raw: huge, headers: { 'Content-Type': 'application/json' } }), 413, 'PAYLOAD_TOO_LARGE')
    const lying = await post({ raw: huge, headers: { 'Content-Type': 'application/json', 'Content-Length': '200' } })
    expectError(lying, 413, 'PAYLOAD_TOO_LARGE')
    const declared = await post({ raw: '{}', headers: { 'Content-Type': 'application/json', 'Content-Length': String(2 * 1024 * 1024) } })
    expectError(declared, 413, 'PAYLOAD_TOO_LARGE')
    expect(await prisma.deliveryAddress.count()).toBe(0)
  })

  test('validation: 400 VALIDATION_ERROR with messages by field path', async () => {
    const res = await post({ json: { label: '  ', phone: '12345', province: '02', isDefault: 'yes', colour: 'red' } })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(Object.keys(res.body.error.details).sort()).toEqual(
      ['addressLine', 'colour', 'commune', 'isDefault', 'label', 'phone', 'province', 'recipientName'].sort(),
    )
    expect(res.body.error.details.label).toEqual(['Vui lòng đặt tên cho địa chỉ này.'])
    expect(res.body.error.details.province[0]).toMatch(/34 tỉnh/)
    expect(res.body.error.details.colour).toEqual(['Trường không được hỗ trợ.'])
    for (const messages of Object.values(res.body.error.details) as string[][]) {
      expect(messages.length).toBeGreaterThan(0)
      for (const m of messages) expect(m).not.toMatch(/deliveryAddress\.|Expected|Required/)
    }

    const notAnObject = await post({ json: [address()] })
    expectError(notAnObject, 400, 'VALIDATION_ERROR')
    expect(Object.keys(notAnObject.body.error.details)).toEqual(['$'])

    const wrongType = await post({ json: address({ label: 42 }), headers: { 'Accept-Language': 'en' } })
    expect(wrongType.body.error.details.label).toEqual(['Wrong type: expected string.'])
    expect(await prisma.deliveryAddress.count()).toBe(0)
  })

  test('nested field paths are joined with dots', async () => {
    const route = apiRoute(
      implement(
        defineEndpoint({
          method: 'POST',
          path: '/api/v1/test',
          operationId: 'test',
          tag: 'Test',
          summary: 'Test',
          auth: 'optional',
          body: z.object({ lines: z.array(z.object({ quantity: z.number().int().positive() })) }),
          status: 200,
          response: z.object({ ok: z.boolean() }),
        }),
        () => ({ ok: true }),
      ),
    )
    const res = await callApi(route, '/api/v1/test', { method: 'POST', json: { lines: [{ quantity: 1 }, { quantity: -1 }] } })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(Object.keys(res.body.error.details)).toEqual(['lines.1.quantity'])
  })
})

describe('shared shapes', () => {
  test('multi-value filters are repeated parameters; money is an integer string with its currency', async () => {
    const route = apiRoute(
      implement(
        defineEndpoint({
          method: 'GET',
          path: '/api/v1/test',
          operationId: 'test',
          tag: 'Test',
          summary: 'Test',
          auth: 'optional',
          query: listQuery().extend({ province: repeated(z.enum(['08', '15'])) }),
          status: 200,
          response: z.object({ provinces: z.array(z.string()).optional(), price: MoneySchema }),
        }),
        ({ query }) => ({ provinces: query.province, price: money(150_000n, 'VND') }),
      ),
    )
    const many = await callApi(route, '/api/v1/test?province=08&province=15')
    expect(many.body).toEqual({ provinces: ['08', '15'], price: { amount: '150000', currency: 'VND' } })
    expect((await callApi(route, '/api/v1/test?province=08')).body.provinces).toEqual(['08'])
    expect((await callApi(route, '/api/v1/test')).body.provinces).toBeUndefined()
    const wrong = await callApi(route, '/api/v1/test?province=08&province=99')
    expectError(wrong, 400, 'VALIDATION_ERROR')
    expect(Object.keys(wrong.body.error.details)).toEqual(['province.1'])
  })
})

describe('lists', () => {
  test('{ data, page, pageSize, total } with page and pageSize', async () => {
    for (let i = 1; i <= 3; i++) await createDeliveryAddress(buyer.organization.id, DeliveryAddressCreateSchema.parse(address({ label: `Kho ${i}` })))
    const first = await callApi(addressesRoute, '/api/v1/delivery-addresses?pageSize=2', { key: buyer.key })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ data: [expect.any(Object), expect.any(Object)], page: 1, pageSize: 2, total: 3 })
    // The default first, then the newest.
    expect(first.body.data.map((a: { label: string }) => a.label)).toEqual(['Kho 1', 'Kho 3'])
    const second = await callApi(addressesRoute, '/api/v1/delivery-addresses?page=2&pageSize=2', { key: buyer.key })
    expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 3 })
    expect(second.body.data.map((a: { label: string }) => a.label)).toEqual(['Kho 2'])
    const byDefault = await callApi(addressesRoute, '/api/v1/delivery-addresses', { key: buyer.key })
    expect(byDefault.body).toMatchObject({ page: 1, pageSize: 20, total: 3 })
    expect(byDefault.body.data).toHaveLength(3)
  })

  test('pageSize above 100, page below 1 or not numbers: 400 VALIDATION_ERROR naming the parameter', async () => {
    const over = await callApi(addressesRoute, '/api/v1/delivery-addresses?pageSize=101', { key: buyer.key, headers: { 'Accept-Language': 'en' } })
    expectError(over, 400, 'VALIDATION_ERROR')
    expect(over.body.error.details).toEqual({ pageSize: ['The page size is a whole number from 1 to 100.'] })
    expect((await callApi(addressesRoute, '/api/v1/delivery-addresses?pageSize=100', { key: buyer.key })).status).toBe(200)
    const bad = await callApi(addressesRoute, '/api/v1/delivery-addresses?page=0&pageSize=abc', { key: buyer.key })
    expect(Object.keys(bad.body.error.details).sort()).toEqual(['page', 'pageSize'])
    expect((await callApi(provincesRoute, '/api/v1/provinces?pageSize=1000')).status).toBe(400)
  })
})

describe('reference data (public)', () => {
  test('the 34 provinces with the former provinces they were formed from', async () => {
    const res = await callApi(provincesRoute, '/api/v1/provinces')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ page: 1, pageSize: 100, total: 34 })
    expect(res.body.data).toHaveLength(34)
    expect(res.body.data.find((p: { code: string }) => p.code === '08')).toEqual({
      code: '08',
      name: 'Tuyên Quang',
      city: false,
      formerProvinces: [
        { code: '08', name: 'Tuyên Quang' },
        { code: '02', name: 'Hà Giang' },
      ],
    })
    expect(res.headers.get('Cache-Control')).toMatch(/^public/)
  })

  test('the 63 former provinces, each with the province it now belongs to', async () => {
    const res = await callApi(formerProvincesRoute, '/api/v1/former-provinces')
    expect(res.body.total).toBe(63)
    expect(res.body.data.find((p: { code: string }) => p.code === '62')).toEqual({ code: '62', name: 'Kon Tum', province: { code: '51', name: 'Quảng Ngãi' } })
    expect(res.body.data.find((p: { code: string }) => p.code === '46')).toEqual({ code: '46', name: 'Thừa Thiên Huế', province: { code: '46', name: 'Huế' } })
  })

  test('region types with Vietnamese and English labels; a valid key is accepted but not required', async () => {
    const res = await callApi(regionTypesRoute, '/api/v1/region-types', { key: producer.key })
    expect(res.body.data.map((r: { code: string }) => r.code)).toEqual(['MOUNTAIN', 'REMOTE', 'ISLAND', 'BORDER'])
    expect(res.body.data[2]).toEqual({ code: 'ISLAND', labels: { vi: expect.stringMatching(/Hải đảo/i), en: 'Island' } })
    expect(res.headers.get('Cache-Control')).toBe('no-store')
  })
})

describe('delivery addresses', () => {
  test('create answers 201 with the object; the phone is stored in E.164; the first address is the default', async () => {
    const res = await callApi(addressesRoute, '/api/v1/delivery-addresses', { method: 'POST', key: buyer.key, json: address() })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      label: 'DC Củ Chi',
      recipientName: 'Nguyễn Văn An',
      phone: '+84912345678',
      addressLine: 'Lô A1, KCN Tây Bắc Củ Chi',
      commune: 'Xã Tân An Hội',
      province: '79',
      provinceName: 'TP. Hồ Chí Minh',
      isDefault: true,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
    })
    const one = await callApi(addressRoute, `/api/v1/delivery-addresses/${res.body.id}`, { key: buyer.key, params: { id: res.body.id } })
    expect(one.body).toEqual(res.body)
  })

  test('exactly one default: choosing another moves it, unsetting it is refused, deleting it promotes the newest', async () => {
    const create = (label: string, extra = {}) =>
      callApi(addressesRoute, '/api/v1/delivery-addresses', { method: 'POST', key: buyer.key, json: address({ label, ...extra }) })
    const a = (await create('A', { isDefault: false })).body
    const b = (await create('B')).body
    const c = (await create('C', { isDefault: true })).body
    expect([a.isDefault, b.isDefault, c.isDefault]).toEqual([true, false, true])
    expect((await addressesOf(buyer.organization.id)).filter((x) => x.isDefault).map((x) => x.label)).toEqual(['C'])

    const patch = (id: string, json: unknown) =>
      callApi(addressRoute, `/api/v1/delivery-addresses/${id}`, { method: 'PATCH', key: buyer.key, params: { id }, json })
    const moved = await patch(a.id, { isDefault: true, phone: '024 3825 1234' })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ label: 'A', isDefault: true, phone: '+842438251234' })
    expectError(await patch(a.id, { isDefault: false }), 409, 'DEFAULT_REQUIRED')
    expect((await addressesOf(buyer.organization.id)).filter((x) => x.isDefault).map((x) => x.label)).toEqual(['A'])

    const deleted = await callApi(addressRoute, `/api/v1/delivery-addresses/${a.id}`, { method: 'DELETE', key: buyer.key, params: { id: a.id } })
    expect(deleted.status).toBe(204)
    expect(deleted.text).toBe('')
    const left = await addressesOf(buyer.organization.id)
    expect(left.map((x) => [x.label, x.isDefault])).toEqual([
      ['B', false],
      ['C', true],
    ])
  })

  test('at most 50 addresses: then 409 LIMIT_REACHED', async () => {
    for (let i = 0; i < 50; i++) await createDeliveryAddress(buyer.organization.id, DeliveryAddressCreateSchema.parse(address({ label: `Kho ${i}` })))
    const res = await callApi(addressesRoute, '/api/v1/delivery-addresses', { method: 'POST', key: buyer.key, json: address(), headers: { 'Accept-Language': 'en' } })
    expectError(res, 409, 'LIMIT_REACHED')
    expect(res.body.error.message).toContain('50')
    expect(await prisma.deliveryAddress.count({ where: { organizationId: buyer.organization.id } })).toBe(50)
  })

  test('another organisation\'s address is 404 for reading, changing and deleting, and nothing of it leaks', async () => {
    const theirs = await createDeliveryAddress(
      otherBuyer.organization.id,
      DeliveryAddressCreateSchema.parse(address({ label: 'Kho Bí Mật', recipientName: 'Người Bí Mật', phone: '0987 654 321' })),
    )
    if (!theirs.ok) throw new Error(theirs.error)
    const id = theirs.address.id
    const responses = [
      await callApi(addressRoute, `/api/v1/delivery-addresses/${id}`, { key: buyer.key, params: { id } }),
      await callApi(addressRoute, `/api/v1/delivery-addresses/${id}`, { method: 'PATCH', key: buyer.key, params: { id }, json: { label: 'Của tôi' } }),
      await callApi(addressRoute, `/api/v1/delivery-addresses/${id}`, { method: 'DELETE', key: buyer.key, params: { id } }),
      await callApi(addressRoute, '/api/v1/delivery-addresses/nope', { key: buyer.key, params: { id: 'nope' } }),
    ]
    for (const res of responses) {
      expectError(res, 404, 'NOT_FOUND')
      for (const secret of ['Kho Bí Mật', 'Người Bí Mật', '987654321', otherBuyer.organization.slug]) expect(res.text).not.toContain(secret)
    }
    expect(responses[0].body).toEqual(responses[3].body)
    const list = await callApi(addressesRoute, '/api/v1/delivery-addresses', { key: buyer.key })
    expect(list.body.total).toBe(0)
    expect(await prisma.deliveryAddress.findUniqueOrThrow({ where: { id } })).toEqual(theirs.address)
  })

  test('a producer\'s key gets 403 FORBIDDEN with a clear message, before anything is looked up', async () => {
    const theirs = await createDeliveryAddress(otherBuyer.organization.id, DeliveryAddressCreateSchema.parse(address()))
    if (!theirs.ok) throw new Error(theirs.error)
    const id = theirs.address.id
    const responses = [
      await callApi(addressesRoute, '/api/v1/delivery-addresses', { key: producer.key, headers: { 'Accept-Language': 'en' } }),
      await callApi(addressesRoute, '/api/v1/delivery-addresses', { method: 'POST', key: producer.key, json: address() }),
      await callApi(addressRoute, `/api/v1/delivery-addresses/${id}`, { key: producer.key, params: { id } }),
      await callApi(addressRoute, `/api/v1/delivery-addresses/${id}`, { method: 'DELETE', key: producer.key, params: { id } }),
    ]
    for (const res of responses) expectError(res, 403, 'FORBIDDEN')
    expect(responses[0].body.error.message).toMatch(/Only buyer organisations/)
    expect(responses[1].body.error.message).toMatch(/Chỉ tổ chức mua hàng/)
    expect(await prisma.deliveryAddress.count()).toBe(1)
  })
})

describe('API keys through the API', () => {
  test('any key gets 403 FORBIDDEN for listing, creating and revoking keys (even its own), never 404', async () => {
    const before = await prisma.apiKey.findMany({ orderBy: { id: 'asc' } })
    const responses = [
      await callApi(apiKeysRoute, '/api/v1/api-keys', { key: buyer.key }),
      await callApi(apiKeysRoute, '/api/v1/api-keys', { method: 'POST', key: buyer.key, json: { name: 'Mới' } }),
      await callApi(apiKeyRoute, `/api/v1/api-keys/${buyer.apiKey.id}`, { method: 'DELETE', key: buyer.key, params: { id: buyer.apiKey.id } }),
      await callApi(apiKeyRoute, '/api/v1/api-keys/unknown', { method: 'DELETE', key: buyer.key, params: { id: 'unknown' } }),
      await callApi(apiKeyRoute, `/api/v1/api-keys/${otherBuyer.apiKey.id}`, { method: 'DELETE', key: producer.key, params: { id: otherBuyer.apiKey.id } }),
    ]
    for (const res of responses) expectError(res, 403, 'FORBIDDEN')
    expect(responses[0].body.error.message).toMatch(/Khóa API/)
    // Nothing created or revoked (only the last-use times of the calling keys moved).
    const withoutLastUse = (keys: typeof before) => keys.map(({ lastUsedAt: _lastUsedAt, ...k }) => k)
    expect(withoutLastUse(await prisma.apiKey.findMany({ orderBy: { id: 'asc' } }))).toEqual(withoutLastUse(before))
  })
})

describe('idempotency', () => {
  const create = (key: string, json: unknown, idempotencyKey: string, apiKey = buyer.key) =>
    callApi(addressesRoute, '/api/v1/delivery-addresses', { method: 'POST', key: apiKey, json, headers: { 'Idempotency-Key': idempotencyKey } })

  test('a replay returns the stored status and body (marked Idempotent-Replayed) and creates nothing more', async () => {
    const first = await create(buyer.key, address(), 'order-sync-0001')
    expect(first.status).toBe(201)
    expect(first.headers.get('Idempotent-Replayed')).toBeNull()
    // The same request, keys in another order.
    const { label, ...rest } = address()
    const again = await create(buyer.key, { ...rest, label }, 'order-sync-0001')
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await prisma.deliveryAddress.count({ where: { organizationId: buyer.organization.id } })).toBe(1)
  })

  test('the same key with a different body: 422 IDEMPOTENCY_KEY_REUSED', async () => {
    expect((await create(buyer.key, address(), 'reuse-1')).status).toBe(201)
    expectError(await create(buyer.key, address({ label: 'Kho khác' }), 'reuse-1'), 422, 'IDEMPOTENCY_KEY_REUSED')
    expect(await prisma.deliveryAddress.count()).toBe(1)
  })

  test('a key still in flight: 409 IDEMPOTENCY_IN_PROGRESS; another API key\'s identical key is independent', async () => {
    const first = await create(buyer.key, address(), 'in-flight')
    await prisma.idempotencyRecord.updateMany({ where: { key: 'in-flight' }, data: { status: null, body: undefined } })
    expectError(await create(buyer.key, address(), 'in-flight'), 409, 'IDEMPOTENCY_IN_PROGRESS')
    expect(first.status).toBe(201)
    expect((await create(otherBuyer.key, address(), 'in-flight', otherBuyer.key)).status).toBe(201)
  })

  test('concurrent duplicates create one address', async () => {
    const results = await Promise.all([1, 2, 3].map(() => create(buyer.key, address(), 'concurrent')))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1)
    for (const s of statuses) expect([201, 409]).toContain(s)
    expect(await prisma.deliveryAddress.count()).toBe(1)
  })

  test('failures are not stored (a retry with the same key may succeed); records older than 24 hours are forgotten', async () => {
    expect((await create(buyer.key, address({ province: '99' }), 'retry-me')).status).toBe(400)
    expect((await create(buyer.key, address(), 'retry-me')).status).toBe(201)

    await prisma.idempotencyRecord.updateMany({ where: { key: 'retry-me' }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } })
    const later = await create(buyer.key, address({ label: 'Ngày mai' }), 'retry-me')
    expect(later.status).toBe(201)
    expect(later.headers.get('Idempotent-Replayed')).toBeNull()
    expect(await prisma.deliveryAddress.count()).toBe(2)
  })

  test('without the header every POST creates; an over-long key is a validation error', async () => {
    await callApi(addressesRoute, '/api/v1/delivery-addresses', { method: 'POST', key: buyer.key, json: address() })
    await callApi(addressesRoute, '/api/v1/delivery-addresses', { method: 'POST', key: buyer.key, json: address() })
    expect(await prisma.deliveryAddress.count()).toBe(2)
    const long = await create(buyer.key, address(), 'k'.repeat(256))
    expectError(long, 400, 'VALIDATION_ERROR')
    expect(Object.keys(long.body.error.details)).toEqual(['Idempotency-Key'])
  })
})

describe('languages and failures', () => {
  test('messages are Vietnamese by default and English with Accept-Language: en', async () => {
    const vi = await callApi(meRoute, '/api/v1/me')
    expect(vi.body.error.message).toMatch(/khóa API/)
    expect(vi.headers.get('Content-Language')).toBe('vi')
    const en = await callApi(meRoute, '/api/v1/me', { headers: { 'Accept-Language': 'en-GB,en;q=0.9,vi;q=0.5' } })
    expect(en.body.error.message).toMatch(/Missing or invalid API key/)
    expect(en.headers.get('Content-Language')).toBe('en')
    const fr = await callApi(meRoute, '/api/v1/me', { headers: { 'Accept-Language': 'fr-FR' } })
    expect(fr.body.error.message).toBe(vi.body.error.message)
  })

  test('an unexpected exception: 500 INTERNAL_ERROR with a generic message, logged, no stack trace', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const route = apiRoute(
      implement(
        defineEndpoint({ method: 'GET', path: '/api/v1/boom', operationId: 'boom', tag: 'Test', summary: 'Boom', auth: 'required', status: 200, response: z.object({}) }),
        () => {
          throw new Error('database password is hunter2 at /srv/app/secret.ts:12')
        },
      ),
    )
    const res = await callApi(route, '/api/v1/boom', { key: buyer.key, headers: { 'Accept-Language': 'en' } })
    expectError(res, 500, 'INTERNAL_ERROR')
    expect(res.body.error.message).toBe('Something went wrong on our side. Please try again later.')
    for (const leak of ['hunter2', 'secret.ts', 'Error:']) expect(res.text).not.toContain(leak)
    expect(res.text).not.toMatch(/at \S+:\d+/)
    expect(logged).toHaveBeenCalled()
  })
})
