// Tells the other party about each change of an order: the `order.changed` outbox handler writes one message
// per member of the organisations named in the payload, each in the member's own language, through the
// notifications module (email, else SMS). The messages are queued in one transaction marked with the event,
// so a handler that runs again after a crash sends nothing twice.
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { formatDate, formatNumber, formatVnd } from '~/utils/format'
import { defaultLanguage, isLanguage, type Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { messageTo, notify } from '../notifications/notifications.server'
import { roleCan } from '../organizations/permissions'
import { registerOutboxHandler } from '../outbox/outbox.server'
import { ORDER_CHANGED_TOPIC, type OrderChangedPayload } from './transitions.server'

type EventWithOrder = Prisma.OrderEventGetPayload<{ include: { order: { include: { items: true; producer: { select: { slug: true } } } } } }>
type Details = {
  payment?: 'transferReceived' | 'cardPaid' | 'refunded' | 'excessRefunded' | 'overdue'
  auto?: string
  amountVnd?: string
  quantities?: { nameVi: string; nameEn: string | null; from: number; to: number }[]
  approval?: 'approved' | 'rejected'
  approvalRequiredBecause?: 'ORDER_LIMIT' | 'MONTHLY_LIMIT' | 'API_KEY_LIMIT'
  limitVnd?: string
}

/** Which message an event makes for a member of `side`: its new status, or the payment or approval step. */
export function orderMessageKind(event: Pick<EventWithOrder, 'toStatus' | 'details'>, side: 'buyer' | 'producer' = 'buyer') {
  const details = (event.details ?? {}) as Details
  if (details.payment) return details.payment
  if (event.toStatus === 'PENDING_APPROVAL') return 'approvalRequired'
  // The producer hears of an approved order as of any new one; the purchaser hears it was approved.
  if (details.approval === 'approved') return side === 'buyer' ? 'approved' : 'placed'
  if (details.approval === 'rejected') return 'approvalRejected'
  if (event.toStatus === 'CANCELLED' && details.auto) return 'cancelledUnpaid'
  if (event.toStatus === 'DELIVERED' && details.auto) return 'deliveredAuto'
  return event.toStatus.toLowerCase() as 'placed' | 'confirmed' | 'rejected' | 'cancelled' | 'shipped' | 'delivered' | 'completed'
}

/** The address of an order's page for a member of `organizationSlug` (the buyer or the producer). */
export const orderPageUrl = (lang: Language, organizationSlug: string, number: string) => `${env().APP_URL}/${lang}/orgs/${organizationSlug}/orders/${number}`

/** The subject and text of the message about `event`, in `lang`, for a member of `organizationSlug` called `name`. */
export function orderMessage(event: EventWithOrder, lang: Language, name: string, organizationSlug: string) {
  const t = getT(lang)
  const { order } = event
  const details = (event.details ?? {}) as Details
  const kind = orderMessageKind(event, organizationSlug === order.producer.slug ? 'producer' : 'buyer')
  const money = (v: bigint) => formatVnd(v, lang)
  const values = {
    name,
    number: order.number,
    buyer: order.buyerName,
    producer: order.producerName,
    total: money(order.totalVnd),
    shippingFee: money(order.shippingFeeVnd),
    deliveryDate: order.deliveryDate ? formatDate(order.deliveryDate, lang) : '',
    carrier: order.carrier ?? '',
    trackingNumber: order.trackingNumber ?? '',
    reference: order.paymentReference,
    amount: money(BigInt(details.amountVnd ?? '0')),
    received: money(order.amountReceivedVnd),
    remaining: money(order.totalVnd > order.amountReceivedVnd ? order.totalVnd - order.amountReceivedVnd : 0n),
    by: event.actorName,
    limit: money(BigInt(details.limitVnd ?? order.approvalLimitVnd ?? 0n)),
    because: details.approvalRequiredBecause ? t(`mail:order.approvalBecause.${details.approvalRequiredBecause}`) : '',
    deliverDays: env().ORDER_AUTO_DELIVER_DAYS,
    cancelDays: env().ORDER_AUTO_CANCEL_UNPAID_DAYS,
    // An invoice on net terms: the day it is due (a calendar date, shown as Vietnam's).
    dueDate: order.paymentDueDate ? formatDate(`${order.paymentDueDate.toISOString().slice(0, 10)}T00:00:00+07:00`, lang) : '',
    termDays: order.paymentTermDays ?? 0,
  }
  const parts = [t('mail:order.greeting', { name }), t(`mail:order.${kind}.text`, values)]
  if (kind === 'confirmed' && details.quantities?.length) {
    const lines = details.quantities.map((q) =>
      t('mail:order.quantityLine', { name: (lang === 'en' && q.nameEn) || q.nameVi, from: formatNumber(q.from, lang), to: formatNumber(q.to, lang) }),
    )
    parts.push([t('mail:order.quantitiesChanged'), ...lines].join('\n'))
  }
  // What the buyer has to do, or to expect, about money.
  if (kind === 'confirmed' || kind === 'transferReceived' || kind === 'cardPaid') {
    const line =
      order.paymentStatus === 'PAID'
        ? 'paid'
        : order.paymentStatus === 'REFUND_PENDING'
          ? 'refundPending'
          : order.paymentStatus === 'INVOICED'
            ? 'invoiced'
            : order.status === 'PLACED'
            ? 'notFinal'
            : 'due'
    parts.push(t(`mail:order.payment.${line}`, values))
  }
  if ((kind === 'rejected' || kind === 'cancelled' || kind === 'cancelledUnpaid') && order.paymentStatus === 'REFUND_PENDING') {
    parts.push(t('mail:order.payment.refundPending', values))
  }
  if (event.note) parts.push(t(kind === 'rejected' || kind === 'cancelled' || kind === 'approvalRejected' ? 'mail:order.reason' : 'mail:order.note', { note: event.note }))
  parts.push(t('mail:order.footer', { link: orderPageUrl(lang, organizationSlug, order.number) }))
  return { subject: t(`mail:order.${kind}.subject`, values), text: parts.join('\n\n') }
}

/** Queues the messages about one order event; nothing when they were queued before (a repeated run). */
export async function notifyOrderChange(payload: OrderChangedPayload) {
  const event = await prisma.orderEvent.findUnique({
    where: { id: payload.eventId },
    include: { order: { include: { items: true, producer: { select: { slug: true } } } } },
  })
  if (!event) return // the order is gone
  const organizationIds = payload.recipients.map((party) => (party === 'producer' ? event.order.producerId : event.order.buyerId))
  const all = await prisma.membership.findMany({
    where: { organizationId: { in: organizationIds } },
    select: { role: true, organizationId: true, organization: { select: { slug: true } }, user: { select: { name: true, email: true, phone: true, locale: true } } },
    orderBy: { createdAt: 'asc' },
  })
  // 'approvers' alone: only the buyer's members who may approve orders.
  const onlyApprovers = payload.recipients.includes('approvers') && !payload.recipients.includes('buyer')
  const members = all.filter((m) => !(onlyApprovers && m.organizationId === event.order.buyerId && !roleCan(m.role, 'approve:order:own')))
  await prisma.$transaction(async (tx) => {
    const queued = await tx.outboxMessage.findFirst({ where: { topic: 'notification.send', payload: { path: ['orderEventId'], equals: event.id } }, select: { id: true } })
    if (queued) return
    for (const { user, organization } of members) {
      if (!user.email && !user.phone) continue
      const lang = isLanguage(user.locale) ? user.locale : defaultLanguage
      // The event id rides along with the message, marking it as sent for this event.
      const message = { ...messageTo(user, orderMessage(event, lang, user.name, organization.slug)), orderEventId: event.id }
      await notify(tx, message)
    }
  })
}

registerOutboxHandler(ORDER_CHANGED_TOPIC, (payload) => notifyOrderChange(payload as OrderChangedPayload))
