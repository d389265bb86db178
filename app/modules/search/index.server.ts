// The app's search index: which engine (Meilisearch when MEILI_URL is set, the embedded one otherwise), how
// catalogue changes reach it (outbox messages written in the changes' own transactions, drained by the
// `search` lane of the worker), and full rebuilds (at start-up on the embedded engine, `npm run
// search:reindex`). Handlers read the products' current state, so messages may run in any order, or twice.
import type { Prisma } from '~/generated/prisma/client'
import { enqueue, registerOutboxHandler } from '../outbox/outbox.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { allSearchDocuments, countSearchDocuments, searchDocumentsFor } from './documents.server'
import { EmbeddedSearchEngine } from './embedded-engine.server'
import type { SearchEngine } from './engine'
import { MeilisearchEngine } from './meilisearch-engine.server'
import { SEARCH_REINDEX_TOPIC, SEARCH_SYNC_TOPIC, type SearchSyncPayload } from './sync.server'


let engine: Promise<SearchEngine> | null = null
/** Whether this process holds the index (the app) rather than reaching a shared one (Meilisearch). */
let embeddedReady: Promise<void> | null = null

/**
 * Whether the index is on Meilisearch. Never in the test runner: test files run in parallel, each on its own
 * database and its own embedded index (the Meilisearch contract suite uses its own index).
 */
export const usesMeilisearch = () => !process.env.VITEST && !!env().MEILI_URL

/** The configured engine; connecting to Meilisearch applies its settings first. */
export function searchEngine(): Promise<SearchEngine> {
  if (!engine) {
    const { MEILI_URL, MEILI_API_KEY, MEILI_INDEX } = env()
    engine = usesMeilisearch() && MEILI_URL
      ? MeilisearchEngine.connect({ host: MEILI_URL, apiKey: MEILI_API_KEY, indexUid: MEILI_INDEX })
      : Promise.resolve(new EmbeddedSearchEngine())
    // A failed connection is tried again on the next use, not remembered.
    engine.catch(() => (engine = null))
  }
  return engine
}

/** Tests: a given engine (the fault test's failing one, a fresh embedded one per file). */
export function setSearchEngineForTests(next: SearchEngine | null) {
  engine = next ? Promise.resolve(next) : null
  embeddedReady = null
}

// ---------------------------------------------------------------------------------------------------------
// Following changes

/** One index change at a time, and none during a rebuild: each reads the database after the previous one. */
let queue: Promise<unknown> = Promise.resolve()
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work)
  queue = run.catch(() => {})
  return run
}

/** Indexes the public ones of these products and removes the others. */
export async function syncProducts(productIds: string[]) {
  if (productIds.length === 0) return
  await serially(async () => {
    const docs = await searchDocumentsFor(productIds)
    const kept = new Set(docs.map((d) => d.id))
    const target = await searchEngine()
    await target.upsert(docs)
    const gone = productIds.filter((id) => !kept.has(id))
    if (gone.length > 0) await target.remove(gone)
  })
}

async function syncProducer(producerId: string) {
  const ids = (await prisma.product.findMany({ where: { producerId }, select: { id: true } })).map((p) => p.id)
  for (let i = 0; i < ids.length; i += 1000) await syncProducts(ids.slice(i, i + 1000))
}

function readSyncPayload(payload: Prisma.JsonValue): SearchSyncPayload {
  const p = (payload ?? {}) as Record<string, unknown>
  return {
    productIds: Array.isArray(p.productIds) ? p.productIds.filter((id): id is string => typeof id === 'string') : undefined,
    producerId: typeof p.producerId === 'string' ? p.producerId : undefined,
  }
}

// Retried for as long as the engine is away: a change is never dropped because Meilisearch was down.
registerOutboxHandler(
  SEARCH_SYNC_TOPIC,
  async (payload) => {
    const { productIds, producerId } = readSyncPayload(payload)
    if (productIds) await syncProducts(productIds)
    if (producerId) await syncProducer(producerId)
  },
  { lane: 'search', maxAttempts: Infinity },
)

// ---------------------------------------------------------------------------------------------------------
// Full rebuilds

/**
 * Rebuilds the whole index from the database, recording its progress in the run `runId` (created here when
 * not given). Searches keep answering from the old index until the new one is complete.
 */
export async function rebuildSearchIndex(options: { runId?: string; requestedBy?: string } = {}) {
  const run = options.runId
    ? await prisma.searchIndexRun.findUniqueOrThrow({ where: { id: options.runId } })
    : await prisma.searchIndexRun.create({ data: { requestedBy: options.requestedBy ?? 'app' } })
  return serially(async () => {
    const total = await countSearchDocuments()
    // Claimed once: a rebuild message run again (after a crash, or by a second app process) does nothing.
    const claimed = await prisma.searchIndexRun.updateMany({
      where: { id: run.id, status: 'QUEUED' },
      data: { status: 'RUNNING', startedAt: new Date(), total, indexed: 0 },
    })
    if (claimed.count === 0) return prisma.searchIndexRun.findUniqueOrThrow({ where: { id: run.id } })
    let indexed = 0
    let reported = Date.now()
    try {
      const target = await searchEngine()
      await target.replaceAll(allSearchDocuments(), async (added) => {
        indexed += added
        // Progress for whoever watches (npm run search:reindex), a few times a second at most.
        if (Date.now() - reported > 250) {
          reported = Date.now()
          await prisma.searchIndexRun.update({ where: { id: run.id }, data: { indexed } })
        }
      })
      return await prisma.searchIndexRun.update({ where: { id: run.id }, data: { status: 'DONE', indexed, finishedAt: new Date() } })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      await prisma.searchIndexRun.update({ where: { id: run.id }, data: { status: 'FAILED', indexed, error: message.slice(0, 2000), finishedAt: new Date() } })
      throw error
    }
  })
}

/** A rebuild's progress (the latest when no id is given). */
export function getSearchIndexRun(id?: string) {
  return id ? prisma.searchIndexRun.findUnique({ where: { id } }) : prisma.searchIndexRun.findFirst({ orderBy: { createdAt: 'desc' } })
}

/** Asks the process that holds the index to rebuild it (`npm run search:reindex` on the embedded engine). */
export async function requestSearchRebuild(requestedBy: string) {
  return prisma.$transaction(async (tx) => {
    const run = await tx.searchIndexRun.create({ data: { requestedBy } })
    await enqueue(tx, SEARCH_REINDEX_TOPIC, { runId: run.id })
    return run
  })
}

registerOutboxHandler(
  SEARCH_REINDEX_TOPIC,
  async (payload) => {
    const runId = (payload as { runId?: unknown } | null)?.runId
    if (typeof runId === 'string') await rebuildSearchIndex({ runId })
  },
  { lane: 'search' },
)

/**
 * At the app's start: the embedded index is built from the database in the background (the first searches
 * wait for it; pages that do not search do not). Meilisearch keeps its index: only its settings are applied.
 */
export function startSearchIndex() {
  if (usesMeilisearch()) {
    // A new (or emptied) Meilisearch index is filled from the database; otherwise the outbox keeps it current.
    searchEngine()
      .then(async (meili) => {
        if ((await meili.count()) === 0 && (await countSearchDocuments()) > 0) await rebuildSearchIndex({ requestedBy: 'app start (empty index)' })
      })
      .catch((error) => console.error('search: Meilisearch is not reachable yet:', error instanceof Error ? error.message : error))
    return
  }
  // A rebuild this process was running when it stopped will not finish: say so.
  const interrupted = prisma.searchIndexRun.updateMany({
    where: { status: 'RUNNING' },
    data: { status: 'FAILED', error: 'Interrupted: the app stopped during the rebuild.', finishedAt: new Date() },
  })
  embeddedReady ??= interrupted.then(() => rebuildSearchIndex({ requestedBy: 'app start' })).then(
    (run) => console.log(`search: indexed ${run.indexed} products`),
    (error) => console.error('search: the index could not be built:', error),
  )
}

/** The engine, once the embedded index has been built (immediately on Meilisearch or when nothing is building). */
export async function readySearchEngine() {
  if (embeddedReady) await embeddedReady
  return searchEngine()
}

/** This process holds the embedded index (it is the app, started with startSearchIndex). */
export const holdsEmbeddedIndex = () => !usesMeilisearch() && embeddedReady !== null
