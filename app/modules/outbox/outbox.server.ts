import type { Prisma } from '~/generated/prisma/client'
import { prisma, type Tx } from '~/utils/db.server'

type Handler = (payload: Prisma.JsonValue) => Promise<void>
const handlers = new Map<string, Handler>()

/** Each topic has one handler; handlers must be idempotent (a message may run again after a crash). */
export function registerOutboxHandler(topic: string, handler: Handler) {
  handlers.set(topic, handler)
}

/** Writes a side effect in the caller's transaction, so it happens only if the change commits. */
export async function enqueue(tx: Tx, topic: string, payload: Prisma.InputJsonValue) {
  await tx.outboxMessage.create({ data: { topic, payload } })
}

export const MAX_ATTEMPTS = 8
const LOCK_MS = 60_000
const backoffMs = (attempts: number) => Math.min(2 ** attempts * 1000, 15 * 60_000)

/** Claims and runs due messages once; returns how many ran. */
export async function drainOutbox(limit = 20): Promise<number> {
  const now = new Date()
  // Claim with SKIP LOCKED so several workers (PostgreSQL) never run one message twice at once.
  const claimed = await prisma.$queryRaw<{ id: bigint }[]>`
    UPDATE "OutboxMessage" SET "lockedUntil" = ${new Date(now.getTime() + LOCK_MS)}
    WHERE id IN (
      SELECT id FROM "OutboxMessage"
      WHERE status = 'PENDING' AND "runAfter" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
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

let timer: NodeJS.Timeout | undefined
let running = false

/** The in-process worker: polls every second, drains until empty. */
export function startOutboxWorker(intervalMs = 1000) {
  if (timer) return
  timer = setInterval(() => {
    if (running) return
    running = true
    const loop = async () => {
      while ((await drainOutbox()) > 0);
    }
    loop()
      .catch((error) => console.error('outbox worker:', error))
      .finally(() => (running = false))
  }, intervalMs)
  timer.unref()
}

export function stopOutboxWorker() {
  clearInterval(timer)
  timer = undefined
}
