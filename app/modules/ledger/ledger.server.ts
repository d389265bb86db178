// What the platform owes each producer (docs/ledger.md). An order enters the ledger when it becomes PAID: its
// total (SALE), less the platform fee, less the VAT and PIT the platform must withhold for household and
// individual sellers (Decree 117/2025). When its money goes back to the buyer (REFUND_PENDING, REFUNDED) those
// rows are reversed. The rate of each fee and withholding is the one in effect on the day of the sale
// (LedgerRate, Vietnam's date), copied onto the row. Below: reading it (balances, statements, the API's rows).
import type { Prisma } from '~/generated/prisma/client'
import type { LedgerEntryKind, LedgerRateKind, LegalForm } from '~/generated/prisma/enums'
import { prisma, type Tx } from '~/utils/db.server'
import { todayInHcm } from '../catalog/certifications'
import { monthBounds, monthOf, monthsBetween } from './month'

/** Legal forms the platform withholds tax for: household businesses and individuals (companies and cooperatives declare their own). */
export const WITHHELD_LEGAL_FORMS: readonly LegalForm[] = ['HOUSEHOLD_BUSINESS', 'INDIVIDUAL']

/** A rate in basis points applied to an amount in đồng, rounded half up to the đồng. */
export const applyRate = (baseVnd: bigint, basisPoints: number) => (baseVnd * BigInt(basisPoints) + 5_000n) / 10_000n

/** The rate of each kind in effect on a day (YYYY-MM-DD): the latest that took effect on or before it. */
export async function ratesOn(tx: Tx, day: string) {
  const on = new Date(`${day}T00:00:00Z`)
  const kinds: LedgerRateKind[] = ['PLATFORM_FEE', 'VAT_WITHHOLDING', 'PIT_WITHHOLDING']
  const rates = await Promise.all(kinds.map((kind) => tx.ledgerRate.findFirst({ where: { kind, effectiveFrom: { lte: on } }, orderBy: { effectiveFrom: 'desc' } })))
  return { fee: rates[0], vat: rates[1], pit: rates[2] }
}

/**
 * Brings an order's ledger rows in line with its payment status, in the transaction that changed it. Safe to
 * call again: each row exists once per order (unique on order, kind, reversal).
 */
export async function syncOrderLedger(tx: Tx, orderId: string, now: Date) {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, producerId: true, totalVnd: true, paymentStatus: true, producer: { select: { legalForm: true } } },
  })
  const rows = await tx.ledgerEntry.findMany({ where: { orderId }, orderBy: { createdAt: 'asc' } })
  const sold = rows.some((r) => r.kind === 'SALE' && !r.reversal)
  const reversed = rows.some((r) => r.kind === 'SALE' && r.reversal)

  if (order.paymentStatus === 'PAID' && !sold) {
    const { fee, vat, pit } = await ratesOn(tx, todayInHcm(now))
    const base = order.totalVnd
    const entries: { kind: 'SALE' | 'PLATFORM_FEE' | 'VAT_WITHHELD' | 'PIT_WITHHELD'; amountVnd: bigint; rate?: { id: string; basisPoints: number } | null }[] = [
      { kind: 'SALE', amountVnd: base },
    ]
    if (fee) entries.push({ kind: 'PLATFORM_FEE', amountVnd: -applyRate(base, fee.basisPoints), rate: fee })
    if (WITHHELD_LEGAL_FORMS.includes(order.producer.legalForm)) {
      if (vat) entries.push({ kind: 'VAT_WITHHELD', amountVnd: -applyRate(base, vat.basisPoints), rate: vat })
      if (pit) entries.push({ kind: 'PIT_WITHHELD', amountVnd: -applyRate(base, pit.basisPoints), rate: pit })
    }
    await tx.ledgerEntry.createMany({
      data: entries.map((e) => ({
        producerId: order.producerId,
        orderId: order.id,
        kind: e.kind,
        amountVnd: e.amountVnd,
        baseVnd: e.rate ? base : null,
        rateBasisPoints: e.rate?.basisPoints ?? null,
        rateId: e.rate?.id ?? null,
        occurredAt: now,
      })),
    })
    return
  }

  if ((order.paymentStatus === 'REFUND_PENDING' || order.paymentStatus === 'REFUNDED') && sold && !reversed) {
    // The sale is undone: every row of it is reversed at the rates it was made with.
    await tx.ledgerEntry.createMany({
      data: rows
        .filter((r) => !r.reversal)
        .map((r) => ({
          producerId: r.producerId,
          orderId: r.orderId,
          kind: r.kind,
          reversal: true,
          amountVnd: -r.amountVnd,
          baseVnd: r.baseVnd,
          rateBasisPoints: r.rateBasisPoints,
          rateId: r.rateId,
          occurredAt: now,
        })),
    })
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading the ledger. The balance is the sum of a producer's rows: positive, the platform owes the producer
// that much; it can go below zero when a sale already paid out is refunded (later sales make it up).

const rowSelect = {
  id: true,
  kind: true,
  reversal: true,
  amountVnd: true,
  baseVnd: true,
  rateBasisPoints: true,
  occurredAt: true,
  order: { select: { id: true, number: true } },
  payout: { select: { id: true, paidOn: true, bankReference: true } },
} satisfies Prisma.LedgerEntrySelect

export type LedgerRow = Prisma.LedgerEntryGetPayload<{ select: typeof rowSelect }>

/** Oldest first; a sale's rows in kind order (PostgreSQL sorts an enum in its declared order: SALE, fee, VAT, PIT), each reversal after what it reverses. */
const rowOrder: Prisma.LedgerEntryOrderByWithRelationInput[] = [{ occurredAt: 'asc' }, { orderId: 'asc' }, { kind: 'asc' }, { reversal: 'asc' }, { id: 'asc' }]

const sumOf = async (tx: Tx, where: Prisma.LedgerEntryWhereInput) => (await tx.ledgerEntry.aggregate({ where, _sum: { amountVnd: true } }))._sum.amountVnd ?? 0n

/** What the platform owes the producer now (the sum of its rows). */
export const producerBalance = (producerId: string, tx: Tx = prisma) => sumOf(tx, { producerId })

/** The balance now and everything paid out so far. */
export async function ledgerSummary(producerId: string) {
  const [balanceVnd, paidOut] = await Promise.all([producerBalance(producerId), sumOf(prisma, { producerId, kind: 'PAYOUT' })])
  return { balanceVnd, paidOutVnd: -paidOut }
}

/** The months to pick from: from the first row (the producer's, or anyone's) or this month, to this month, newest first. */
export async function ledgerMonths(producerId: string | null, now = new Date()) {
  const first = await prisma.ledgerEntry.findFirst({ where: producerId ? { producerId } : {}, orderBy: { occurredAt: 'asc' }, select: { occurredAt: true } })
  const current = monthOf(now)
  return monthsBetween(first ? monthOf(first.occurredAt) : current, current)
}

export type LedgerFilter = { month?: string; kinds?: LedgerEntryKind[] }

function filterWhere(producerId: string, filter: LedgerFilter): Prisma.LedgerEntryWhereInput {
  const { start, end } = filter.month ? monthBounds(filter.month) : { start: undefined, end: undefined }
  return {
    producerId,
    ...(filter.month ? { occurredAt: { gte: start, lt: end } } : {}),
    ...(filter.kinds?.length ? { kind: { in: filter.kinds } } : {}),
  }
}

/** A page of the producer's rows, newest first (the API). */
export async function listLedgerRows(producerId: string, filter: LedgerFilter, page: { skip: number; take: number }) {
  const where = filterWhere(producerId, filter)
  const newestFirst: Prisma.LedgerEntryOrderByWithRelationInput[] = [{ occurredAt: 'desc' }, { orderId: 'asc' }, { kind: 'asc' }, { reversal: 'asc' }, { id: 'asc' }]
  const [items, total] = await Promise.all([
    prisma.ledgerEntry.findMany({ where, orderBy: newestFirst, select: rowSelect, skip: page.skip, take: page.take }),
    prisma.ledgerEntry.count({ where }),
  ])
  return { items, total }
}

/** The month's figures as the statement shows them. Reversals (refunds) are one line, fees and taxes given back included. */
export type MonthlyStatement = {
  month: string
  openingVnd: bigint
  salesVnd: bigint
  feesVnd: bigint
  vatWithheldVnd: bigint
  pitWithheldVnd: bigint
  refundsVnd: bigint
  payoutsVnd: bigint
  closingVnd: bigint
  /** The month's rows, oldest first, each with the balance after it. */
  rows: (LedgerRow & { balanceVnd: bigint })[]
}

/** A producer's monthly statement: opening balance, the month's movements by kind, closing balance. */
export async function monthlyStatement(producerId: string, month: string): Promise<MonthlyStatement> {
  const { start, end } = monthBounds(month)
  const [openingVnd, rows] = await Promise.all([
    sumOf(prisma, { producerId, occurredAt: { lt: start } }),
    prisma.ledgerEntry.findMany({ where: { producerId, occurredAt: { gte: start, lt: end } }, orderBy: rowOrder, select: rowSelect }),
  ])
  const total = (test: (r: LedgerRow) => boolean) => rows.filter(test).reduce((sum, r) => sum + r.amountVnd, 0n)
  let balance = openingVnd
  const withBalance = rows.map((r) => ({ ...r, balanceVnd: (balance += r.amountVnd) }))
  return {
    month,
    openingVnd,
    salesVnd: total((r) => r.kind === 'SALE' && !r.reversal),
    feesVnd: total((r) => r.kind === 'PLATFORM_FEE' && !r.reversal),
    vatWithheldVnd: total((r) => r.kind === 'VAT_WITHHELD' && !r.reversal),
    pitWithheldVnd: total((r) => r.kind === 'PIT_WITHHELD' && !r.reversal),
    refundsVnd: total((r) => r.reversal),
    payoutsVnd: total((r) => r.kind === 'PAYOUT'),
    closingVnd: balance,
    rows: withBalance,
  }
}

/** Every producer with ledger rows, by balance (highest first), with the bank account payouts go to. */
export async function producerBalances() {
  const sums = await prisma.ledgerEntry.groupBy({ by: ['producerId'], _sum: { amountVnd: true } })
  const paidOut = await prisma.ledgerEntry.groupBy({ by: ['producerId'], where: { kind: 'PAYOUT' }, _sum: { amountVnd: true } })
  const producers = await prisma.organization.findMany({
    where: { id: { in: sums.map((s) => s.producerId) } },
    select: { id: true, slug: true, displayName: true, legalName: true, legalForm: true, taxCode: true, bankName: true, bankAccountNumber: true, bankAccountHolder: true },
  })
  const paid = new Map(paidOut.map((p) => [p.producerId, -(p._sum.amountVnd ?? 0n)]))
  const balance = new Map(sums.map((s) => [s.producerId, s._sum.amountVnd ?? 0n]))
  return producers
    .map((p) => ({ ...p, balanceVnd: balance.get(p.id) ?? 0n, paidOutVnd: paid.get(p.id) ?? 0n }))
    .sort((a, b) => (a.balanceVnd === b.balanceVnd ? a.displayName.localeCompare(b.displayName, 'vi') : a.balanceVnd > b.balanceVnd ? -1 : 1))
}
