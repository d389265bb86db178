// Net terms on an order: the term, the due date once the order is invoiced (at confirmation), and an
// "Overdue" flag from the day after the due date until it is paid. Buyers and operators see the flag; the
// producer sees that the order is invoiced and when it is due (the platform collects, the producer may ship).
// Props are plain serialisable values, so a page passes what its loader sent.
import { useTranslation } from 'react-i18next'
import type { PaymentMethod, PaymentStatus } from '~/generated/prisma/enums'
import { isOverdue } from '~/modules/payments/terms'
import { formatDate } from '~/utils/format'
import type { Language } from '~/utils/i18n'
import { useLang } from '~/utils/use-lang'

export type OrderTermsProps = {
  paymentMethod: PaymentMethod
  paymentStatus: PaymentStatus
  paymentTermDays: number | null
  /** YYYY-MM-DD (or an ISO time at midnight UTC, as a @db.Date column serialises); set at confirmation on terms. */
  paymentDueDate: string | null
  /** Who is looking: the overdue flag is for the buyer and operators. */
  side: 'buyer' | 'producer' | 'operator'
  /** Overdue as the server computed it (so server and browser agree around midnight); computed here when absent. */
  overdue?: boolean
}

/** The red "Overdue" label. */
export function OverdueBadge() {
  const { t } = useTranslation('terms')
  return <span className="badge badge-rejected">{t('order.overdue')}</span>
}

const dayOnly = (date: string) => date.slice(0, 10)
const showDate = (date: string, lang: Language) => formatDate(`${dayOnly(date)}T00:00:00+07:00`, lang)

/** What state the invoice is in, from the payment status and whether a due date was set. */
function invoiceState(p: OrderTermsProps) {
  const overdue = p.overdue ?? isOverdue(p)
  if (p.paymentStatus === 'INVOICED') return overdue ? 'overdue' : 'invoiced'
  if (!p.paymentDueDate) return p.paymentStatus === 'UNPAID' ? 'notYet' : null
  if (p.paymentStatus === 'PAID') return 'paid'
  // An invoice becomes void when its order is cancelled (UNPAID again, or money to refund).
  return 'void'
}

/** The net-terms box of an order page; nothing for an order paid another way. */
export function OrderTerms(props: OrderTermsProps) {
  const { t } = useTranslation('terms')
  const lang = useLang()
  if (props.paymentMethod !== 'NET_TERMS') return null
  const state = invoiceState(props)
  const due = props.paymentDueDate ? showDate(props.paymentDueDate, lang) : ''
  const days = props.paymentTermDays ?? 0
  const flagged = state === 'overdue' && props.side !== 'producer'
  return (
    <section className="order-terms card" aria-labelledby="order-terms-heading">
      <h2 id="order-terms-heading">
        {t('order.heading')} {flagged ? <OverdueBadge /> : null}
      </h2>
      <p className="meta">{t('order.term', { count: days })}</p>
      {state === 'notYet' ? <p>{t('order.notYet', { count: days })}</p> : null}
      {state === 'invoiced' || state === 'overdue' ? (
        <p>
          {props.side === 'producer'
            ? t('order.producerInvoiced', { date: due })
            : flagged
              ? t('order.overdueSince', { date: due })
              : t('order.dueOn', { date: due })}
        </p>
      ) : null}
      {flagged && props.side === 'buyer' ? <p className="cart-blocked">{t('order.overdueBuyer')}</p> : null}
      {(state === 'invoiced' || state === 'overdue') && props.side === 'buyer' ? <p className="hint">{t('order.howToPay')}</p> : null}
      {state === 'paid' ? <p>{t('order.paid', { date: due })}</p> : null}
      {state === 'void' ? <p>{t('order.void')}</p> : null}
    </section>
  )
}

/** One line for an order list: the method, and on terms the due date (and the overdue flag for buyers and operators). */
export function OrderTermsNote(props: OrderTermsProps) {
  const { t } = useTranslation('terms')
  const lang = useLang()
  const method = t(`orders:paymentMethod.${props.paymentMethod}`)
  const state = props.paymentMethod === 'NET_TERMS' ? invoiceState(props) : null
  const due = props.paymentDueDate ? showDate(props.paymentDueDate, lang) : ''
  const invoiced = state === 'invoiced' || state === 'overdue'
  return (
    <span className="meta order-requested">
      {invoiced ? t(props.side === 'producer' ? 'list.invoicedDue' : 'list.due', { method, date: due }) : method}
      {state === 'overdue' && props.side !== 'producer' ? (
        <>
          {' '}
          <OverdueBadge />
        </>
      ) : null}
    </span>
  )
}
