// What the platform owes each producer (docs/ledger.md). An order enters the ledger when it becomes PAID: its
// total (SALE), less the platform fee, less the VAT and PIT the platform must withhold for household and
// individual sellers (Decree 117/2025). When its money goes back to the buyer (REFUND_PENDING, REFUNDED) those
// rows are reversed. The rate of each fee and withholding is the one in effect on the day of the sale
// (LedgerRate, Vietnam's date), copied onto the row.
import type { LedgerRateKind, LegalForm } from '~/generated/prisma/enums'
import type { Tx } from '~/utils/db.server'
import { todayInHcm } from '../catalog/certifications'

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
