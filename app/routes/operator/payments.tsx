// The operators' payments desk: orders waiting for the buyer's bank transfer to the platform (oldest first),
// orders whose money has to go back (closed orders, and the excess of overpaid ones), and a search by order
// number or payment reference. An operator records each transfer as it appears on the bank statement (an
// underpayment leaves the order unpaid with the amount shown), each refund once it is sent, and what of an
// excess was returned (all or part of it); each is written to the order's history and to the audit log.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { OrderStatusBadge, PaymentStatusBadge } from '~/components/order-badges'
import { CsrfInput, ErrorList } from '~/components/forms'
import type { OrderStatus, PaymentStatus } from '~/generated/prisma/enums'
import { parseVnd } from '~/modules/catalog/product-schemas'
import { excessOwedVnd, excessVnd, refundDueVnd } from '~/modules/orders/excess'
import {
  amountDue,
  listAwaitingTransfer,
  listExcessOwed,
  listRefundPending,
  recordExcessRefund,
  recordRefund,
  recordTransfer,
  type OperatorOrder,
} from '~/modules/orders/operator.server'
import { ORDER_TRANSITION_LIMITS } from '~/modules/orders/order-rules'
import { findOrderForOperator } from '~/modules/orders/queries.server'
import { readForm } from '~/utils/csrf.server'
import { env } from '~/utils/env.server'
import { formatDateTime, formatVnd } from '~/utils/format'
import type { Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requirePlatformRole } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

/** The longest-waiting orders of each list shown at once; the search finds any other. */
const LIST_LIMIT = 100
const QUERY_MAX = 100

const styles = {
  search: { display: 'flex', flexWrap: 'wrap', gap: '0 0.75rem', alignItems: 'end' },
  cardHeading: { display: 'flex', flexWrap: 'wrap', gap: '0.35rem', alignItems: 'center' },
  facts: { margin: '0.5rem 0' },
  form: { borderTop: '1px solid var(--line)', paddingTop: '0.75rem', marginTop: '0.75rem' },
  amountInput: { maxWidth: '12rem' },
} satisfies Record<string, CSSProperties>

// Browser-safe: the form's rules, checked again by the action. Messages are i18n keys (ErrorList), under
// `messages` (the transfer's amount received, or the excess returned).
const amountField = (messages: 'payments.amount' | 'payments.excess.amount') =>
  z.string({ required_error: `operator:${messages}.required` }).transform((text, ctx) => {
    const amount = parseVnd(text)
    if (amount === null || amount <= 0n) {
      ctx.addIssue({ code: 'custom', message: `operator:${messages}.invalid` })
      return z.NEVER
    }
    if (amount > ORDER_TRANSITION_LIMITS.paymentMaxVnd) {
      ctx.addIssue({ code: 'custom', message: `operator:${messages}.tooLarge` })
      return z.NEVER
    }
    return amount
  })
const noteField = z.string().trim().max(ORDER_TRANSITION_LIMITS.noteMax, 'order.note.tooLong').optional()

const TransferSchema = z.object({ orderId: z.string().min(1), amount: amountField('payments.amount'), note: noteField })
const RefundSchema = z.object({ orderId: z.string().min(1), note: noteField })
// Whether the amount exceeds the excess still owed is the action's check (markExcessRefunded).
const ExcessSchema = z.object({ orderId: z.string().min(1), amount: amountField('payments.excess.amount'), note: noteField })

const orderView = (o: OperatorOrder) => ({
  id: o.id,
  number: o.number,
  reference: o.paymentReference,
  status: o.status,
  paymentStatus: o.paymentStatus,
  // VND as strings (JSON has no BigInt).
  total: o.totalVnd.toString(),
  received: o.amountReceivedVnd.toString(),
  due: amountDue(o).toString(),
  // What a refund of the closed order sends back, and an overpaid order's excess: in all, returned, still owed.
  toRefund: refundDueVnd(o).toString(),
  excess: excessVnd(o).toString(),
  excessRefunded: o.excessRefundedVnd.toString(),
  excessOwed: excessOwedVnd(o).toString(),
  placedAt: o.createdAt.toISOString(),
  confirmedAt: o.confirmedAt?.toISOString() ?? null,
  closedAt: o.closedAt?.toISOString() ?? null,
  buyer: o.buyer.displayName,
  producer: o.producer.displayName,
})

type OrderView = ReturnType<typeof orderView>

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  await requirePlatformRole(request, lang, 'OPERATOR')
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, QUERY_MAX)
  const [awaiting, refunds, excess, found] = await Promise.all([
    listAwaitingTransfer(LIST_LIMIT),
    listRefundPending(LIST_LIMIT),
    listExcessOwed(LIST_LIMIT),
    q ? findOrderForOperator(q) : Promise.resolve(null),
  ])
  const { PAYMENT_BANK_NAME, VIETQR_ACCOUNT, VIETQR_ACCOUNT_NAME } = env()
  return {
    title: getT(lang)('operator:payments.title'),
    bank: { name: PAYMENT_BANK_NAME, account: VIETQR_ACCOUNT, holder: VIETQR_ACCOUNT_NAME },
    q,
    found: found ? orderView(found) : null,
    awaiting: { items: awaiting.items.map(orderView), total: awaiting.total },
    refunds: { items: refunds.items.map(orderView), total: refunds.total },
    excess: { items: excess.items.map(orderView), total: excess.total },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const { user } = await requirePlatformRole(request, lang, 'OPERATOR')
  const operator = { userId: user.id, name: user.name }
  const actor = `user:${user.id}`
  const intent = String(formData.get('intent') ?? '')
  // Which form on the page was sent (an order can be both in a list and in the search result).
  const form = String(formData.get('form') ?? '')
  // Back to the page as it was, search included.
  const back = `/${lang}/operator/payments${new URL(request.url).search}`
  const money = (amount: bigint) => formatVnd(amount, lang)

  if (intent === 'transfer') {
    const submission = parseWithZod(formData, { schema: TransferSchema })
    if (submission.status !== 'success') return data({ form, result: submission.reply() }, { status: 400 })
    const { orderId, amount, note } = submission.value
    const result = await recordTransfer({ orderId, amountVnd: amount, note, operator }, actor)
    if (!result.ok) {
      if (result.error === 'order.notFound') throw new Response('Not Found', { status: 404 })
      const field = result.error === 'order.note.tooLong' ? 'note' : 'amount'
      return data({ form, result: submission.reply({ fieldErrors: { [field]: [result.error] } }) }, { status: 400 })
    }
    const { order } = result
    const values = {
      number: order.number,
      amount: money(amount),
      received: money(order.amountReceivedVnd),
      total: money(order.totalVnd),
      due: money(amountDue(order)),
    }
    return redirectWithToast(request, back, { key: `operator:toast.${transferOutcome(order)}`, values })
  }

  if (intent === 'refund') {
    const submission = parseWithZod(formData, { schema: RefundSchema })
    if (submission.status !== 'success') return data({ form, result: submission.reply() }, { status: 400 })
    const { orderId, note } = submission.value
    const result = await recordRefund({ orderId, note, operator }, actor)
    if (!result.ok) {
      if (result.error === 'order.notFound') throw new Response('Not Found', { status: 404 })
      if (result.error === 'order.note.tooLong') return data({ form, result: submission.reply({ fieldErrors: { note: [result.error] } }) }, { status: 400 })
      return redirectWithToast(request, back, { key: `errors:${result.error}`, type: 'error' })
    }
    const values = { number: result.order.number, amount: money(refundDueVnd(result.order)) }
    return redirectWithToast(request, back, { key: 'operator:toast.refunded', values })
  }

  if (intent === 'excess') {
    const submission = parseWithZod(formData, { schema: ExcessSchema })
    if (submission.status !== 'success') return data({ form, result: submission.reply() }, { status: 400 })
    const { orderId, amount, note } = submission.value
    const result = await recordExcessRefund({ orderId, amountVnd: amount, note, operator }, actor)
    if (!result.ok) {
      if (result.error === 'order.notFound') throw new Response('Not Found', { status: 404 })
      // Nothing (left) to return, e.g. another operator has just recorded it: the page shows the order as it is now.
      if (result.error === 'order.payment.noExcess') return redirectWithToast(request, back, { key: `errors:${result.error}`, type: 'error' })
      const field = result.error === 'order.note.tooLong' ? 'note' : 'amount'
      return data({ form, result: submission.reply({ fieldErrors: { [field]: [result.error] } }) }, { status: 400 })
    }
    const { order, amountVnd } = result
    const owed = excessOwedVnd(order)
    const values = { number: order.number, amount: money(amountVnd), owed: money(owed) }
    return redirectWithToast(request, back, { key: owed > 0n ? 'operator:toast.excessRefundedPart' : 'operator:toast.excessRefunded', values })
  }

  throw new Response('Bad Request', { status: 400 })
}

/** What the operator is told after recording a transfer. */
function transferOutcome(order: { status: OrderStatus; paymentStatus: PaymentStatus }) {
  if (order.paymentStatus === 'REFUND_PENDING') return 'transferToRefund' // the order was closed: the money goes back
  if (order.paymentStatus === 'PAID') return order.status === 'COMPLETED' ? 'paidCompleted' : 'paid'
  if (order.status === 'PLACED') return 'transferBeforeConfirmation' // the amount is not final yet
  return 'underpaid'
}

function OrderFacts({ order, lang }: { order: OrderView; lang: Language }) {
  const { t } = useTranslation('operator')
  const refund = order.paymentStatus === 'REFUND_PENDING'
  return (
    <dl className="facts" style={styles.facts}>
      <dt>{t('payments.order.reference')}</dt>
      <dd>
        <code>{order.reference}</code>
      </dd>
      <dt>{t('payments.order.buyer')}</dt>
      <dd>{order.buyer}</dd>
      <dt>{t('payments.order.producer')}</dt>
      <dd>{order.producer}</dd>
      <dt>{order.confirmedAt ? t('payments.order.confirmed') : t('payments.order.placed')}</dt>
      <dd>{formatDateTime(order.confirmedAt ?? order.placedAt, lang)}</dd>
      {order.closedAt ? (
        <>
          <dt>{t('payments.order.closed')}</dt>
          <dd>{formatDateTime(order.closedAt, lang)}</dd>
        </>
      ) : null}
      <dt>{t('payments.order.total')}</dt>
      <dd>{formatVnd(BigInt(order.total), lang)}</dd>
      <dt>{t('payments.order.received')}</dt>
      <dd>{formatVnd(BigInt(order.received), lang)}</dd>
      {refund ? (
        <>
          <dt>{t('payments.order.toRefund')}</dt>
          <dd>
            <strong>{formatVnd(BigInt(order.toRefund), lang)}</strong>
          </dd>
        </>
      ) : order.paymentStatus === 'UNPAID' || order.paymentStatus === 'INVOICED' ? (
        <>
          <dt>{t('payments.order.due')}</dt>
          <dd>
            <strong>{formatVnd(BigInt(order.due), lang)}</strong>
          </dd>
        </>
      ) : null}
      {order.paymentStatus === 'PAID' && order.excess !== '0' ? (
        <>
          <dt>{t('payments.order.excess')}</dt>
          <dd>{formatVnd(BigInt(order.excess), lang)}</dd>
          {order.excessRefunded !== '0' ? (
            <>
              <dt>{t('payments.order.excessRefunded')}</dt>
              <dd>{formatVnd(BigInt(order.excessRefunded), lang)}</dd>
            </>
          ) : null}
          <dt>{t('payments.order.excessOwed')}</dt>
          <dd>
            <strong>{formatVnd(BigInt(order.excessOwed), lang)}</strong>
          </dd>
        </>
      ) : null}
    </dl>
  )
}

/** The amount's hint: what is due, or why it is not final yet, or that the money will go back. */
const amountHint = (status: OrderStatus) =>
  status === 'PLACED' ? 'amountHintNotFinal' : status === 'REJECTED' || status === 'CANCELLED' ? 'amountHintClosed' : 'amountHint'

function TransferForm({ order, formId }: { order: OrderView; formId: string }) {
  const { t } = useTranslation('operator')
  const lang = useLang()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionData?.form === formId ? actionData.result : undefined,
    constraint: getZodConstraint(TransferSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TransferSchema }),
  })
  const busy = navigation.state === 'submitting' && navigation.formData?.get('form') === formId
  return (
    <Form method="post" {...getFormProps(form)} style={styles.form} aria-label={t('payments.transfer.legend', { number: order.number })}>
      <CsrfInput />
      <input type="hidden" name="intent" value="transfer" />
      <input type="hidden" name="form" value={formId} />
      <input type="hidden" name="orderId" value={order.id} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.amount.id}>{t('payments.transfer.amount')}</label>
        <input
          {...getInputProps(fields.amount, { type: 'text' })}
          inputMode="numeric"
          autoComplete="off"
          style={styles.amountInput}
          aria-describedby={[`${fields.amount.id}-hint`, fields.amount.errors?.length ? fields.amount.errorId : ''].filter(Boolean).join(' ')}
        />
        <p id={`${fields.amount.id}-hint`} className="hint">
          {t(`payments.transfer.${amountHint(order.status)}`, { due: formatVnd(BigInt(order.due), lang) })}
        </p>
        <ErrorList id={fields.amount.errorId} errors={fields.amount.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.note.id}>{t('payments.transfer.note')}</label>
        <input {...getInputProps(fields.note, { type: 'text' })} autoComplete="off" aria-describedby={`${fields.note.id}-hint`} />
        <p id={`${fields.note.id}-hint`} className="hint">
          {t('payments.transfer.noteHint')}
        </p>
        <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
      </div>
      <button type="submit" className="button button-small" disabled={busy}>
        {t('payments.transfer.submit')}
        <span className="visually-hidden"> {order.number}</span>
      </button>
    </Form>
  )
}

function RefundForm({ order, formId }: { order: OrderView; formId: string }) {
  const { t } = useTranslation('operator')
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionData?.form === formId ? actionData.result : undefined,
    constraint: getZodConstraint(RefundSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RefundSchema }),
  })
  const busy = navigation.state === 'submitting' && navigation.formData?.get('form') === formId
  return (
    <Form method="post" {...getFormProps(form)} style={styles.form} aria-label={t('payments.refund.legend', { number: order.number })}>
      <CsrfInput />
      <input type="hidden" name="intent" value="refund" />
      <input type="hidden" name="form" value={formId} />
      <input type="hidden" name="orderId" value={order.id} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.note.id}>{t('payments.refund.note')}</label>
        <input {...getInputProps(fields.note, { type: 'text' })} autoComplete="off" aria-describedby={`${fields.note.id}-hint`} />
        <p id={`${fields.note.id}-hint`} className="hint">
          {t('payments.refund.noteHint')}
        </p>
        <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
      </div>
      <button type="submit" className="button button-small" disabled={busy}>
        {t('payments.refund.submit')}
        <span className="visually-hidden"> {order.number}</span>
      </button>
    </Form>
  )
}

/** Marks (part of) an overpaid order's excess returned: the amount still owed is prefilled and may be lowered. */
function ExcessForm({ order, formId }: { order: OrderView; formId: string }) {
  const { t } = useTranslation('operator')
  const lang = useLang()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionData?.form === formId ? actionData.result : undefined,
    defaultValue: { amount: order.excessOwed },
    constraint: getZodConstraint(ExcessSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExcessSchema }),
  })
  const busy = navigation.state === 'submitting' && navigation.formData?.get('form') === formId
  return (
    <Form method="post" {...getFormProps(form)} style={styles.form} aria-label={t('payments.excess.legend', { number: order.number })}>
      <CsrfInput />
      <input type="hidden" name="intent" value="excess" />
      <input type="hidden" name="form" value={formId} />
      <input type="hidden" name="orderId" value={order.id} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.amount.id}>{t('payments.excess.amount.label')}</label>
        <input
          {...getInputProps(fields.amount, { type: 'text' })}
          inputMode="numeric"
          autoComplete="off"
          style={styles.amountInput}
          aria-describedby={[`${fields.amount.id}-hint`, fields.amount.errors?.length ? fields.amount.errorId : ''].filter(Boolean).join(' ')}
        />
        <p id={`${fields.amount.id}-hint`} className="hint">
          {t('payments.excess.amount.hint', { owed: formatVnd(BigInt(order.excessOwed), lang) })}
        </p>
        <ErrorList id={fields.amount.errorId} errors={fields.amount.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.note.id}>{t('payments.excess.note')}</label>
        <input {...getInputProps(fields.note, { type: 'text' })} autoComplete="off" aria-describedby={`${fields.note.id}-hint`} />
        <p id={`${fields.note.id}-hint`} className="hint">
          {t('payments.refund.noteHint')}
        </p>
        <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
      </div>
      <button type="submit" className="button button-small" disabled={busy}>
        {t('payments.excess.submit')}
        <span className="visually-hidden"> {order.number}</span>
      </button>
    </Form>
  )
}

/** One order with the action it is waiting for (a transfer while unpaid, a refund while one is pending, an excess to return). */
function OrderCard({ order, place }: { order: OrderView; place: 'found' | 'list' }) {
  const lang = useLang()
  const headingId = `${place}-${order.id}-heading`
  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId} style={styles.cardHeading}>
        <span>{order.number}</span> <OrderStatusBadge status={order.status} /> <PaymentStatusBadge status={order.paymentStatus} />
      </h3>
      <OrderFacts order={order} lang={lang} />
      {order.paymentStatus === 'UNPAID' || order.paymentStatus === 'INVOICED' ? <TransferForm order={order} formId={`${place}-transfer-${order.id}`} /> : null}
      {order.paymentStatus === 'REFUND_PENDING' ? <RefundForm order={order} formId={`${place}-refund-${order.id}`} /> : null}
      {order.excessOwed !== '0' ? <ExcessForm order={order} formId={`${place}-excess-${order.id}`} /> : null}
    </li>
  )
}

export default function OperatorPaymentsPage() {
  const { t } = useTranslation('operator')
  const lang = useLang()
  const { bank, q, found, awaiting, refunds, excess } = useLoaderData<typeof loader>()
  const base = `/${lang}/operator/payments`
  return (
    <section>
      <h1>{t('payments.heading')}</h1>
      <p>{t('payments.intro')}</p>
      <p>
        <Link to={`/${lang}/operator/statements`}>{t('statements:list.link')}</Link> · <Link to={`/${lang}/operator/invoices`}>{t('terms:nav.invoices')}</Link> ·{' '}
        <Link to={`/${lang}/operator/credit`}>{t('terms:nav.credit')}</Link>
      </p>
      <p className="meta">{t('payments.account', { bank: bank.name, account: bank.account, name: bank.holder })}</p>

      <Form method="get" action={base} role="search" aria-label={t('payments.search.label')} style={styles.search}>
        <div className="field">
          <label htmlFor="payments-q">{t('payments.search.label')}</label>
          <input id="payments-q" type="search" name="q" defaultValue={q} maxLength={QUERY_MAX} autoComplete="off" aria-describedby="payments-q-hint" />
          <p id="payments-q-hint" className="hint">
            {t('payments.search.hint')}
          </p>
        </div>
        <div className="field">
          <button type="submit" className="button button-secondary">
            {t('payments.search.submit')}
          </button>
        </div>
      </Form>

      {q ? (
        <section aria-labelledby="payments-found-heading">
          <h2 id="payments-found-heading">{t('payments.search.heading')}</h2>
          {found ? (
            <ul className="cards">
              <OrderCard order={found} place="found" />
            </ul>
          ) : (
            <p role="status">{t('payments.search.notFound', { q })}</p>
          )}
          <p>
            <Link to={base}>{t('payments.search.clear')}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="payments-awaiting-heading">
        <h2 id="payments-awaiting-heading">
          {t('payments.awaiting.heading')} <span className="meta">({awaiting.total})</span>
        </h2>
        <p className="hint">{t('payments.awaiting.intro')}</p>
        {awaiting.items.length === 0 ? (
          <p>{t('payments.awaiting.empty')}</p>
        ) : (
          <>
            {awaiting.total > awaiting.items.length ? <p className="meta">{t('payments.more', { shown: awaiting.items.length, total: awaiting.total })}</p> : null}
            <ul className="cards">
              {awaiting.items.map((o) => (
                <OrderCard key={o.id} order={o} place="list" />
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="payments-refunds-heading">
        <h2 id="payments-refunds-heading">
          {t('payments.refunds.heading')} <span className="meta">({refunds.total + excess.total})</span>
        </h2>
        <p className="hint">{t('payments.refunds.intro')}</p>
        {refunds.items.length === 0 ? (
          <p>{t('payments.refunds.empty')}</p>
        ) : (
          <>
            {refunds.total > refunds.items.length ? <p className="meta">{t('payments.more', { shown: refunds.items.length, total: refunds.total })}</p> : null}
            <ul className="cards">
              {refunds.items.map((o) => (
                <OrderCard key={o.id} order={o} place="list" />
              ))}
            </ul>
          </>
        )}
        {/* Overpaid orders going ahead: only the excess goes back. */}
        <p className="hint">{t('payments.excess.intro')}</p>
        {excess.items.length === 0 ? (
          <p>{t('payments.excess.empty')}</p>
        ) : (
          <>
            {excess.total > excess.items.length ? <p className="meta">{t('payments.more', { shown: excess.items.length, total: excess.total })}</p> : null}
            <ul className="cards" aria-label={t('payments.excess.label')}>
              {excess.items.map((o) => (
                <OrderCard key={o.id} order={o} place="list" />
              ))}
            </ul>
          </>
        )}
      </section>
    </section>
  )
}
