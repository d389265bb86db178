// A certificate stops counting at 00:00 Asia/Ho_Chi_Minh on its expiry date; nothing in the database changes
// then, so this job tells the index: every quarter of an hour it syncs the products whose certificates
// expired since its last turn (the turn after a restart covers the time the app was down).
import { expiryInstant } from '../catalog/certifications'
import { registerScheduledJob } from '../scheduler/scheduler.server'
import { prisma } from '~/utils/db.server'
import { enqueueProductsSync } from './sync.server'

export const CERTIFICATE_EXPIRY_JOB = 'search.certificate-expiry'
const DAY_MS = 24 * 60 * 60 * 1000

/** Enqueues an index sync of the products with a certificate whose expiry instant lies in (since, until]. */
export async function syncExpiredCertificates(since: Date, until: Date) {
  // Dates are stored as UTC midnight; the instant is 7 hours earlier, so look a day either side, then check.
  const candidates = await prisma.productCertification.findMany({
    where: { expiresAt: { gte: new Date(since.getTime() - DAY_MS), lte: new Date(until.getTime() + DAY_MS) } },
    select: { productId: true, expiresAt: true },
  })
  const productIds = [
    ...new Set(
      candidates
        .filter((c) => c.expiresAt && expiryInstant(c.expiresAt) > since && expiryInstant(c.expiresAt) <= until)
        .map((c) => c.productId),
    ),
  ]
  if (productIds.length > 0) await prisma.$transaction((tx) => enqueueProductsSync(tx, productIds))
  return productIds
}

registerScheduledJob({
  name: CERTIFICATE_EXPIRY_JOB,
  everyMs: 15 * 60 * 1000,
  firstLookbackMs: DAY_MS,
  run: async (since, until) => void (await syncExpiredCertificates(since, until)),
})
