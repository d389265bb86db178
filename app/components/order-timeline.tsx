// An order's history, oldest first: who moved it from what to what and when, with the reason or note and
// what the change carried (OrderEvent.details, written by transitions.server.ts: quantity changes, shipping
// fee and delivery date at confirmation, carrier and tracking number, money received or refunded, stock
// given back).
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { OrderStatus, PaymentStatus } from '~/generated/prisma/enums'
import { formatDate, formatDateTime, formatNumber, formatVnd } from '~/utils/format'
import { useLang } from '~/utils/use-lang'

export type TimelineEvent = {
  id: string
  at: string
  actorName: string
  from: OrderStatus | null
  to: OrderStatus
  note: string | null
  details: unknown
}

/** What transitionOrder, markTransferReceived, markRefunded and recordInvoiceOverdue put in `details` (amounts as decimal strings). */
type EventDetails = {
  shippingFeeVnd?: string
  deliveryDate?: string
  totalVnd?: string
  previousTotalVnd?: string
  quantities?: { sku: string; nameVi: string; nameEn: string | null; from: number; to: number }[]
  paymentStatus?: { from: PaymentStatus; to: PaymentStatus }
  released?: { sku: string; units: number }[]
  auto?: 'unpaid' | 'afterShipment'
  carrier?: string
  trackingNumber?: string
  shipBeforePayment?: boolean
  payment?: 'transferReceived' | 'cardPaid' | 'refunded' | 'overdue' | 'excessRefunded'
  /** payment 'excessRefunded' (markExcessRefunded): the whole excess of the overpayment, and what of it was returned so far. */
  excessVnd?: string
  excessRefundedVnd?: string
  /** payment 'overdue' (the overdue-invoice job): the invoice's due date, YYYY-MM-DD. */
  dueDate?: string
  amountVnd?: string
  amountReceivedVnd?: string
  /** Placed above a spending limit (placeOrders), and an approver's decision (transitionOrder). */
  approvalRequiredBecause?: 'ORDER_LIMIT' | 'MONTHLY_LIMIT' | 'API_KEY_LIMIT'
  limitVnd?: string
  approval?: 'approved' | 'rejected'
}

const asDetails = (value: unknown): EventDetails => (value && typeof value === 'object' && !Array.isArray(value) ? (value as EventDetails) : {})
const money = (value: string | undefined) => (value !== undefined && /^-?\d+$/.test(value) ? BigInt(value) : 0n)

function EventTitle({ event, details }: { event: TimelineEvent; details: EventDetails }) {
  const { t } = useTranslation('orders')
  if (details.payment) return <>{t('timeline.paymentEvent')}</>
  if (event.from === null) return <>{t(event.to === 'PENDING_APPROVAL' ? 'timeline.placedForApproval' : 'timeline.placed')}</>
  if (details.approval) return <>{t(`timeline.approval.${details.approval}`)}</>
  return (
    <>
      {t(`status.${event.from}`)} → {t(`status.${event.to}`)}
    </>
  )
}

function EventDetailLines({ event, details }: { event: TimelineEvent; details: EventDetails }) {
  const { t } = useTranslation('orders')
  const lang = useLang()
  const lines: ReactNode[] = []
  const vnd = (value: string | undefined) => formatVnd(money(value), lang)
  if (details.payment === 'transferReceived') {
    lines.push(t('timeline.transferReceived', { amount: vnd(details.amountVnd), received: vnd(details.amountReceivedVnd), total: vnd(details.totalVnd) }))
  }
  if (details.payment === 'cardPaid') lines.push(t('timeline.cardPaid', { amount: vnd(details.amountVnd) }))
  if (details.approvalRequiredBecause) lines.push(t(`approvals:because.${details.approvalRequiredBecause}`, { limit: vnd(details.limitVnd) }))
  if (details.payment === 'refunded') lines.push(t('timeline.refunded', { amount: vnd(details.amountVnd) }))
  if (details.payment === 'excessRefunded') {
    lines.push(t('timeline.excessRefunded', { amount: vnd(details.amountVnd), returned: vnd(details.excessRefundedVnd), excess: vnd(details.excessVnd) }))
  }
  if (details.payment === 'overdue' && details.dueDate) lines.push(t('timeline.overdue', { date: formatDate(`${details.dueDate}T00:00:00+07:00`, lang) }))
  if (details.quantities?.length) {
    lines.push(
      <>
        {t('timeline.quantities')}
        <ul>
          {details.quantities.map((q) => (
            <li key={q.sku}>
              {t('timeline.quantity', {
                name: (lang === 'en' && q.nameEn) || q.nameVi,
                sku: q.sku,
                from: formatNumber(q.from, lang),
                to: formatNumber(q.to, lang),
              })}
            </li>
          ))}
        </ul>
      </>,
    )
  }
  if (details.shippingFeeVnd !== undefined) lines.push(t('timeline.shippingFee', { amount: vnd(details.shippingFeeVnd) }))
  if (details.deliveryDate) lines.push(t('timeline.deliveryDate', { date: formatDate(`${details.deliveryDate}T00:00:00Z`, lang) }))
  if (details.totalVnd !== undefined && !details.payment) {
    lines.push(
      details.previousTotalVnd !== undefined
        ? t('timeline.totalChanged', { previous: vnd(details.previousTotalVnd), total: vnd(details.totalVnd) })
        : t('timeline.total', { total: vnd(details.totalVnd) }),
    )
  }
  if (details.carrier) lines.push(t('timeline.shipment', { carrier: details.carrier, trackingNumber: details.trackingNumber ?? '' }))
  if (details.shipBeforePayment) lines.push(t('timeline.shipBeforePayment'))
  if (details.auto === 'unpaid') lines.push(t('timeline.autoUnpaid'))
  if (details.auto === 'afterShipment') lines.push(t('timeline.autoDelivered'))
  if (details.released?.length) {
    const released = details.released.map((r) => t('timeline.releasedLine', { sku: r.sku, units: formatNumber(r.units, lang) })).join(', ')
    lines.push(t('timeline.released', { lines: released }))
  }
  if (details.paymentStatus) {
    lines.push(t('timeline.paymentStatus', { from: t(`paymentStatus.${details.paymentStatus.from}`), to: t(`paymentStatus.${details.paymentStatus.to}`) }))
  }
  if (event.note) {
    const reason = event.to === 'REJECTED' || event.to === 'CANCELLED'
    lines.push(<span className="order-event-note">{t(reason ? 'timeline.reason' : 'timeline.note', { note: event.note })}</span>)
  }
  if (lines.length === 0) return null
  return (
    <ul className="order-event-details">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  )
}

export function OrderTimeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation('orders')
  const lang = useLang()
  return (
    <ol className="order-timeline">
      {events.map((event) => {
        const details = asDetails(event.details)
        return (
          <li key={event.id}>
            <p className="order-event-head">
              <strong>
                <EventTitle event={event} details={details} />
              </strong>{' '}
              <span className="meta">
                <time dateTime={event.at}>{formatDateTime(event.at, lang)}</time> · {t('timeline.by', { actor: event.actorName })}
              </span>
            </p>
            <EventDetailLines event={event} details={details} />
          </li>
        )
      })}
    </ol>
  )
}
