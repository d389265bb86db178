// Rate limits per key and per client address, with tiny limits set before anything reads the environment.
import { beforeAll, describe, expect, test, vi } from 'vitest'

vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_KEY = '3'
  process.env.API_RATE_LIMIT_PER_IP = '5'
})

import * as meRoute from '~/routes/api/v1/me'
import * as openApiRoute from '~/routes/api/v1/openapi'
import * as provincesRoute from '~/routes/api/v1/provinces'
import { callApi, organizationWithKey } from '../utils/api'

type Org = Awaited<ReturnType<typeof organizationWithKey>>
let a: Org
let b: Org

beforeAll(async () => {
  ;[a, b] = await Promise.all([organizationWithKey('BUYER'), organizationWithKey('PRODUCER')])
})

describe('rate limits', () => {
  test('per key: beyond the limit 429 RATE_LIMITED with Retry-After, from any address; other keys are unaffected', async () => {
    for (let i = 0; i < 3; i++) expect((await callApi(meRoute, '/api/v1/me', { key: a.key })).status).toBe(200)
    const limited = await callApi(meRoute, '/api/v1/me', { key: a.key, headers: { 'Accept-Language': 'en' } })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('RATE_LIMITED')
    const retryAfter = Number(limited.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(limited.body.error.message).toBe(`Too many requests. Please try again in ${retryAfter} seconds.`)
    expect((await callApi(meRoute, '/api/v1/me', { key: b.key })).status).toBe(200)
  })

  test('per client address, with or without a key, and bad keys count too', async () => {
    const ip = '203.0.113.7'
    for (let i = 0; i < 4; i++) expect((await callApi(provincesRoute, '/api/v1/provinces', { ip })).status).toBe(200)
    expect((await callApi(meRoute, '/api/v1/me', { ip, key: 'cvm_guessing' })).status).toBe(401)
    const limited = await callApi(openApiRoute, '/api/v1/openapi.json', { ip })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Retry-After')).toMatch(/^\d+$/)
    expect((await callApi(provincesRoute, '/api/v1/provinces', { ip: '203.0.113.8' })).status).toBe(200)
  })

  test('the configured limits are documented', async () => {
    const doc = await callApi(openApiRoute, '/api/v1/openapi.json')
    expect(doc.body.info.description).toContain('3 requests per key and 5 per client address')
    expect(doc.body.info.description).toContain('defaults 1200 and 300')
  })
})
