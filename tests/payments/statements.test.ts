// Matching a bank statement to orders: exact, partial and over payments, duplicates in one file, unknown
// references, the same statement uploaded twice, and transactions already applied by hand.
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { markTransferReceived } from '~/modules/orders/transitions.server'
import { findReference, importStatement, parseStatement, resolveStatementLine, statementReport } from '~/modules/payments/statements.server'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerWithAddress, confirm, expectOk, operator, placeOne, product } from '../orders/order-fixtures'

beforeAll(() => ensureCategories())

/** A confirmed order of 20 jars (20 × 250,000 + 5% VAT = 5,250,000 đồng). */
async function confirmedOrder() {
  const producer = await makeOrg('PRODUCER')
  const buyer = await buyerWithAddress()
  const honey = await product(producer.id, { stock: 100 })
  const id = await placeOne(buyer.id, [{ productId: honey, quantity: 20 }])
  await expectOk(confirm(id, producer.id))
  return prisma.order.findUniqueOrThrow({ where: { id } })
}

const csv = (rows: string[][]) => ['date,amount,description,transactionId', ...rows.map((r) => r.map((c) => (/[,"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join('\n')
const upload = async (text: string) => {
  const result = await importStatement({ text, fileName: 'vcb-2611.csv', operator })
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return (await statementReport(result.statementId))!
}
const reload = (id: string) => prisma.order.findUniqueOrThrow({ where: { id } })

describe('reading the file', () => {
  test('the reference is found in any case, inside other words or split by punctuation', () => {
    expect(findReference('CK THANH TOAN DON cvm7k2qx9pa SIEU THI')).toBe('CVM7K2QX9PA')
    expect(findReference('IBFT CVM-7K2Q-X9PA')).toBe('CVM7K2QX9PA')
    expect(findReference('CHUYEN TIEN HANG THANG')).toBeNull()
  })

  test('dates, amounts and columns as banks write them; every bad line is named and nothing is read', () => {
    const ok = parseStatement('Ngày;Số tiền;Nội dung;Mã GD\n27/11/2026;1.250.000;CVM7K2QX9PA;FT1\n2026-11-27;-500000;Phí;FT2', {
      date: 'Ngày',
      amount: 'Số tiền',
      description: 'Nội dung',
      transactionId: 'Mã GD',
    })
    // The debit (a fee leaving the account) is not a payment.
    expect(ok).toEqual({ ok: true, lines: [{ lineNumber: 2, bookedOn: '2026-11-27', amountVnd: 1_250_000n, description: 'CVM7K2QX9PA', transactionId: 'FT1' }] })
    expect(parseStatement(csv([['31/02/2026', '12,5', 'x', '']]))).toEqual({
      ok: false,
      problems: [
        { line: 2, code: 'date' },
        { line: 2, code: 'amount' },
        { line: 2, code: 'transactionId' },
      ],
    })
    expect(parseStatement('a,b\n1,2')).toEqual({ ok: false, problems: [{ code: 'missingColumns', columns: ['date', 'amount', 'description', 'transactionId'] }] })
    expect(parseStatement('')).toEqual({ ok: false, problems: [{ code: 'empty' }] })
  })
})

describe('matching', () => {
  test('exact, partial, over, unknown and duplicate lines; uploading it again applies nothing twice', async () => {
    const [exact, partial, over] = [await confirmedOrder(), await confirmedOrder(), await confirmedOrder()]
    const text = csv([
      ['2026-11-27', '5.250.000', `THANH TOAN ${exact.paymentReference.toLowerCase()}`, 'FT-A'],
      ['2026-11-27', '5,000,000', `CK ${partial.paymentReference} DOT 1`, 'FT-B'],
      ['2026-11-27', '5300000', `${over.paymentReference}`, 'FT-C'],
      ['2026-11-27', '700000', 'CHUYEN TIEN KHONG GHI MA', 'FT-D'],
      ['2026-11-27', '5250000', `THANH TOAN ${exact.paymentReference}`, 'FT-A'],
    ])
    const first = await upload(text)
    expect(first.lines.map((l) => [l.transactionId, l.outcome, l.order?.number ?? null])).toEqual([
      ['FT-A', 'MATCHED', exact.number],
      ['FT-B', 'PARTIAL', partial.number],
      ['FT-C', 'OVERPAID', over.number],
      ['FT-D', 'UNMATCHED', null],
      ['FT-A', 'DUPLICATE', null],
    ])
    expect(first.counts).toEqual({ MATCHED: 1, PARTIAL: 1, OVERPAID: 1, UNMATCHED: 1, DUPLICATE: 1 })
    expect(await reload(exact.id)).toMatchObject({ paymentStatus: 'PAID', amountReceivedVnd: 5_250_000n })
    expect(await reload(partial.id)).toMatchObject({ paymentStatus: 'UNPAID', amountReceivedVnd: 5_000_000n })
    expect(await reload(over.id)).toMatchObject({ paymentStatus: 'PAID', amountReceivedVnd: 5_300_000n })

    // The same statement again: every transaction was applied already, no order changes.
    const second = await upload(text)
    expect(second.lines.map((l) => l.outcome)).toEqual(['ALREADY_APPLIED', 'ALREADY_APPLIED', 'ALREADY_APPLIED', 'UNMATCHED', 'DUPLICATE'])
    expect(await reload(exact.id)).toMatchObject({ amountReceivedVnd: 5_250_000n })
    expect(await reload(partial.id)).toMatchObject({ amountReceivedVnd: 5_000_000n })
    expect(await prisma.appliedBankTransaction.count({ where: { transactionId: { in: ['FT-A', 'FT-B', 'FT-C', 'FT-D'] } } })).toBe(3)
  })

  test('a transaction marked by hand is not applied again by the statement; an order not confirmed yet is left alone', async () => {
    const paidByHand = await confirmedOrder()
    await expectOk(markTransferReceived({ orderId: paidByHand.id, amountVnd: 5_250_000n, operator, bankTransactionId: 'FT-HAND' }))
    expect(await markTransferReceived({ orderId: paidByHand.id, amountVnd: 5_250_000n, operator, bankTransactionId: 'FT-HAND' })).toEqual({
      ok: false,
      error: 'order.payment.transactionApplied',
    })
    const producer = await makeOrg('PRODUCER')
    const buyer = await buyerWithAddress()
    const placed = await prisma.order.findUniqueOrThrow({ where: { id: await placeOne(buyer.id, [{ productId: await product(producer.id, { stock: 50 }), quantity: 10 }]) } })
    const report = await upload(
      csv([
        ['2026-11-27', '5250000', paidByHand.paymentReference, 'FT-HAND'],
        ['2026-11-27', '2625000', placed.paymentReference, 'FT-EARLY'],
      ]),
    )
    expect(report.lines.map((l) => l.outcome)).toEqual(['ALREADY_APPLIED', 'NOT_APPLICABLE'])
    expect(await reload(paidByHand.id)).toMatchObject({ amountReceivedVnd: 5_250_000n })
    expect(await reload(placed.id)).toMatchObject({ amountReceivedVnd: 0n })
  })

  test('an operator applies an unmatched line to the right order, once', async () => {
    const order = await confirmedOrder()
    const report = await upload(csv([['2026-11-27', '5250000', 'CK TIEN HANG SIEU THI (quen ghi ma)', 'FT-LOST']]))
    const [line] = report.lines
    expect(line.outcome).toBe('UNMATCHED')
    expect(await resolveStatementLine({ lineId: line.id, order: 'DH-0000-000000', operator })).toEqual({ ok: false, error: 'statement.orderNotFound' })
    expect(await resolveStatementLine({ lineId: line.id, order: order.number.toLowerCase(), operator })).toEqual({ ok: true, outcome: 'MATCHED', orderNumber: order.number })
    expect(await reload(order.id)).toMatchObject({ paymentStatus: 'PAID', amountReceivedVnd: 5_250_000n })
    expect(await resolveStatementLine({ lineId: line.id, order: order.number, operator })).toEqual({ ok: false, error: 'statement.lineApplied' })
    expect((await statementReport(report.id))!.lines[0]).toMatchObject({ outcome: 'MATCHED', order: { number: order.number }, resolvedAt: expect.any(Date) })
  })
})
