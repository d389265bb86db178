// GET /api/v1/ledger: a producer's key reads its own ledger rows (newest first, paged, by month and kind) with
// its balance, amounts as Money; another producer's rows never show; a buyer's key gets 403 FORBIDDEN; bad
// filters are a 400 naming the parameter.
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { todayInHcm } from '~/modules/catalog/certifications'
import { recordPayout } from '~/modules/ledger/payouts.server'
import { monthBounds, monthOf } from '~/modules/ledger/month'
import * as ledgerRoute from '~/routes/api/v1/ledger'
import { prisma } from '~/utils/db.server'
import { buyerWithAddress, operator, product } from '../orders/order-fixtures'
import { callApi, organizationWithKey, type ApiRequest } from '../utils/api'
import { BANK, paidOrder } from './ledger-fixtures'

type Org = Awaited<ReturnType<typeof organizationWithKey>>

let producer: Org & { productId: string }
let other: Org & { productId: string }
let buyer: Org
let month: string
let previousMonth: string

const ledger = (org: { key: string }, query = '', options: ApiRequest = {}) => callApi(ledgerRoute, `/api/v1/ledger${query}`, { key: org.key, ...options })

async function producerWithKey(name: string) {
  const org = await organizationWithKey('PRODUCER', name)
  await prisma.organization.update({ where: { id: org.organization.id }, data: { legalForm: 'HOUSEHOLD_BUSINESS', ...BANK } })
  return { ...org, productId: await product(org.organization.id, { stock: 100_000 }) }
}

beforeAll(async () => {
  await ensureCategories()
  ;[producer, other, buyer] = await Promise.all([producerWithKey('Hộ kinh doanh Bảy Lan'), producerWithKey('Hộ Út Hoa'), organizationWithKey('BUYER', 'Siêu thị Sài Gòn')])
  const buyerId = (await buyerWithAddress('Siêu thị Co.op')).id
  const now = new Date()
  month = monthOf(now)
  const { start } = monthBounds(month)
  previousMonth = monthOf(new Date(start.getTime() - 60_000))
  const p = { id: producer.organization.id, productId: producer.productId }
  await paidOrder(buyerId, p, { now: new Date(start.getTime() - 60_000) }) // last month: 4 rows
  await paidOrder(buyerId, p, { now }) // this month: 4 rows
  const payout = await recordPayout({ producerId: p.id, amountVnd: 1_000_000n, paidOn: todayInHcm(now), bankReference: 'FT26331999', operator, now: new Date(now.getTime() + 1000) })
  if (!payout.ok) throw new Error(payout.error)
  await paidOrder(buyerId, { id: other.organization.id, productId: other.productId })
})

describe('GET /api/v1/ledger', () => {
  test('a producer’s key: its rows newest first with Money amounts, and its balance', async () => {
    const res = await ledger(producer)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    // Two sales of 2,533,125 net, less the payout.
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 9, balance: { amount: String(2n * 2_533_125n - 1_000_000n), currency: 'VND' } })
    const rows = res.body.data as { kind: string; reversal: boolean; amount: { amount: string }; base: unknown; rateBasisPoints: number | null; order: { number: string } | null; payout: unknown; occurredAt: string }[]
    expect(rows[0]).toMatchObject({ kind: 'PAYOUT', reversal: false, amount: { amount: '-1000000', currency: 'VND' }, base: null, rateBasisPoints: null, order: null, payout: { paidOn: todayInHcm(), bankReference: 'FT26331999' } })
    expect(rows.slice(1, 5).map((r) => [r.kind, r.amount.amount, r.rateBasisPoints])).toEqual([
      ['SALE', '2625000', null],
      ['PLATFORM_FEE', '-52500', 200],
      ['VAT_WITHHELD', '-26250', 100],
      ['PIT_WITHHELD', '-13125', 50],
    ])
    expect(rows[2]).toMatchObject({ base: { amount: '2625000', currency: 'VND' } })
    expect(rows.map((r) => r.occurredAt)).toEqual([...rows.map((r) => r.occurredAt)].sort().reverse())
    // Nothing of the other producer's.
    const ids = (await prisma.ledgerEntry.findMany({ where: { producerId: other.organization.id }, select: { id: true } })).map((r) => r.id)
    expect(rows.some((r) => ids.includes((r as unknown as { id: string }).id))).toBe(false)
  })

  test('filters by month and kind, pages; the balance stays the whole ledger’s', async () => {
    const thisMonth = await ledger(producer, `?month=${month}`)
    expect(thisMonth.body.total).toBe(5)
    const last = await ledger(producer, `?month=${previousMonth}`)
    expect(last.body.total).toBe(4)
    expect(last.body.balance).toEqual(thisMonth.body.balance)
    const kinds = await ledger(producer, '?kind=VAT_WITHHELD&kind=PIT_WITHHELD')
    expect(kinds.body.total).toBe(4)
    expect(new Set((kinds.body.data as { kind: string }[]).map((r) => r.kind))).toEqual(new Set(['VAT_WITHHELD', 'PIT_WITHHELD']))
    const both = await ledger(producer, `?month=${month}&kind=SALE`)
    expect(both.body.total).toBe(1)
    const page2 = await ledger(producer, '?pageSize=4&page=2')
    expect(page2.body).toMatchObject({ page: 2, pageSize: 4, total: 9 })
    expect(page2.body.data).toHaveLength(4)
    const page1 = await ledger(producer, '?pageSize=4')
    const seen = new Set([...page1.body.data, ...page2.body.data].map((r: { id: string }) => r.id))
    expect(seen.size).toBe(8)
    expect((await ledger(producer, '?month=2020-01')).body).toMatchObject({ total: 0, data: [] })
  })

  test('a buyer’s key gets 403 FORBIDDEN with a message that says why; no key is 401', async () => {
    const res = await ledger(buyer, '', { headers: { 'Accept-Language': 'en' } })
    expect(res.status).toBe(403)
    expect(res.body.error).toEqual({ code: 'FORBIDDEN', message: 'Only producers have a ledger. This API key belongs to a buyer organisation.' })
    const vi = await ledger(buyer)
    expect(vi.body.error.message).toBe('Chỉ nhà sản xuất mới có sổ đối soát. Khóa API này thuộc về một tổ chức mua hàng.')
    expect((await callApi(ledgerRoute, '/api/v1/ledger')).status).toBe(401)
    expect((await ledger(producer, '', { method: 'POST', json: {} })).status).toBe(405)
  })

  test('a bad month or kind is a 400 naming the parameter', async () => {
    const res = await ledger(producer, '?month=2026-13&kind=REFUND', { headers: { 'Accept-Language': 'en' } })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_ERROR')
    expect(res.body.error.details).toEqual({
      month: ['A month is written YYYY-MM, e.g. 2026-11.'],
      'kind.0': ['A row kind is SALE, PLATFORM_FEE, VAT_WITHHELD, PIT_WITHHELD or PAYOUT.'],
    })
  })
})
