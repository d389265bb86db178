// Work that runs beside the web server in the same process: the outbox worker and its handlers, scheduled
// jobs, the search index, and the admin endpoint through which the CLI reaches an embedded database this process holds.
import '~/modules/notifications/notifications.server'
import '~/modules/media/images.server'
import { publishAdminEndpoint } from '~/modules/admin/endpoint.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { startOutboxWorker } from '~/modules/outbox/outbox.server'
import { startScheduler } from '~/modules/scheduler/scheduler.server'
import '~/modules/search/certificate-expiry.server'
// Registers the orders' scheduled jobs (automatic delivery and cancellation) and their mail handler.
import '~/modules/orders/auto-jobs.server'
// Registers the job that tells buyers of their overdue invoices (net terms).
import '~/modules/payments/overdue.server'
import { startSearchIndex } from '~/modules/search/index.server'
import { env } from '~/utils/env.server'

export function startBackgroundWork() {
  if (process.env.VITEST) return
  // With PostgreSQL the CLI opens its own connections; only PGlite needs the app to run commands for it.
  const { DATABASE_URL, DATA_DIR, PORT } = env()
  if (!DATABASE_URL) publishAdminEndpoint(PORT, DATA_DIR)
  // The category tree is reference data: every database gets it, seeded or not (idempotent).
  ensureCategories().catch((error) => console.error('ensureCategories:', error))
  // The embedded search index is built in the background: pages that do not search need not wait for it.
  startSearchIndex()
  if (process.env.DISABLE_WORKER === '1') return
  startOutboxWorker()
  startScheduler()
}
