// The platform fee and the withholding rates, each with the day it takes effect (Vietnam's date). A sale
// uses the rates in effect on the day it is paid and copies them onto its rows (ledger.server.ts). A change
// is a new rate from a future day: rates in effect today or before are never edited, and none is added for
// a day that has begun, so no sale already recorded would have had another rate than the one it carries.
import type { LedgerRateKind } from '~/generated/prisma/enums'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { recordAudit } from '../audit/audit.server'
import { isCalendarDate, todayInHcm } from '../catalog/certifications'
import { LEDGER_RATE_KINDS, RATE_LIMITS } from './rules'

const DAY_MS = 24 * 60 * 60 * 1000

export type AddRateError = {
  ok: false
  error:
    | 'ledger.rate.kindInvalid'
    | 'ledger.rate.basisPointsInvalid'
    | 'ledger.rate.effectiveFromInvalid'
    | 'ledger.rate.effectiveFromNotFuture'
    | 'ledger.rate.effectiveFromTooFar'
    | 'ledger.rate.noteTooLong'
    | 'ledger.rate.duplicate'
}

/** Every rate, newest first within each kind, marked as in effect today, coming, or past. */
export async function listRates(now = new Date()) {
  const today = todayInHcm(now)
  const rates = await prisma.ledgerRate.findMany({ orderBy: [{ kind: 'asc' }, { effectiveFrom: 'desc' }] })
  return rates.map((r) => {
    const from = r.effectiveFrom.toISOString().slice(0, 10)
    const current = rates.find((x) => x.kind === r.kind && x.effectiveFrom.toISOString().slice(0, 10) <= today)
    return { ...r, effectiveFrom: from, state: from > today ? ('coming' as const) : current?.id === r.id ? ('current' as const) : ('past' as const) }
  })
}

export async function addRate(input: {
  kind: string
  basisPoints: number
  /** YYYY-MM-DD: from tomorrow (Vietnam's date). */
  effectiveFrom: string
  note?: string
  operator: { userId: string; name: string }
  now?: Date
}): Promise<{ ok: true; rate: { id: string; kind: LedgerRateKind; basisPoints: number; effectiveFrom: string } } | AddRateError> {
  const now = input.now ?? new Date()
  if (!(LEDGER_RATE_KINDS as readonly string[]).includes(input.kind)) return { ok: false, error: 'ledger.rate.kindInvalid' }
  const kind = input.kind as LedgerRateKind
  if (!Number.isInteger(input.basisPoints) || input.basisPoints < 0 || input.basisPoints > 10_000) return { ok: false, error: 'ledger.rate.basisPointsInvalid' }
  if (!isCalendarDate(input.effectiveFrom)) return { ok: false, error: 'ledger.rate.effectiveFromInvalid' }
  const today = todayInHcm(now)
  if (input.effectiveFrom <= today) return { ok: false, error: 'ledger.rate.effectiveFromNotFuture' }
  if (Date.parse(input.effectiveFrom) - Date.parse(today) > RATE_LIMITS.maxDaysAhead * DAY_MS) return { ok: false, error: 'ledger.rate.effectiveFromTooFar' }
  const note = input.note?.trim() || null
  if (note && note.length > RATE_LIMITS.noteMax) return { ok: false, error: 'ledger.rate.noteTooLong' }

  try {
    return await prisma.$transaction(async (tx) => {
      const rate = await tx.ledgerRate.create({
        data: { kind, basisPoints: input.basisPoints, effectiveFrom: new Date(`${input.effectiveFrom}T00:00:00Z`), note, createdById: input.operator.userId, createdAt: now },
      })
      await recordAudit(
        { actor: `user:${input.operator.userId}`, action: 'ledger.rate.add', target: `ledgerRate:${rate.id}`, details: { kind, basisPoints: input.basisPoints, effectiveFrom: input.effectiveFrom, note } },
        tx,
      )
      return { ok: true as const, rate: { id: rate.id, kind, basisPoints: rate.basisPoints, effectiveFrom: input.effectiveFrom } }
    })
  } catch (error) {
    // One rate of a kind per day (unique on kind, effectiveFrom): a second one is refused, the first stays.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { ok: false, error: 'ledger.rate.duplicate' }
    throw error
  }
}
