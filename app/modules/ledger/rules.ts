// The ledger's limits and rate kinds, browser-safe: the operators' forms use them, the services enforce them.
import type { LedgerRateKind } from '~/generated/prisma/enums'

export const PAYOUT_LIMITS = { bankReferenceMax: 100, noteMax: 500, amountMaxVnd: 10_000_000_000_000n } as const

export const LEDGER_RATE_KINDS = ['PLATFORM_FEE', 'VAT_WITHHOLDING', 'PIT_WITHHOLDING'] as const satisfies readonly LedgerRateKind[]

/** A rate's note is short; a new rate may be set up to about three years ahead. */
export const RATE_LIMITS = { noteMax: 200, maxDaysAhead: 3 * 366 } as const
