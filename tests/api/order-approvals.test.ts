// Approvals on the platform API: an order placed with a key above the key's limit per order waits in
// PENDING_APPROVAL (hidden from the producer); an approver decides: a person on the website, or a key an
// owner allowed to approve orders, with POST /api/v1/orders/{id}/approve and /reject. Other keys, the key
// that placed the order, the producer and other organisations are refused, and a decision made once cannot
// be made again.
import type { OpenAPIV3_1 } from 'openapi-types'
import { beforeAll, describe, expect, test } from 'vitest'
import { createApiKey, updateApiKeyPurchasing } from '~/modules/api-keys/api-keys.server'
import { openApiDocument } from '~/modules/api/document.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { transitionOrder } from '~/modules/orders/transitions.server'
import * as approveRoute from '~/routes/api/v1/order-approve'
import * as orderRoute from '~/routes/api/v1/order'
import * as rejectRoute from '~/routes/api/v1/order-reject'
import * as transitionsRoute from '~/routes/api/v1/order-transitions'
import * as ordersRoute from '~/routes/api/v1/orders'
import { prisma } from '~/utils/db.server'
import { orderState, product, stockOf } from '../orders/order-fixtures'
import { callApi, organizationWithKey, type ApiResponse } from '../utils/api'

type Org = Awaited<ReturnType<typeof organizationWithKey>>
type Buyer = Org & { approverKey: string; approverKeyId: string }

/** 10 bottles of the fixture honey: 10 × 250,000 + 5% VAT. */
const TEN_BOTTLES_VND = 2_625_000
const KEY_LIMIT_VND = 2_000_000n

/**
 * A buyer with a default address; its purchasing key ("Test key") may spend 2,000,000 per order, and a
 * second key ("ERP duyệt đơn") may approve orders (and has the same limit, to show it cannot approve its own).
 */
async function buyer(name: string): Promise<Buyer> {
  const org = await organizationWithKey('BUYER', name)
  await prisma.deliveryAddress.create({
    data: {
      organizationId: org.organization.id,
      label: 'DC Củ Chi',
      recipientName: 'Kho nhận hàng',
      phone: '+842837901234',
      addressLine: 'Lô C5, KCN Tây Bắc',
      commune: 'Xã Tân An Hội',
      provinceCode: '79',
      isDefault: true,
    },
  })
  await updateApiKeyPurchasing(org.organization.id, org.apiKey.id, { orderLimitVnd: KEY_LIMIT_VND })
  const approver = await createApiKey({ organizationId: org.organization.id, name: 'ERP duyệt đơn', orderLimitVnd: KEY_LIMIT_VND, createdById: org.owner.id })
  await updateApiKeyPurchasing(org.organization.id, approver.apiKey.id, { canApproveOrders: true })
  return { ...org, approverKey: approver.key, approverKeyId: approver.apiKey.id }
}

let a: Buyer
let b: Buyer
let producer: Org
let honey: string

beforeAll(async () => {
  await ensureCategories()
  ;[a, b, producer] = await Promise.all([buyer('Siêu thị Sài Gòn'), buyer('Chuỗi Bí Mật'), organizationWithKey('PRODUCER', 'HTX Mèo Vạc')])
  honey = await product(producer.organization.id, { stock: 1000 })
})

const vnd = (amount: number | bigint) => ({ amount: String(amount), currency: 'VND' })
const en = { 'Accept-Language': 'en' }

const approve = (key: string, id: string, headers: Record<string, string> = {}) =>
  callApi(approveRoute, `/api/v1/orders/${id}/approve`, { method: 'POST', key, params: { id }, headers })
const reject = (key: string, id: string, json: unknown, headers: Record<string, string> = {}) =>
  callApi(rejectRoute, `/api/v1/orders/${id}/reject`, { method: 'POST', key, params: { id }, json, headers })
const getOrder = (key: string, id: string) => callApi(orderRoute, `/api/v1/orders/${id}`, { key, params: { id } })
const listOrders = (key: string, query = '') => callApi(ordersRoute, `/api/v1/orders${query}`, { key })

/** Places one order of `quantity` bottles with `key` (201 expected) and answers it. */
async function place(key: string, quantity = 10) {
  const res = await callApi(ordersRoute, '/api/v1/orders', { method: 'POST', key, json: { items: [{ productId: honey, quantity }] } })
  expect(res.status, res.text).toBe(201)
  return res.body.data[0] as { id: string; number: string; status: string; approval: unknown; [k: string]: unknown }
}

function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.body.error.code).toBe(code)
  expect(res.body.error.message.length).toBeGreaterThan(0)
}

describe('an API order above the key\'s limit', () => {
  test('is created PENDING_APPROVAL with why; the producer cannot see it until an approver key approves it', async () => {
    const pending = await place(a.key)
    expect(pending).toMatchObject({
      status: 'PENDING_APPROVAL',
      total: vnd(TEN_BOTTLES_VND),
      approval: { requiredBecause: 'API_KEY_LIMIT', limit: vnd(KEY_LIMIT_VND), decidedBy: null, decidedAt: null, reason: null },
      // The buyer may withdraw it; approving is not a transition of /transitions.
      allowedTransitions: ['CANCELLED'],
      events: [{ actor: 'API key "Test key"', from: null, to: 'PENDING_APPROVAL', note: null }],
    })
    expect(await stockOf(honey)).toBe(1000 - 10 - (await reservedElsewhere(pending.id)))

    // Invisible to the producer: not listed, not found, not approvable.
    expect((await getOrder(producer.key, pending.id)).status).toBe(404)
    expect((await listOrders(producer.key)).body.data.map((o: { id: string }) => o.id)).not.toContain(pending.id)
    expectError(await approve(producer.key, pending.id), 404, 'NOT_FOUND')

    const res = await approve(a.approverKey, pending.number)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({
      id: pending.id,
      status: 'PLACED',
      approval: { requiredBecause: 'API_KEY_LIMIT', limit: vnd(KEY_LIMIT_VND), decidedBy: 'API key "ERP duyệt đơn"', decidedAt: expect.any(String), reason: null },
      allowedTransitions: ['CANCELLED'],
    })
    expect(res.body.events.at(-1)).toMatchObject({ actor: 'API key "ERP duyệt đơn"', from: 'PENDING_APPROVAL', to: 'PLACED' })
    const stored = await prisma.order.findUniqueOrThrow({ where: { id: pending.id }, include: { events: { orderBy: { at: 'desc' }, take: 1 } } })
    expect(stored).toMatchObject({ approvalDecidedById: null, approvalDecidedByName: 'API key "ERP duyệt đơn"' })
    expect(stored.events[0].actor).toBe(`apikey:${a.approverKeyId}`)

    // Now the producer sees it and may confirm it.
    const seen = await getOrder(producer.key, pending.id)
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({ status: 'PLACED', allowedTransitions: ['CONFIRMED', 'REJECTED'], approval: { requiredBecause: 'API_KEY_LIMIT' } })
  })

  test('an order within the limit is PLACED at once, with `approval: null`', async () => {
    const small = await callApi(ordersRoute, '/api/v1/orders', { method: 'POST', key: a.key, json: { items: [{ productId: await cheapProduct(), quantity: 10 }] } })
    expect(small.status, small.text).toBe(201)
    expect(small.body.data[0]).toMatchObject({ status: 'PLACED', total: vnd(105_000), approval: null })
  })

  test('an approver key refuses one with a reason: CANCELLED, the stock released, the reason shown to the buyer', async () => {
    const pending = await place(a.key)
    const stockBefore = await stockOf(honey)
    const res = await reject(a.approverKey, pending.id, { reason: '  Vượt ngân sách tháng 11  ' })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({
      status: 'CANCELLED',
      closedAt: expect.any(String),
      approval: { requiredBecause: 'API_KEY_LIMIT', decidedBy: 'API key "ERP duyệt đơn"', decidedAt: expect.any(String), reason: 'Vượt ngân sách tháng 11' },
      allowedTransitions: [],
    })
    expect(res.body.events.at(-1)).toMatchObject({ from: 'PENDING_APPROVAL', to: 'CANCELLED', note: 'Vượt ngân sách tháng 11' })
    expect(await stockOf(honey)).toBe(stockBefore! + 10)
    // The purchasing key reads the same.
    expect((await getOrder(a.key, pending.id)).body.approval.reason).toBe('Vượt ngân sách tháng 11')
  })

  test('a person approves it on the website side (transitionOrder as approver); the API shows who', async () => {
    const pending = await place(a.key)
    const result = await transitionOrder({
      orderId: pending.id,
      actor: { kind: 'approver', organizationId: a.organization.id, userId: a.owner.id, name: 'Chị Hoa (duyệt đơn)' },
      to: 'PLACED',
    })
    expect(result.ok).toBe(true)
    const res = await getOrder(a.key, pending.id)
    expect(res.body).toMatchObject({ status: 'PLACED', approval: { requiredBecause: 'API_KEY_LIMIT', decidedBy: 'Chị Hoa (duyệt đơn)', reason: null } })
    // Decided already: the approver key gets 409.
    const again = await approve(a.approverKey, pending.id, en)
    expectError(again, 409, 'INVALID_TRANSITION')
    expect(again.body.error.message).toContain('(PLACED)')
    expect(again.body.error.message).toMatch(/not waiting for approval/)
  })

  test('the buyer\'s key may withdraw it (CANCELLED through /transitions); then nobody approves it', async () => {
    const pending = await place(a.key)
    const withdrawn = await callApi(transitionsRoute, `/api/v1/orders/${pending.id}/transitions`, {
      method: 'POST',
      key: a.key,
      params: { id: pending.id },
      json: { to: 'CANCELLED', note: 'Đặt nhầm số lượng' },
    })
    expect(withdrawn.status, withdrawn.text).toBe(200)
    expect(withdrawn.body).toMatchObject({ status: 'CANCELLED', approval: { decidedBy: null, reason: null } })
    expectError(await approve(a.approverKey, pending.id), 409, 'INVALID_TRANSITION')
    expectError(await reject(a.approverKey, pending.id, { reason: 'Muộn' }), 409, 'INVALID_TRANSITION')
  })
})

describe('who may decide', () => {
  test('a key not allowed to approve gets 403 saying approvals are made by an approver; nothing changes', async () => {
    const pending = await place(a.key)
    const before = await orderState(pending.id)
    for (const res of [await approve(a.key, pending.id, en), await reject(a.key, pending.id, { reason: 'Không' }, en)]) {
      expectError(res, 403, 'FORBIDDEN')
      expect(res.body.error.message).toMatch(/approver on the website/)
      expect(res.body.error.message).toMatch(/"API keys" page/)
    }
    const vi = await approve(a.key, pending.id)
    expect(vi.body.error.message).toMatch(/người duyệt/)
    expect(await orderState(pending.id)).toEqual(before)
  })

  test('four eyes: an approver key never decides on an order placed with it; a person may', async () => {
    const own = await place(a.approverKey)
    expect(own).toMatchObject({ status: 'PENDING_APPROVAL', approval: { requiredBecause: 'API_KEY_LIMIT' } })
    const before = await orderState(own.id)
    for (const res of [await approve(a.approverKey, own.id, en), await reject(a.approverKey, own.id, { reason: 'Tự từ chối' }, en)]) {
      expectError(res, 403, 'FORBIDDEN')
      expect(res.body.error.message).toMatch(/placed with this API key/)
    }
    expect(await orderState(own.id)).toEqual(before)
    const byPerson = await transitionOrder({
      orderId: own.id,
      actor: { kind: 'approver', organizationId: a.organization.id, userId: a.owner.id, name: 'Chị Hoa (duyệt đơn)' },
      to: 'CANCELLED',
      note: 'Không cần nữa',
    })
    expect(byPerson.ok).toBe(true)
  })

  test('another organisation\'s approver key gets 404 for it, by id and by number; nothing changes', async () => {
    const pending = await place(a.key)
    const before = await orderState(pending.id)
    expectError(await approve(b.approverKey, pending.id), 404, 'NOT_FOUND')
    expectError(await approve(b.approverKey, pending.number), 404, 'NOT_FOUND')
    expectError(await reject(b.approverKey, pending.id, { reason: 'Lén' }), 404, 'NOT_FOUND')
    expectError(await approve(b.approverKey, 'khong-co-don-nay'), 404, 'NOT_FOUND')
    expect(await orderState(pending.id)).toEqual(before)
  })

  test('the producer\'s key: 404 while the order waits, 403 once it is placed (only the buyer approves)', async () => {
    const pending = await place(a.key)
    expectError(await reject(producer.key, pending.id, { reason: 'Hết hàng' }), 404, 'NOT_FOUND')
    await approve(a.approverKey, pending.id)
    const res = await approve(producer.key, pending.id, en)
    expectError(res, 403, 'FORBIDDEN')
    expect(res.body.error.message).toMatch(/buyer's approvers/)
    expect((await getOrder(producer.key, pending.id)).body.status).toBe('PLACED')
  })

  test('without a key 401; a suspended organisation\'s approver key 403', async () => {
    const pending = await place(a.key)
    expectError(await callApi(approveRoute, `/api/v1/orders/${pending.id}/approve`, { method: 'POST', params: { id: pending.id } }), 401, 'UNAUTHENTICATED')
    const suspended = await buyer('Siêu thị Tạm Ngưng')
    const theirs = await place(suspended.key)
    await prisma.organization.update({ where: { id: suspended.organization.id }, data: { suspendedAt: new Date(), suspensionReason: 'Kiểm tra' } })
    expectError(await approve(suspended.approverKey, theirs.id), 403, 'FORBIDDEN')
    expect((await prisma.order.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe('PENDING_APPROVAL')
  })
})

describe('bad requests', () => {
  test('reject needs a reason: missing, blank, too long, not a string or with unknown fields is 400 naming the field; nothing changes', async () => {
    const pending = await place(a.key)
    const before = await orderState(pending.id)
    const cases: [unknown, string][] = [
      [{}, 'reason'],
      [{ reason: '   ' }, 'reason'],
      [{ reason: 'x'.repeat(1001) }, 'reason'],
      [{ reason: 42 }, 'reason'],
      [{ reason: 'Vượt ngân sách', note: 'x' }, 'note'],
    ]
    for (const [json, field] of cases) {
      const res = await reject(a.approverKey, pending.id, json, en)
      expectError(res, 400, 'VALIDATION_ERROR')
      expect(Object.keys(res.body.error.details), JSON.stringify(json)).toEqual([field])
    }
    const blank = await reject(a.approverKey, pending.id, { reason: '' }, en)
    expect(blank.body.error.details.reason).toEqual(['Please give a reason: the other party sees it.'])
    expect(await orderState(pending.id)).toEqual(before)
  })

  test('approving an order that is not waiting (placed within the limit, or already approved): 409 INVALID_TRANSITION', async () => {
    const cheap = await cheapProduct()
    const placed = await callApi(ordersRoute, '/api/v1/orders', { method: 'POST', key: a.key, json: { items: [{ productId: cheap, quantity: 10 }] } })
    expect(placed.body.data[0].status).toBe('PLACED')
    const res = await approve(a.approverKey, placed.body.data[0].id, en)
    expectError(res, 409, 'INVALID_TRANSITION')
    expect(res.body.error.message).toBe('The order is Placed (PLACED): it is not waiting for approval. Read the order again to see its current status.')
    expectError(await reject(a.approverKey, placed.body.data[0].id, { reason: 'Không' }), 409, 'INVALID_TRANSITION')
  })

  test('the same Idempotency-Key replays the approval; a second approval without it is 409', async () => {
    const pending = await place(a.key)
    const headers = { 'Idempotency-Key': `approve-${pending.number}` }
    const first = await approve(a.approverKey, pending.id, headers)
    expect(first.status, first.text).toBe(200)
    const replay = await approve(a.approverKey, pending.id, headers)
    expect(replay.status).toBe(200)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(replay.body).toEqual(first.body)
    expectError(await approve(a.approverKey, pending.id), 409, 'INVALID_TRANSITION')
    expect(await prisma.orderEvent.count({ where: { orderId: pending.id, toStatus: 'PLACED' } })).toBe(1)
  })

  test('approval racing refusal: exactly one decision, the other 409', async () => {
    for (let round = 0; round < 3; round++) {
      const pending = await place(a.key)
      const [approved, rejected] = await Promise.all([approve(a.approverKey, pending.id), reject(a.approverKey, pending.id, { reason: 'Hết ngân sách' })])
      expect([approved.status, rejected.status].sort()).toEqual([200, 409])
      const winner = approved.status === 200 ? approved : rejected
      const stored = await prisma.order.findUniqueOrThrow({ where: { id: pending.id }, include: { events: true } })
      expect(stored.status).toBe(winner.body.status)
      expect(stored.events.filter((e) => e.fromStatus === 'PENDING_APPROVAL')).toHaveLength(1)
    }
  })

  test('approval racing the purchaser\'s withdrawal: the order leaves PENDING_APPROVAL once', async () => {
    for (let round = 0; round < 3; round++) {
      const pending = await place(a.key)
      const [approved, withdrawn] = await Promise.all([
        approve(a.approverKey, pending.id),
        callApi(transitionsRoute, `/api/v1/orders/${pending.id}/transitions`, {
          method: 'POST',
          key: a.key,
          params: { id: pending.id },
          json: { to: 'CANCELLED', note: 'Rút đơn' },
        }),
      ])
      const stored = await prisma.order.findUniqueOrThrow({ where: { id: pending.id }, include: { events: true } })
      const left = stored.events.filter((e) => e.fromStatus === 'PENDING_APPROVAL')
      expect(left).toHaveLength(1)
      // Approved first: the withdrawal then cancels a placed order (a buyer may). Withdrawn first: the approval is 409.
      if (approved.status === 200) expect(left[0].toStatus).toBe('PLACED')
      else {
        expect(approved.status).toBe(409)
        expect(left[0].toStatus).toBe('CANCELLED')
      }
      expect(withdrawn.status).toBe(200)
      expect(stored.status).toBe('CANCELLED')
    }
  })
})

describe('listing and documentation', () => {
  test('GET /api/v1/orders filters by PENDING_APPROVAL for the buyer; the producer never lists such orders', async () => {
    const pending = await place(a.key)
    const listed = await listOrders(a.key, '?status=PENDING_APPROVAL&pageSize=100')
    expect(listed.status, listed.text).toBe(200)
    expect(listed.body.data.length).toBeGreaterThan(0)
    expect(listed.body.data.every((o: { status: string; approval: unknown }) => o.status === 'PENDING_APPROVAL' && o.approval !== null)).toBe(true)
    expect(listed.body.data.map((o: { id: string }) => o.id)).toContain(pending.id)
    const theirs = await listOrders(producer.key, '?status=PENDING_APPROVAL')
    expect(theirs.body).toMatchObject({ data: [], total: 0 })
    const bad = await listOrders(a.key, '?status=WAITING')
    expectError(bad, 400, 'VALIDATION_ERROR')
    expect(JSON.stringify(bad.body.error.details)).toMatch(/PENDING_APPROVAL, PLACED/)
  })

  test('the OpenAPI document has /approve and /reject, the approval object and PENDING_APPROVAL', () => {
    const doc = openApiDocument()
    const approveOp = doc.paths!['/api/v1/orders/{id}/approve']!.post!
    const rejectOp = doc.paths!['/api/v1/orders/{id}/reject']!.post!
    expect(approveOp.requestBody).toBeUndefined()
    const body = (rejectOp.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json'].schema as OpenAPIV3_1.SchemaObject
    expect(body.required).toEqual(['reason'])
    for (const op of [approveOp, rejectOp]) {
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404', '409']))
      expect((op.parameters as OpenAPIV3_1.ParameterObject[]).map((p) => p.name)).toContain('Idempotency-Key')
    }
    const order = doc.components!.schemas!.Order as OpenAPIV3_1.SchemaObject
    expect(Object.keys(order.properties!)).toContain('approval')
    expect(JSON.stringify(order.properties!.status)).toContain('PENDING_APPROVAL')
    expect(JSON.stringify(order.properties!.approval)).toContain('API_KEY_LIMIT')
  })
})

/** Units of the honey held by orders other than `orderId` (the stock is shared across tests). */
async function reservedElsewhere(orderId: string) {
  const sum = await prisma.orderItem.aggregate({
    where: { productId: honey, orderId: { not: orderId }, order: { status: { notIn: ['REJECTED', 'CANCELLED'] } } },
    _sum: { reservedQuantity: true },
  })
  return sum._sum.reservedQuantity ?? 0
}

/** A product whose MOQ order (10 at 10,000) stays under the keys' limit. */
function cheapProduct() {
  return product(producer.organization.id, { stock: 1000, tierPrices: [{ minQuantity: 10, unitPriceVnd: 10_000 }] })
}
