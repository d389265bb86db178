// The orders' scheduled jobs. Each turn looks at every order that is due (not only those that fell due since
// the last turn), so time the app was down is covered; each order moves in its own transaction through
// transitionOrder, so a buyer acting at the same moment wins or loses cleanly and the job skips that order.
import type { OrderStatus } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { registerScheduledJob } from '../scheduler/scheduler.server'
import { transitionOrder } from './transitions.server'
import './notifications.server'

export const ORDER_AUTO_DELIVER_JOB = 'orders.auto-deliver'
export const ORDER_AUTO_CANCEL_UNPAID_JOB = 'orders.auto-cancel-unpaid'

const DAY_MS = 24 * 60 * 60 * 1000
const BATCH = 100
const system = { kind: 'system', name: 'Hệ thống Chợ Vùng Miền' } as const

/** Moves each order to `to` as the system; returns the ids that moved. */
async function moveAll(ids: string[], to: OrderStatus, now: Date) {
  const moved: string[] = []
  for (const orderId of ids) {
    const result = await transitionOrder({ orderId, actor: system, to, now })
    if (result.ok) moved.push(orderId)
  }
  return moved
}

/** SHIPPED orders the buyer has not confirmed within ORDER_AUTO_DELIVER_DAYS of shipment count as delivered. */
export async function autoDeliverOrders(now = new Date()) {
  const cutoff = new Date(now.getTime() - env().ORDER_AUTO_DELIVER_DAYS * DAY_MS)
  const moved: string[] = []
  for (;;) {
    const due = await prisma.order.findMany({
      where: { status: 'SHIPPED', shippedAt: { lte: cutoff }, id: { notIn: moved } },
      select: { id: true },
      orderBy: { shippedAt: 'asc' },
      take: BATCH,
    })
    const done = await moveAll(
      due.map((o) => o.id),
      'DELIVERED',
      now,
    )
    moved.push(...done)
    if (due.length < BATCH || done.length === 0) return moved
  }
}

/**
 * CONFIRMED orders still UNPAID (an underpayment included) ORDER_AUTO_CANCEL_UNPAID_DAYS after confirmation
 * are cancelled, giving their stock back; money already received becomes a refund to make.
 */
export async function autoCancelUnpaidOrders(now = new Date()) {
  const cutoff = new Date(now.getTime() - env().ORDER_AUTO_CANCEL_UNPAID_DAYS * DAY_MS)
  const moved: string[] = []
  for (;;) {
    const due = await prisma.order.findMany({
      where: { status: 'CONFIRMED', paymentStatus: 'UNPAID', confirmedAt: { lte: cutoff }, id: { notIn: moved } },
      select: { id: true },
      orderBy: { confirmedAt: 'asc' },
      take: BATCH,
    })
    const done = await moveAll(
      due.map((o) => o.id),
      'CANCELLED',
      now,
    )
    moved.push(...done)
    if (due.length < BATCH || done.length === 0) return moved
  }
}

registerScheduledJob({
  name: ORDER_AUTO_DELIVER_JOB,
  everyMs: 60 * 60 * 1000,
  firstLookbackMs: DAY_MS,
  run: async (_since, until) => void (await autoDeliverOrders(until)),
})

registerScheduledJob({
  name: ORDER_AUTO_CANCEL_UNPAID_JOB,
  everyMs: 60 * 60 * 1000,
  firstLookbackMs: DAY_MS,
  run: async (_since, until) => void (await autoCancelUnpaidOrders(until)),
})
