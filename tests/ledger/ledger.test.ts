// The producer's ledger as the payment services write it: a paid order of a cooperative gets its sale less
// the platform fee; a household business's and an individual's also less the VAT and PIT withheld; every fee
// and tax row carries the rate in effect on the day of the sale, rounded half up to the đồng; a refund
// reverses every row at the rates it was made with; a rate added for a later day changes only later sales.
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { todayInHcm } from '~/modules/catalog/certifications'
import { applyRate, monthlyStatement, ratesOn } from '~/modules/ledger/ledger.server'
import { monthBounds, monthOf, parsePercent } from '~/modules/ledger/month'
import { addRate, listRates } from '~/modules/ledger/rates.server'
import { markTransferReceived } from '~/modules/orders/transitions.server'
import { prisma } from '~/utils/db.server'
import { buyerWithAddress, expectOk, operator } from '../orders/order-fixtures'
import { balanceOf, cancelAndRefund, DAY_MS, paidOrder, producerWith, rowsOf } from './ledger-fixtures'

let buyerId: string

beforeAll(async () => {
  await ensureCategories()
  buyerId = (await buyerWithAddress('Siêu thị Co.op')).id
})

const simple = (rows: Awaited<ReturnType<typeof rowsOf>>) => rows.map((r) => ({ kind: r.kind, reversal: r.reversal, amount: r.amountVnd, base: r.baseVnd, rate: r.rateBasisPoints }))

describe('rounding', () => {
  test('a rate is applied half up to the đồng', () => {
    expect(applyRate(2_625_000n, 200)).toBe(52_500n)
    expect(applyRate(2_625_100n, 50)).toBe(13_126n) // 13,125.5
    expect(applyRate(2_625_099n, 50)).toBe(13_125n) // 13,125.495
    expect(applyRate(199n, 50)).toBe(1n) // 0.995
    expect(applyRate(99n, 50)).toBe(0n) // 0.495
    expect(applyRate(1_000_000n, 0)).toBe(0n)
  })

  test('a percentage as an operator types it becomes basis points', () => {
    expect(['1', '0,5', '1.25', '2 %', '100', '0'].map(parsePercent)).toEqual([100, 50, 125, 200, 10_000, 0])
    expect(['', '-1', '100.01', '1.234', 'abc', '1,2,3'].map(parsePercent)).toEqual([null, null, null, null, null, null])
  })
})

describe('rows of a paid order', () => {
  test('a cooperative: the sale and the 2% platform fee, nothing withheld; the rate is copied onto the row', async () => {
    const producer = await producerWith('COOPERATIVE')
    const order = await paidOrder(buyerId, producer)
    expect(order).toMatchObject({ paymentStatus: 'PAID', totalVnd: 2_625_000n })
    const rows = await rowsOf(order.id)
    expect(simple(rows)).toEqual([
      { kind: 'SALE', reversal: false, amount: 2_625_000n, base: null, rate: null },
      { kind: 'PLATFORM_FEE', reversal: false, amount: -52_500n, base: 2_625_000n, rate: 200 },
    ])
    expect(rows.find((r) => r.kind === 'PLATFORM_FEE')!.rateId).toBe('rate_platform_fee_20250101')
    expect(rows.every((r) => r.producerId === producer.id && r.occurredAt.getTime() === order.paidAt!.getTime())).toBe(true)
    expect(await balanceOf(producer.id)).toBe(2_572_500n)
  })

  test('a company withholds nothing either', async () => {
    const producer = await producerWith('COMPANY')
    const order = await paidOrder(buyerId, producer)
    expect((await rowsOf(order.id)).map((r) => r.kind)).toEqual(['SALE', 'PLATFORM_FEE'])
  })

  test('a household business: the fee, VAT 1% and PIT 0.5% withheld, each rounded half up on its own row', async () => {
    const producer = await producerWith('HOUSEHOLD_BUSINESS')
    // 2,625,000 + 100 shipping: PIT 0.5% is 13,125.5 → 13,126.
    const order = await paidOrder(buyerId, producer, { shippingFeeVnd: 100n })
    expect(order.totalVnd).toBe(2_625_100n)
    const rows = await rowsOf(order.id)
    expect(simple(rows)).toEqual([
      { kind: 'SALE', reversal: false, amount: 2_625_100n, base: null, rate: null },
      { kind: 'PLATFORM_FEE', reversal: false, amount: -52_502n, base: 2_625_100n, rate: 200 },
      { kind: 'VAT_WITHHELD', reversal: false, amount: -26_251n, base: 2_625_100n, rate: 100 },
      { kind: 'PIT_WITHHELD', reversal: false, amount: -13_126n, base: 2_625_100n, rate: 50 },
    ])
    expect(rows.map((r) => r.rateId)).toEqual([null, 'rate_platform_fee_20250101', 'rate_vat_withholding_20250701', 'rate_pit_withholding_20250701'])
    expect(await balanceOf(producer.id)).toBe(2_625_100n - 52_502n - 26_251n - 13_126n)
  })

  test('an individual is withheld for like a household business', async () => {
    const producer = await producerWith('INDIVIDUAL')
    const order = await paidOrder(buyerId, producer)
    expect(simple(await rowsOf(order.id)).map((r) => [r.kind, r.amount])).toEqual([
      ['SALE', 2_625_000n],
      ['PLATFORM_FEE', -52_500n],
      ['VAT_WITHHELD', -26_250n],
      ['PIT_WITHHELD', -13_125n],
    ])
  })

  test('an unpaid or underpaid order has no rows; paying the rest writes them once', async () => {
    const producer = await producerWith('HOUSEHOLD_BUSINESS')
    const order = await paidOrder(buyerId, producer)
    // Another order paid in two parts.
    const { placeOne, confirm } = await import('../orders/order-fixtures')
    const id = await placeOne(buyerId, [{ productId: producer.productId, quantity: 10 }])
    await expectOk(confirm(id, producer.id))
    await expectOk(markTransferReceived({ orderId: id, amountVnd: 1_000_000n, operator }))
    expect(await rowsOf(id)).toEqual([])
    await expectOk(markTransferReceived({ orderId: id, amountVnd: 1_625_000n, operator }))
    expect((await rowsOf(id)).map((r) => r.kind)).toEqual(['SALE', 'PLATFORM_FEE', 'VAT_WITHHELD', 'PIT_WITHHELD'])
    // More money arriving later (an overpayment) writes nothing more.
    await expectOk(markTransferReceived({ orderId: id, amountVnd: 5_000n, operator }))
    expect(await rowsOf(id)).toHaveLength(4)
    expect(await rowsOf(order.id)).toHaveLength(4)
  })
})

describe('refunds', () => {
  test('a paid order cancelled: every row reversed at its own rates when it becomes REFUND_PENDING; REFUNDED adds nothing', async () => {
    const producer = await producerWith('HOUSEHOLD_BUSINESS')
    const order = await paidOrder(buyerId, producer)
    const before = await balanceOf(producer.id)
    const pending = await cancelAndRefund(order, { refund: false })
    expect(pending.paymentStatus).toBe('REFUND_PENDING')
    const rows = await rowsOf(order.id)
    expect(simple(rows.filter((r) => r.reversal))).toEqual([
      { kind: 'SALE', reversal: true, amount: -2_625_000n, base: null, rate: null },
      { kind: 'PLATFORM_FEE', reversal: true, amount: 52_500n, base: 2_625_000n, rate: 200 },
      { kind: 'VAT_WITHHELD', reversal: true, amount: 26_250n, base: 2_625_000n, rate: 100 },
      { kind: 'PIT_WITHHELD', reversal: true, amount: 13_125n, base: 2_625_000n, rate: 50 },
    ])
    const forward = rows.filter((r) => !r.reversal)
    expect(rows.filter((r) => r.reversal).map((r) => r.rateId)).toEqual(forward.map((r) => r.rateId))
    expect(rows.reduce((sum, r) => sum + r.amountVnd, 0n)).toBe(0n)
    expect(await balanceOf(producer.id)).toBe(before - 2_533_125n)

    const { markRefunded } = await import('~/modules/orders/transitions.server')
    await expectOk(markRefunded({ orderId: order.id, operator }))
    expect(await rowsOf(order.id)).toHaveLength(8)
  })

  test('an underpaid order cancelled goes to REFUND_PENDING without any ledger row', async () => {
    const producer = await producerWith('COOPERATIVE')
    const { placeOne, confirm } = await import('../orders/order-fixtures')
    const id = await placeOne(buyerId, [{ productId: producer.productId, quantity: 10 }])
    await expectOk(confirm(id, producer.id))
    await expectOk(markTransferReceived({ orderId: id, amountVnd: 500_000n, operator }))
    const order = await cancelAndRefund({ id, buyerId }, { refund: false })
    expect(order.paymentStatus).toBe('REFUND_PENDING')
    expect(await rowsOf(id)).toEqual([])
  })
})

describe('rates with effective dates', () => {
  test('a rate added for a later day applies only to sales from that day; earlier rows keep theirs', async () => {
    const now = new Date()
    const effectiveFrom = todayInHcm(new Date(now.getTime() + 10 * DAY_MS))
    const added = await addRate({ kind: 'PLATFORM_FEE', basisPoints: 300, effectiveFrom, note: 'Phí mới', operator, now })
    if (!added.ok) throw new Error(added.error)
    expect(await prisma.auditLog.count({ where: { action: 'ledger.rate.add', target: `ledgerRate:${added.rate.id}` } })).toBe(1)

    const producer = await producerWith('HOUSEHOLD_BUSINESS')
    const early = await paidOrder(buyerId, producer, { now })
    const dayBefore = await paidOrder(buyerId, producer, { now: new Date(now.getTime() + 9 * DAY_MS) })
    const late = await paidOrder(buyerId, producer, { now: new Date(now.getTime() + 11 * DAY_MS) })
    const feeOf = async (orderId: string) => (await rowsOf(orderId)).find((r) => r.kind === 'PLATFORM_FEE')!
    expect(await feeOf(early.id)).toMatchObject({ rateBasisPoints: 200, amountVnd: -52_500n, rateId: 'rate_platform_fee_20250101' })
    expect(await feeOf(dayBefore.id)).toMatchObject({ rateBasisPoints: 200, amountVnd: -52_500n })
    expect(await feeOf(late.id)).toMatchObject({ rateBasisPoints: 300, amountVnd: -78_750n, rateId: added.rate.id })
    // The withholding rates did not change.
    expect((await rowsOf(late.id)).find((r) => r.kind === 'VAT_WITHHELD')).toMatchObject({ rateBasisPoints: 100 })

    // Refunding the early sale after the new rate is in effect reverses it at 2%, as it was made.
    await cancelAndRefund(early, { now: new Date(now.getTime() + 12 * DAY_MS) })
    expect((await rowsOf(early.id)).find((r) => r.kind === 'PLATFORM_FEE' && r.reversal)).toMatchObject({ rateBasisPoints: 200, amountVnd: 52_500n })

    expect((await ratesOn(prisma, effectiveFrom)).fee?.basisPoints).toBe(300)
    const listed = await listRates(now)
    expect(listed.find((r) => r.id === added.rate.id)?.state).toBe('coming')
    expect(listed.find((r) => r.id === 'rate_platform_fee_20250101')?.state).toBe('current')
  })

  test('the day of a sale is Vietnam’s: paid at 23:30 the evening before, the old rate; at 00:30 on the day, the new one', async () => {
    const now = new Date()
    const day = todayInHcm(new Date(now.getTime() + 20 * DAY_MS))
    const added = await addRate({ kind: 'PIT_WITHHOLDING', basisPoints: 70, effectiveFrom: day, operator, now })
    expect(added).toMatchObject({ ok: true })
    const producer = await producerWith('INDIVIDUAL')
    // 00:30 in Vietnam is 17:30 UTC the day before.
    const evening = await paidOrder(buyerId, producer, { now: new Date(Date.parse(`${day}T00:00:00+07:00`) - 30 * 60_000) })
    const morning = await paidOrder(buyerId, producer, { now: new Date(Date.parse(`${day}T00:00:00+07:00`) + 30 * 60_000) })
    const pitOf = async (orderId: string) => (await rowsOf(orderId)).find((r) => r.kind === 'PIT_WITHHELD')!
    expect(await pitOf(evening.id)).toMatchObject({ rateBasisPoints: 50, amountVnd: -13_125n })
    expect(await pitOf(morning.id)).toMatchObject({ rateBasisPoints: 70, amountVnd: -18_375n })
  })

  test('a rate for today, a past day, the same day twice, or out of range is refused and nothing is written', async () => {
    const now = new Date()
    const today = todayInHcm(now)
    const tomorrow = todayInHcm(new Date(now.getTime() + DAY_MS))
    const count = await prisma.ledgerRate.count()
    const add = (over: Partial<Parameters<typeof addRate>[0]>) => addRate({ kind: 'VAT_WITHHOLDING', basisPoints: 150, effectiveFrom: tomorrow, operator, now, ...over })
    expect(await add({ effectiveFrom: today })).toEqual({ ok: false, error: 'ledger.rate.effectiveFromNotFuture' })
    expect(await add({ effectiveFrom: '2025-07-01' })).toEqual({ ok: false, error: 'ledger.rate.effectiveFromNotFuture' })
    expect(await add({ effectiveFrom: '2026-02-30' })).toEqual({ ok: false, error: 'ledger.rate.effectiveFromInvalid' })
    expect(await add({ effectiveFrom: todayInHcm(new Date(now.getTime() + 4 * 366 * DAY_MS)) })).toEqual({ ok: false, error: 'ledger.rate.effectiveFromTooFar' })
    expect(await add({ basisPoints: 10_001 })).toEqual({ ok: false, error: 'ledger.rate.basisPointsInvalid' })
    expect(await add({ basisPoints: 1.5 })).toEqual({ ok: false, error: 'ledger.rate.basisPointsInvalid' })
    expect(await add({ kind: 'SALE' })).toEqual({ ok: false, error: 'ledger.rate.kindInvalid' })
    expect(await prisma.ledgerRate.count()).toBe(count)
    expect(await add({})).toMatchObject({ ok: true })
    expect(await add({ basisPoints: 200 })).toEqual({ ok: false, error: 'ledger.rate.duplicate' })
    expect(await prisma.ledgerRate.count()).toBe(count + 1)
  })
})

describe('the monthly statement', () => {
  test('opening balance, the month by kind, refunds, closing balance; rows with the balance after each', async () => {
    const producer = await producerWith('HOUSEHOLD_BUSINESS')
    const now = new Date()
    const month = monthOf(now)
    const { start } = monthBounds(month)
    // A sale in the previous month (one minute before this month began, Vietnam's time) opens the month.
    const before = await paidOrder(buyerId, producer, { now: new Date(start.getTime() - 60_000) })
    const sold = await paidOrder(buyerId, producer, { now })
    await cancelAndRefund(before, { now: new Date(now.getTime() + 1000) })
    const s = await monthlyStatement(producer.id, month)
    expect(s).toMatchObject({
      openingVnd: 2_533_125n,
      salesVnd: 2_625_000n,
      feesVnd: -52_500n,
      vatWithheldVnd: -26_250n,
      pitWithheldVnd: -13_125n,
      refundsVnd: -2_533_125n,
      payoutsVnd: 0n,
      closingVnd: 2_533_125n,
    })
    expect(s.rows).toHaveLength(8)
    expect(s.rows.at(-1)!.balanceVnd).toBe(s.closingVnd)
    expect(s.rows.slice(0, 4).map((r) => r.order?.number)).toEqual(Array(4).fill(sold.number))
    const previous = await monthlyStatement(producer.id, monthOf(new Date(start.getTime() - 60_000)))
    expect(previous).toMatchObject({ openingVnd: 0n, salesVnd: 2_625_000n, closingVnd: 2_533_125n })
  })
})
