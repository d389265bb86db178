// An order's two statuses as small coloured labels: fulfilment (PLACED … COMPLETED, REJECTED, CANCELLED) and
// payment (UNPAID … REFUNDED). Colours reuse the shared badge classes of app.css; the text carries the meaning.
import { useTranslation } from 'react-i18next'
import type { OrderStatus, PaymentStatus } from '~/generated/prisma/enums'

const statusTone: Record<OrderStatus, string> = {
  PENDING_APPROVAL: 'unverified',
  PLACED: 'unverified',
  CONFIRMED: 'region',
  SHIPPED: 'region',
  DELIVERED: 'verified',
  COMPLETED: 'verified',
  REJECTED: 'rejected',
  CANCELLED: 'rejected',
}

const paymentTone: Record<PaymentStatus, string> = {
  UNPAID: 'unverified',
  INVOICED: 'region',
  PAID: 'verified',
  REFUND_PENDING: 'rejected',
  REFUNDED: 'region',
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation('orders')
  return <span className={`badge badge-${statusTone[status]}`}>{t(`status.${status}`)}</span>
}

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation('orders')
  return <span className={`badge badge-${paymentTone[status]}`}>{t(`paymentStatus.${status}`)}</span>
}
