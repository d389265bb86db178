import { Prisma } from '~/generated/prisma/client'
import { prisma, type Tx } from '~/utils/db.server'

type Handler = (payload: Prisma.JsonValue) => Promise<void>
/** Slow work (image encoding) runs in its own lane so it never holds up mail and other quick side effects. */
export type Lane = 'fast' | 'slow'
const handlers = new Map<string, Handler>()
const slowTopics = new Set<string>()

/** Each topic has one handler; handlers must be idempotent (a message may run again after a crash). */
export function registerOutboxHandler(topic: string, handler: Handler, options: { lane?: Lane } = {}) {
  handlers.set(topic, handler)
  if (options.lane === 'slow') slowTopics.add(topic)
  else slowTopics.delete(topic)
}

/** Writes a side effect in the caller's transaction, so it happens only if the change commits. */
export async function enqueue(tx: Tx, topic: string, payload: Prisma.InputJsonValue) {
  await tx.outboxMessage.create({ data: { topic, payload } })
}

export const MAX_ATTEMPTS = 8
const LOCK_MS = 60_000
const backoffMs = (attempts: number) => Math.min(2 ** attempts * 1000, 15 * 60_000)

/** Claims and runs due messages once (of one lane, or of both); returns how many ran. */
export async function drainOutbox(limit = 20, lane?: Lane): Promise<number> {
  const now = new Date()
  const slow = [...slowTopics]
  // Both lanes when no lane is given; otherwise only the topics of that lane.
  const laneFilter =
    lane === undefined ? Prisma.empty : lane === 'slow' ? Prisma.sql`AND topic = ANY(${slow}::text[])` : Prisma.sql`AND NOT (topic = ANY(${slow}::text[]))`
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
    const handler = handlers.get(message.topic)
    try {
      if (!handler) throw new Error(`No outbox handler for topic "${message.topic}"`)
      await handler(message.payload)
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
          status: attempts >= MAX_ATTEMPTS ? 'FAILED' : 'PENDING',
          runAfter: new Date(Date.now() + backoffMs(attempts)),
        },
      })
    }
  }
  return claimed.length
}

const timers: NodeJS.Timeout[] = []

/** The in-process worker: each lane polls every second and drains until empty (slow work one at a time). */
export function startOutboxWorker(intervalMs = 1000) {
  if (timers.length) return
  for (const [lane, batch] of [['fast', 20], ['slow', 1]] as const) {
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
