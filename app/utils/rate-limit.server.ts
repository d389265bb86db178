import { prisma } from './db.server'

/**
 * Counts one hit on `key` in a fixed window; `allowed` is false once more than `limit` hits fell in the
 * current window. Kept in the database so the embedded default needs no other server.
 */
export async function hitRateLimit(key: string, limit: number, windowMs: number) {
  const now = Date.now()
  const windowStart = new Date(now - (now % windowMs))
  const row = await prisma.rateLimitCounter.upsert({
    where: { key_windowStart: { key, windowStart } },
    create: { key, windowStart, count: 1 },
    update: { count: { increment: 1 } },
  })
  return { allowed: row.count <= limit, retryAfterSeconds: Math.ceil((windowStart.getTime() + windowMs - now) / 1000) }
}

export async function resetRateLimit(key: string) {
  await prisma.rateLimitCounter.deleteMany({ where: { key } })
}

/** Drops windows that ended long ago (called by the outbox worker's housekeeping). */
export async function pruneRateLimits(olderThan: Date) {
  await prisma.rateLimitCounter.deleteMany({ where: { windowStart: { lt: olderThan } } })
}
