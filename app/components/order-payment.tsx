// The payment box of an order page. Buyers pay the platform by bank transfer with the order's payment
// reference; an operator records what arrived. The buyer is asked to pay only once the order is confirmed
// (the amount is final then); an underpayment shows what was received and what is still due; an overpayment, the
// excess the platform owes the buyer back and what of it was returned (excess.ts).
import { useTranslation } from 'react-i18next'
import type { OrderStatus, PaymentMethod, PaymentStatus } from '~/generated/prisma/enums'
import { excessOwedVnd, excessVnd, refundDueVnd } from '~/modules/orders/excess'
import { formatDate, formatVnd } from '~/utils/format'
import { useLang } from '~/utils/use-lang'
import { CardPayment, type CardPaymentData } from './card-payment'
import { PaymentStatusBadge } from './order-badges'

export type PaymentBoxProps = {
  side: 'buyer' | 'producer'
  status: OrderStatus
  paymentStatus: PaymentStatus
  paymentMethod: PaymentMethod
  reference: string
  totalVnd: string
  amountReceivedVnd: string
  /** The part of an overpayment returned to the buyer so far, and when it was last returned (ISO; see excessReturnedAt). */
  excessRefundedVnd?: string
  excessReturnedAt?: string | null
  /** The platform's account and the VietQR code (an SVG), sent only when the buyer has something to pay. */
  bank: { name: string; account: string; accountName: string; qrSvg: string | null } | null
  /** A CARD order, for its buyer: paying by card (components/card-payment.tsx); its button posts to `action`. */
  card?: { data: CardPaymentData; action: string; canPay: boolean } | null
}

const awaitingPayment: readonly OrderStatus[] = ['CONFIRMED', 'SHIPPED', 'DELIVERED']

/** Whether the buyer is asked to pay now (an invoice on terms too: it is paid by transfer by its due date). */
export const paymentDue = (status: OrderStatus, paymentStatus: PaymentStatus) => awaitingPayment.includes(status) && (paymentStatus === 'UNPAID' || paymentStatus === 'INVOICED')

/** When the excess of an overpayment was last returned: the latest `excessRefunded` event of the order's history. */
export function excessReturnedAt(events: readonly { at: string; details: unknown }[]) {
  const returns = events.filter((e) => (e.details as { payment?: unknown } | null)?.payment === 'excessRefunded')
  return returns.at(-1)?.at ?? null
}

export function OrderPaymentBox(props: PaymentBoxProps) {
  const { side, status, paymentStatus, paymentMethod, reference, totalVnd, amountReceivedVnd, bank, card } = props
  const { t } = useTranslation('orders')
  const lang = useLang()
  const total = BigInt(totalVnd)
  const received = BigInt(amountReceivedVnd)
  const remaining = total > received ? total - received : 0n
  const amounts = { totalVnd: total, amountReceivedVnd: received, excessRefundedVnd: BigInt(props.excessRefundedVnd ?? '0'), paymentStatus }
  const vnd = (v: bigint) => formatVnd(v, lang)
  const closed = status === 'REJECTED' || status === 'CANCELLED'
  const due = paymentDue(status, paymentStatus)

  let message: string | null = null
  if (paymentStatus === 'PAID') message = side === 'producer' && status === 'CONFIRMED' ? t('payment.producerPaid') : t('payment.paid')
  else if (paymentStatus === 'REFUND_PENDING') message = t('payment.refundPending', { amount: vnd(refundDueVnd(amounts)) })
  else if (paymentStatus === 'REFUNDED') message = t('payment.refunded', { amount: vnd(refundDueVnd(amounts)) })
  else if (closed) message = t('payment.notNeeded')
  else if (status === 'PLACED') message = side === 'buyer' ? t('payment.waitForConfirmation') : t('payment.producerPlaced')
  else if (side === 'producer' && paymentStatus === 'UNPAID') message = paymentMethod === 'CARD' ? t('payment.producerCardUnpaid') : t('payment.producerUnpaid')

  /** The buyer paid more than the total: what the platform owes back, and what it has returned (and when). */
  function overpaidMessage() {
    const excess = excessVnd(amounts)
    const owed = excessOwedVnd(amounts)
    const returned = amounts.excessRefundedVnd
    const date = props.excessReturnedAt ? formatDate(props.excessReturnedAt, lang) : ''
    if (returned === 0n) return t('payment.overpaid', { excess: vnd(excess) })
    if (owed > 0n) return t('payment.excessPartlyReturned', { excess: vnd(excess), returned: vnd(returned), date, owed: vnd(owed) })
    return t('payment.excessReturned', { excess: vnd(excess), date })
  }

  return (
    <section className="order-payment card" aria-labelledby="order-payment-heading">
      <h2 id="order-payment-heading">
        {t('payment.heading')} <PaymentStatusBadge status={paymentStatus} />
      </h2>
      <p className="meta">{t('payment.method', { method: t(`paymentMethod.${paymentMethod}`) })}</p>
      {message ? <p>{message}</p> : null}
      {side === 'buyer' && paymentStatus === 'PAID' && excessVnd(amounts) > 0n ? <p className="order-overpaid">{overpaidMessage()}</p> : null}
      {(paymentStatus === 'UNPAID' || paymentStatus === 'INVOICED') && received > 0n ? (
        <p className="order-underpaid">{t('payment.underpaid', { received: vnd(received), total: vnd(total), remaining: vnd(remaining) })}</p>
      ) : null}
      {due && side === 'buyer' && card ? <CardPayment card={card.data} action={card.action} canPay={card.canPay} /> : null}
      {due && side === 'buyer' && bank ? (
        <>
          <p>{t('payment.instructions')}</p>
          {bank.qrSvg ? (
            <figure className="order-vietqr">
              {/* Made on the server from the order's own data (qrcode), not from user input. */}
              <div role="img" aria-label={t('payment.qrAlt', { amount: vnd(remaining), reference })} dangerouslySetInnerHTML={{ __html: bank.qrSvg }} />
              <figcaption className="hint">{t('payment.qrHint')}</figcaption>
            </figure>
          ) : null}
          <dl className="order-facts">
            <dt>{t('payment.bank')}</dt>
            <dd>{bank.name}</dd>
            <dt>{t('payment.account')}</dt>
            <dd>
              <strong className="order-copyable">{bank.account}</strong>
            </dd>
            <dt>{t('payment.accountName')}</dt>
            <dd>{bank.accountName}</dd>
            <dt>{t('payment.amount')}</dt>
            <dd>
              <strong>{vnd(remaining)}</strong>
            </dd>
            <dt>{t('payment.reference')}</dt>
            <dd>
              <strong className="order-copyable">{reference}</strong>
              <p className="hint">{t('payment.referenceHint')}</p>
            </dd>
          </dl>
          <p className="hint">{t('payment.operatorNote')}</p>
        </>
      ) : null}
    </section>
  )
}
