// Payouts: an operator records money sent from the platform's account to a producer's bank account. The
// payout and its PAYOUT ledger row (−amount) are written in one transaction that first locks the producer's
// row, so two payouts recorded at once are checked one after the other and cannot together overdraw the
// balance. The bank account is copied onto the payout as it was when the money went out.
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { recordAudit } from '../audit/audit.server'
import { isCalendarDate, todayInHcm } from '../catalog/certifications'
import { producerBalance } from './ledger.server'
import { PAYOUT_LIMITS } from './rules'

export type PayoutError =
  | { ok: false; error: 'ledger.payout.producerNotFound' | 'ledger.payout.noBankAccount' | 'ledger.payout.amountInvalid' }
  | { ok: false; error: 'ledger.payout.paidOnInvalid' | 'ledger.payout.paidOnFuture' }
  | { ok: false; error: 'ledger.payout.bankReferenceRequired' | 'ledger.payout.bankReferenceTooLong' | 'ledger.payout.noteTooLong' }
  | { ok: false; error: 'ledger.payout.overBalance'; balanceVnd: bigint }

const payoutSelect = {
  id: true,
  producerId: true,
  amountVnd: true,
  paidOn: true,
  bankName: true,
  bankAccountNumber: true,
  bankAccountHolder: true,
  bankReference: true,
  note: true,
  recordedByName: true,
  createdAt: true,
  producer: { select: { displayName: true, slug: true } },
} satisfies Prisma.PayoutSelect

export type PayoutRow = Prisma.PayoutGetPayload<{ select: typeof payoutSelect }>

export type RecordPayoutInput = {
  producerId: string
  amountVnd: bigint
  /** YYYY-MM-DD, the day the bank sent it (Vietnam's date): not in the future. */
  paidOn: string
  /** The bank's reference of the transfer, so the producer can find it on its statement. */
  bankReference: string
  note?: string
  operator: { userId: string; name: string }
  now?: Date
}

export async function recordPayout(input: RecordPayoutInput): Promise<{ ok: true; payout: PayoutRow; balanceVnd: bigint } | PayoutError> {
  const now = input.now ?? new Date()
  if (typeof input.amountVnd !== 'bigint' || input.amountVnd <= 0n || input.amountVnd > PAYOUT_LIMITS.amountMaxVnd) return { ok: false, error: 'ledger.payout.amountInvalid' }
  if (!isCalendarDate(input.paidOn)) return { ok: false, error: 'ledger.payout.paidOnInvalid' }
  if (input.paidOn > todayInHcm(now)) return { ok: false, error: 'ledger.payout.paidOnFuture' }
  const bankReference = input.bankReference.trim()
  if (!bankReference) return { ok: false, error: 'ledger.payout.bankReferenceRequired' }
  if (bankReference.length > PAYOUT_LIMITS.bankReferenceMax) return { ok: false, error: 'ledger.payout.bankReferenceTooLong' }
  const note = input.note?.trim() || null
  if (note && note.length > PAYOUT_LIMITS.noteMax) return { ok: false, error: 'ledger.payout.noteTooLong' }

  return prisma.$transaction(
    async (tx) => {
      // The lock: a second payout for this producer waits here until the first commits, then sees its row.
      const [producer] = await tx.$queryRaw<{ id: string; bankName: string | null; bankAccountNumber: string | null; bankAccountHolder: string | null }[]>`
        SELECT id, "bankName", "bankAccountNumber", "bankAccountHolder" FROM "Organization" WHERE id = ${input.producerId} AND kind = 'PRODUCER' FOR UPDATE`
      if (!producer) return { ok: false, error: 'ledger.payout.producerNotFound' } as const
      const { bankName, bankAccountNumber, bankAccountHolder } = producer
      if (!bankName?.trim() || !bankAccountNumber?.trim() || !bankAccountHolder?.trim()) return { ok: false, error: 'ledger.payout.noBankAccount' } as const
      const balanceVnd = await producerBalance(producer.id, tx)
      if (input.amountVnd > balanceVnd) return { ok: false, error: 'ledger.payout.overBalance', balanceVnd } as const

      const payout = await tx.payout.create({
        data: {
          producerId: producer.id,
          amountVnd: input.amountVnd,
          paidOn: new Date(`${input.paidOn}T00:00:00Z`),
          bankName,
          bankAccountNumber,
          bankAccountHolder,
          bankReference,
          note,
          recordedById: input.operator.userId,
          recordedByName: input.operator.name,
          createdAt: now,
        },
        select: payoutSelect,
      })
      // Dated when recorded, like every ledger row, so a month already stated never changes afterwards.
      await tx.ledgerEntry.create({ data: { producerId: producer.id, payoutId: payout.id, kind: 'PAYOUT', amountVnd: -input.amountVnd, occurredAt: now } })
      await recordAudit(
        {
          actor: `user:${input.operator.userId}`,
          action: 'ledger.payout',
          target: `organization:${producer.id}`,
          details: { payoutId: payout.id, amountVnd: input.amountVnd.toString(), paidOn: input.paidOn, bankReference, bankAccountNumber },
        },
        tx,
      )
      return { ok: true, payout, balanceVnd: balanceVnd - input.amountVnd } as const
    },
    { timeout: 30_000, maxWait: 30_000 },
  )
}

/** The latest payouts, newest first (the operators' page). */
export function recentPayouts(limit = 20) {
  return prisma.payout.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, select: payoutSelect })
}
