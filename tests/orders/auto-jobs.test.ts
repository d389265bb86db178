// The orders' scheduled jobs, run through the scheduler with a given `now`: shipped orders count as
// delivered after ORDER_AUTO_DELIVER_DAYS (7), confirmed orders still unpaid are cancelled after
// ORDER_AUTO_CANCEL_UNPAID_DAYS (5) from confirmation, their stock released.
import { beforeAll, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { ORDER_AUTO_CANCEL_UNPAID_JOB, ORDER_AUTO_DELIVER_JOB } from '~/modules/orders/auto-jobs.server'
import { markTransferReceived, transitionOrder } from '~/modules/orders/transitions.server'
import { runScheduledJob } from '~/modules/scheduler/scheduler.server'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, buyerWithAddress, confirm, expectOk, openReservations, operator, placeOne, producerActor, product, stockOf } from './order-fixtures'

beforeAll(() => ensureCategories())

const DAY_MS = 24 * 60 * 60 * 1000
const status = async (id: string) => (await prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true, paymentStatus: true } }))

test('shipped orders the buyer has not confirmed become delivered after 7 days (and complete when paid)', async () => {
  const producer = await makeOrg('PRODUCER')
  const buyer = await buyerWithAddress()
  const honey = await product(producer.id, { stock: 100 })
  const t0 = new Date()
  const ship = async (paid: boolean, shippedAt: Date) => {
    const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
    await expectOk(confirm(orderId, producer.id, { now: shippedAt }))
    if (paid) await expectOk(markTransferReceived({ orderId, amountVnd: 2_625_000n, operator }))
    await expectOk(
      transitionOrder({ orderId, actor: producerActor(producer.id), to: 'SHIPPED', carrier: 'GHN', trackingNumber: 'A1', shipBeforePayment: !paid, now: shippedAt }),
    )
    return orderId
  }
  const unpaid = await ship(false, t0)
  const paid = await ship(true, t0)
  const later = await ship(false, new Date(t0.getTime() + 2 * DAY_MS))
  const confirmedByBuyer = await ship(false, t0)
  await expectOk(transitionOrder({ orderId: confirmedByBuyer, actor: buyerActor(buyer.id), to: 'DELIVERED', now: new Date(t0.getTime() + DAY_MS) }))

  // Six days on: nothing is due.
  expect(await runScheduledJob(ORDER_AUTO_DELIVER_JOB, new Date(t0.getTime() + 6 * DAY_MS))).toBe(true)
  expect(await status(unpaid)).toMatchObject({ status: 'SHIPPED' })

  const due = new Date(t0.getTime() + 7 * DAY_MS + 1000)
  expect(await runScheduledJob(ORDER_AUTO_DELIVER_JOB, due)).toBe(true)
  expect(await status(unpaid)).toEqual({ status: 'DELIVERED', paymentStatus: 'UNPAID' })
  expect(await status(paid)).toEqual({ status: 'COMPLETED', paymentStatus: 'PAID' })
  expect(await status(later)).toMatchObject({ status: 'SHIPPED' })
  const event = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: unpaid, toStatus: 'DELIVERED' } })
  expect(event).toMatchObject({ actor: 'system', fromStatus: 'SHIPPED', at: due, details: { auto: 'afterShipment' } })
  expect((await prisma.order.findUniqueOrThrow({ where: { id: unpaid } })).deliveredAt).toEqual(due)
  // The buyer's own confirmation is not repeated.
  expect(await prisma.orderEvent.count({ where: { orderId: confirmedByBuyer, toStatus: 'DELIVERED' } })).toBe(1)
  // Both parties hear of an automatic delivery.
  const message = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: 'order.changed', payload: { path: ['eventId'], equals: event.id } } })
  expect(message.payload).toMatchObject({ recipients: ['buyer', 'producer'] })

  // The same turn twice (two app processes) runs once.
  const next = new Date(t0.getTime() + 9 * DAY_MS + 1000)
  const turns = await Promise.all([runScheduledJob(ORDER_AUTO_DELIVER_JOB, next), runScheduledJob(ORDER_AUTO_DELIVER_JOB, next)])
  expect(turns.filter(Boolean)).toHaveLength(1)
  expect(await status(later)).toMatchObject({ status: 'DELIVERED' })
})

test('confirmed orders still unpaid 5 days after confirmation are cancelled and give their stock back', async () => {
  const producer = await makeOrg('PRODUCER')
  const buyer = await buyerWithAddress()
  const honey = await product(producer.id, { stock: 100 })
  const t0 = new Date()
  const confirmed = async (confirmedAt: Date) => {
    const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
    await expectOk(confirm(orderId, producer.id, { now: confirmedAt }))
    return orderId
  }
  const unpaid = await confirmed(t0)
  const underpaid = await confirmed(t0)
  await expectOk(markTransferReceived({ orderId: underpaid, amountVnd: 1_000_000n, operator }))
  const paid = await confirmed(t0)
  await expectOk(markTransferReceived({ orderId: paid, amountVnd: 2_625_000n, operator }))
  const shippedUnpaid = await confirmed(t0)
  await expectOk(transitionOrder({ orderId: shippedUnpaid, actor: producerActor(producer.id), to: 'SHIPPED', carrier: 'GHN', trackingNumber: 'B', shipBeforePayment: true }))
  const recent = await confirmed(new Date(t0.getTime() + 3 * DAY_MS))
  const placedOnly = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
  expect(await stockOf(honey)).toBe(40)

  expect(await runScheduledJob(ORDER_AUTO_CANCEL_UNPAID_JOB, new Date(t0.getTime() + 5 * DAY_MS - 1000))).toBe(true)
  expect(await status(unpaid)).toMatchObject({ status: 'CONFIRMED' })

  const due = new Date(t0.getTime() + 5 * DAY_MS + 1000)
  expect(await runScheduledJob(ORDER_AUTO_CANCEL_UNPAID_JOB, due)).toBe(true)
  expect(await status(unpaid)).toEqual({ status: 'CANCELLED', paymentStatus: 'UNPAID' })
  expect(await status(underpaid)).toEqual({ status: 'CANCELLED', paymentStatus: 'REFUND_PENDING' })
  expect(await status(paid)).toEqual({ status: 'CONFIRMED', paymentStatus: 'PAID' })
  expect(await status(shippedUnpaid)).toMatchObject({ status: 'SHIPPED' })
  expect(await status(recent)).toMatchObject({ status: 'CONFIRMED' })
  expect(await status(placedOnly)).toMatchObject({ status: 'PLACED' }) // payment is asked only once confirmed
  expect(await stockOf(honey)).toBe(60)
  expect((await stockOf(honey))! + (await openReservations(honey))).toBe(100)
  const event = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: unpaid, toStatus: 'CANCELLED' } })
  expect(event).toMatchObject({ actor: 'system', fromStatus: 'CONFIRMED', at: due, details: { auto: 'unpaid', released: [{ units: 10 }] } })
  expect(await prisma.outboxMessage.count({ where: { topic: 'search.sync', createdAt: { gte: t0 } } })).toBeGreaterThan(0)

  // Three more days: the recent one is due too.
  expect(await runScheduledJob(ORDER_AUTO_CANCEL_UNPAID_JOB, new Date(t0.getTime() + 8 * DAY_MS + 1000))).toBe(true)
  expect(await status(recent)).toMatchObject({ status: 'CANCELLED' })
  expect(await stockOf(honey)).toBe(70)
})
