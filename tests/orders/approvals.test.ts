// Orders above a spending limit wait for approval (issue 7), through placeOrders and transitionOrder: which
// orders wait and why (a member's limit per order, per month, an API key's limit), that the stock is held and
// the producer does not see them, and what approvers, purchasers and producers may then do, concurrent
// decisions included. Approvers, and only they, are mailed about a waiting order.
import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import type { MemberRole } from '~/generated/prisma/enums'
import { ensureCategories } from '~/modules/catalog/categories.server'
import '~/modules/orders/notifications.server'
import { placeOrders } from '~/modules/orders/place-orders.server'
import { countOrdersByStatus, findOrder, listOrders } from '~/modules/orders/queries.server'
import { transitionOrder, type OrderTransitionActor } from '~/modules/orders/transitions.server'
import { drainOutbox } from '~/modules/outbox/outbox.server'
import { prisma } from '~/utils/db.server'
import { formatVnd } from '~/utils/format'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, buyerWithAddress, confirm, expectOk, openReservations, orderState, producerActor, product, stockOf } from './order-fixtures'

// 10 jars of honey: 10 × 250,000 + 5% VAT = 2,625,000 đồng (the fixture's product).
const TEN_JARS = 2_625_000n

type Org = Awaited<ReturnType<typeof makeOrg>>
type Member = { id: string; name: string; email: string }

let producer: Org
let otherProducer: Org
let buyer: Org
let honey: string
let sauce: string
let owner: Member
let approver: Member
let purchaser: Member

let n = 0
/** A member of the buyer (or another organisation) with a role and spending limits, and an email to be mailed at. */
async function member(organizationId: string, role: MemberRole, limits: { orderLimitVnd?: bigint; monthlyLimitVnd?: bigint } = {}, name?: string): Promise<Member> {
  const email = `member-${++n}-${randomBytes(3).toString('hex')}@example.com`
  const user = await prisma.user.create({
    data: { name: name ?? `Người ${n}`, email, passwordHash: 'x', locale: 'vi', memberships: { create: { organizationId, role, ...limits } } },
  })
  return { id: user.id, name: user.name, email }
}

const as = (m: Member) => ({ userId: m.id, name: m.name })
const approverActor = (m: Member, organizationId = buyer.id): OrderTransitionActor => ({ kind: 'approver', organizationId, userId: m.id, name: m.name })
const purchaserActor = (m: Member): OrderTransitionActor => ({ kind: 'buyer', organizationId: buyer.id, userId: m.id, name: m.name })

/** Places an order of `jars` jars of honey as a member; returns the created order. */
async function placeHoney(m: Member, jars = 10, extra: { now?: Date } = {}) {
  const result = await placeOrders({ buyerId: buyer.id, actor: as(m), items: [{ productId: honey, quantity: jars }], ...extra })
  if (!result.ok) throw new Error(`placeOrders: ${JSON.stringify(result)}`)
  return prisma.order.findUniqueOrThrow({ where: { id: result.orderIds[0] }, include: { items: true, events: true } })
}

/** The member withdraws every order of theirs still waiting for approval. */
async function withdrawWaiting(m: Member) {
  const waiting = await prisma.order.findMany({ where: { placedByUserId: m.id, status: 'PENDING_APPROVAL' }, select: { id: true } })
  for (const o of waiting) await expectOk(transitionOrder({ orderId: o.id, actor: purchaserActor(m), to: 'CANCELLED', note: 'Rút lại' }))
}

beforeAll(async () => {
  await ensureCategories()
  producer = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc' })
  otherProducer = await makeOrg('PRODUCER', { name: 'HTX Phú Quốc' })
  buyer = await buyerWithAddress('Siêu thị Sài Gòn')
  honey = await product(producer.id, { stock: 5000 })
  sauce = await product(otherProducer.id, { nameVi: 'Nước mắm Phú Quốc', stock: 5000 })
  owner = await member(buyer.id, 'OWNER', {}, 'Chị Mai (chủ)')
  approver = await member(buyer.id, 'APPROVER', {}, 'Chị Hoa (duyệt đơn)')
  purchaser = await member(buyer.id, 'PURCHASER', { orderLimitVnd: 3_000_000n }, 'Anh Minh (mua hàng)')
})

describe('which orders wait for approval', () => {
  test('above the limit per order: PENDING_APPROVAL with its stock held and the reason recorded; at or below it: PLACED', async () => {
    const before = await stockOf(honey)
    const small = await placeHoney(purchaser, 10) // 2,625,000 ≤ 3,000,000
    expect(small.status).toBe('PLACED')
    expect(small.approvalRequiredBecause).toBeNull()

    const large = await placeHoney(purchaser, 12) // 12 × 250,000 × 1.05 = 3,150,000
    expect(large.totalVnd).toBe(3_150_000n)
    expect(large.status).toBe('PENDING_APPROVAL')
    expect(large.approvalRequiredBecause).toBe('ORDER_LIMIT')
    expect(large.approvalLimitVnd).toBe(3_000_000n)
    expect(large.items[0].reservedQuantity).toBe(12)
    expect(await stockOf(honey)).toBe(before! - 22)
    const [placed] = large.events
    expect(placed).toMatchObject({ fromStatus: null, toStatus: 'PENDING_APPROVAL', actorName: 'Anh Minh (mua hàng)' })
    expect(placed.details).toEqual({ approvalRequiredBecause: 'ORDER_LIMIT', limitVnd: '3000000' })

    // Exactly at the limit is within it.
    const exact = await member(buyer.id, 'PURCHASER', { orderLimitVnd: TEN_JARS })
    expect((await placeHoney(exact, 10)).status).toBe('PLACED')
    // A member without limits never waits.
    expect((await placeHoney(owner, 200)).status).toBe('PLACED')
  })

  test('the monthly limit counts this month’s orders of the member that are not cancelled or rejected', async () => {
    const lan = await member(buyer.id, 'PURCHASER', { monthlyLimitVnd: 6_000_000n })
    const first = await placeHoney(lan) // 2,625,000
    const second = await placeHoney(lan) // 5,250,000
    expect([first.status, second.status]).toEqual(['PLACED', 'PLACED'])
    const third = await placeHoney(lan) // would be 7,875,000
    expect(third.status).toBe('PENDING_APPROVAL')
    expect(third.approvalRequiredBecause).toBe('MONTHLY_LIMIT')
    expect(third.approvalLimitVnd).toBe(6_000_000n)

    // The waiting order counts as well (it holds stock and may be approved): still no room.
    expect((await placeHoney(lan)).status).toBe('PENDING_APPROVAL')
    await withdrawWaiting(lan)

    // Cancelling one placed order, and the producer rejecting the other, frees the month.
    await expectOk(transitionOrder({ orderId: first.id, actor: purchaserActor(lan), to: 'CANCELLED', note: 'Đặt nhầm' }))
    const fourth = await placeHoney(lan)
    expect(fourth.status).toBe('PLACED') // 2,625,000 + 2,625,000 = 5,250,000
    expect((await placeHoney(lan)).status).toBe('PENDING_APPROVAL')
    await expectOk(transitionOrder({ orderId: second.id, actor: producerActor(producer.id), to: 'REJECTED', note: 'Hết hàng' }))
    await withdrawWaiting(lan)
    expect((await placeHoney(lan)).status).toBe('PLACED')

    // Other members' orders are theirs: the owner's big order did not count for Lan.
    expect(await prisma.order.count({ where: { placedByUserId: owner.id } })).toBeGreaterThan(0)
  })

  test('the month is Vietnam’s: an order on the evening of the 31st (UTC+7) belongs to the month before', async () => {
    const vy = await member(buyer.id, 'PURCHASER', { monthlyLimitVnd: 3_000_000n })
    // 23:30 on 31 October in Hồ Chí Minh City, then 00:30 on 1 November (both 31 October in UTC).
    const october = await placeHoney(vy, 10, { now: new Date('2030-10-31T16:30:00Z') })
    const november = await placeHoney(vy, 10, { now: new Date('2030-10-31T17:30:00Z') })
    expect([october.status, november.status]).toEqual(['PLACED', 'PLACED'])
    // Later in November the first November order counts.
    expect((await placeHoney(vy, 10, { now: new Date('2030-11-20T03:00:00Z') })).approvalRequiredBecause).toBe('MONTHLY_LIMIT')
  })

  test('one checkout with two producers: the orders before this one count towards the month', async () => {
    const khoa = await member(buyer.id, 'PURCHASER', { monthlyLimitVnd: 4_000_000n })
    const result = await placeOrders({
      buyerId: buyer.id,
      actor: as(khoa),
      items: [
        { productId: honey, quantity: 10 },
        { productId: sauce, quantity: 10 },
      ],
    })
    if (!result.ok) throw new Error(result.error)
    const orders = await prisma.order.findMany({ where: { id: { in: result.orderIds } }, orderBy: { number: 'asc' } })
    expect(orders).toHaveLength(2)
    // Each alone fits (2,625,000 ≤ 4,000,000); together they do not: the second waits.
    expect(orders.map((o) => o.status)).toEqual(['PLACED', 'PENDING_APPROVAL'])
    expect(orders[1].approvalRequiredBecause).toBe('MONTHLY_LIMIT')
  })

  test('an API key’s limit per order: orders above it wait; a key without a limit does not', async () => {
    const key = (name: string, orderLimitVnd: bigint | null) =>
      prisma.apiKey.create({ data: { organizationId: buyer.id, name, prefix: name.slice(0, 6), keyHash: randomBytes(16).toString('hex'), orderLimitVnd } })
    const limited = await key('SAP mua hàng', 2_000_000n)
    const open = await key('Kho Củ Chi', null)
    const viaKey = (apiKeyId: string, name: string) =>
      placeOrders({ buyerId: buyer.id, actor: { apiKeyId, name }, items: [{ productId: honey, quantity: 10 }] }).then(async (r) => {
        if (!r.ok) throw new Error(r.error)
        return prisma.order.findUniqueOrThrow({ where: { id: r.orderIds[0] } })
      })
    const waiting = await viaKey(limited.id, 'SAP mua hàng')
    expect(waiting).toMatchObject({ status: 'PENDING_APPROVAL', approvalRequiredBecause: 'API_KEY_LIMIT', approvalLimitVnd: 2_000_000n, placedByApiKeyId: limited.id })
    expect((await viaKey(open.id, 'Kho Củ Chi')).status).toBe('PLACED')
    // An approver lets the key's order through (nobody placed it as a person, so any approver may).
    await expectOk(transitionOrder({ orderId: waiting.id, actor: approverActor(approver), to: 'PLACED' }))
  })
})

describe('the producer does not see a waiting order', () => {
  test('not in its list, counts or lookups, and every step it tries is a 404 that changes nothing', async () => {
    const waiting = await placeHoney(purchaser, 20)
    expect(waiting.status).toBe('PENDING_APPROVAL')
    expect(await findOrder(producer.id, waiting.id)).toBeNull()
    expect(await findOrder(producer.id, waiting.number)).toBeNull()
    expect((await findOrder(buyer.id, waiting.number))?.side).toBe('buyer')
    const list = await listOrders(producer.id, 'producer', {}, { offset: 0, limit: 500 })
    expect(list.items.map((o) => o.id)).not.toContain(waiting.id)
    expect((await listOrders(producer.id, 'producer', { status: ['PENDING_APPROVAL'] }, { offset: 0, limit: 10 })).total).toBe(0)
    expect((await countOrdersByStatus(producer.id, 'producer')).PENDING_APPROVAL).toBeUndefined()
    expect((await countOrdersByStatus(buyer.id, 'buyer')).PENDING_APPROVAL).toBeGreaterThan(0)

    const before = await orderState(waiting.id)
    expect(await confirm(waiting.id, producer.id)).toEqual({ ok: false, error: 'order.notFound' })
    expect(await transitionOrder({ orderId: waiting.id, actor: producerActor(producer.id), to: 'REJECTED', note: 'Không' })).toEqual({ ok: false, error: 'order.notFound' })
    expect(await orderState(waiting.id)).toEqual(before)
  })
})

describe('deciding', () => {
  test('an approver approves: PLACED, the decision recorded, and the producer now sees and confirms it', async () => {
    const waiting = await placeHoney(purchaser, 20)
    const result = await expectOk(transitionOrder({ orderId: waiting.id, actor: approverActor(approver), to: 'PLACED' }))
    expect(result.order.status).toBe('PLACED')
    expect(result.order.approvalDecidedById).toBe(approver.id)
    expect(result.order.approvalDecidedByName).toBe('Chị Hoa (duyệt đơn)')
    expect(result.order.approvalDecidedAt).toBeInstanceOf(Date)
    expect(result.order.approvalReason).toBeNull()
    // The reason it had to wait stays on the order.
    expect(result.order.approvalRequiredBecause).toBe('ORDER_LIMIT')
    expect(result.order.events.at(-1)).toMatchObject({ fromStatus: 'PENDING_APPROVAL', toStatus: 'PLACED', actor: `user:${approver.id}`, details: { approval: 'approved' } })
    // The stock stays held, now for the producer.
    expect(result.order.items[0].reservedQuantity).toBe(20)
    expect((await findOrder(producer.id, waiting.number))?.side).toBe('producer')
    await expectOk(confirm(waiting.id, producer.id))
    // Approving again is a conflict, not a second decision.
    expect(await transitionOrder({ orderId: waiting.id, actor: approverActor(approver), to: 'PLACED' })).toEqual({
      ok: false,
      error: 'order.invalidTransition',
      from: 'CONFIRMED',
      to: 'PLACED',
    })
  })

  test('an approver rejects with a reason: CANCELLED, the stock released, the approver and the reason recorded', async () => {
    const before = await stockOf(honey)
    const waiting = await placeHoney(purchaser, 30)
    expect(await stockOf(honey)).toBe(before! - 30)
    // A reason is required, and nothing changes without one.
    const state = await orderState(waiting.id)
    expect(await transitionOrder({ orderId: waiting.id, actor: approverActor(owner), to: 'CANCELLED', note: '  ' })).toEqual({ ok: false, error: 'order.reason.required' })
    expect(await orderState(waiting.id)).toEqual(state)

    const result = await expectOk(transitionOrder({ orderId: waiting.id, actor: approverActor(owner), to: 'CANCELLED', note: 'Vượt ngân sách quý' }))
    expect(result.order).toMatchObject({
      status: 'CANCELLED',
      approvalDecidedById: owner.id,
      approvalDecidedByName: 'Chị Mai (chủ)',
      approvalReason: 'Vượt ngân sách quý',
    })
    expect(result.order.items[0].reservedQuantity).toBe(0)
    expect(await stockOf(honey)).toBe(before)
    expect(result.order.events.at(-1)).toMatchObject({ toStatus: 'CANCELLED', actor: `user:${owner.id}`, note: 'Vượt ngân sách quý', details: { approval: 'rejected' } })
    // The producer never received it: refused before approval, it does not exist on the producer's side.
    expect(await findOrder(producer.id, waiting.id)).toBeNull()
    expect((await listOrders(producer.id, 'producer', {}, { offset: 0, limit: 100 })).items.map((o) => o.id)).not.toContain(waiting.id)
    expect(await transitionOrder({ orderId: waiting.id, actor: producerActor(producer.id), to: 'CONFIRMED' })).toEqual({ ok: false, error: 'order.notFound' })
  })

  test('nobody approves or rejects an order they placed themselves; another approver may', async () => {
    const self = await member(buyer.id, 'APPROVER', { orderLimitVnd: 1_000_000n })
    const waiting = await placeHoney(self, 10)
    expect(waiting.status).toBe('PENDING_APPROVAL')
    const state = await orderState(waiting.id)
    expect(await transitionOrder({ orderId: waiting.id, actor: approverActor(self), to: 'PLACED' })).toEqual({ ok: false, error: 'order.approval.ownOrder' })
    expect(await transitionOrder({ orderId: waiting.id, actor: approverActor(self), to: 'CANCELLED', note: 'Tự từ chối' })).toEqual({ ok: false, error: 'order.approval.ownOrder' })
    expect(await orderState(waiting.id)).toEqual(state)
    // The placer may still withdraw it, as a buyer.
    await expectOk(transitionOrder({ orderId: waiting.id, actor: purchaserActor(self), to: 'CANCELLED', note: 'Không cần nữa' }))
    const again = await placeHoney(self, 10)
    await expectOk(transitionOrder({ orderId: again.id, actor: approverActor(approver), to: 'PLACED' }))
  })

  test('a purchaser (the buyer kind) cannot approve, only withdraw; an approver of another organisation finds nothing', async () => {
    const waiting = await placeHoney(purchaser, 15)
    const state = await orderState(waiting.id)
    expect(await transitionOrder({ orderId: waiting.id, actor: purchaserActor(purchaser), to: 'PLACED' })).toEqual({ ok: false, error: 'order.forbidden' })
    expect(await transitionOrder({ orderId: waiting.id, actor: buyerActor(buyer.id), to: 'PLACED' })).toEqual({ ok: false, error: 'order.forbidden' })
    const elsewhere = await buyerWithAddress('Nhà phân phối Hà Nội')
    const stranger = await member(elsewhere.id, 'APPROVER')
    expect(await transitionOrder({ orderId: waiting.id, actor: approverActor(stranger, elsewhere.id), to: 'PLACED' })).toEqual({ ok: false, error: 'order.notFound' })
    expect(await orderState(waiting.id)).toEqual(state)

    const withdrawn = await expectOk(transitionOrder({ orderId: waiting.id, actor: purchaserActor(purchaser), to: 'CANCELLED', note: 'Đổi nhà cung cấp' }))
    // A withdrawal is not a decision.
    expect(withdrawn.order).toMatchObject({ status: 'CANCELLED', approvalDecidedAt: null, approvalDecidedByName: null, approvalReason: null })
    expect(withdrawn.order.items[0].reservedQuantity).toBe(0)
  })
})

describe('decisions racing each other', () => {
  test('approval against the purchaser’s withdrawal (from the waiting order the page showed): exactly one wins', async () => {
    const start = (await stockOf(honey))! + (await openReservations(honey))
    const orders = await Promise.all(Array.from({ length: 6 }, () => placeHoney(purchaser, 20)))
    const results = await Promise.all(
      orders.map((o, i) => {
        const approve = () => transitionOrder({ orderId: o.id, actor: approverActor(approver), to: 'PLACED' })
        // The order page's cancel form sends the status it showed: PENDING_APPROVAL.
        const withdraw = () => transitionOrder({ orderId: o.id, actor: purchaserActor(purchaser), to: 'CANCELLED', note: 'Rút lại', expectedStatus: 'PENDING_APPROVAL' })
        // Either one asked first, so both ways of winning happen.
        return i % 2 === 0 ? Promise.all([approve(), withdraw()]) : Promise.all([withdraw(), approve()]).then(([w, a]) => [a, w] as const)
      }),
    )
    for (const [i, [approved, withdrawn]] of results.entries()) {
      const order = await prisma.order.findUniqueOrThrow({ where: { id: orders[i].id }, include: { events: true, items: true } })
      expect(order.events.filter((e) => e.fromStatus === 'PENDING_APPROVAL')).toHaveLength(1)
      expect(approved.ok !== withdrawn.ok, order.number).toBe(true)
      if (approved.ok) {
        // Approved first: the withdrawal was of a waiting order, which it no longer is.
        expect(withdrawn).toEqual({ ok: false, error: 'order.invalidTransition', from: 'PLACED', to: 'CANCELLED' })
        expect(order).toMatchObject({ status: 'PLACED', approvalDecidedById: approver.id })
      } else {
        expect(approved).toEqual({ ok: false, error: 'order.invalidTransition', from: 'CANCELLED', to: 'PLACED' })
        expect(order).toMatchObject({ status: 'CANCELLED', approvalDecidedAt: null })
      }
      expect(order.items[0].reservedQuantity).toBe(order.status === 'CANCELLED' ? 0 : 20)
    }
    expect((await stockOf(honey))! + (await openReservations(honey))).toBe(start)
  })

  test('a step made on a stale page is refused and changes nothing', async () => {
    const waiting = await placeHoney(purchaser, 20)
    await expectOk(transitionOrder({ orderId: waiting.id, actor: approverActor(approver), to: 'PLACED' }))
    const state = await orderState(waiting.id)
    // The purchaser's page still showed the order waiting; a buyer may cancel a placed order, but not this way.
    expect(await transitionOrder({ orderId: waiting.id, actor: purchaserActor(purchaser), to: 'CANCELLED', note: 'Rút lại', expectedStatus: 'PENDING_APPROVAL' })).toEqual({
      ok: false,
      error: 'order.invalidTransition',
      from: 'PLACED',
      to: 'CANCELLED',
    })
    expect(await orderState(waiting.id)).toEqual(state)
  })

  test('rejection against withdrawal, and two approvers at once: exactly one wins', async () => {
    const start = (await stockOf(honey))! + (await openReservations(honey))
    const orders = await Promise.all(Array.from({ length: 4 }, () => placeHoney(purchaser, 20)))
    const pairs = await Promise.all(
      orders.map((o, i) =>
        i < 2
          ? Promise.all([
              transitionOrder({ orderId: o.id, actor: approverActor(approver), to: 'CANCELLED', note: 'Không duyệt' }),
              transitionOrder({ orderId: o.id, actor: purchaserActor(purchaser), to: 'CANCELLED', note: 'Rút lại' }),
            ])
          : Promise.all([
              transitionOrder({ orderId: o.id, actor: approverActor(approver), to: 'PLACED' }),
              transitionOrder({ orderId: o.id, actor: approverActor(owner), to: 'CANCELLED', note: 'Không duyệt' }),
            ]),
      ),
    )
    for (const pair of pairs) {
      expect(pair.filter((r) => r.ok)).toHaveLength(1)
      expect(pair.find((r) => !r.ok)).toMatchObject({ ok: false, error: 'order.invalidTransition' })
    }
    for (const o of orders) expect(await prisma.orderEvent.count({ where: { orderId: o.id, fromStatus: 'PENDING_APPROVAL' } })).toBe(1)
    expect((await stockOf(honey))! + (await openReservations(honey))).toBe(start)
  })
})

describe('who is told', () => {
  async function drain() {
    while ((await drainOutbox(50, 'fast')) > 0);
  }
  const mailTo = (to: string) => prisma.devMessage.findMany({ where: { to }, orderBy: { createdAt: 'asc' } })

  test('a waiting order is mailed to the approvers (owners and approvers) only; its outcome to the buyer, and the producer hears once approved', async () => {
    await drain() // whatever the earlier tests queued
    await prisma.devMessage.deleteMany()
    const seller = await member(producer.id, 'OWNER')
    const viewer = await member(buyer.id, 'VIEWER')
    const colleague = await member(buyer.id, 'PURCHASER')

    const waiting = await placeHoney(purchaser, 20) // 5,250,000 above 3,000,000
    await drain()
    const [toApprover] = await mailTo(approver.email)
    expect(toApprover.subject).toBe(`Đơn hàng ${waiting.number} đang chờ bạn duyệt`)
    expect(toApprover.text).toContain('Anh Minh (mua hàng) đã đặt đơn hàng')
    expect(toApprover.text).toContain(`vượt hạn mức chi mỗi đơn là ${formatVnd(3_000_000n, 'vi')}`)
    expect(toApprover.text).toContain(formatVnd(5_250_000n, 'vi'))
    expect(toApprover.text).toContain(`/vi/orgs/${buyer.slug}/orders/${waiting.number}`)
    expect(await mailTo(owner.email)).toHaveLength(1)
    for (const m of [purchaser, viewer, colleague, seller]) expect(await mailTo(m.email), m.name).toHaveLength(0)

    await expectOk(transitionOrder({ orderId: waiting.id, actor: approverActor(approver), to: 'PLACED' }))
    await drain()
    const [approved] = await mailTo(purchaser.email)
    expect(approved.subject).toBe(`Đơn hàng ${waiting.number} đã được duyệt`)
    expect(approved.text).toContain('Chị Hoa (duyệt đơn)')
    const [newOrder] = await mailTo(seller.email)
    expect(newOrder.subject).toMatch(new RegExp(`^Đơn hàng mới ${waiting.number} từ `))

    const refused = await placeHoney(purchaser, 20)
    await drain()
    await expectOk(transitionOrder({ orderId: refused.id, actor: approverActor(approver), to: 'CANCELLED', note: 'Đã đủ hàng tồn' }))
    await drain()
    const rejected = (await mailTo(purchaser.email)).at(-1)!
    expect(rejected.subject).toBe(`Đơn hàng ${refused.number} không được duyệt`)
    expect(rejected.text).toContain('Lý do: Đã đủ hàng tồn')
    // The producer never hears of an order it never saw.
    expect(await mailTo(seller.email)).toHaveLength(1)
  })
})
