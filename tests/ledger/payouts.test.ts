// Payouts: an operator records money sent to a producer. At most its balance, never twice over it even when
// recorded at the same moment, only to a producer with a bank account (copied onto the payout), paid on a
// day not in the future, with the bank's reference; the payout, its PAYOUT row and the audit row go together.
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { todayInHcm } from '~/modules/catalog/certifications'
import { producerBalance } from '~/modules/ledger/ledger.server'
import { recordPayout } from '~/modules/ledger/payouts.server'
import { prisma } from '~/utils/db.server'
import { buyerWithAddress, operator } from '../orders/order-fixtures'
import { balanceOf, BANK, cancelAndRefund, DAY_MS, paidOrder, producerWith } from './ledger-fixtures'

let buyerId: string

beforeAll(async () => {
  await ensureCategories()
  buyerId = (await buyerWithAddress('Siêu thị Co.op')).id
})

const today = () => todayInHcm()
const pay = (producerId: string, amountVnd: bigint, over: Partial<Parameters<typeof recordPayout>[0]> = {}) =>
  recordPayout({ producerId, amountVnd, paidOn: today(), bankReference: 'FT26331000123', operator, ...over })

/** Everything a refused payout must leave alone. */
const state = async (producerId: string) => ({
  payouts: await prisma.payout.count({ where: { producerId } }),
  rows: await prisma.ledgerEntry.count({ where: { producerId } }),
  audit: await prisma.auditLog.count({ where: { action: 'ledger.payout' } }),
  balance: await balanceOf(producerId),
})

describe('recording a payout', () => {
  test('up to the balance: the payout, its PAYOUT row and an audit row; the bank account is copied', async () => {
    const producer = await producerWith('COOPERATIVE')
    await paidOrder(buyerId, producer) // 2,572,500 owed
    const result = await pay(producer.id, 1_000_000n, { note: 'Đợt 1' })
    if (!result.ok) throw new Error(result.error)
    expect(result.balanceVnd).toBe(1_572_500n)
    expect(result.payout).toMatchObject({ amountVnd: 1_000_000n, ...BANK, bankReference: 'FT26331000123', note: 'Đợt 1', recordedByName: operator.name })
    const row = await prisma.ledgerEntry.findUniqueOrThrow({ where: { payoutId: result.payout.id } })
    expect(row).toMatchObject({ producerId: producer.id, kind: 'PAYOUT', amountVnd: -1_000_000n, orderId: null, reversal: false })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'ledger.payout', target: `organization:${producer.id}` } })
    expect(audit).toMatchObject({ actor: `user:${operator.userId}`, details: { payoutId: result.payout.id, amountVnd: '1000000', bankReference: 'FT26331000123' } })

    // The producer changes its account afterwards: the payout keeps the one the money went to.
    await prisma.organization.update({ where: { id: producer.id }, data: { bankAccountNumber: '0000000000' } })
    expect(await prisma.payout.findUniqueOrThrow({ where: { id: result.payout.id } })).toMatchObject({ bankAccountNumber: BANK.bankAccountNumber })

    // The rest, exactly: nothing is left.
    expect(await pay(producer.id, 1_572_500n)).toMatchObject({ ok: true, balanceVnd: 0n })
    expect(await producerBalance(producer.id)).toBe(0n)
  })

  test('more than the balance is refused, naming the balance, and nothing is written', async () => {
    const producer = await producerWith('HOUSEHOLD_BUSINESS')
    await paidOrder(buyerId, producer) // 2,625,000 − 52,500 − 26,250 − 13,125 = 2,533,125
    const before = await state(producer.id)
    expect(await pay(producer.id, 2_533_126n)).toEqual({ ok: false, error: 'ledger.payout.overBalance', balanceVnd: 2_533_125n })
    expect(await state(producer.id)).toEqual(before)
    // A producer with nothing owed cannot be paid at all.
    const idle = await producerWith('COOPERATIVE')
    expect(await pay(idle.id, 1n)).toEqual({ ok: false, error: 'ledger.payout.overBalance', balanceVnd: 0n })
  })

  test('after a refund of a sale already paid out the balance is negative and no payout passes', async () => {
    const producer = await producerWith('COOPERATIVE')
    const order = await paidOrder(buyerId, producer)
    expect(await pay(producer.id, 2_572_500n)).toMatchObject({ ok: true })
    await cancelAndRefund(order)
    expect(await producerBalance(producer.id)).toBe(-2_572_500n)
    expect(await pay(producer.id, 1n)).toMatchObject({ ok: false, error: 'ledger.payout.overBalance', balanceVnd: -2_572_500n })
  })

  test('payouts recorded at the same moment cannot together overdraw the balance', async () => {
    const producer = await producerWith('COOPERATIVE')
    await paidOrder(buyerId, producer, { quantity: 40 }) // 40 × 250,000 × 1.05 = 10,500,000, less 2%: 10,290,000
    expect(await balanceOf(producer.id)).toBe(10_290_000n)
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => pay(producer.id, 4_000_000n, { bankReference: `FT-${i}` })))
    expect(results.filter((r) => r.ok)).toHaveLength(2)
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === 'ledger.payout.overBalance')).toBe(true)
    expect(await balanceOf(producer.id)).toBe(2_290_000n)
    expect(await prisma.payout.count({ where: { producerId: producer.id } })).toBe(2)
  })

  test('a producer without a bank account is refused with a clear error', async () => {
    const producer = await producerWith('INDIVIDUAL', { bank: false })
    await paidOrder(buyerId, producer)
    const before = await state(producer.id)
    expect(await pay(producer.id, 1_000n)).toEqual({ ok: false, error: 'ledger.payout.noBankAccount' })
    // Half an account is no account.
    await prisma.organization.update({ where: { id: producer.id }, data: { bankName: 'Agribank', bankAccountNumber: '123', bankAccountHolder: '  ' } })
    expect(await pay(producer.id, 1_000n)).toEqual({ ok: false, error: 'ledger.payout.noBankAccount' })
    expect(await state(producer.id)).toEqual(before)
  })

  test('bad input is refused before anything is read: amount, date, reference, note; a buyer or an unknown id is no producer', async () => {
    const producer = await producerWith('COOPERATIVE')
    await paidOrder(buyerId, producer)
    const before = await state(producer.id)
    const tomorrow = todayInHcm(new Date(Date.now() + DAY_MS))
    expect(await pay(producer.id, 0n)).toEqual({ ok: false, error: 'ledger.payout.amountInvalid' })
    expect(await pay(producer.id, -5n)).toEqual({ ok: false, error: 'ledger.payout.amountInvalid' })
    expect(await pay(producer.id, 1_000n, { paidOn: tomorrow })).toEqual({ ok: false, error: 'ledger.payout.paidOnFuture' })
    expect(await pay(producer.id, 1_000n, { paidOn: '2026-13-01' })).toEqual({ ok: false, error: 'ledger.payout.paidOnInvalid' })
    expect(await pay(producer.id, 1_000n, { bankReference: '   ' })).toEqual({ ok: false, error: 'ledger.payout.bankReferenceRequired' })
    expect(await pay(producer.id, 1_000n, { bankReference: 'x'.repeat(101) })).toEqual({ ok: false, error: 'ledger.payout.bankReferenceTooLong' })
    expect(await pay(producer.id, 1_000n, { note: 'x'.repeat(501) })).toEqual({ ok: false, error: 'ledger.payout.noteTooLong' })
    expect(await pay(buyerId, 1_000n)).toEqual({ ok: false, error: 'ledger.payout.producerNotFound' })
    expect(await pay('nope', 1_000n)).toEqual({ ok: false, error: 'ledger.payout.producerNotFound' })
    expect(await state(producer.id)).toEqual(before)
    // Yesterday is fine.
    expect(await pay(producer.id, 1_000n, { paidOn: todayInHcm(new Date(Date.now() - DAY_MS)) })).toMatchObject({ ok: true })
  })
})
