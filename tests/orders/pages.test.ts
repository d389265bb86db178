// The order pages (list and detail with its action forms) through their real loaders and actions, with a
// signed-in browser's cookies and CSRF token: who sees which orders, who may act, what the forms do to an
// order, and how bad input and a wrong state are answered without changing anything.
import { beforeAll, describe, expect, test } from 'vitest'
import type { OrderStatus } from '~/generated/prisma/enums'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { transitionOrder } from '~/modules/orders/transitions.server'
import * as detailRoute from '~/routes/orders/order'
import * as listRoute from '~/routes/orders/orders'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { browserFor, callRoute, createUser, type RouteResult } from '../utils/routes'
import { buyerWithAddress, confirm, expectOk, inDays, orderState, placeOne, producerActor, product } from './order-fixtures'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = Awaited<ReturnType<typeof makeOrg>>
type ListData = { side: string; total: number; counts: Record<string, number>; orders: { number: string; party: string; lines: number; status: OrderStatus }[] }
type DetailData = Awaited<ReturnType<typeof detailRoute.loader>>
type ActionData = { intent: string; conflict?: string; result?: { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> } }

let producer: Org
let otherProducer: Org
let buyerA: Org
let buyerB: Org
let producerOwner: Browser
let producerViewer: Browser
let buyerAMember: Browser
let buyerBMember: Browser
let honey: string
let tea: string
let otherProducts: string
let aOrder: { id: string; number: string }
let bOrder: { id: string; number: string }
let aOtherOrder: { id: string; number: string }

const orderOf = async (id: string) => prisma.order.findUniqueOrThrow({ where: { id }, select: { id: true, number: true } })
const listPath = (org: Org, query = '') => `/vi/orgs/${org.slug}/orders${query}`
const detailPath = (org: Org, number: string, lang = 'vi') => `/${lang}/orgs/${org.slug}/orders/${number}`

function list(browser: Browser, org: Org, query = '') {
  return callRoute(listRoute.loader, browser.get(listPath(org, query)), { lang: 'vi', slug: org.slug })
}
function detail(browser: Browser, org: Org, number: string) {
  return callRoute(detailRoute.loader, browser.get(detailPath(org, number)), { lang: 'vi', slug: org.slug, number })
}
function post(browser: Browser, org: Org, number: string, fields: Record<string, string>, opts: { lang?: string; csrf?: boolean } = {}) {
  const lang = opts.lang ?? 'vi'
  return callRoute(detailRoute.action, browser.post(detailPath(org, number, lang), fields, { csrf: opts.csrf }), { lang, slug: org.slug, number })
}
const numbersOf = (res: RouteResult) => (res.data as ListData).orders.map((o) => o.number).sort()

/** A fresh order of buyer A with the producer: 50 jars of honey (230,000 each, VAT 5%) and 20 packs of tea. */
async function freshOrder() {
  const id = await placeOne(buyerA.id, [
    { productId: honey, quantity: 50 },
    { productId: tea, quantity: 20 },
  ], { requestedDeliveryDate: inDays(5) })
  const order = await prisma.order.findUniqueOrThrow({ where: { id }, include: { items: { orderBy: { sku: 'asc' } } } })
  return order
}

/** The confirm form as the page renders it (lines in the page's order), with some fields changed. */
function confirmForm(order: Awaited<ReturnType<typeof freshOrder>>, change: { quantities?: Record<string, string>; shippingFee?: string; deliveryDate?: string; note?: string } = {}) {
  const fields: Record<string, string> = { intent: 'confirm', shippingFee: change.shippingFee ?? '0', deliveryDate: change.deliveryDate ?? inDays(5), note: change.note ?? '' }
  order.items.forEach((item, index) => {
    fields[`items[${index}].id`] = item.id
    fields[`items[${index}].quantity`] = change.quantities?.[item.productId] ?? String(item.quantity)
  })
  return fields
}

beforeAll(async () => {
  await ensureCategories()
  const [owner, viewer, userA, userB, otherOwner] = await Promise.all([createUser({ name: 'Anh Sùng' }), createUser(), createUser({ name: 'Chị Lan' }), createUser(), createUser()])
  producer = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc', memberId: owner.id })
  otherProducer = await makeOrg('PRODUCER', { name: 'HTX Phú Quốc', memberId: otherOwner.id })
  await prisma.membership.create({ data: { userId: viewer.id, organizationId: producer.id, role: 'VIEWER' } })
  buyerA = await buyerWithAddress('Siêu thị Sài Gòn')
  buyerB = await buyerWithAddress('Nhà phân phối Hà Nội')
  await prisma.membership.create({ data: { userId: userA.id, organizationId: buyerA.id, role: 'MEMBER' } })
  await prisma.membership.create({ data: { userId: userB.id, organizationId: buyerB.id, role: 'OWNER' } })
  producerOwner = await browserFor(owner.id)
  producerViewer = await browserFor(viewer.id)
  buyerAMember = await browserFor(userA.id)
  buyerBMember = await browserFor(userB.id)

  honey = await product(producer.id, { sku: 'A-HONEY', stock: 1000 }) // 250,000 from 10, 230,000 from 50; VAT 5%
  tea = await product(producer.id, { sku: 'B-TEA', nameVi: 'Chè Shan tuyết', nameEn: 'Shan tuyet tea', vatRate: 'TEN', stock: 1000, moq: 5, tierPrices: [{ minQuantity: 5, unitPriceVnd: 100_000 }] })
  otherProducts = await product(otherProducer.id, { sku: 'C-SAUCE', nameVi: 'Nước mắm', stock: 100 })

  aOrder = await orderOf(await placeOne(buyerA.id, [{ productId: honey, quantity: 10 }]))
  bOrder = await orderOf(await placeOne(buyerB.id, [{ productId: honey, quantity: 12 }]))
  aOtherOrder = await orderOf(await placeOne(buyerA.id, [{ productId: otherProducts, quantity: 10 }]))
})

describe('who sees which orders', () => {
  test("buyer A's list holds its own orders only, and buyer B's order is a 404 for it", async () => {
    const res = await list(buyerAMember, buyerA)
    expect(res.status).toBe(200)
    expect((res.data as ListData).side).toBe('buyer')
    const numbers = numbersOf(res)
    expect(numbers).toContain(aOrder.number)
    expect(numbers).toContain(aOtherOrder.number)
    expect(numbers).not.toContain(bOrder.number)
    // Through its own organisation: not one of its orders.
    expect((await detail(buyerAMember, buyerA, bOrder.number)).status).toBe(404)
    // Through B's organisation: not a member.
    expect((await detail(buyerAMember, buyerB, bOrder.number)).status).toBe(404)
    expect((await list(buyerAMember, buyerB)).status).toBe(404)
    // And the other way round.
    expect(numbersOf(await list(buyerBMember, buyerB))).toEqual([bOrder.number])
    expect((await detail(buyerBMember, buyerB, aOrder.number)).status).toBe(404)
    // Nor can it act on it.
    const before = await orderState(bOrder.id)
    expect((await post(buyerAMember, buyerA, bOrder.number, { intent: 'cancel', note: 'Không cần nữa' })).status).toBe(404)
    expect(await orderState(bOrder.id)).toEqual(before)
  })

  test('a producer sees only the orders placed with it, with the buyer as the other party', async () => {
    const res = await list(producerOwner, producer)
    expect(res.status).toBe(200)
    const data = res.data as ListData
    expect(data.side).toBe('producer')
    const numbers = numbersOf(res)
    expect(numbers).toContain(aOrder.number)
    expect(numbers).toContain(bOrder.number)
    expect(numbers).not.toContain(aOtherOrder.number)
    const row = data.orders.find((o) => o.number === bOrder.number)!
    expect(row).toMatchObject({ party: 'Nhà phân phối Hà Nội', lines: 1, status: 'PLACED' })
    expect((await detail(producerOwner, producer, aOtherOrder.number)).status).toBe(404)
    const own = await detail(producerOwner, producer, aOrder.number)
    expect(own.status).toBe(200)
    expect((own.data as DetailData).side).toBe('producer')
  })

  test('the detail shows parties, the address snapshot with the province name, lines and the placing event', async () => {
    const res = await detail(buyerAMember, buyerA, aOrder.number)
    expect(res.status).toBe(200)
    const { order, side, allowed, bank } = res.data as DetailData
    expect(side).toBe('buyer')
    expect(order.buyer).toMatchObject({ slug: buyerA.slug, name: 'Siêu thị Sài Gòn' })
    expect(order.producer).toMatchObject({ slug: producer.slug, name: 'HTX Mèo Vạc' })
    expect(order.deliveryAddress).toMatchObject({ label: 'DC Củ Chi', province: 'TP. Hồ Chí Minh', phone: '0283 790 1234' })
    expect(order.items).toEqual([expect.objectContaining({ sku: 'A-HONEY', quantity: 10, unitPriceVnd: '250000', vatAmountVnd: '125000' })])
    expect(order.events).toEqual([expect.objectContaining({ from: null, to: 'PLACED', actorName: 'Chị Lan (mua hàng)' })])
    // A buyer member may cancel a placed order; nothing is asked to be paid before confirmation.
    expect(allowed).toEqual(['CANCELLED'])
    expect(bank).toBeNull()
  })

  test('a VIEWER reads the orders but gets no forms, and posting an action is a 403 that changes nothing', async () => {
    const res = await detail(producerViewer, producer, bOrder.number)
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ canUpdate: false, allowed: [] })
    expect((await list(producerViewer, producer)).status).toBe(200)
    const before = await orderState(bOrder.id)
    const order = await prisma.order.findUniqueOrThrow({ where: { id: bOrder.id }, include: { items: true } })
    const fields = { intent: 'confirm', 'items[0].id': order.items[0].id, 'items[0].quantity': '12', shippingFee: '0', deliveryDate: inDays(5) }
    expect((await post(producerViewer, producer, bOrder.number, fields)).status).toBe(403)
    expect((await post(producerViewer, producer, bOrder.number, { intent: 'reject', note: 'Hết hàng' })).status).toBe(403)
    expect(await orderState(bOrder.id)).toEqual(before)
  })

  test('a post without the CSRF token is refused', async () => {
    const before = await orderState(bOrder.id)
    expect((await post(producerOwner, producer, bOrder.number, { intent: 'reject', note: 'Hết hàng' }, { csrf: false })).status).toBe(403)
    expect(await orderState(bOrder.id)).toEqual(before)
  })

  test("a buyer cannot take the producer's steps: 403", async () => {
    const before = await orderState(aOrder.id)
    expect((await post(buyerAMember, buyerA, aOrder.number, { intent: 'reject', note: 'x' })).status).toBe(403)
    expect((await post(buyerAMember, buyerA, aOrder.number, { intent: 'ship', carrier: 'GHN', trackingNumber: '1' })).status).toBe(403)
    expect(await orderState(aOrder.id)).toEqual(before)
  })
})

describe('the producer confirms', () => {
  test('with a lower quantity and a shipping fee typed "30.000": lines and totals change, the buyer sees it and is asked to pay', async () => {
    const order = await freshOrder()
    const honeyLine = order.items.find((i) => i.productId === honey)!
    // 50 × 230,000 + 20 × 100,000 = 13,500,000; VAT 575,000 + 200,000
    expect(order.totalVnd).toBe(14_275_000n)
    const page = await detail(producerOwner, producer, order.number)
    expect((page.data as DetailData).allowed).toEqual(['CONFIRMED', 'REJECTED'])
    expect((page.data as DetailData).defaultDeliveryDate).toBe(inDays(5))

    const res = await post(producerOwner, producer, order.number, confirmForm(order, { quantities: { [honey]: '40' }, shippingFee: '30.000', note: 'Mất mùa' }))
    expect(res.status).toBe(302)
    expect(res.location).toBe(detailPath(producer, order.number))

    const after = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { items: true } })
    // 40 keeps the 50-unit price: 9,200,000 + 2,000,000; VAT 460,000 + 200,000; shipping 30,000.
    expect(after).toMatchObject({ status: 'CONFIRMED', subtotalVnd: 11_200_000n, vatTotalVnd: 660_000n, shippingFeeVnd: 30_000n, totalVnd: 11_890_000n })
    expect(after.deliveryDate?.toISOString().slice(0, 10)).toBe(inDays(5))
    expect(after.items.find((i) => i.id === honeyLine.id)).toMatchObject({ orderedQuantity: 50, quantity: 40, unitPriceVnd: 230_000n })

    const buyerView = (await detail(buyerAMember, buyerA, order.number)).data as DetailData
    expect(buyerView.order.items.find((i) => i.sku === 'A-HONEY')).toMatchObject({ orderedQuantity: 50, quantity: 40 })
    expect(buyerView.order.totalVnd).toBe('11890000')
    const confirmed = buyerView.order.events.at(-1)!
    expect(confirmed).toMatchObject({ from: 'PLACED', to: 'CONFIRMED', actorName: 'Anh Sùng', note: 'Mất mùa' })
    expect(confirmed.details).toMatchObject({ shippingFeeVnd: '30000', previousTotalVnd: '14275000', quantities: [{ sku: 'A-HONEY', from: 50, to: 40 }] })
    // Confirmed and unpaid: the buyer gets the platform's account and may still cancel.
    expect(buyerView.bank).toMatchObject({ account: expect.stringMatching(/^\d+$/) })
    expect(buyerView.allowed).toEqual(['CANCELLED'])
  })

  test.each([
    ['12,5', 'a fraction'],
    ['-30000', 'a negative amount'],
    ['ba mươi nghìn', 'words'],
  ])('a shipping fee of %s (%s) is refused, the form keeps what was typed and nothing changes', async (fee) => {
    const order = await freshOrder()
    const before = await orderState(order.id)
    const res = await post(producerOwner, producer, order.number, confirmForm(order, { quantities: { [honey]: '45' }, shippingFee: fee, note: 'Giao sáng' }))
    expect(res.status).toBe(400)
    const { intent, result } = res.data as ActionData
    expect(intent).toBe('confirm')
    expect(result?.error?.shippingFee).toEqual(['Phí vận chuyển là số đồng nguyên, từ 0 trở lên.'])
    expect(result?.initialValue).toMatchObject({ shippingFee: fee, note: 'Giao sáng' })
    const items = result?.initialValue?.items as { quantity: string }[]
    expect(items.map((i) => i.quantity)).toContain('45')
    expect(await orderState(order.id)).toEqual(before)
  })

  test('quantities above the ordered one, fractional or all zero are refused with a message in the page language', async () => {
    const order = await freshOrder()
    const before = await orderState(order.id)
    const honeyIndex = order.items.findIndex((i) => i.productId === honey)

    const above = await post(producerOwner, producer, order.number, confirmForm(order, { quantities: { [honey]: '60' } }), { lang: 'en' })
    expect(above.status).toBe(400)
    const aboveErrors = (above.data as ActionData).result?.error?.[`items[${honeyIndex}].quantity`]
    expect(aboveErrors?.[0]).toMatch(/50/)
    expect(aboveErrors?.[0]).not.toMatch(/order\.quantity/)

    const fraction = await post(producerOwner, producer, order.number, confirmForm(order, { quantities: { [honey]: '2,5' } }))
    expect(fraction.status).toBe(400)
    expect((fraction.data as ActionData).result?.error?.[`items[${honeyIndex}].quantity`]).toEqual(['Số lượng là số nguyên, từ 0 trở lên.'])

    const zero = await post(producerOwner, producer, order.number, confirmForm(order, { quantities: { [honey]: '0', [tea]: '0' } }))
    expect(zero.status).toBe(400)
    expect((zero.data as ActionData).result?.error?.['']?.[0]).toMatch(/Ít nhất một dòng/)

    const past = await post(producerOwner, producer, order.number, confirmForm(order, { deliveryDate: '2020-01-01' }))
    expect(past.status).toBe(400)
    expect((past.data as ActionData).result?.error?.deliveryDate).toEqual(['Ngày giao hàng không được ở quá khứ.'])
    expect(await orderState(order.id)).toEqual(before)
  })

  test('a rejection without a reason is refused; with one the order is rejected', async () => {
    const order = await freshOrder()
    const before = await orderState(order.id)
    const empty = await post(producerOwner, producer, order.number, { intent: 'reject', note: '   ' })
    expect(empty.status).toBe(400)
    expect((empty.data as ActionData).result?.error?.note).toEqual(['Vui lòng ghi lý do: bên kia sẽ đọc được.'])
    expect(await orderState(order.id)).toEqual(before)

    const res = await post(producerOwner, producer, order.number, { intent: 'reject', note: 'Hết hàng vụ này' })
    expect(res.status).toBe(302)
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'REJECTED' })
  })

  test('shipping an unpaid order needs the "ship before payment" box; the buyer then confirms delivery', async () => {
    const order = await freshOrder()
    await expectOk(confirm(order.id, producer.id, { deliveryDate: inDays(5) }))
    const page = (await detail(producerOwner, producer, order.number)).data as DetailData
    expect(page.allowed).toEqual(['SHIPPED'])

    const missing = await post(producerOwner, producer, order.number, { intent: 'ship', carrier: '', trackingNumber: 'VTP123' })
    expect(missing.status).toBe(400)
    expect((missing.data as ActionData).result?.error?.carrier).toEqual(['Vui lòng ghi đơn vị vận chuyển.'])

    const unpaid = await post(producerOwner, producer, order.number, { intent: 'ship', carrier: 'Viettel Post', trackingNumber: 'VTP123' })
    expect(unpaid.status).toBe(409)
    const unpaidData = unpaid.data as ActionData
    expect(unpaidData.result?.error?.shipBeforePayment?.[0]).toMatch(/chưa được thanh toán/)
    expect(unpaidData.result?.initialValue).toMatchObject({ carrier: 'Viettel Post', trackingNumber: 'VTP123' })
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'CONFIRMED' })

    const shipped = await post(producerOwner, producer, order.number, { intent: 'ship', carrier: 'Viettel Post', trackingNumber: 'VTP123', shipBeforePayment: 'on' })
    expect(shipped.status).toBe(302)
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'SHIPPED', carrier: 'Viettel Post', trackingNumber: 'VTP123' })

    const buyerPage = (await detail(buyerAMember, buyerA, order.number)).data as DetailData
    expect(buyerPage.allowed).toEqual(['DELIVERED'])
    expect(buyerPage.order.events.at(-1)?.details).toMatchObject({ carrier: 'Viettel Post', shipBeforePayment: true })
    const delivered = await post(buyerAMember, buyerA, order.number, { intent: 'deliver', note: '' })
    expect(delivered.status).toBe(302)
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'DELIVERED' })
  })
})

describe('the buyer', () => {
  test('cancels a placed order with a reason (and not without one)', async () => {
    const order = await freshOrder()
    const noReason = await post(buyerAMember, buyerA, order.number, { intent: 'cancel', note: '' })
    expect(noReason.status).toBe(400)
    expect((noReason.data as ActionData).result?.error?.note?.[0]).toMatch(/lý do/)

    const res = await post(buyerAMember, buyerA, order.number, { intent: 'cancel', note: 'Đặt nhầm số lượng' })
    expect(res.status).toBe(302)
    expect(res.location).toBe(detailPath(buyerA, order.number))
    const after = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { events: { orderBy: { at: 'asc' } } } })
    expect(after.status).toBe('CANCELLED')
    expect(after.events.at(-1)).toMatchObject({ toStatus: 'CANCELLED', note: 'Đặt nhầm số lượng' })
    const page = (await detail(buyerAMember, buyerA, order.number)).data as DetailData
    expect(page.allowed).toEqual([])
  })

  test('a step the current status does not allow answers 409 with the statuses named, and changes nothing', async () => {
    const order = await freshOrder()
    await expectOk(confirm(order.id, producer.id, { deliveryDate: inDays(5) }))
    await expectOk(transitionOrder({ orderId: order.id, actor: producerActor(producer.id), to: 'SHIPPED', carrier: 'GHN', trackingNumber: 'GHN1', shipBeforePayment: true }))
    const before = await orderState(order.id)

    const cancel = await post(buyerAMember, buyerA, order.number, { intent: 'cancel', note: 'Muộn quá' })
    expect(cancel.status).toBe(409)
    const conflict = (cancel.data as ActionData).conflict
    expect(conflict).toContain('Đang giao')
    expect(conflict).toContain('Đã hủy')

    const confirmAgain = await post(producerOwner, producer, order.number, confirmForm(order), { lang: 'en' })
    expect(confirmAgain.status).toBe(409)
    expect((confirmAgain.data as ActionData).conflict).toMatch(/Shipped.*Confirmed/)
    expect(await orderState(order.id)).toEqual(before)
  })
})

describe('filters', () => {
  let confirmedPaid: { id: string; number: string }
  let confirmedUnpaid: { id: string; number: string }

  beforeAll(async () => {
    confirmedPaid = await orderOf((await freshOrder()).id)
    await expectOk(confirm(confirmedPaid.id, producer.id, { deliveryDate: inDays(5) }))
    await prisma.order.update({ where: { id: confirmedPaid.id }, data: { paymentStatus: 'PAID' } })
    confirmedUnpaid = await orderOf((await freshOrder()).id)
    await expectOk(confirm(confirmedUnpaid.id, producer.id, { deliveryDate: inDays(5) }))
  })

  test('by status tab, with counts per status', async () => {
    const placed = await list(producerOwner, producer, '?status=PLACED')
    const data = placed.data as ListData
    expect(data.orders.length).toBeGreaterThan(0)
    expect(data.orders.every((o) => o.status === 'PLACED')).toBe(true)
    expect(numbersOf(placed)).toContain(bOrder.number)
    expect(data.counts.PLACED).toBe(data.total)
    const all = (await list(producerOwner, producer)).data as ListData
    expect(all.counts.all).toBe(all.total)
    expect(all.counts.all).toBe(Object.entries(all.counts).filter(([k]) => k !== 'all' && k !== 'action').reduce((s, [, n]) => s + n, 0))
    // An unknown status is ignored rather than an error.
    expect((await list(producerOwner, producer, '?status=NOPE')).data).toMatchObject({ total: all.total })
  })

  test('by payment status', async () => {
    const paid = await list(producerOwner, producer, '?payment=PAID')
    expect(numbersOf(paid)).toEqual([confirmedPaid.number])
    const confirmedUnpaidList = await list(buyerAMember, buyerA, '?status=CONFIRMED&payment=UNPAID')
    expect(numbersOf(confirmedUnpaidList)).toContain(confirmedUnpaid.number)
    expect(numbersOf(confirmedUnpaidList)).not.toContain(confirmedPaid.number)
  })

  test('"needs action": new orders for the producer, confirmed unpaid ones for the buyer', async () => {
    const producerAction = (await list(producerOwner, producer, '?status=action')).data as ListData
    expect(producerAction.orders.every((o) => o.status === 'PLACED')).toBe(true)
    expect(producerAction.counts.action).toBe(producerAction.counts.PLACED)
    const buyerAction = await list(buyerAMember, buyerA, '?status=action')
    expect(numbersOf(buyerAction)).toContain(confirmedUnpaid.number)
    expect(numbersOf(buyerAction)).not.toContain(confirmedPaid.number)
    expect((buyerAction.data as ListData).orders.every((o) => o.status === 'CONFIRMED')).toBe(true)
    expect((buyerAction.data as ListData).counts.action).toBe((buyerAction.data as ListData).total)
  })

  test("by q: the order number or the other party's name", async () => {
    const byNumber = await list(producerOwner, producer, `?q=${encodeURIComponent(bOrder.number.toLowerCase())}`)
    expect(numbersOf(byNumber)).toEqual([bOrder.number])
    const byName = await list(producerOwner, producer, `?q=${encodeURIComponent('phân phối')}`)
    expect(numbersOf(byName)).toEqual([bOrder.number])
    const buyerByProducer = await list(buyerAMember, buyerA, `?q=${encodeURIComponent('Phú Quốc')}`)
    expect(numbersOf(buyerByProducer)).toEqual([aOtherOrder.number])
    // A buyer's search never reaches another buyer's orders.
    expect((await list(buyerAMember, buyerA, `?q=${encodeURIComponent(bOrder.number)}`)).data).toMatchObject({ total: 0, orders: [] })
  })

  test('pagination keeps to pages of 20', async () => {
    const all = (await list(producerOwner, producer)).data as ListData
    expect(all.orders.length).toBe(Math.min(all.total, 20))
    expect(((await list(producerOwner, producer, '?page=999')).data as ListData).orders).toEqual([])
  })
})
