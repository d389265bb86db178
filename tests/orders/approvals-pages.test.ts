// The approval queue (/orgs/:slug/approvals) and the approval box of the order page, through their real
// loaders and actions with a signed-in browser's cookies and CSRF token: who may see and decide (owners and
// approvers of the buyer, never the member who placed the order, never a purchaser, nobody from elsewhere),
// that the reason for a rejection is required and kept, and what the producer then sees.
import { beforeAll, describe, expect, test } from 'vitest'
import type { MemberRole } from '~/generated/prisma/enums'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { placeOrders } from '~/modules/orders/place-orders.server'
import * as root from '~/root'
import * as queueRoute from '~/routes/orders/approvals'
import * as detailRoute from '~/routes/orders/order'
import * as listRoute from '~/routes/orders/orders'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { browserFor, callRoute, createUser } from '../utils/routes'
import { buyerWithAddress, orderState, product } from './order-fixtures'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = Awaited<ReturnType<typeof makeOrg>>
type QueueData = Awaited<ReturnType<typeof queueRoute.loader>>
type DetailData = Awaited<ReturnType<typeof detailRoute.loader>>
type Reply = { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> }
type DecisionData = { decision: string; orderId: string; conflict?: string; result?: Reply }

let producer: Org
let buyer: Org
let otherBuyer: Org
let honey: string
const users: Record<string, { id: string; name: string }> = {}
const browsers: Record<string, Browser> = {}

async function join(key: string, organizationId: string, role: MemberRole, name: string, limits: { orderLimitVnd?: bigint } = {}) {
  const user = await createUser({ name })
  await prisma.membership.create({ data: { userId: user.id, organizationId, role, ...limits } })
  users[key] = user
  browsers[key] = await browserFor(user.id)
}

/** An order of `jars` jars of honey (250,000 each + 5% VAT) placed by a member. */
async function placeAs(key: string, jars = 20) {
  const result = await placeOrders({ buyerId: buyer.id, actor: { userId: users[key].id, name: users[key].name }, items: [{ productId: honey, quantity: jars }] })
  if (!result.ok) throw new Error(result.error)
  return prisma.order.findUniqueOrThrow({ where: { id: result.orderIds[0] } })
}

const queuePath = (org: Org) => `/vi/orgs/${org.slug}/approvals`
const queue = (key: string, org = buyer) => callRoute(queueRoute.loader, browsers[key].get(queuePath(org)), { lang: 'vi', slug: org.slug })
const decide = (key: string, fields: Record<string, string>, org = buyer) =>
  callRoute(queueRoute.action, browsers[key].post(queuePath(org), fields), { lang: 'vi', slug: org.slug })
const detail = (key: string, number: string, org = buyer) =>
  callRoute(detailRoute.loader, browsers[key].get(`/vi/orgs/${org.slug}/orders/${number}`), { lang: 'vi', slug: org.slug, number })
const onOrderPage = (key: string, number: string, fields: Record<string, string>, org = buyer) =>
  callRoute(detailRoute.action, browsers[key].post(`/vi/orgs/${org.slug}/orders/${number}`, fields), { lang: 'vi', slug: org.slug, number })

beforeAll(async () => {
  await ensureCategories()
  producer = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc' })
  buyer = await buyerWithAddress('Siêu thị Sài Gòn')
  otherBuyer = await buyerWithAddress('Nhà phân phối Hà Nội')
  honey = await product(producer.id, { stock: 5000 })
  await join('seller', producer.id, 'OWNER', 'Anh Sùng')
  await join('owner', buyer.id, 'OWNER', 'Chị Mai')
  await join('approver', buyer.id, 'APPROVER', 'Chị Hoa', { orderLimitVnd: 1_000_000n })
  await join('purchaser', buyer.id, 'PURCHASER', 'Anh Minh', { orderLimitVnd: 3_000_000n })
  await join('member', buyer.id, 'MEMBER', 'Chị Thu')
  await join('stranger', otherBuyer.id, 'OWNER', 'Anh Hùng')
})

describe('the queue', () => {
  test('owners and approvers see the waiting orders, oldest first, with why each waits; others get 403, outsiders and producers 404', async () => {
    const first = await placeAs('purchaser', 20) // 5,250,000 above 3,000,000
    const second = await placeAs('purchaser', 15)
    const own = await placeAs('approver', 10) // 2,625,000 above the approver's own 1,000,000
    const placed = await placeAs('owner', 10) // no limit: not waiting

    const res = await queue('approver')
    expect(res.status).toBe(200)
    const data = res.data as QueueData
    const numbers = data.orders.map((o) => o.number)
    expect(numbers.indexOf(first.number)).toBeLessThan(numbers.indexOf(second.number))
    expect(numbers).toContain(own.number)
    expect(numbers).not.toContain(placed.number)
    expect(data.total).toBe(data.orders.length)
    expect(data.orders.find((o) => o.number === first.number)).toMatchObject({
      placedBy: 'Anh Minh',
      producer: 'HTX Mèo Vạc',
      totalVnd: '5250000',
      because: 'ORDER_LIMIT',
      limitVnd: '3000000',
      ownOrder: false,
      lines: 1,
    })
    // The approver's own order is listed, but marked: the forms are not offered for it.
    expect(data.orders.find((o) => o.number === own.number)?.ownOrder).toBe(true)
    expect((await queue('owner')).status).toBe(200)

    // A purchaser and a plain member may not approve: 403, for the page and for posting.
    for (const key of ['purchaser', 'member']) {
      expect((await queue(key)).status, key).toBe(403)
      const before = await orderState(first.id)
      expect((await decide(key, { intent: 'approve', orderId: first.id })).status, key).toBe(403)
      expect(await orderState(first.id)).toEqual(before)
    }
    // Another organisation's member: this organisation's queue does not exist for them…
    expect((await queue('stranger')).status).toBe(404)
    expect((await decide('stranger', { intent: 'approve', orderId: first.id })).status).toBe(404)
    // …and through their own queue, this organisation's order does not either.
    expect((await decide('stranger', { intent: 'approve', orderId: first.id }, otherBuyer)).status).toBe(404)
    expect((await queue('stranger', otherBuyer)).data).toMatchObject({ total: 0, orders: [] })
    // A producer has nothing to approve.
    expect((await queue('seller', producer)).status).toBe(404)
    expect(await prisma.order.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: 'PENDING_APPROVAL', approvalDecidedAt: null })
  })

  test('an approver approves from the queue: back to the queue with a message, and the producer now has the order', async () => {
    const order = await placeAs('purchaser', 20)
    const res = await decide('approver', { intent: 'approve', orderId: order.id })
    expect(res.status).toBe(302)
    expect(res.location).toBe(queuePath(buyer))
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'PLACED', approvalDecidedById: users.approver.id, approvalDecidedByName: 'Chị Hoa' })
    expect(((await queue('approver')).data as QueueData).orders.map((o) => o.id)).not.toContain(order.id)
    const sellerView = await detail('seller', order.number, producer)
    expect(sellerView.status).toBe(200)
    expect((sellerView.data as DetailData).allowed).toEqual(expect.arrayContaining(['CONFIRMED', 'REJECTED']))
    // Deciding again is a conflict the page explains, not a second decision.
    const again = await decide('owner', { intent: 'rejectApproval', orderId: order.id, note: 'Muộn rồi' })
    expect(again.status).toBe(409)
    expect((again.data as DecisionData).conflict).toBe('Đơn hàng đang ở trạng thái Đã đặt, nên không thể chuyển sang Đã hủy lúc này. Hãy tải lại trang để xem trạng thái hiện tại.')
  })

  test('rejecting needs a reason (kept as typed when refused); with one, the order is cancelled and the purchaser sees why', async () => {
    const order = await placeAs('purchaser', 20)
    const stock = (await prisma.product.findUniqueOrThrow({ where: { id: honey } })).stock!
    const refused = await decide('approver', { intent: 'rejectApproval', orderId: order.id, note: '   ' })
    expect(refused.status).toBe(400)
    const data = refused.data as DecisionData
    expect(data).toMatchObject({ decision: 'rejectApproval', orderId: order.id })
    expect(data.result?.error?.note).toEqual(['Vui lòng ghi lý do: bên kia sẽ đọc được.'])
    expect(data.result?.initialValue?.note).toBe('   ')
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('PENDING_APPROVAL')

    const res = await decide('approver', { intent: 'rejectApproval', orderId: order.id, note: 'Tuần này đã đủ hàng' })
    expect(res.status).toBe(302)
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'CANCELLED', approvalReason: 'Tuần này đã đủ hàng', approvalDecidedByName: 'Chị Hoa' })
    expect((await prisma.product.findUniqueOrThrow({ where: { id: honey } })).stock).toBe(stock + 20)

    // The purchaser's order page tells who refused it, when, and why.
    const page = (await detail('purchaser', order.number)).data as DetailData
    expect(page.approval).toMatchObject({
      canDecide: false,
      isPlacer: true,
      facts: { requiredBecause: 'ORDER_LIMIT', limitVnd: '3000000', decidedByName: 'Chị Hoa', reason: 'Tuần này đã đủ hàng' },
    })
    expect(page.approval?.facts.decidedAt).toEqual(expect.any(String))
  })

  test('an approver cannot decide an order they placed: 403 with the reason, from the queue and the order page', async () => {
    const own = await placeAs('approver', 10)
    const before = await orderState(own.id)
    const res = await decide('approver', { intent: 'approve', orderId: own.id })
    expect(res.status).toBe(403)
    expect((res.data as DecisionData).result?.error?.['']).toEqual(['Bạn không thể tự duyệt hoặc từ chối đơn hàng do chính mình đặt: một người duyệt khác phải quyết định.'])
    expect((await onOrderPage('approver', own.number, { intent: 'rejectApproval', note: 'Thôi' })).status).toBe(403)
    expect(await orderState(own.id)).toEqual(before)
    // The owner may.
    expect((await onOrderPage('owner', own.number, { intent: 'approve' })).status).toBe(302)
    expect((await prisma.order.findUniqueOrThrow({ where: { id: own.id } })).status).toBe('PLACED')
  })
})

describe('the order page', () => {
  test('the approver gets the decision forms (and not the cancel form); the purchaser sees why it waits and may withdraw', async () => {
    const order = await placeAs('purchaser', 20)
    const asApprover = (await detail('approver', order.number)).data as DetailData
    expect(asApprover.approval).toMatchObject({
      orderId: order.id,
      canDecide: true,
      isPlacer: false,
      queueUrl: queuePath(buyer),
      facts: { requiredBecause: 'ORDER_LIMIT', limitVnd: '3000000', decidedAt: null, decidedByName: null, reason: null },
    })
    expect(asApprover.allowed).toEqual([])

    const asPurchaser = (await detail('purchaser', order.number)).data as DetailData
    expect(asPurchaser.approval).toMatchObject({ canDecide: false, isPlacer: true, queueUrl: null })
    expect(asPurchaser.allowed).toEqual(['CANCELLED'])
    // The producer does not know of the order.
    expect((await detail('seller', order.number, producer)).status).toBe(404)

    // A purchaser posting an approval, even of their own order: 403, nothing changes.
    const before = await orderState(order.id)
    expect((await onOrderPage('purchaser', order.number, { intent: 'approve' })).status).toBe(403)
    expect(await orderState(order.id)).toEqual(before)

    // The approver approves from the order page and comes back to it.
    const approved = await onOrderPage('approver', order.number, { intent: 'approve' })
    expect(approved.status).toBe(302)
    expect(approved.location).toBe(`/vi/orgs/${buyer.slug}/orders/${order.number}`)
    const after = (await detail('purchaser', order.number)).data as DetailData
    expect(after.order.status).toBe('PLACED')
    expect(after.approval?.facts).toMatchObject({ decidedByName: 'Chị Hoa', reason: null })
    expect((await detail('seller', order.number, producer)).status).toBe(200)
    // The producer's page does not carry the buyer's approval business.
    expect(((await detail('seller', order.number, producer)).data as DetailData).approval).toBeNull()
  })

  test('the purchaser withdraws a waiting order with the cancel form; a decision then is a conflict', async () => {
    const order = await placeAs('purchaser', 20)
    const withdrawn = await onOrderPage('purchaser', order.number, { intent: 'cancel', note: 'Đặt nhầm số lượng' })
    expect(withdrawn.status).toBe(302)
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'CANCELLED', approvalDecidedAt: null })
    const late = await onOrderPage('approver', order.number, { intent: 'approve' })
    expect(late.status).toBe(409)
    expect((late.data as DecisionData).conflict).toBe('Đơn hàng đang ở trạng thái Đã hủy, nên không thể chuyển sang Đã đặt lúc này. Hãy tải lại trang để xem trạng thái hiện tại.')
  })

  test('an order that never waited has no approval box; the buyer’s list has a “Chờ duyệt” tab, the producer’s not', async () => {
    const plain = await placeAs('owner', 10)
    expect(((await detail('owner', plain.number)).data as DetailData).approval).toBeNull()
    const waiting = await placeAs('purchaser', 20)
    const res = await callRoute(listRoute.loader, browsers.purchaser.get(`/vi/orgs/${buyer.slug}/orders?status=PENDING_APPROVAL`), { lang: 'vi', slug: buyer.slug })
    const data = res.data as { filter: { status: string }; counts: Record<string, number>; orders: { number: string; status: string }[] }
    expect(data.filter.status).toBe('PENDING_APPROVAL')
    expect(data.orders.map((o) => o.number)).toContain(waiting.number)
    expect(data.orders.every((o) => o.status === 'PENDING_APPROVAL')).toBe(true)
    expect(data.counts.PENDING_APPROVAL).toBe(await prisma.order.count({ where: { buyerId: buyer.id, status: 'PENDING_APPROVAL' } }))
    const seller = await callRoute(listRoute.loader, browsers.seller.get(`/vi/orgs/${producer.slug}/orders?status=PENDING_APPROVAL`), { lang: 'vi', slug: producer.slug })
    expect((seller.data as typeof data).orders).toEqual([])
    expect((seller.data as typeof data).counts.PENDING_APPROVAL).toBe(0)
  })

  test('the header counts the waiting orders for owners and approvers only', async () => {
    const shell = async (key: string) => {
      const res = await callRoute(root.loader, browsers[key].get(`/vi/orgs/${buyer.slug}/orders`), { lang: 'vi' })
      return (res.data as { approvalCount: number | null }).approvalCount
    }
    const waiting = await prisma.order.count({ where: { buyerId: buyer.id, status: 'PENDING_APPROVAL' } })
    expect(waiting).toBeGreaterThan(0)
    expect(await shell('approver')).toBe(waiting)
    expect(await shell('owner')).toBe(waiting)
    expect(await shell('purchaser')).toBeNull()
    expect(await shell('member')).toBeNull()
    expect(await shell('seller')).toBeNull()
  })
})

test('decisions posted without the CSRF token are refused before anything happens', async () => {
  const order = await placeAs('purchaser', 20)
  const before = await orderState(order.id)
  const res = await callRoute(queueRoute.action, browsers.approver.post(queuePath(buyer), { intent: 'approve', orderId: order.id }, { csrf: false }), { lang: 'vi', slug: buyer.slug })
  expect(res.status).toBe(403)
  expect(await orderState(order.id)).toEqual(before)
})
