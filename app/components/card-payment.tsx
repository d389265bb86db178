// Paying a CARD order by card, in the buyer's payment box (components/order-payment.tsx) once the order is
// confirmed: the amount due, a "Pay by card" button (a plain form post to routes/orders/card-checkout.ts, which
// redirects to Stripe's hosted page: it works without JavaScript), what happens next, the last failure Stripe
// reported, and "received, waiting for confirmation" after coming back from Stripe. Without Stripe configured it
// says card payment is unavailable (the bank transfer details follow) instead of showing a button that cannot work.
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput } from '~/components/forms'
import { formatVnd } from '~/utils/format'
import { useLang } from '~/utils/use-lang'

/** As the order page's loader sends it (cardPaymentView in card.server.ts). */
export type CardPaymentData = {
  available: boolean
  due: boolean
  amountVnd: string
  waiting: boolean
  cancelled: boolean
  failureMessage: string | null
}

type Props = {
  card: CardPaymentData
  /** The checkout route the button posts to. */
  action: string
  /** Members who may change orders pay them (a viewer reads only). */
  canPay: boolean
}

export function CardPayment({ card, action, canPay }: Props) {
  const { t } = useTranslation('card')
  const lang = useLang()
  if (!card.due) return null
  if (!card.available) {
    return (
      <p className="order-card-unavailable" role="note">
        {t('unavailable')}
      </p>
    )
  }
  if (card.waiting) {
    return (
      <p className="order-card-waiting" role="status">
        {t('waiting')}
      </p>
    )
  }
  const amount = formatVnd(BigInt(card.amountVnd), lang)
  return (
    <div className="order-card-payment">
      <h3>{t('heading')}</h3>
      <dl className="order-facts">
        <dt>{t('amount')}</dt>
        <dd>
          <strong>{amount}</strong>
        </dd>
      </dl>
      {card.cancelled ? <p className="hint">{t('cancelled')}</p> : null}
      {card.failureMessage !== null ? (
        <p className="order-card-failed" role="alert">
          {card.failureMessage ? t('failed', { message: card.failureMessage }) : t('failedNoReason')}
        </p>
      ) : null}
      {canPay ? (
        // reloadDocument: a real form post, so the browser follows the redirect to Stripe's page.
        <Form method="post" action={action} reloadDocument>
          <CsrfInput />
          <p className="hint" id="order-card-hint">
            {t('how')}
          </p>
          <button type="submit" className="button" aria-describedby="order-card-hint">
            {t('pay', { amount })}
          </button>
        </Form>
      ) : (
        <p className="hint">{t('readOnly')}</p>
      )}
    </div>
  )
}
