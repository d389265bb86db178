// Order fulfilment and payment transitions: who may do what in which state, the money and stock they move,
// the history and messages they write, and what happens when they race. Runs on PGlite and, with
// TEST_DATABASE_URL, on PostgreSQL (where concurrent transactions really interleave).
import { beforeAll, describe, expect, test } from 'vitest'
import type { OrderStatus } from '~/generated/prisma/enums'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { nextStatuses, partyMayReach, type OrderParty } from '~/modules/orders/order-rules'
import { placeOrders } from '~/modules/orders/place-orders.server'
import { markRefunded, markTransferReceived, transitionOrder, type OrderTransitionActor } from '~/modules/orders/transitions.server'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import {
  buyerActor,
  buyerWithAddress,
  confirm,
  expectOk,
  inDays,
  openReservations,
  operator,
  operatorActor,
  orderState,
  placeOne,
  producerActor,
  product,
  stockOf,
  systemActor,
} from './order-fixtures'

beforeAll(() => ensureCategories())

const statuses: OrderStatus[] = ['PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'REJECTED', 'CANCELLED']

/** A producer with one stocked product and a buyer, ready to order. */
async function setup(stock = 100) {
  const producer = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc' })
  const buyer = await buyerWithAddress('Siêu thị Sài Gòn')
  const honey = await product(producer.id, { stock })
  return { producer, buyer, honey }
}

const outbox = (topic: string) => prisma.outboxMessage.findMany({ where: { topic }, orderBy: { id: 'asc' } })

describe('confirmation', () => {
  test('the producer lowers quantities: lines keep their unit price, VAT and totals are worked out again, stock comes back', async () => {
    const producer = await makeOrg('PRODUCER', { name: 'HTX Phú Quốc' })
    const buyer = await buyerWithAddress()
    const honey = await product(producer.id, { stock: 100 }) // 250,000 from 10, 230,000 from 50; VAT 5%
    const sauce = await product(producer.id, { nameVi: 'Nước mắm Phú Quốc', vatRate: '10', stock: 30, moq: 5, tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }] })
    const squid = await product(producer.id, { nameVi: 'Chả mực Hạ Long', madeToOrder: true, stock: undefined, leadTimeDays: 3 })
    const pepper = await product(producer.id, { nameVi: 'Hồ tiêu Chư Sê', stock: 50, moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 12_345 }] })
    const orderId = await placeOne(buyer.id, [
      { productId: honey, quantity: 50 },
      { productId: sauce, quantity: 7 },
      { productId: squid, quantity: 10 },
      { productId: pepper, quantity: 10 },
    ])
    const placed = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { items: true } })
    // 50 × 230,000 + 7 × 95,000 + 10 × 250,000 + 10 × 12,345, VAT 575,000 + 66,500 + 125,000 + 6,173 (6,172.5 rounds up)
    expect(placed).toMatchObject({ subtotalVnd: 14_788_450n, vatTotalVnd: 772_673n, totalVnd: 15_561_123n })
    const item = (productId: string) => placed.items.find((i) => i.productId === productId)!
    const syncsBefore = (await outbox('search.sync')).length

    const deliveryDate = inDays(4)
    const { order } = await expectOk(
      confirm(orderId, producer.id, {
        shippingFeeVnd: 150_000n,
        deliveryDate,
        quantities: { [item(honey).id]: 40, [item(sauce).id]: 7, [item(squid).id]: 4, [item(pepper).id]: 3 },
        note: 'Mất mùa, chỉ còn 40 chai',
      }),
    )
    const line = (productId: string) => order.items.find((i) => i.productId === productId)!
    // 40 stays at the 50-unit price (230,000), not the 10-unit tier.
    expect(line(honey)).toMatchObject({ orderedQuantity: 50, quantity: 40, unitPriceVnd: 230_000n, lineTotalVnd: 9_200_000n, vatAmountVnd: 460_000n, reservedQuantity: 40 })
    expect(line(sauce)).toMatchObject({ quantity: 7, lineTotalVnd: 665_000n, vatAmountVnd: 66_500n, reservedQuantity: 7 })
    expect(line(squid)).toMatchObject({ quantity: 4, unitPriceVnd: 250_000n, lineTotalVnd: 1_000_000n, vatAmountVnd: 50_000n, reservedQuantity: 0 })
    // 3 × 12,345 = 37,035; 5% = 1,851.75 → 1,852.
    expect(line(pepper)).toMatchObject({ quantity: 3, lineTotalVnd: 37_035n, vatAmountVnd: 1_852n, reservedQuantity: 3 })
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      paymentStatus: 'UNPAID',
      subtotalVnd: 10_902_035n,
      vatTotalVnd: 578_352n,
      shippingFeeVnd: 150_000n,
      totalVnd: 11_630_387n, // 10,902,035 + 578,352 + 150,000
      deliveryDate: new Date(`${deliveryDate}T00:00:00Z`),
    })
    expect(order.confirmedAt).toBeInstanceOf(Date)
    expect([await stockOf(honey), await stockOf(sauce), await stockOf(squid), await stockOf(pepper)]).toEqual([60, 23, null, 47])

    const event = order.events.at(-1)!
    expect(event).toMatchObject({ actor: 'user:u-producer', actorName: 'Anh Sùng (HTX)', fromStatus: 'PLACED', toStatus: 'CONFIRMED', note: 'Mất mùa, chỉ còn 40 chai' })
    expect(event.details).toMatchObject({ shippingFeeVnd: '150000', deliveryDate, totalVnd: '11630387', previousTotalVnd: '15561123' })
    expect((event.details as { quantities: unknown[] }).quantities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sku: item(honey).sku, from: 50, to: 40 }),
        expect.objectContaining({ sku: item(squid).sku, from: 10, to: 4 }),
        expect.objectContaining({ sku: item(pepper).sku, from: 10, to: 3 }),
      ]),
    )
    expect((event.details as { quantities: unknown[] }).quantities).toHaveLength(3)
    // The buyer is told, and the search index hears about the stock that came back.
    expect((await outbox('order.changed')).map((m) => m.payload).filter((p) => (p as { eventId: string }).eventId === event.id)).toEqual([
      { orderId, eventId: event.id, recipients: ['buyer'] },
    ])
    expect((await outbox('search.sync')).length).toBe(syncsBefore + 1)
    expect((await outbox('search.sync')).at(-1)!.payload).toEqual({ productIds: expect.arrayContaining([honey, pepper]) })
  })

  test('the delivery date defaults to the requested one; bad fees, dates and quantities are refused and change nothing', async () => {
    const { producer, buyer, honey } = await setup()
    const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 20 }])
    const [line] = (await prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { items: true } })).items
    const before = await orderState(orderId)
    const refused = async (extra: Parameters<typeof confirm>[2], expected: Record<string, unknown>) => {
      expect(await confirm(orderId, producer.id, extra)).toEqual({ ok: false, ...expected })
    }
    await refused({ shippingFeeVnd: -1n }, { error: 'order.shippingFee.invalid' })
    await refused({ shippingFeeVnd: 10n ** 13n }, { error: 'order.shippingFee.invalid' })
    await refused({ deliveryDate: undefined }, { error: 'order.deliveryDate.required' }) // nothing requested
    await refused({ deliveryDate: '2025-02-30' }, { error: 'order.deliveryDate.invalid' })
    await refused({ deliveryDate: 'mai' }, { error: 'order.deliveryDate.invalid' })
    await refused({ deliveryDate: inDays(400) }, { error: 'order.deliveryDate.invalid' })
    await refused({ deliveryDate: inDays(-1) }, { error: 'order.deliveryDate.past' })
    await refused({ quantities: { [line.id]: 21 } }, { error: 'order.quantity.aboveOrdered', itemId: line.id, ordered: 20 })
    await refused({ quantities: { [line.id]: -1 } }, { error: 'order.quantity.invalid', itemId: line.id })
    await refused({ quantities: { [line.id]: 2.5 } }, { error: 'order.quantity.invalid', itemId: line.id })
    await refused({ quantities: { [line.id]: Number.NaN } }, { error: 'order.quantity.invalid', itemId: line.id })
    await refused({ quantities: { [line.id]: '5' as unknown as number } }, { error: 'order.quantity.invalid', itemId: line.id })
    await refused({ quantities: { [line.id]: 0 } }, { error: 'order.quantity.allZero' })
    await refused({ quantities: { nope: 1 } }, { error: 'order.quantity.unknownItem', itemId: 'nope' })
    await refused({ note: 'x'.repeat(1001) }, { error: 'order.note.tooLong' })
    expect(await orderState(orderId)).toEqual(before)

    const requested = inDays(10)
    const other = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }], { requestedDeliveryDate: requested })
    const { order } = await expectOk(transitionOrder({ orderId: other, actor: producerActor(producer.id), to: 'CONFIRMED' }))
    expect(order).toMatchObject({ deliveryDate: new Date(`${requested}T00:00:00Z`), shippingFeeVnd: 0n, totalVnd: 2_625_000n })
  })
})

describe('rejection and cancellation', () => {
  test('a rejection needs a reason and gives all reserved stock back', async () => {
    const { producer, buyer, honey } = await setup(100)
    const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 30 }])
    expect(await stockOf(honey)).toBe(70)
    expect(await transitionOrder({ orderId, actor: producerActor(producer.id), to: 'REJECTED', note: '   ' })).toEqual({ ok: false, error: 'order.reason.required' })
    const { order } = await expectOk(transitionOrder({ orderId, actor: producerActor(producer.id), to: 'REJECTED', note: 'Hết hàng vụ này' }))
    expect(order).toMatchObject({ status: 'REJECTED', paymentStatus: 'UNPAID' })
    expect(order.closedAt).toBeInstanceOf(Date)
    expect(order.items[0].reservedQuantity).toBe(0)
    expect(await stockOf(honey)).toBe(100)
    expect(order.events.at(-1)).toMatchObject({ fromStatus: 'PLACED', toStatus: 'REJECTED', note: 'Hết hàng vụ này', details: { released: [{ units: 30 }] } })
    expect((await outbox('order.changed')).at(-1)!.payload).toMatchObject({ orderId, recipients: ['buyer'] })
  })

  test('the buyer cancels a paid confirmed order: stock back, the payment waits for a refund, then is refunded', async () => {
    const { producer, buyer, honey } = await setup(100)
    const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
    const { order: confirmed } = await expectOk(confirm(orderId, producer.id, { shippingFeeVnd: 50_000n }))
    expect(confirmed.totalVnd).toBe(2_675_000n) // 2,500,000 + 125,000 + 50,000
    await expectOk(markTransferReceived({ orderId, amountVnd: 2_675_000n, operator }))
    expect(await transitionOrder({ orderId, actor: buyerActor(buyer.id), to: 'CANCELLED' })).toEqual({ ok: false, error: 'order.reason.required' })
    const { order } = await expectOk(transitionOrder({ orderId, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Đổi nhà cung cấp' }))
    expect(order).toMatchObject({ status: 'CANCELLED', paymentStatus: 'REFUND_PENDING', amountReceivedVnd: 2_675_000n })
    expect(order.events.at(-1)!.details).toMatchObject({ paymentStatus: { from: 'PAID', to: 'REFUND_PENDING' } })
    expect(await stockOf(honey)).toBe(100)
    expect((await outbox('order.changed')).at(-1)!.payload).toMatchObject({ recipients: ['producer'] })

    const refunded = await expectOk(markRefunded({ orderId, operator, note: 'UNC 0042' }))
    expect(refunded.order.paymentStatus).toBe('REFUNDED')
    expect(refunded.order.events.at(-1)).toMatchObject({ actor: 'operator:u-operator', fromStatus: 'CANCELLED', toStatus: 'CANCELLED', details: { payment: 'refunded' } })
    expect(await markRefunded({ orderId, operator })).toEqual({ ok: false, error: 'order.payment.notRefundPending' })
  })

  test('an underpaid order cancelled before shipment also owes the buyer its money back', async () => {
    const { producer, buyer, honey } = await setup(100)
    const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
    await expectOk(confirm(orderId, producer.id))
    const partial = await expectOk(markTransferReceived({ orderId, amountVnd: 1_000_000n, operator }))
    expect(partial.order).toMatchObject({ paymentStatus: 'UNPAID', amountReceivedVnd: 1_000_000n })
    const { order } = await expectOk(transitionOrder({ orderId, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Không cần nữa' }))
    expect(order.paymentStatus).toBe('REFUND_PENDING')
  })
})

describe('shipment, delivery, completion and payment', () => {
  test('an unpaid order ships only when the producer chooses to; carrier and tracking number are required', async () => {
    const { producer, buyer, honey } = await setup(100)
    const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
    await expectOk(confirm(orderId, producer.id))
    const ship = (extra: Partial<Parameters<typeof transitionOrder>[0]>) =>
      transitionOrder({ orderId, actor: producerActor(producer.id), to: 'SHIPPED', carrier: 'Viettel Post', trackingNumber: 'VTP123456789', ...extra })
    const before = await orderState(orderId)
    expect(await ship({ carrier: ' ' })).toEqual({ ok: false, error: 'order.carrier.required' })
    expect(await ship({ carrier: 'x'.repeat(101) })).toEqual({ ok: false, error: 'order.carrier.tooLong' })
    expect(await ship({ trackingNumber: undefined })).toEqual({ ok: false, error: 'order.trackingNumber.required' })
    expect(await ship({ trackingNumber: '9'.repeat(101) })).toEqual({ ok: false, error: 'order.trackingNumber.tooLong' })
    expect(await ship({})).toEqual({ ok: false, error: 'order.payment.required' })
    expect(await orderState(orderId)).toEqual(before)

    const { order } = await expectOk(ship({ shipBeforePayment: true, carrier: '  Viettel Post ' }))
    expect(order).toMatchObject({ status: 'SHIPPED', paymentStatus: 'UNPAID', carrier: 'Viettel Post', trackingNumber: 'VTP123456789' })
    expect(order.events.at(-1)!.details).toEqual({ carrier: 'Viettel Post', trackingNumber: 'VTP123456789', shipBeforePayment: true })
    // Shipped goods are no longer in stock: the reservation stays with the order.
    expect(await stockOf(honey)).toBe(90)
    expect(await openReservations(honey)).toBe(10)

    // Delivered but unpaid: not complete, and an operator cannot complete it either.
    const delivered = await expectOk(transitionOrder({ orderId, actor: buyerActor(buyer.id), to: 'DELIVERED' }))
    expect(delivered.order.status).toBe('DELIVERED')
    expect(await transitionOrder({ orderId, actor: operatorActor, to: 'COMPLETED' })).toEqual({ ok: false, error: 'order.completion.unpaid' })
    // Paying a delivered order completes it.
    const paid = await expectOk(markTransferReceived({ orderId, amountVnd: 2_625_000n, operator }))
    expect(paid.order).toMatchObject({ status: 'COMPLETED', paymentStatus: 'PAID' })
    expect(paid.order.events.slice(-2)).toMatchObject([
      { actor: 'operator:u-operator', fromStatus: 'DELIVERED', toStatus: 'DELIVERED', details: { payment: 'transferReceived', paymentStatus: { from: 'UNPAID', to: 'PAID' } } },
      { actor: 'system', fromStatus: 'DELIVERED', toStatus: 'COMPLETED' },
    ])
  })

  test('a paid order: shipped, then confirmed delivered by the buyer, completes at once', async () => {
    const { producer, buyer, honey } = await setup(100)
    const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
    await expectOk(confirm(orderId, producer.id))
    await expectOk(markTransferReceived({ orderId, amountVnd: 2_625_000n, operator }))
    await expectOk(transitionOrder({ orderId, actor: producerActor(producer.id), to: 'SHIPPED', carrier: 'GHN', trackingNumber: 'GHN-1' }))
    const { order } = await expectOk(transitionOrder({ orderId, actor: buyerActor(buyer.id), to: 'DELIVERED', note: 'Đủ hàng' }))
    expect(order).toMatchObject({ status: 'COMPLETED', paymentStatus: 'PAID' })
    expect(order.deliveredAt).toBeInstanceOf(Date)
    expect(order.closedAt).toBeInstanceOf(Date)
    expect(order.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'PLACED'],
      ['PLACED', 'CONFIRMED'],
      ['CONFIRMED', 'CONFIRMED'], // the transfer
      ['CONFIRMED', 'SHIPPED'],
      ['SHIPPED', 'DELIVERED'],
      ['DELIVERED', 'COMPLETED'],
    ])
    const recipients = (await outbox('order.changed')).filter((m) => (m.payload as { orderId: string }).orderId === orderId).map((m) => (m.payload as { recipients: string[] }).recipients)
    // The producer hears of the new order first.
    expect(recipients).toEqual([['producer'], ['buyer'], ['buyer', 'producer'], ['buyer'], ['producer'], ['buyer', 'producer']])
  })

  test('transfers: early money counts once the amount is final, an underpayment stays unpaid with the amount shown', async () => {
    const { producer, buyer, honey } = await setup(100)
    const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }]) // 2,625,000
    // Paid before confirmation: received, but not PAID while the producer may still change the amount.
    const early = await expectOk(markTransferReceived({ orderId, amountVnd: 2_625_000n, operator }))
    expect(early.order).toMatchObject({ status: 'PLACED', paymentStatus: 'UNPAID', amountReceivedVnd: 2_625_000n })
    // A shipping fee makes it short; a second transfer covers it.
    const { order: confirmed } = await expectOk(confirm(orderId, producer.id, { shippingFeeVnd: 100_000n }))
    expect(confirmed).toMatchObject({ paymentStatus: 'UNPAID', totalVnd: 2_725_000n, amountReceivedVnd: 2_625_000n })
    const more = await expectOk(markTransferReceived({ orderId, amountVnd: 100_000n, operator }))
    expect(more.order).toMatchObject({ paymentStatus: 'PAID', amountReceivedVnd: 2_725_000n })

    // Paid early, then the producer lowers the quantity: the order is paid (and owes a difference, visible).
    const other = await placeOne(buyer.id, [{ productId: honey, quantity: 20 }])
    await expectOk(markTransferReceived({ orderId: other, amountVnd: 5_250_000n, operator }))
    const [line] = (await prisma.orderItem.findMany({ where: { orderId: other } }))
    const reduced = await expectOk(confirm(other, producer.id, { quantities: { [line.id]: 15 } }))
    expect(reduced.order).toMatchObject({ paymentStatus: 'PAID', totalVnd: 3_937_500n, amountReceivedVnd: 5_250_000n })
    expect(reduced.order.events.at(-1)!.details).toMatchObject({ paymentStatus: { from: 'UNPAID', to: 'PAID' } })

    for (const amountVnd of [0n, -5n, 10n ** 14n]) expect(await markTransferReceived({ orderId, amountVnd, operator })).toEqual({ ok: false, error: 'order.payment.amountInvalid' })
    expect(await markTransferReceived({ orderId: 'nope', amountVnd: 1n, operator })).toEqual({ ok: false, error: 'order.notFound' })

    // Money that arrives for a rejected order is to be refunded.
    const rejected = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
    await expectOk(transitionOrder({ orderId: rejected, actor: producerActor(producer.id), to: 'REJECTED', note: 'Hết hàng' }))
    const late = await expectOk(markTransferReceived({ orderId: rejected, amountVnd: 2_625_000n, operator }))
    expect(late.order).toMatchObject({ status: 'REJECTED', paymentStatus: 'REFUND_PENDING' })
  })
})

describe('who may do what', () => {
  /** Orders of one buyer and one producer in each status. */
  async function ordersInEveryStatus() {
    const { producer, buyer, honey } = await setup(1000)
    const byStatus = {} as Record<OrderStatus, string>
    const place = () => placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
    const p = producerActor(producer.id)
    const b = buyerActor(buyer.id)
    byStatus.PLACED = await place()
    byStatus.CONFIRMED = await place()
    await expectOk(confirm(byStatus.CONFIRMED, producer.id))
    byStatus.SHIPPED = await place()
    await expectOk(confirm(byStatus.SHIPPED, producer.id))
    await expectOk(transitionOrder({ orderId: byStatus.SHIPPED, actor: p, to: 'SHIPPED', carrier: 'GHN', trackingNumber: '1', shipBeforePayment: true }))
    byStatus.DELIVERED = await place()
    await expectOk(confirm(byStatus.DELIVERED, producer.id))
    await expectOk(transitionOrder({ orderId: byStatus.DELIVERED, actor: p, to: 'SHIPPED', carrier: 'GHN', trackingNumber: '2', shipBeforePayment: true }))
    await expectOk(transitionOrder({ orderId: byStatus.DELIVERED, actor: b, to: 'DELIVERED' }))
    byStatus.COMPLETED = await place()
    await expectOk(confirm(byStatus.COMPLETED, producer.id))
    await expectOk(markTransferReceived({ orderId: byStatus.COMPLETED, amountVnd: 2_625_000n, operator }))
    await expectOk(transitionOrder({ orderId: byStatus.COMPLETED, actor: p, to: 'SHIPPED', carrier: 'GHN', trackingNumber: '3' }))
    await expectOk(transitionOrder({ orderId: byStatus.COMPLETED, actor: b, to: 'DELIVERED' }))
    byStatus.REJECTED = await place()
    await expectOk(transitionOrder({ orderId: byStatus.REJECTED, actor: p, to: 'REJECTED', note: 'Không đủ hàng' }))
    byStatus.CANCELLED = await place()
    await expectOk(transitionOrder({ orderId: byStatus.CANCELLED, actor: b, to: 'CANCELLED', note: 'Đặt nhầm' }))
    for (const status of statuses) expect((await prisma.order.findUniqueOrThrow({ where: { id: byStatus[status] } })).status).toBe(status)
    return { producer, buyer, byStatus }
  }

  test('every transition the rules do not allow is refused (403 for the wrong party, 409 for the wrong state) and changes nothing', async () => {
    const { producer, buyer, byStatus } = await ordersInEveryStatus()
    const actors: Record<OrderParty, OrderTransitionActor> = {
      buyer: buyerActor(buyer.id),
      approver: { kind: 'approver', organizationId: buyer.id, userId: 'u-approver', name: 'Chị Hoa (duyệt đơn)' },
      producer: producerActor(producer.id),
      operator: operatorActor,
      system: systemActor,
    }
    let refusals = 0
    for (const status of statuses) {
      const orderId = byStatus[status]
      const before = await orderState(orderId)
      for (const party of Object.keys(actors) as OrderParty[]) {
        for (const to of statuses) {
          if (nextStatuses(status, party).includes(to)) continue
          // Give every field a valid value, so only the rules can refuse it.
          const result = await transitionOrder({
            orderId,
            actor: actors[party],
            to,
            note: 'Lý do',
            deliveryDate: inDays(3),
            carrier: 'GHN',
            trackingNumber: 'X1',
            shipBeforePayment: true,
          })
          expect(result, `${party} ${status} → ${to}`).toEqual(
            partyMayReach(to, party) ? { ok: false, error: 'order.invalidTransition', from: status, to } : { ok: false, error: 'order.forbidden' },
          )
          refusals++
        }
      }
      expect(await orderState(orderId), status).toEqual(before)
    }
    expect(refusals).toBeGreaterThan(150)
  })

  test("another organisation's order does not exist for it, whatever the transition", async () => {
    const { byStatus } = await ordersInEveryStatus()
    const otherBuyer = await buyerWithAddress()
    const otherProducer = await makeOrg('PRODUCER')
    for (const status of statuses) {
      const before = await orderState(byStatus[status])
      for (const actor of [buyerActor(otherBuyer.id), producerActor(otherProducer.id), buyerActor(otherProducer.id), { ...buyerActor(''), organizationId: undefined }]) {
        for (const to of statuses) {
          expect(await transitionOrder({ orderId: byStatus[status], actor, to, note: 'x', carrier: 'a', trackingNumber: 'b', shipBeforePayment: true })).toEqual({
            ok: false,
            error: 'order.notFound',
          })
        }
      }
      expect(await orderState(byStatus[status])).toEqual(before)
    }
    expect(await transitionOrder({ orderId: 'missing', actor: operatorActor, to: 'COMPLETED' })).toEqual({ ok: false, error: 'order.notFound' })
  })

  test('the producer side of one organisation cannot act as the buyer of its order, and the reverse', async () => {
    const { producer, buyer, honey } = await setup(100)
    const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
    // The producer's members acting as "buyer" on their own incoming order: not their order as a buyer.
    expect(await transitionOrder({ orderId, actor: buyerActor(producer.id), to: 'CANCELLED', note: 'x' })).toEqual({ ok: false, error: 'order.notFound' })
    expect(await transitionOrder({ orderId, actor: producerActor(buyer.id), to: 'CONFIRMED', deliveryDate: inDays(2) })).toEqual({ ok: false, error: 'order.notFound' })
    expect(await transitionOrder({ orderId, actor: buyerActor(buyer.id), to: 'CONFIRMED', deliveryDate: inDays(2) })).toEqual({ ok: false, error: 'order.forbidden' })
  })
})

describe('concurrency', () => {
  test('two confirmations with different quantities race: one wins, stock is released once', async () => {
    const { producer, buyer, honey } = await setup(100)
    const orders = await Promise.all(Array.from({ length: 6 }, () => placeOne(buyer.id, [{ productId: honey, quantity: 10 }])))
    expect(await stockOf(honey)).toBe(40)
    const results = await Promise.all(
      orders.map(async (orderId) => {
        const [line] = await prisma.orderItem.findMany({ where: { orderId } })
        return Promise.all([confirm(orderId, producer.id, { quantities: { [line.id]: 5 } }), confirm(orderId, producer.id, { quantities: { [line.id]: 8 } })])
      }),
    )
    for (const pair of results) {
      expect(pair.filter((r) => r.ok)).toHaveLength(1)
      expect(pair.find((r) => !r.ok)).toEqual({ ok: false, error: 'order.invalidTransition', from: 'CONFIRMED', to: 'CONFIRMED' })
    }
    const events = await prisma.orderEvent.count({ where: { orderId: { in: orders }, toStatus: 'CONFIRMED' } })
    expect(events).toBe(6)
    expect((await stockOf(honey))! + (await openReservations(honey))).toBe(100)
  })

  test('confirm and reject, or ship and cancel, race on one order: exactly one wins', async () => {
    const { producer, buyer, honey } = await setup(200)
    const placed = await Promise.all(Array.from({ length: 5 }, () => placeOne(buyer.id, [{ productId: honey, quantity: 10 }])))
    const pairs = await Promise.all(
      placed.map((orderId) =>
        Promise.all([confirm(orderId, producer.id), transitionOrder({ orderId, actor: producerActor(producer.id), to: 'REJECTED', note: 'Hết hàng' })]),
      ),
    )
    for (const pair of pairs) expect(pair.filter((r) => r.ok)).toHaveLength(1)

    const confirmed = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
        await expectOk(confirm(orderId, producer.id))
        return orderId
      }),
    )
    const races = await Promise.all(
      confirmed.map((orderId) =>
        Promise.all([
          transitionOrder({ orderId, actor: producerActor(producer.id), to: 'SHIPPED', carrier: 'GHN', trackingNumber: 'T', shipBeforePayment: true }),
          transitionOrder({ orderId, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Đổi ý' }),
        ]),
      ),
    )
    for (const [ship, cancel] of races) {
      expect([ship.ok, cancel.ok].filter(Boolean)).toHaveLength(1)
      if (!ship.ok) expect(ship).toEqual({ ok: false, error: 'order.invalidTransition', from: 'CANCELLED', to: 'SHIPPED' })
      if (!cancel.ok) expect(cancel).toEqual({ ok: false, error: 'order.invalidTransition', from: 'SHIPPED', to: 'CANCELLED' })
    }
    expect((await stockOf(honey))! + (await openReservations(honey))).toBe(200)
  })

  test('confirm and cancel race: the order always ends cancelled with all its stock back, confirmed in between or not', async () => {
    const { producer, buyer, honey } = await setup(100)
    const orders = await Promise.all(Array.from({ length: 5 }, () => placeOne(buyer.id, [{ productId: honey, quantity: 10 }])))
    const results = await Promise.all(
      orders.map(async (orderId) => {
        const [line] = await prisma.orderItem.findMany({ where: { orderId } })
        return Promise.all([
          confirm(orderId, producer.id, { quantities: { [line.id]: 4 } }),
          transitionOrder({ orderId, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Đổi ý' }),
        ])
      }),
    )
    for (const [i, [confirmed, cancelled]] of results.entries()) {
      expect(cancelled.ok).toBe(true) // the buyer may cancel a confirmed order too
      const history = (await prisma.orderEvent.findMany({ where: { orderId: orders[i] }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })).map((e) => e.toStatus)
      expect(history).toEqual(confirmed.ok ? ['PLACED', 'CONFIRMED', 'CANCELLED'] : ['PLACED', 'CANCELLED'])
      if (!confirmed.ok) expect(confirmed).toEqual({ ok: false, error: 'order.invalidTransition', from: 'CANCELLED', to: 'CONFIRMED' })
    }
    expect(await stockOf(honey)).toBe(100)
    expect(await openReservations(honey)).toBe(0)
  })

  test('cancellations race new orders: stock plus open reservations always equals the starting stock', async () => {
    const producer = await makeOrg('PRODUCER')
    const honey = await product(producer.id, { stock: 40, moq: 5, tierPrices: [{ minQuantity: 5, unitPriceVnd: 250_000 }] })
    const buyers = await Promise.all(Array.from({ length: 24 }, () => buyerWithAddress()))
    let open: { orderId: string; buyerId: string }[] = []
    for (const buyer of buyers.slice(0, 8)) open.push({ orderId: await placeOne(buyer.id, [{ productId: honey, quantity: 5 }]), buyerId: buyer.id })
    expect(await stockOf(honey)).toBe(0)

    for (let round = 0; round < 3; round++) {
      const cancelling = open.slice(0, 4)
      const newcomers = buyers.slice(8 + round * 5, 8 + round * 5 + 5)
      const [cancels, placements] = await Promise.all([
        Promise.all(cancelling.map((o) => transitionOrder({ orderId: o.orderId, actor: buyerActor(o.buyerId), to: 'CANCELLED', note: 'Huỷ' }))),
        Promise.all(newcomers.map((b) => placeOrders({ buyerId: b.id, actor: { name: b.legalName }, items: [{ productId: honey, quantity: 5 }] }))),
      ])
      expect(cancels.every((c) => c.ok)).toBe(true)
      for (const p of placements) if (!p.ok) expect(p.error).toBe('OUT_OF_STOCK')
      const stock = (await stockOf(honey))!
      expect(stock).toBeGreaterThanOrEqual(0)
      expect(stock + (await openReservations(honey))).toBe(40)
      open = open.slice(4)
      placements.forEach((p, i) => p.ok && open.push({ orderId: p.orderIds[0], buyerId: newcomers[i].id }))
      // Every order that exists holds its reservation.
      const lines = await prisma.orderItem.findMany({ where: { productId: honey, order: { status: 'PLACED' } } })
      expect(lines.every((l) => l.reservedQuantity === 5)).toBe(true)
    }
  })
})

test('a refused transition of a system job reads the same as any other', async () => {
  const { buyer, honey } = await setup(100)
  const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
  // The system cancels only confirmed orders (unpaid ones, from the job).
  expect(await transitionOrder({ orderId, actor: systemActor, to: 'CANCELLED' })).toEqual({ ok: false, error: 'order.invalidTransition', from: 'PLACED', to: 'CANCELLED' })
})
