// The ledger of the demo data, whose orders were paid, cancelled and refunded through the real services: for
// every seeded order, what it adds to its producer's ledger is value − fee − withholding − refunds, and each
// producer's rows add up to the same sum computed independently in SQL over the orders (rates looked up by
// the day each order was paid); the seeded payouts are the producers' PAYOUT rows; a household business's
// withholding shows; running the seed again pays nobody twice.
import { beforeAll, describe, expect, test } from 'vitest'
import { applyRate, WITHHELD_LEGAL_FORMS } from '~/modules/ledger/ledger.server'
import { prisma } from '~/utils/db.server'
import { seedDemo } from '../../prisma/seed/index'
import { seedDemoPayouts } from '../../prisma/seed/payouts'

beforeAll(async () => {
  expect(await prisma.order.count()).toBe(0)
  await seedDemo()
}, 300_000) // the whole demo catalogue with its photos, then the orders

/** Per producer, from the orders alone: the sum over PAID orders of total − fee − (VAT + PIT for households and individuals), half up per amount. */
async function payableBySql() {
  const rows = await prisma.$queryRaw<{ producerId: string; payable: bigint; orders: bigint }[]>`
    WITH paid AS (
      SELECT o."producerId", o."totalVnd" AS total, org."legalForm"::text AS form, (o."paidAt" + interval '7 hours')::date AS day
      FROM "Order" o JOIN "Organization" org ON org.id = o."producerId"
      WHERE o."paymentStatus" = 'PAID'
    ), rated AS (
      SELECT p.*,
        (SELECT r."basisPoints" FROM "LedgerRate" r WHERE r.kind = 'PLATFORM_FEE' AND r."effectiveFrom" <= p.day ORDER BY r."effectiveFrom" DESC LIMIT 1) AS fee,
        (SELECT r."basisPoints" FROM "LedgerRate" r WHERE r.kind = 'VAT_WITHHOLDING' AND r."effectiveFrom" <= p.day ORDER BY r."effectiveFrom" DESC LIMIT 1) AS vat,
        (SELECT r."basisPoints" FROM "LedgerRate" r WHERE r.kind = 'PIT_WITHHOLDING' AND r."effectiveFrom" <= p.day ORDER BY r."effectiveFrom" DESC LIMIT 1) AS pit
      FROM paid p
    )
    SELECT "producerId",
      SUM(total - (total * COALESCE(fee, 0) + 5000) / 10000
        - CASE WHEN form IN ('HOUSEHOLD_BUSINESS', 'INDIVIDUAL') THEN (total * COALESCE(vat, 0) + 5000) / 10000 + (total * COALESCE(pit, 0) + 5000) / 10000 ELSE 0 END
      )::bigint AS payable,
      COUNT(*)::bigint AS orders
    FROM rated GROUP BY "producerId"`
  return new Map(rows.map((r) => [r.producerId, r.payable]))
}

describe('the demo ledger', () => {
  test('for every seeded order its rows come to value − fee − withholding − refunds', async () => {
    const orders = await prisma.order.findMany({ include: { ledgerEntries: true, producer: { select: { legalForm: true } } } })
    const rates = await prisma.ledgerRate.findMany()
    const rateOn = (kind: string, day: string) =>
      rates.filter((r) => r.kind === kind && r.effectiveFrom.toISOString().slice(0, 10) <= day).sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime())[0]?.basisPoints ?? 0
    let paid = 0
    let refunded = 0
    for (const o of orders) {
      const sum = (test: (e: (typeof o.ledgerEntries)[number]) => boolean) => o.ledgerEntries.filter(test).reduce((s, e) => s + e.amountVnd, 0n)
      const everPaid = o.paidAt !== null
      if (!everPaid) {
        expect(o.ledgerEntries, o.number).toEqual([])
        continue
      }
      const day = new Date(o.paidAt!.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
      const value = o.totalVnd
      const fee = applyRate(value, rateOn('PLATFORM_FEE', day))
      const withheld = WITHHELD_LEGAL_FORMS.includes(o.producer.legalForm) ? applyRate(value, rateOn('VAT_WITHHOLDING', day)) + applyRate(value, rateOn('PIT_WITHHOLDING', day)) : 0n
      const refunds = o.paymentStatus === 'REFUND_PENDING' || o.paymentStatus === 'REFUNDED' ? value - fee - withheld : 0n
      expect({ sale: sum((e) => e.kind === 'SALE' && !e.reversal), fee: sum((e) => e.kind === 'PLATFORM_FEE' && !e.reversal) }, o.number).toEqual({ sale: value, fee: -fee })
      expect(sum((e) => (e.kind === 'VAT_WITHHELD' || e.kind === 'PIT_WITHHELD') && !e.reversal), o.number).toBe(-withheld)
      expect(sum((e) => e.reversal), o.number).toBe(-refunds)
      expect(sum(() => true), o.number).toBe(value - fee - withheld - refunds)
      if (refunds) refunded++
      else paid++
    }
    // The demo has paid orders and paid-then-refunded ones.
    expect(paid).toBeGreaterThanOrEqual(10)
    expect(refunded).toBeGreaterThanOrEqual(2)
  })

  test('each producer’s rows, payouts aside, equal what SQL computes from its orders; payouts are its PAYOUT rows', async () => {
    const bySql = await payableBySql()
    const rows = await prisma.ledgerEntry.groupBy({ by: ['producerId'], where: { kind: { not: 'PAYOUT' } }, _sum: { amountVnd: true } })
    const byLedger = new Map(rows.map((r) => [r.producerId, r._sum.amountVnd ?? 0n]))
    // A producer whose only sales were refunded has rows summing to 0 and no PAID order.
    for (const [producerId, sum] of byLedger) if (!bySql.has(producerId)) expect(sum, producerId).toBe(0n)
    for (const [producerId, payable] of bySql) expect(byLedger.get(producerId), producerId).toBe(payable)
    expect(bySql.size).toBeGreaterThanOrEqual(5)

    const payouts = await prisma.payout.groupBy({ by: ['producerId'], _sum: { amountVnd: true } })
    const payoutRows = await prisma.ledgerEntry.groupBy({ by: ['producerId'], where: { kind: 'PAYOUT' }, _sum: { amountVnd: true } })
    expect(new Map(payoutRows.map((r) => [r.producerId, -(r._sum.amountVnd ?? 0n)]))).toEqual(new Map(payouts.map((p) => [p.producerId, p._sum.amountVnd ?? 0n])))
    expect(payouts.length).toBe(3)
    // Nobody was paid more than it was owed.
    const balances = await prisma.ledgerEntry.groupBy({ by: ['producerId'], _sum: { amountVnd: true } })
    expect(balances.every((b) => (b._sum.amountVnd ?? 0n) >= 0n)).toBe(true)
  })

  test('a household business among the demo producers has VAT and PIT withheld, and was paid out', async () => {
    const withheld = await prisma.ledgerEntry.findMany({ where: { kind: { in: ['VAT_WITHHELD', 'PIT_WITHHELD'] }, reversal: false }, select: { producer: { select: { slug: true, legalForm: true } } } })
    expect(withheld.length).toBeGreaterThan(0)
    expect(withheld.every((r) => WITHHELD_LEGAL_FORMS.includes(r.producer.legalForm))).toBe(true)
    const fishSauce = await prisma.organization.findUniqueOrThrow({ where: { slug: 'nuoc-mam-phu-quoc-hung-thinh' }, include: { payouts: true } })
    expect(fishSauce.legalForm).toBe('HOUSEHOLD_BUSINESS')
    expect(withheld.some((r) => r.producer.slug === fishSauce.slug)).toBe(true)
    expect(fishSauce.payouts).toHaveLength(1)
    expect(fishSauce.payouts[0]).toMatchObject({ bankName: fishSauce.bankName, bankAccountNumber: fishSauce.bankAccountNumber })
  })

  test('running the demo payouts again pays nobody twice', async () => {
    const before = await prisma.payout.count()
    expect(await seedDemoPayouts()).toBe(0)
    expect(await prisma.payout.count()).toBe(before)
  })
})
