// No Meilisearch server runs here (the contract suite runs against one when MEILI_URL is set). These tests
// point the official client at a small local HTTP server that answers like Meilisearch's task API, to check
// what the adapter asks for: settings by code, documents with their computed fields, every task awaited and
// a failed one reported, and a rebuild that swaps a new index in.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { meiliSettings, MeilisearchEngine } from '~/modules/search/meilisearch-engine.server'
import { fixtureProducts } from './fixtures'

type Seen = { method: string; path: string; body: unknown; auth: string | undefined }

let server: Server
let host: string
let seen: Seen[] = []
let taskUid = 0
/** Paths (method + path) whose task fails, with Meilisearch's error code. */
let failing = new Map<string, string>()
const tasks = new Map<number, { type: string; error: { code: string; message: string } | null }>()

async function bodyOf(req: IncomingMessage) {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? JSON.parse(text) : undefined
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const body = await bodyOf(req)
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    const taskMatch = /^\/tasks\/(\d+)$/.exec(url.pathname)
    if (req.method === 'GET' && taskMatch) {
      const task = tasks.get(Number(taskMatch[1]))!
      return json(200, { uid: Number(taskMatch[1]), type: task.type, status: task.error ? 'failed' : 'succeeded', error: task.error })
    }
    seen.push({ method: req.method!, path: url.pathname, body, auth: req.headers.authorization })
    if (req.method === 'POST' && /\/search$/.test(url.pathname)) {
      return json(200, { hits: [{ id: 'p01', _rankingScore: 0.9, _formatted: { nameVi: '\u0002Mật\u0003 \u0002ong\u0003 bạc hà' } }], totalHits: 1, processingTimeMs: 2, facetDistribution: { regionType: { MOUNTAIN: 1 } } })
    }
    if (req.method === 'GET' && /\/stats$/.test(url.pathname)) return json(200, { numberOfDocuments: 31 })
    const uid = ++taskUid
    const code = failing.get(`${req.method} ${url.pathname}`)
    tasks.set(uid, { type: 'task', error: code ? { code, message: `${code} happened` } : null })
    return json(202, { taskUid: uid, indexUid: null, status: 'enqueued', type: 'task', enqueuedAt: new Date().toISOString() })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  seen = []
  failing = new Map()
})

const connect = () => MeilisearchEngine.connect({ host, apiKey: 'master-key', indexUid: 'products' })

test('connecting applies the index settings by code, with the key', async () => {
  await connect()
  expect(seen).toEqual([{ method: 'PATCH', path: '/indexes/products/settings', body: meiliSettings, auth: 'Bearer master-key' }])
  expect(meiliSettings.typoTolerance).toMatchObject({ minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } })
  expect(meiliSettings.synonyms?.['mat ong']).toContain('honey')
  expect(meiliSettings.rankingRules).toContain('campaignBoost:desc')
})

test('documents go with their price bucket and campaign boost; a failed task is an error', async () => {
  const engine = await connect()
  seen = []
  await engine.upsert([fixtureProducts[0], { ...fixtureProducts[1], campaignLabels: ['hang-viet'] }])
  expect(seen[0]).toMatchObject({ method: 'POST', path: '/indexes/products/documents' })
  expect(seen[0].body).toEqual([
    { ...fixtureProducts[0], priceRange: '100000-300000', campaignBoost: 0 },
    { ...fixtureProducts[1], campaignLabels: ['hang-viet'], priceRange: '300000-1000000', campaignBoost: 1 },
  ])

  failing.set('POST /indexes/products/documents/delete-batch', 'index_not_accessible')
  await expect(engine.remove(['p01'])).rejects.toThrow(/failed: index_not_accessible/)
})

test('a rebuild fills a second index and swaps it in, then drops the old one', async () => {
  const engine = await connect()
  seen = []
  failing.set('DELETE /indexes/products_rebuild', 'index_not_found') // nothing left from an earlier rebuild
  async function* batches() {
    yield fixtureProducts.slice(0, 20)
    yield fixtureProducts.slice(20)
  }
  const added: number[] = []
  await engine.replaceAll(batches(), (n) => void added.push(n))
  expect(added).toEqual([20, fixtureProducts.length - 20])
  expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
    'DELETE /indexes/products_rebuild',
    'POST /indexes',
    'PATCH /indexes/products_rebuild/settings',
    'POST /indexes/products_rebuild/documents',
    'POST /indexes/products_rebuild/documents',
    'POST /swap-indexes',
    'DELETE /indexes/products_rebuild',
  ])
  expect(seen[1].body).toEqual({ uid: 'products_rebuild', primaryKey: 'id' })
  expect(seen[5].body).toEqual([{ indexes: ['products', 'products_rebuild'], rename: false }])

  // If the swap fails, the live index is left as it was and the rebuild is an error.
  seen = []
  failing.set('POST /swap-indexes', 'invalid_swap_indexes')
  await expect(engine.replaceAll(batches())).rejects.toThrow(/invalid_swap_indexes/)
  expect(seen.some((s) => s.method === 'DELETE' && s.path === '/indexes/products')).toBe(false)
})

test('a search sends filters, facets, sort and page, and reads highlights back', async () => {
  const engine = await connect()
  seen = []
  const result = await engine.search({
    q: 'mat ong',
    filters: { regionType: ['ISLAND', 'NONE'], ocopMin: 4, certification: ['ocop'], minPrice: 100_000 },
    facets: ['regionType', 'priceRange'],
    sort: 'price_asc',
    page: 2,
    pageSize: 10,
  })
  expect(seen[0]).toMatchObject({ method: 'POST', path: '/indexes/products/search' })
  expect(seen[0].body).toMatchObject({
    q: 'mat ong',
    filter: ['(regionType = "ISLAND" OR regionType = "NONE")', '(certifications = "ocop")', 'ocopStars >= 4', 'priceVnd >= 100000'],
    facets: ['regionType', 'priceRange'],
    sort: ['priceVnd:asc', 'id:asc'],
    page: 2,
    hitsPerPage: 10,
  })
  expect(result).toMatchObject({
    total: 1,
    hits: [{ id: 'p01', highlights: { nameVi: ['Mật', 'ong'] } }],
    facets: { regionType: { MOUNTAIN: 1 }, priceRange: {} },
  })
  expect(await engine.count()).toBe(31)
})
