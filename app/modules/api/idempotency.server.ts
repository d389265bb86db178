import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'

// Stored answers to API POSTs that carried an Idempotency-Key, so a client that retries (a timeout, a
// dropped connection) gets the first answer instead of a second order or address.

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

export type IdempotencyStart =
  | { state: 'new'; id: string }
  | { state: 'replay'; status: number; body: unknown }
  | { state: 'reused' }
  | { state: 'inProgress' }

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'

/**
 * Claims `key` for this request, or says what became of the request that claimed it first. The unique
 * (apiKeyId, key) constraint decides between two concurrent requests: the loser sees the claim in progress.
 */
export async function beginIdempotentRequest(input: {
  apiKeyId: string
  key: string
  method: string
  path: string
  requestHash: string
}, attempt = 0): Promise<IdempotencyStart> {
  // Records older than a day are forgotten: the key may then be used afresh.
  await prisma.idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } } })
  try {
    const { id } = await prisma.idempotencyRecord.create({ data: input, select: { id: true } })
    return { state: 'new', id }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
  }
  const first = await prisma.idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId: input.apiKeyId, key: input.key } } })
  // Released between our insert and this read: the first request failed, so this one may try again.
  if (!first) return attempt < 2 ? beginIdempotentRequest(input, attempt + 1) : { state: 'inProgress' }
  if (first.requestHash !== input.requestHash) return { state: 'reused' }
  if (first.status === null) return { state: 'inProgress' }
  return { state: 'replay', status: first.status, body: first.body }
}

/** Keeps the answer for replays. */
export async function finishIdempotentRequest(id: string, status: number, body: unknown) {
  await prisma.idempotencyRecord.update({ where: { id }, data: { status, body: (body ?? Prisma.JsonNull) as Prisma.InputJsonValue } })
}

/** Forgets the claim of a request that did not succeed, so the client may retry with the same key. */
export async function releaseIdempotentRequest(id: string) {
  await prisma.idempotencyRecord.deleteMany({ where: { id } })
}
