import { Prisma } from '~/generated/prisma/client'
import { prisma, type Tx } from '~/utils/db.server'

type Handler = (payload: Prisma.JsonValue) => Promise<void>
/**
 * Each lane has its own worker loop, so work of one kind never holds up another: slow work (image encoding)
 * and search indexing (a full rebuild can take a while) run beside mail and other quick side effects.
 */
export const lanes = ['fast', 'slow', 'search'] as const
export type Lane = (typeof lanes)[number]
type Registration = { handler: Handler; lane: Lane; maxAttempts: number }
const registrations = new Map<string, Registration>()

/**
 * Each topic has one handler; handlers must be idempotent (a message may run again after a crash). A
 * message is retried with backoff up to `maxAttempts` times (MAX_ATTEMPTS by default; Infinity for work
 * that must happen however long its service is down, such as indexing).
 */
export function registerOutboxHandler(topic: string, handler: Handler, options: { lane?: Lane; maxAttempts?: number } = {}) {
  registrations.set(topic, { handler, lane: options.lane ?? 'fast', maxAttempts: options.maxAttempts ?? MAX_ATTEMPTS })
}

/** Writes a side effect in the caller's transaction, so it happens only if the change commits. */
export async function enqueue(tx: Tx, topic: string, payload: Prisma.InputJsonValue) {
  await tx.outboxMessage.create({ data: { topic, payload } })
}

const topicsOf = (lane: Lane) => [...registrations].filter(([, r]) => r.lane === lane).map(([topic]) => topic)

export const MAX_ATTEMPTS = 8
const LOCK_MS = 60_000
const backoffMs = (attempts: number) => Math.min(2 ** attempts * 1000, 15 * 60_000)

/** Claims and runs due messages once (of one lane, or of both); returns how many ran. */
export async function drainOutbox(limit = 20, lane?: Lane): Promise<number> {
  const now = new Date()
  // Every lane when no lane is given. The fast lane also takes topics nobody registered (they fail visibly).
  const others = lanes.filter((l) => l !== 'fast').flatMap(topicsOf)
  const laneFilter =
    lane === undefined
      ? Prisma.empty
      : lane === 'fast'
        ? Prisma.sql`AND NOT (topic = ANY(${others}::text[]))`
        : Prisma.sql`AND topic = ANY(${topicsOf(lane)}::text[])`
  // Claim with SKIP LOCKED so several workers (PostgreSQL) never run one message twice at once.
  const claimed = await prisma.$queryRaw<{ id: bigint }[]>`
    UPDATE "OutboxMessage" SET "lockedUntil" = ${new Date(now.getTime() + LOCK_MS)}
    WHERE id IN (
      SELECT id FROM "OutboxMessage"
      WHERE status = 'PENDING' AND "runAfter" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now}) ${laneFilter}
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`
  for (const { id } of claimed) {
    const message = await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })
    const registration = registrations.get(message.topic)
    try {
      if (!registration) throw new Error(`No outbox handler for topic "${message.topic}"`)
      await registration.handler(message.payload)
      await prisma.outboxMessage.update({
        where: { id },
        data: { status: 'DONE', processedAt: new Date(), lockedUntil: null, attempts: { increment: 1 }, lastError: null },
      })
    } catch (error) {
      const attempts = message.attempts + 1
      await prisma.outboxMessage.update({
        where: { id },
        data: {
          attempts,
          lockedUntil: null,
          lastError: error instanceof Error ? error.message.slice(0, 2000) : String(error),
          status: attempts >= (registration?.maxAttempts ?? MAX_ATTEMPTS) ? 'FAILED' : 'PENDING',
          runAfter: new Date(Date.now() + backoffMs(attempts)),
        },
      })
    }
  }
  return claimed.length
}

const timers: NodeJS.Timeout[] = []

const batchOf: Record<Lane, number> = { fast: 20, slow: 1, search: 20 }

/** The in-process worker: each lane polls every second and drains until empty (slow work one at a time). */
export function startOutboxWorker(intervalMs = 1000) {
  if (timers.length) return
  for (const lane of lanes) {
    const batch = batchOf[lane]
    let running = false
    const timer = setInterval(() => {
      if (running) return
      running = true
      const loop = async () => {
        while ((await drainOutbox(batch, lane)) > 0);
      }
      loop()
        .catch((error) => console.error(`outbox worker (${lane}):`, error))
        .finally(() => (running = false))
    }, intervalMs)
    timer.unref()
    timers.push(timer)
  }
}

export function stopOutboxWorker() {
  for (const timer of timers.splice(0)) clearInterval(timer)
}
