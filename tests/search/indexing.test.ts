// The index follows the catalogue through the outbox: every change that commits reaches it (also after the
// engine was down), nothing rolled back does, and what is not public leaves it.
import { beforeAll, beforeEach, expect, test } from 'vitest'
import { runAdminCommand } from '~/modules/admin/commands.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import {
  createProduct,
  publicProductWhere,
  quickUpdateProduct,
  restoreProduct,
  setProductStatus,
  suspendProduct,
  updateProduct,
} from '~/modules/catalog/products.server'
import { setVerificationStatus, suspendOrganization, restoreOrganization } from '~/modules/organizations/moderation.server'
import { drainOutbox, MAX_ATTEMPTS } from '~/modules/outbox/outbox.server'
import { runScheduledJob } from '~/modules/scheduler/scheduler.server'
import { CERTIFICATE_EXPIRY_JOB, syncExpiredCertificates } from '~/modules/search/certificate-expiry.server'
import { searchDocumentsFor } from '~/modules/search/documents.server'
import { EmbeddedSearchEngine } from '~/modules/search/embedded-engine.server'
import type { SearchDocument, SearchEngine, SearchQuery } from '~/modules/search/engine'
import { rebuildSearchIndex, requestSearchRebuild, searchEngine, setSearchEngineForTests } from '~/modules/search/index.server'
import { enqueueProductsSync, SEARCH_SYNC_TOPIC } from '~/modules/search/sync.server'
import { prisma } from '~/utils/db.server'
import { makeOrg, productInput } from '../catalog/fixtures'

/** The embedded engine, made to fail on writes while `down` is set (Meilisearch unreachable, say). */
class FlakyEngine implements SearchEngine {
  down = false
  constructor(private readonly inner = new EmbeddedSearchEngine()) {}
  private check() {
    if (this.down) throw new Error('search engine unreachable')
  }
  async upsert(docs: SearchDocument[]) {
    this.check()
    return this.inner.upsert(docs)
  }
  async remove(ids: string[]) {
    this.check()
    return this.inner.remove(ids)
  }
  async clear() {
    this.check()
    return this.inner.clear()
  }
  async replaceAll(batches: AsyncIterable<SearchDocument[]>, onBatch?: (added: number) => void | Promise<void>) {
    this.check()
    return this.inner.replaceAll(batches, onBatch)
  }
  count = () => this.inner.count()
  search = (query: SearchQuery) => this.inner.search(query)
}

let engine: FlakyEngine
beforeAll(() => ensureCategories())
beforeEach(() => {
  engine = new FlakyEngine()
  setSearchEngineForTests(engine)
})

/** Runs the search lane until nothing is due. */
async function drainSearch() {
  while ((await drainOutbox(50, 'search')) > 0);
}

const ids = async (q: string, query: Partial<SearchQuery> = {}) => (await engine.search({ q, pageSize: 100, ...query })).hits.map((h) => h.id)

async function published(producerId: string, overrides: Record<string, unknown> = {}) {
  const result = await createProduct(producerId, productInput(overrides), { status: 'PUBLISHED' })
  if (!result.ok) throw new Error(result.error)
  return result.product.id
}

test('a published product becomes searchable once the outbox runs; a draft never does', async () => {
  const producer = await makeOrg('PRODUCER')
  const live = await published(producer.id, { nameVi: 'Mật ong bạc hà Mèo Vạc' })
  const draft = await createProduct(producer.id, productInput({ nameVi: 'Mật ong rừng U Minh' }))
  if (!draft.ok) throw new Error(draft.error)
  expect(await ids('mat ong')).toEqual([]) // nothing until the worker runs
  await drainSearch()
  expect(await ids('mat ong')).toEqual([live])
  // Publishing the draft brings it in.
  await setProductStatus(producer.id, draft.product.id, 'PUBLISHED')
  await drainSearch()
  expect((await ids('mat ong')).sort()).toEqual([live, draft.product.id].sort())
})

test('edits, price changes, unpublishing, archiving and suspension reach the index', async () => {
  const producer = await makeOrg('PRODUCER')
  const id = await published(producer.id, { nameVi: 'Chè Shan tuyết Hà Giang' })
  await drainSearch()
  expect(await ids('shan tuyet')).toEqual([id])

  const input = productInput({ sku: 'CHE-1', nameVi: 'Trà Ô long Mộc Châu' })
  expect((await updateProduct(producer.id, id, input)).ok).toBe(true)
  await drainSearch()
  expect(await ids('shan tuyet')).toEqual([])
  expect(await ids('o long')).toEqual([id])

  expect((await quickUpdateProduct(producer.id, id, { firstTierPriceVnd: 900_000n })).ok).toBe(true)
  await drainSearch()
  expect(await ids('', { filters: { minPrice: 800_000 } })).toEqual([id])

  await setProductStatus(producer.id, id, 'UNPUBLISHED')
  await drainSearch()
  expect(await ids('o long')).toEqual([])
  await setProductStatus(producer.id, id, 'PUBLISHED')
  await drainSearch()
  expect(await ids('o long')).toEqual([id])

  expect((await suspendProduct(id, 'Nhãn sai', 'operator:test')).ok).toBe(true)
  await drainSearch()
  expect(await ids('o long')).toEqual([])
  expect((await restoreProduct(id, 'operator:test')).ok).toBe(true)
  await drainSearch()
  expect(await ids('o long')).toEqual([id])

  await setProductStatus(producer.id, id, 'ARCHIVED')
  await drainSearch()
  expect(await engine.count()).toBe(0)
})

test("a producer's suspension, rejection and new name reach all of its products", async () => {
  const producer = await makeOrg('PRODUCER', { name: 'HTX Ong mật Đồng Văn' })
  const a = await published(producer.id, { nameVi: 'Mật ong bạc hà' })
  const b = await published(producer.id, { nameVi: 'Sáp ong' })
  await drainSearch()
  expect((await ids('dong van')).sort()).toEqual([a, b].sort()) // found by the producer's name

  await suspendOrganization({ slug: producer.slug }, { actor: 'operator:test', reason: 'Kiểm tra hồ sơ' })
  await drainSearch()
  expect(await engine.count()).toBe(0)
  await restoreOrganization({ slug: producer.slug }, { actor: 'operator:test' })
  await drainSearch()
  expect(await engine.count()).toBe(2)

  await setVerificationStatus({ slug: producer.slug }, 'REJECTED', { actor: 'operator:test', reason: 'Mã số thuế không khớp' })
  await drainSearch()
  expect(await engine.count()).toBe(0)
  await setVerificationStatus({ slug: producer.slug }, 'VERIFIED', { actor: 'operator:test' })
  await drainSearch()
  expect(await engine.count()).toBe(2)
})

test('fault: with the engine down a product edit still succeeds, and is searchable once it is back', async () => {
  const producer = await makeOrg('PRODUCER')
  const id = await published(producer.id, { nameVi: 'Gạo Séng Cù Lào Cai' })
  await drainSearch()

  engine.down = true
  const edit = await updateProduct(producer.id, id, productInput({ sku: 'GAO-1', nameVi: 'Gạo nếp cái hoa vàng' }))
  expect(edit.ok).toBe(true)
  expect((await prisma.product.findUniqueOrThrow({ where: { id } })).nameVi).toBe('Gạo nếp cái hoa vàng')

  // The engine stays down for longer than a mail message would be retried: the change is kept, not parked.
  for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
    await prisma.outboxMessage.updateMany({ where: { topic: SEARCH_SYNC_TOPIC, status: 'PENDING' }, data: { runAfter: new Date(0) } })
    await drainSearch()
  }
  const waiting = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: SEARCH_SYNC_TOPIC, status: 'PENDING' } })
  expect(waiting).toMatchObject({ attempts: MAX_ATTEMPTS + 2, lastError: 'search engine unreachable' })
  expect(waiting.runAfter.getTime()).toBeGreaterThan(Date.now()) // backing off
  expect(await ids('nep cai')).toEqual([])

  engine.down = false
  await prisma.outboxMessage.update({ where: { id: waiting.id }, data: { runAfter: new Date() } })
  await drainSearch()
  expect(await ids('nep cai')).toEqual([id])
  expect(await ids('seng cu')).toEqual([])
  expect(await prisma.outboxMessage.count({ where: { topic: SEARCH_SYNC_TOPIC, status: { not: 'DONE' } } })).toBe(0)
})

test('a rolled-back transaction leaves nothing in the index', async () => {
  const producer = await makeOrg('PRODUCER')
  const id = await published(producer.id, { nameVi: 'Hạt dẻ Trùng Khánh' })
  await drainSearch()
  await expect(
    prisma.$transaction(async (tx) => {
      await tx.product.update({ where: { id }, data: { nameVi: 'Hạt điều Bình Phước' } })
      await enqueueProductsSync(tx, [id])
      throw new Error('the rest of the change failed')
    }),
  ).rejects.toThrow('the rest of the change failed')
  // A failed form save (SKU taken) rolls back too.
  await published(producer.id, { sku: 'TAKEN-1', nameVi: 'Miến dong' })
  const clash = await updateProduct(producer.id, id, productInput({ sku: 'TAKEN-1', nameVi: 'Hạt điều rang muối' }))
  expect(clash).toEqual({ ok: false, error: 'product.sku.taken' })
  await drainSearch()
  expect(await ids('hat dieu')).toEqual([])
  expect(await ids('trung khanh')).toEqual([id])
})

test('a certificate that expires leaves the facet when the scheduled job runs', async () => {
  const producer = await makeOrg('PRODUCER')
  const tomorrow = new Date(Date.now() + 2 * 24 * 3600_000).toISOString().slice(0, 10)
  const id = await published(producer.id, {
    nameVi: 'Cà phê Buôn Ma Thuột',
    certifications: [{ type: 'OCOP', stars: 4, issuedAt: '2025-01-01', expiresAt: tomorrow }],
  })
  await drainSearch()
  expect((await engine.search({ q: '', facets: ['certification', 'ocopStars'] })).facets).toMatchObject({
    certification: { ocop: 1 },
    ocopStars: { '4': 1 },
  })

  // Time passes: the certificate now expires today (from 00:00 Asia/Ho_Chi_Minh, already past).
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
  await prisma.productCertification.updateMany({ where: { productId: id }, data: { expiresAt: new Date(`${today}T00:00:00Z`) } })
  const since = new Date(Date.now() - 24 * 3600_000)
  expect(await syncExpiredCertificates(since, new Date())).toEqual([id])
  await drainSearch()
  const after = await engine.search({ q: '', facets: ['certification', 'ocopStars'] })
  expect(after.facets.certification).toEqual({})
  expect(after.facets.ocopStars).toEqual({ '0': 1 })
  expect(await ids('', { filters: { certification: ['ocop'] } })).toEqual([])
})

test('the scheduled job covers the time since its last turn, and two processes never run one turn twice', async () => {
  const now = new Date()
  const results = await Promise.all([runScheduledJob(CERTIFICATE_EXPIRY_JOB, now), runScheduledJob(CERTIFICATE_EXPIRY_JOB, now)])
  expect(results.filter(Boolean)).toHaveLength(1)
  expect((await prisma.scheduledJob.findUniqueOrThrow({ where: { name: CERTIFICATE_EXPIRY_JOB } })).lastRunAt).toEqual(now)
  const later = new Date(now.getTime() + 60_000)
  expect(await runScheduledJob(CERTIFICATE_EXPIRY_JOB, later)).toBe(true)
})

test('a rebuild replaces the index from the database and records its progress', async () => {
  const producer = await makeOrg('PRODUCER')
  const kept = await published(producer.id, { nameVi: 'Xoài Yên Châu' })
  const hidden = await published(producer.id, { nameVi: 'Mận hậu Mộc Châu' })
  await drainSearch()
  await prisma.product.update({ where: { id: hidden }, data: { status: 'ARCHIVED' } }) // behind the outbox's back
  const [doc] = await searchDocumentsFor([kept])
  await engine.upsert([{ ...doc, id: 'ghost', nameVi: 'Xoài cát Hòa Lộc' }]) // in the index, not in the database
  expect(await ids('xoai')).toHaveLength(2)

  const run = await rebuildSearchIndex({ requestedBy: 'test' })
  const publicCount = await prisma.product.count({ where: publicProductWhere() })
  expect(run).toMatchObject({ status: 'DONE', total: publicCount, indexed: publicCount, requestedBy: 'test' })
  expect(await engine.count()).toBe(publicCount)
  expect(await ids('yen chau')).toEqual([kept])
  expect(await ids('man hau')).toEqual([])
  expect(await ids('xoai')).toEqual([kept])

  // Asked for through the outbox (as `npm run search:reindex` does): the search lane carries it out, once.
  const asked = await requestSearchRebuild('cli:test')
  await drainSearch()
  expect(await prisma.searchIndexRun.findUniqueOrThrow({ where: { id: asked.id } })).toMatchObject({ status: 'DONE', indexed: publicCount })
  expect(await rebuildSearchIndex({ runId: asked.id })).toMatchObject({ status: 'DONE' })
})

test('a failed rebuild is recorded as FAILED and keeps the old index', async () => {
  const producer = await makeOrg('PRODUCER')
  const id = await published(producer.id, { nameVi: 'Hồi khô Lạng Sơn' })
  await drainSearch()
  engine.down = true
  await expect(rebuildSearchIndex({ requestedBy: 'test' })).rejects.toThrow('search engine unreachable')
  expect(await prisma.searchIndexRun.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).toMatchObject({ status: 'FAILED', error: 'search engine unreachable' })
  expect(await ids('hoi kho')).toEqual([id])
})

test('admin commands: search reindex queues a rebuild, search status shows it', async () => {
  const queued = await runAdminCommand(['search', 'reindex', '--json'], 'cli:test')
  expect(queued.exitCode).toBe(0)
  const run = JSON.parse(queued.stdout)
  expect(run).toMatchObject({ status: 'QUEUED', requestedBy: 'cli:test' })
  await drainSearch()
  const status = await runAdminCommand(['search', 'status', '--run', run.id, '--json'], 'cli:test')
  expect(JSON.parse(status.stdout)).toMatchObject({ id: run.id, status: 'DONE' })
  const table = await runAdminCommand(['search', 'status'], 'cli:test')
  expect(table.stdout).toContain('DONE')
  const unknown = await runAdminCommand(['search', 'status', '--run', 'nope'], 'cli:test')
  expect(unknown).toMatchObject({ exitCode: 1, stderr: 'No search index rebuild "nope".\n' })
  expect(await searchEngine()).toBe(engine)
})
