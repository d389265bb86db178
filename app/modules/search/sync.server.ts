// How catalogue changes ask for the search index to follow: an outbox message written in the change's own
// transaction, so the index hears of every change that commits and of none that is rolled back. The
// handlers (index.server.ts) read the products' current state when they run.
import { enqueue } from '../outbox/outbox.server'
import type { Tx } from '~/utils/db.server'

export const SEARCH_SYNC_TOPIC = 'search.sync'
export const SEARCH_REINDEX_TOPIC = 'search.reindex'

export type SearchSyncPayload = { productIds?: string[]; producerId?: string }

/** In the transaction that changes these products: brings them up to date in the index once it commits. */
export async function enqueueProductsSync(tx: Tx, productIds: string[]) {
  if (productIds.length > 0) await enqueue(tx, SEARCH_SYNC_TOPIC, { productIds } satisfies SearchSyncPayload)
}

/** In the transaction that changes a producer (name, suspension, verification): all of its products. */
export async function enqueueProducerSync(tx: Tx, producerId: string) {
  await enqueue(tx, SEARCH_SYNC_TOPIC, { producerId } satisfies SearchSyncPayload)
}
