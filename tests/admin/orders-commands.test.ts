// The operators' `orders` commands: show an order by number or payment reference, list those awaiting
// payment, record a transfer (an underpayment leaves the order unpaid) and a refund. Every run is audited,
// against the order's number whichever key the operator typed.
import { beforeAll, describe, expect, test } from 'vitest'
import { runAdminCommand } from '~/modules/admin/commands.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { markTransferReceived, transitionOrder } from '~/modules/orders/transitions.server'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, buyerWithAddress, confirm, expectOk, operator, placeOne, product } from '../orders/order-fixtures'

const ACTOR = 'cli:operator@test-host'
const run = (...argv: string[]) => runAdminCommand(argv, ACTOR)
const lastAudit = () => prisma.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })

let buyer: { id: string; slug: string }
let producer: { id: string; slug: string }
let productId: string

/** 10 × 250,000 ₫ at 5% VAT plus 75,000 ₫ shipping: 2,700,000 ₫, confirmed `daysAgo` days ago. */
async function confirmedOrder(daysAgo = 0) {
  const orderId = await placeOne(buyer.id, [{ productId, quantity: 10 }])
  await expectOk(confirm(orderId, producer.id, { shippingFeeVnd: 75_000n, now: new Date(Date.now() - daysAgo * 86_400_000) }))
  return prisma.order.findUniqueOrThrow({ where: { id: orderId } })
}

const stateOf = (orderId: string) =>
  prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, paymentStatus: true, amountReceivedVnd: true, _count: { select: { events: true } } } })

beforeAll(async () => {
  await ensureCategories()
  producer = await makeOrg('PRODUCER', { name: 'HTX Mật ong Mèo Vạc', verificationStatus: 'VERIFIED' })
  buyer = await buyerWithAddress('Siêu thị Co.op')
  productId = await product(producer.id, { stock: 1000 })
})

describe('usage', () => {
  test('help lists the orders commands; a missing or extra argument is a usage error', async () => {
    const help = await run('help')
    for (const command of ['orders show', 'orders unpaid', 'orders mark-paid', 'orders mark-refunded']) expect(help.stdout).toContain(command)
    expect((await run('help', 'orders')).stdout).toContain('orders mark-paid <number|reference> --amount <đồng>')

    const missing = await run('orders', 'show')
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toContain("Give the order's number")
    const extra = await run('orders', 'show', 'DH-1', 'DH-2')
    expect(extra.exitCode).toBe(2)
    expect(extra.stderr).toContain('Unexpected argument "DH-2"')
    expect(await lastAudit()).toMatchObject({ action: 'orders.show', details: { error: expect.stringContaining('DH-2') } })
    // Commands without an argument still refuse one.
    expect((await run('orders', 'unpaid', 'now')).exitCode).toBe(2)
  })
})

describe('orders show', () => {
  test('by number or by payment reference in any case: status, payment, amounts, parties, lines, history; audited by number', async () => {
    const order = await confirmedOrder()
    const out = await run('orders', 'show', order.paymentReference.toLowerCase())
    expect(out).toMatchObject({ exitCode: 0, stderr: '' })
    expect(out.stdout).toContain(`Order ${order.number}`)
    expect(out.stdout).toMatch(/Status\s+CONFIRMED/)
    expect(out.stdout).toMatch(new RegExp(`Payment\\s+UNPAID, by bank transfer, reference ${order.paymentReference}`))
    expect(out.stdout).toContain('subtotal 2,500,000 VND + VAT 125,000 VND + shipping 75,000 VND = 2,700,000 VND')
    expect(out.stdout).toContain('2,700,000 VND still due')
    expect(out.stdout).toMatch(/Buyer\s+Siêu thị Co\.op/)
    expect(out.stdout).toMatch(/Producer\s+HTX Mật ong Mèo Vạc/)
    expect(out.stdout).toMatch(/10\s+250,000 VND\s+2,500,000 VND\s+5% 125,000 VND/)
    expect(out.stdout).toMatch(/PLACED\s+CONFIRMED/)
    expect(await lastAudit()).toMatchObject({ actor: ACTOR, action: 'orders.show', target: `order:${order.number}`, details: { orderId: order.id } })

    expect((await run('orders', 'show', order.number)).stdout).toContain(`Order ${order.number}`)
  })

  test('--json gives amounts as Money and the parties with their tax codes', async () => {
    const order = await confirmedOrder()
    const out = await run('orders', 'show', order.number, '--json')
    const shown = JSON.parse(out.stdout) as Record<string, unknown>
    expect(shown).toMatchObject({
      id: order.id,
      number: order.number,
      paymentReference: order.paymentReference,
      status: 'CONFIRMED',
      paymentStatus: 'UNPAID',
      total: { amount: '2700000', currency: 'VND' },
      shippingFee: { amount: '75000', currency: 'VND' },
      amountReceived: { amount: '0', currency: 'VND' },
      amountDue: { amount: '2700000', currency: 'VND' },
      buyer: { slug: buyer.slug, name: 'Siêu thị Co.op', taxCode: order.buyerTaxCode },
      producer: { slug: producer.slug, taxCode: order.producerTaxCode },
      items: [{ quantity: 10, unitPrice: { amount: '250000', currency: 'VND' }, vatRate: 'FIVE', vatAmount: { amount: '125000', currency: 'VND' } }],
    })
    expect((shown.events as unknown[]).length).toBe(2)
  })

  test('an unknown order: exit 1 and a clear message, recorded', async () => {
    const out = await run('orders', 'show', 'CVMKHONGCO1')
    expect(out).toEqual({ stdout: '', stderr: 'No order with number or payment reference "CVMKHONGCO1".\n', exitCode: 1 })
    expect(await lastAudit()).toMatchObject({ action: 'orders.show', target: 'order:CVMKHONGCO1', details: { error: expect.stringContaining('No order') } })
  })
})

describe('orders unpaid', () => {
  test('confirmed orders not fully paid, longest-waiting first; not placed or paid ones', async () => {
    const older = await confirmedOrder(4)
    const newer = await confirmedOrder(1)
    const placed = await placeOne(buyer.id, [{ productId, quantity: 10 }])
    const paid = await confirmedOrder(3)
    await expectOk(markTransferReceived({ orderId: paid.id, amountVnd: paid.totalVnd, operator }))

    const listed = JSON.parse((await run('orders', 'unpaid', '--json')).stdout) as { number: string; amountDue: { amount: string } }[]
    const numbers = listed.map((o) => o.number)
    expect(numbers.indexOf(older.number)).toBeGreaterThanOrEqual(0)
    expect(numbers.indexOf(older.number)).toBeLessThan(numbers.indexOf(newer.number))
    expect(numbers).not.toContain(paid.number)
    const placedNumber = (await prisma.order.findUniqueOrThrow({ where: { id: placed } })).number
    expect(numbers).not.toContain(placedNumber)
    expect(listed.find((o) => o.number === older.number)?.amountDue.amount).toBe('2700000')

    const table = await run('orders', 'unpaid')
    const lines = table.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^NUMBER\s+REFERENCE\s+STATUS\s+CONFIRMED \(UTC\+7\)\s+BUYER\s+PRODUCER\s+TOTAL\s+RECEIVED\s+DUE$/)
    expect(lines.find((l) => l.startsWith(older.number))).toMatch(/CONFIRMED .*Siêu thị Co\.op\s+HTX Mật ong Mèo Vạc\s+2,700,000 VND\s+0 VND\s+2,700,000 VND$/)
    expect(lines.at(-1)).toBe(`${numbers.length} order(s) awaiting payment`)
    expect(await lastAudit()).toMatchObject({ action: 'orders.unpaid', details: { count: numbers.length } })

    const one = await run('orders', 'unpaid', '--limit', '1')
    expect(one.stdout.trimEnd().split('\n').at(-1)).toBe(`1 of ${numbers.length} order(s) awaiting payment`)
    expect((await run('orders', 'unpaid', '--limit', '0')).exitCode).toBe(2)
  })
})

describe('orders mark-paid', () => {
  test('less than due leaves it UNPAID with the amount shown; the rest makes it PAID; both audited against the number', async () => {
    const order = await confirmedOrder()
    const part = await run('orders', 'mark-paid', order.paymentReference, '--amount', '1.000.000', '--note', 'FT26331000001')
    expect(part).toEqual({
      stdout: `${order.number}: received 1,000,000 VND (1,000,000 VND of 2,700,000 VND in all); still UNPAID, 1,700,000 VND due\n`,
      stderr: '',
      exitCode: 0,
    })
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'UNPAID', amountReceivedVnd: 1_000_000n })
    expect(await lastAudit()).toMatchObject({
      actor: ACTOR,
      action: 'orders.mark-paid',
      target: `order:${order.number}`,
      details: { order: order.paymentReference, amount: '1.000.000', note: 'FT26331000001', paymentStatus: 'UNPAID', amountReceivedVnd: '1000000' },
    })
    const event = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id }, orderBy: [{ at: 'desc' }, { id: 'desc' }] })
    expect(event).toMatchObject({ actor: `operator:${ACTOR}`, note: 'FT26331000001', details: expect.objectContaining({ payment: 'transferReceived', amountVnd: '1000000' }) })

    const rest = await run('orders', 'mark-paid', order.number, '--amount', '1700000')
    expect(rest.stdout).toBe(`${order.number}: received 1,700,000 VND (2,700,000 VND of 2,700,000 VND in all); PAID, status CONFIRMED\n`)
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'PAID', amountReceivedVnd: 2_700_000n })
  })

  test('a fraction, a negative, zero, words or no amount: exit 2 and nothing recorded on the order', async () => {
    const order = await confirmedOrder()
    const before = await stateOf(order.id)
    for (const amount of ['1,5', '2700000.5', '-100', '0', 'hai triệu']) {
      // `--amount=-100`: a bare `--amount -100` is refused by the option parser already (also exit 2).
      const out = await run('orders', 'mark-paid', order.number, `--amount=${amount}`)
      expect(out.exitCode, amount).toBe(2)
      expect(out.stderr).toContain('--amount must be a whole number of đồng above 0')
    }
    expect((await run('orders', 'mark-paid', order.number)).stderr).toContain('--amount is required.')
    expect(await stateOf(order.id)).toEqual(before)
    expect(await lastAudit()).toMatchObject({ action: 'orders.mark-paid', details: { error: '--amount is required.' } })
  })

  test('an unknown order is exit 1; a note too long is exit 2; neither changes anything', async () => {
    expect(await run('orders', 'mark-paid', 'DH-0000-000000', '--amount', '1000')).toMatchObject({ exitCode: 1, stderr: 'No order with number or payment reference "DH-0000-000000".\n' })
    const order = await confirmedOrder()
    const long = await run('orders', 'mark-paid', order.number, '--amount', '1000', '--note', 'x'.repeat(1001))
    expect(long.exitCode).toBe(2)
    expect(long.stderr).toContain('--note must be at most 1000 characters.')
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'UNPAID', amountReceivedVnd: 0n })
  })
})

describe('orders mark-refunded', () => {
  test('only a refund pending: a paid, cancelled order becomes REFUNDED once', async () => {
    const order = await confirmedOrder()
    const notPending = await run('orders', 'mark-refunded', order.number)
    expect(notPending).toEqual({ stdout: '', stderr: `${order.number}: This order has no refund pending.\n`, exitCode: 1 })

    await expectOk(markTransferReceived({ orderId: order.id, amountVnd: order.totalVnd, operator }))
    await expectOk(transitionOrder({ orderId: order.id, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Đổi kế hoạch' }))
    expect(await stateOf(order.id)).toMatchObject({ status: 'CANCELLED', paymentStatus: 'REFUND_PENDING' })

    const out = await run('orders', 'mark-refunded', order.paymentReference, '--note', 'FT26332000002')
    expect(out).toEqual({ stdout: `${order.number}: 2,700,000 VND refunded; payment REFUNDED\n`, stderr: '', exitCode: 0 })
    expect(await stateOf(order.id)).toMatchObject({ paymentStatus: 'REFUNDED' })
    expect(await lastAudit()).toMatchObject({ action: 'orders.mark-refunded', target: `order:${order.number}`, details: { note: 'FT26332000002', amountVnd: '2700000' } })
    expect((await run('orders', 'mark-refunded', order.number)).exitCode).toBe(1)
  })
})
