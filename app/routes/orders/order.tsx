// One order: /:lang/orgs/:slug/orders/:number, for a member of its buyer or of its producer (anyone else: 404).
// The page shows both parties, the delivery address, the lines and totals, the payment box and the history;
// members allowed to change orders get the forms for the next steps their side may take (order-rules.ts).
// The forms post here with an `intent`; transitionOrder (transitions.server.ts) does the work.
import { parseWithZod } from '@conform-to/zod'
import type { SubmissionResult } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { OrderActionForms, orderIntents, statusOfIntent, type OrderActionData, type OrderIntent } from '~/components/order-action-forms'
import { OrderApprovalBox } from '~/components/order-approval'
import { OrderStatusBadge, PaymentStatusBadge } from '~/components/order-badges'
import { OrderStatus } from '~/generated/prisma/enums'
import { excessReturnedAt, OrderPaymentBox, paymentDue } from '~/components/order-payment'
import { OrderTerms } from '~/components/order-terms'
import { isOverdue } from '~/modules/payments/terms'
import { OrderTimeline } from '~/components/order-timeline'
import { ReorderForm, ReorderReport, reorderAnswerOf } from '~/components/reorder'
import { formatPhone } from '~/modules/accounts/identifier'
import { reorderFromOrderPage } from '~/modules/cart/reorder.server'
import { isCalendarDate, todayInHcm } from '~/modules/catalog/certifications'
import { parseDateInput, parseVnd } from '~/modules/catalog/product-schemas'
import { provinceName } from '~/modules/geo/provinces'
import { ORDER_TRANSITION_LIMITS as LIMITS, nextStatuses, partyMayReach } from '~/modules/orders/order-rules'
import { decideApproval, isApprovalDecision, type ApprovalActionData } from '~/modules/orders/approvals.server'
import { findOrder } from '~/modules/orders/queries.server'
import { platformVietQr, qrSvg } from '~/modules/payments/bank-transfer.server'
import { cardPaymentView } from '~/modules/payments/card.server'
import { transitionOrder, type TransitionError, type TransitionOrderInput } from '~/modules/orders/transitions.server'
import { roleCan } from '~/modules/organizations/permissions'
import styles from '~/styles/orders.css?url'
import { readForm } from '~/utils/csrf.server'
import { env } from '~/utils/env.server'
import { formatDate, formatDateTime, formatNumber, formatVnd } from '~/utils/format'
import type { Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

/** The delivery address as snapshotted on the order (see place-orders.server.ts). */
type AddressSnapshot = { label?: string; recipientName?: string; phone?: string; addressLine?: string; commune?: string; provinceCode?: string }

function addressOf(value: unknown) {
  const a = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as AddressSnapshot
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  const phone = text(a.phone)
  return {
    label: text(a.label),
    recipientName: text(a.recipientName),
    phone: /^\+84\d{9,10}$/.test(phone) ? formatPhone(phone) : phone,
    addressLine: text(a.addressLine),
    commune: text(a.commune),
    province: a.provinceCode ? provinceName(a.provinceCode) : '',
  }
}

const dateOnly = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization, membership, user } = await requireOrgPermission(request, lang, params.slug, 'read:order:own')
  const found = await findOrder(organization.id, params.number ?? '')
  if (!found) throw new Response('Not Found', { status: 404 })
  const { order, side } = found
  const canUpdate = roleCan(membership.role, 'update:order:own')
  // An order above a spending limit: an approver who did not place it decides in the approval box (not with
  // the cancel form, which is the purchaser's withdrawal).
  const approver = side === 'buyer' && roleCan(membership.role, 'approve:order:own')
  const isPlacer = order.placedByUserId !== null && order.placedByUserId === user.id
  const decides = approver && !isPlacer && order.status === 'PENDING_APPROVAL'
  const today = todayInHcm()
  const requested = dateOnly(order.requestedDeliveryDate)
  const name = (i: { nameVi: string; nameEn: string | null }) => (lang === 'en' && i.nameEn) || i.nameVi
  const bank = env()
  const vietQr = side === 'buyer' ? platformVietQr(order) : null
  // A CARD order's buyer pays by card (card-checkout.ts); the transfer details stay only while Stripe is not configured.
  const card = side === 'buyer' && order.paymentMethod === 'CARD' ? await cardPaymentView(order, new URL(request.url).searchParams.get('card')) : null
  return {
    title: getT(lang)('orders:detail.title', { number: order.number }),
    organization: { slug: organization.slug },
    side,
    canUpdate,
    canReorder: side === 'buyer' && roleCan(membership.role, 'create:order:own'),
    allowed: canUpdate && !decides ? nextStatuses(order.status, side) : [],
    today,
    defaultDeliveryDate: requested && requested >= today ? requested : '',
    order: {
      number: order.number,
      createdAt: order.createdAt.toISOString(),
      status: order.status,
      paymentStatus: order.paymentStatus,
      paymentMethod: order.paymentMethod,
      paymentReference: order.paymentReference,
      paymentTermDays: order.paymentTermDays,
      paymentDueDate: dateOnly(order.paymentDueDate),
      overdue: isOverdue(order),
      amountReceivedVnd: order.amountReceivedVnd.toString(),
      excessRefundedVnd: order.excessRefundedVnd.toString(),
      subtotalVnd: order.subtotalVnd.toString(),
      vatTotalVnd: order.vatTotalVnd.toString(),
      shippingFeeVnd: order.shippingFeeVnd.toString(),
      totalVnd: order.totalVnd.toString(),
      buyer: { slug: order.buyer.slug, name: order.buyerName, taxCode: order.buyerTaxCode },
      producer: { slug: order.producer.slug, name: order.producerName, taxCode: order.producerTaxCode },
      deliveryAddress: addressOf(order.deliveryAddress),
      requestedDeliveryDate: requested,
      deliveryDate: dateOnly(order.deliveryDate),
      carrier: order.carrier,
      trackingNumber: order.trackingNumber,
      shippedAt: order.shippedAt?.toISOString() ?? null,
      items: order.items.map((i) => ({
        id: i.id,
        name: name(i),
        productSlug: i.product.slug,
        sku: i.sku,
        packSize: i.packSize,
        unit: i.unit,
        orderedQuantity: i.orderedQuantity,
        quantity: i.quantity,
        unitPriceVnd: i.unitPriceVnd.toString(),
        vatRate: i.vatRate,
        lineTotalVnd: i.lineTotalVnd.toString(),
        vatAmountVnd: i.vatAmountVnd.toString(),
      })),
      // The overdue invoice is the buyer's business with the platform: the producer's history leaves it out (as its terms box does).
      events: order.events.filter((e) => side === 'buyer' || (e.details as { payment?: string } | null)?.payment !== 'overdue').map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorName: e.actorName,
        from: e.fromStatus,
        to: e.toStatus,
        note: e.note,
        details: e.details as unknown,
      })),
    },
    // The platform's account and the VietQR code, only for a buyer who has something to pay.
    bank:
      side === 'buyer' && paymentDue(order.status, order.paymentStatus) && !card?.available
        ? { name: bank.PAYMENT_BANK_NAME, account: bank.VIETQR_ACCOUNT, accountName: bank.VIETQR_ACCOUNT_NAME, qrSvg: vietQr ? await qrSvg(vietQr) : null }
        : null,
    card,
    // Why the order had to wait for approval and who decided: the buyer's own business.
    approval:
      side === 'buyer' && order.approvalRequiredBecause
        ? {
            orderId: order.id,
            canDecide: decides,
            isPlacer,
            queueUrl: approver ? `/${lang}/orgs/${organization.slug}/approvals` : null,
            facts: {
              requiredBecause: order.approvalRequiredBecause,
              limitVnd: order.approvalLimitVnd?.toString() ?? null,
              decidedByName: order.approvalDecidedByName,
              decidedAt: order.approvalDecidedAt?.toISOString() ?? null,
              reason: order.approvalReason,
            },
          }
        : null,
  }
}

// ---------------------------------------------------------------------------------------------------------
// The forms' input. Messages are errors:order.* keys, translated before the reply goes back.

/** A whole number as typed: "30000", "30.000", "30,000", "30 000 đ"; null for fractions, negatives and words. */
function wholeNumber(text: string): bigint | null {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(/(₫|đồng|đ|vnđ|vnd)$/i, '')
  if (!/^[\d.,]+$/.test(compact)) return null
  return parseVnd(compact)
}

const NoteSchema = z.string().max(LIMITS.noteMax, 'order.note.tooLong').optional()
const ReasonSchema = z
  .string({ required_error: 'order.reason.required' })
  .trim()
  .min(1, 'order.reason.required')
  .max(LIMITS.noteMax, 'order.note.tooLong')

const QuantitySchema = z.string({ required_error: 'order.quantity.invalid' }).transform((text, ctx) => {
  const n = wholeNumber(text)
  if (n === null || n > 1_000_000n) {
    ctx.addIssue({ code: 'custom', message: 'order.quantity.invalid' })
    return z.NEVER
  }
  return Number(n)
})

const ConfirmSchema = z.object({
  items: z.array(z.object({ id: z.string({ required_error: 'order.quantity.unknownItem' }), quantity: QuantitySchema })).max(500).optional(),
  // Empty means no shipping fee.
  shippingFee: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return 0n
      const n = wholeNumber(text)
      if (n === null || n > LIMITS.shippingFeeMaxVnd) {
        ctx.addIssue({ code: 'custom', message: 'order.shippingFee.invalid' })
        return z.NEVER
      }
      return n
    }),
  deliveryDate: z.string({ required_error: 'order.deliveryDate.required' }).transform((text, ctx) => {
    const date = parseDateInput(text)
    if (typeof date !== 'string' || !isCalendarDate(date)) {
      ctx.addIssue({ code: 'custom', message: 'order.deliveryDate.invalid' })
      return z.NEVER
    }
    return date
  }),
  note: NoteSchema,
})

const ReasonFormSchema = z.object({ note: ReasonSchema })

const ShipSchema = z.object({
  carrier: z.string({ required_error: 'order.carrier.required' }).trim().min(1, 'order.carrier.required').max(LIMITS.carrierMax, 'order.carrier.tooLong'),
  trackingNumber: z
    .string({ required_error: 'order.trackingNumber.required' })
    .trim()
    .min(1, 'order.trackingNumber.required')
    .max(LIMITS.trackingNumberMax, 'order.trackingNumber.tooLong'),
  shipBeforePayment: z.boolean().optional(),
  note: NoteSchema,
})

const DeliverSchema = z.object({ note: NoteSchema })

/** Conform's reply with every error key turned into a sentence in the page's language. */
function translateReply(reply: SubmissionResult<string[]>, t: TFunction): SubmissionResult<string[]> {
  if (!reply.error) return reply
  const error = Object.fromEntries(
    Object.entries(reply.error).map(([name, keys]) => [name, keys?.map((key) => t(`errors:${key}`, { defaultValue: t('errors:invalid') })) ?? null]),
  )
  return { ...reply, error }
}

/** The field a refusal of transitionOrder belongs to (null: the whole form), and the values of its message. */
function placeOfError(result: TransitionError, lang: Language, submittedItemIds: string[]): { field: string | null; values?: Record<string, string> } {
  switch (result.error) {
    case 'order.reason.required':
    case 'order.note.tooLong':
      return { field: 'note' }
    case 'order.shippingFee.invalid':
      return { field: 'shippingFee' }
    case 'order.deliveryDate.required':
    case 'order.deliveryDate.invalid':
    case 'order.deliveryDate.past':
      return { field: 'deliveryDate' }
    case 'order.quantity.invalid':
    case 'order.quantity.aboveOrdered': {
      const index = submittedItemIds.indexOf(result.itemId)
      const values = result.error === 'order.quantity.aboveOrdered' ? { ordered: formatNumber(result.ordered, lang) } : undefined
      return { field: index >= 0 ? `items[${index}].quantity` : null, values }
    }
    case 'order.carrier.required':
    case 'order.carrier.tooLong':
      return { field: 'carrier' }
    case 'order.trackingNumber.required':
    case 'order.trackingNumber.tooLong':
      return { field: 'trackingNumber' }
    case 'order.payment.required':
      return { field: 'shipBeforePayment' }
    default:
      return { field: null }
  }
}

/** "The order is Shipped, so it cannot move to Cancelled": the statuses in the page's language. */
const conflictMessage = (t: TFunction, from: string, to: string) =>
  t('errors:order.invalidTransition', { from: t(`orders:status.${from}`), to: t(`orders:status.${to}`) })

const isIntent = (value: string): value is OrderIntent => (orderIntents as readonly string[]).includes(value)

/** The form's input, parsed for `intent`, and the transition to run when it is valid (run: null otherwise). */
function prepareTransition(intent: OrderIntent, formData: FormData, base: Pick<TransitionOrderInput, 'orderId' | 'to' | 'actor' | 'expectedStatus'>) {
  switch (intent) {
    case 'confirm': {
      const submission = parseWithZod(formData, { schema: ConfirmSchema })
      if (submission.status !== 'success') return { submission, run: null, itemIds: [] }
      const { items = [], shippingFee, deliveryDate, note } = submission.value
      // Quantities are keyed by order line id; a lowered one is what the buyer is told about.
      const quantities = Object.fromEntries(items.map((i) => [i.id, i.quantity]))
      const run = () => transitionOrder({ ...base, shippingFeeVnd: shippingFee, deliveryDate, quantities, note })
      return { submission, run, itemIds: items.map((i) => i.id) }
    }
    case 'ship': {
      const submission = parseWithZod(formData, { schema: ShipSchema })
      if (submission.status !== 'success') return { submission, run: null, itemIds: [] }
      const { carrier, trackingNumber, shipBeforePayment, note } = submission.value
      const run = () => transitionOrder({ ...base, carrier, trackingNumber, shipBeforePayment: shipBeforePayment === true, note })
      return { submission, run, itemIds: [] }
    }
    case 'reject':
    case 'cancel': {
      const submission = parseWithZod(formData, { schema: ReasonFormSchema })
      if (submission.status !== 'success') return { submission, run: null, itemIds: [] }
      const { note } = submission.value
      return { submission, run: () => transitionOrder({ ...base, note }), itemIds: [] }
    }
    case 'deliver': {
      const submission = parseWithZod(formData, { schema: DeliverSchema })
      if (submission.status !== 'success') return { submission, run: null, itemIds: [] }
      const { note } = submission.value
      return { submission, run: () => transitionOrder({ ...base, note }), itemIds: [] }
    }
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  // "Reorder" fills the cart (ordering: 'create:order:own'); it does not change this order.
  if (formData.get('intent') === 'reorder') return data(await reorderFromOrderPage(request, lang, params.slug, params.number ?? ''))
  // Reading is not enough: a VIEWER (an accountant) gets a 403 here.
  const { organization, user, membership } = await requireOrgPermission(request, lang, params.slug, 'update:order:own')
  const found = await findOrder(organization.id, params.number ?? '')
  if (!found) throw new Response('Not Found', { status: 404 })
  const { order, side } = found
  const intent = String(formData.get('intent') ?? '')
  // An approver's decision on an order waiting above a spending limit (components/order-approval.tsx).
  if (isApprovalDecision(intent)) {
    if (side !== 'buyer' || !roleCan(membership.role, 'approve:order:own')) throw new Response('Forbidden', { status: 403 })
    const actor = { organizationId: organization.id, userId: user.id, name: user.name }
    const outcome = await decideApproval({ decision: intent, formData, order, actor, t: getT(lang) })
    if (outcome.status === 404) throw new Response('Not Found', { status: 404 })
    if (outcome.status !== 'done') return data<ApprovalActionData>(outcome.body, { status: outcome.status })
    return redirectWithToast(request, `/${lang}/orgs/${organization.slug}/orders/${order.number}`, {
      key: intent === 'approve' ? 'approvals:toast.approved' : 'approvals:toast.rejected',
      values: { number: order.number },
    })
  }
  if (!isIntent(intent)) throw new Response('Bad Request', { status: 400 })
  const to = statusOfIntent[intent]
  const t = getT(lang)

  // A step the other party takes (a buyer confirming, say) is forbidden; a step of this side that the
  // current status does not allow (cancelling a shipped order) is a conflict: the page shows why.
  if (!partyMayReach(to, side)) throw new Response('Forbidden', { status: 403 })
  if (!nextStatuses(order.status, side).includes(to)) {
    return data<OrderActionData>({ intent, conflict: conflictMessage(t, order.status, to) }, { status: 409 })
  }

  // The status the page showed: a step made on a stale page is refused, not applied to a later state.
  const shown = String(formData.get('status') ?? '')
  const expectedStatus = (Object.values(OrderStatus) as string[]).includes(shown) ? (shown as OrderStatus) : undefined
  const prepared = prepareTransition(intent, formData, {
    orderId: order.id,
    to,
    expectedStatus,
    actor: { kind: side, organizationId: organization.id, userId: user.id, name: user.name },
  })
  const { submission } = prepared
  if (!prepared.run) return data<OrderActionData>({ intent, result: translateReply(submission.reply(), t) }, { status: 400 })

  const result = await prepared.run()
  if (!result.ok) {
    if (result.error === 'order.notFound') throw new Response('Not Found', { status: 404 })
    if (result.error === 'order.forbidden') throw new Response('Forbidden', { status: 403 })
    // Another member (or the system) moved the order since this page was read.
    if (result.error === 'order.invalidTransition') {
      return data<OrderActionData>({ intent, conflict: conflictMessage(t, result.from, result.to) }, { status: 409 })
    }
    const { field, values } = placeOfError(result, lang, prepared.itemIds)
    const message = t(`errors:${result.error}`, values)
    const reply = field ? submission.reply({ fieldErrors: { [field]: [message] } }) : submission.reply({ formErrors: [message] })
    return data<OrderActionData>({ intent, result: reply }, { status: result.error === 'order.payment.required' ? 409 : 400 })
  }
  return redirectWithToast(request, `/${lang}/orgs/${organization.slug}/orders/${order.number}`, {
    key: `orders:toast.${to}`,
    values: { number: order.number },
  })
}

// ---------------------------------------------------------------------------------------------------------
// The page

type PartyProps = { heading: string; party: { slug: string; name: string; taxCode: string } }

function Party({ heading, party }: PartyProps) {
  const { t } = useTranslation('orders')
  const lang = useLang()
  return (
    <div className="card order-party">
      <h3>{heading}</h3>
      <p>
        <Link to={`/${lang}/orgs/${party.slug}`} aria-label={t('detail.viewOrganization', { name: party.name })}>
          {party.name}
        </Link>
      </p>
      <p className="meta">{t('detail.taxCode', { taxCode: party.taxCode })}</p>
    </div>
  )
}

export default function OrderPage() {
  const { t } = useTranslation('orders')
  const lang = useLang()
  const { organization, side, canUpdate, allowed, today, defaultDeliveryDate, order, bank, card, approval } = useLoaderData<typeof loader>()
  const answered = useActionData<typeof action>()
  // The "Reorder" form answers with its report; the other forms with OrderActionData.
  const reorderAnswer = reorderAnswerOf(answered)
  const actionData = answered && !('reorder' in answered) ? answered : undefined
  const { canReorder } = useLoaderData<typeof loader>()
  const approvalData = actionData && 'decision' in actionData ? actionData : undefined
  const base = `/${lang}/orgs/${organization.slug}/orders`
  const docs = `${base}/${order.number}`
  const vnd = (v: string) => formatVnd(BigInt(v), lang)
  const day = (d: string | null) => (d ? formatDate(`${d}T00:00:00Z`, lang) : t('detail.notSet'))
  const address = order.deliveryAddress

  return (
    <article className="order-page">
      <p className="meta">
        <Link to={base}>{t(`detail.backToList.${side}`)}</Link>
      </p>
      <header className="order-header">
        <h1>
          {t('detail.heading')} <span className="order-number-text">{order.number}</span>
        </h1>
        <p className="badges">
          <OrderStatusBadge status={order.status} />
          <PaymentStatusBadge status={order.paymentStatus} />
        </p>
        <p className="meta">{t('detail.placedAt', { date: formatDateTime(order.createdAt, lang) })}</p>
      </header>

      {reorderAnswer ? <ReorderReport answer={reorderAnswer} /> : null}

      {actionData?.conflict ? (
        <div className="toast toast-error" role="alert">
          <strong>{t('actions.conflictTitle')}</strong> {actionData.conflict}
        </div>
      ) : null}

      <div className="order-layout">
        <div className="order-main">
          <section aria-labelledby="order-parties-heading">
            <h2 id="order-parties-heading" className="visually-hidden">
              {t('detail.parties')}
            </h2>
            <div className="order-parties">
              <Party heading={t('detail.buyer')} party={order.buyer} />
              <Party heading={t('detail.producer')} party={order.producer} />
            </div>
          </section>

          <section aria-labelledby="order-delivery-heading">
            <h2 id="order-delivery-heading">{t('detail.delivery')}</h2>
            <dl className="order-facts">
              <dt>{t('detail.deliveryAddress')}</dt>
              <dd>
                <address>
                  {address.label ? <strong>{address.label}</strong> : null}
                  {address.label ? <br /> : null}
                  {address.addressLine}
                  {address.commune ? `, ${address.commune}` : ''}
                  {address.province ? `, ${address.province}` : ''}
                  {address.recipientName ? (
                    <>
                      <br />
                      {t('detail.recipient', { name: address.recipientName })}
                    </>
                  ) : null}
                  {address.phone ? (
                    <>
                      <br />
                      {t('detail.phone', { phone: address.phone })}
                    </>
                  ) : null}
                </address>
              </dd>
              <dt>{t('detail.requestedDate')}</dt>
              <dd>{day(order.requestedDeliveryDate)}</dd>
              <dt>{t('detail.confirmedDate')}</dt>
              <dd>{day(order.deliveryDate)}</dd>
              {order.carrier ? (
                <>
                  <dt>{t('detail.carrier')}</dt>
                  <dd>{order.carrier}</dd>
                  <dt>{t('detail.trackingNumber')}</dt>
                  <dd>
                    <strong className="order-copyable">{order.trackingNumber}</strong>
                  </dd>
                </>
              ) : null}
            </dl>
          </section>

          <section aria-labelledby="order-lines-heading">
            <h2 id="order-lines-heading">{t('detail.lines')}</h2>
            <div className="table-wrap order-lines">
              <table>
                <caption className="visually-hidden">{t('detail.linesCaption', { number: order.number })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('detail.colProduct')}</th>
                    <th scope="col">{t('detail.colQuantity')}</th>
                    <th scope="col">{t('detail.colUnitPrice')}</th>
                    <th scope="col">{t('detail.colVatRate')}</th>
                    <th scope="col">{t('detail.colLineTotal')}</th>
                    <th scope="col">{t('detail.colVat')}</th>
                  </tr>
                </thead>
                <tbody>
                  {order.items.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">
                        <Link to={`/${lang}/p/${i.productSlug}`}>{i.name}</Link>
                        <span className="meta order-line-meta">
                          {t('detail.sku', { sku: i.sku })} · {i.packSize}
                        </span>
                      </th>
                      <td data-label={t('detail.colQuantity')}>
                        {t('detail.quantity', { quantity: formatNumber(i.quantity, lang), unit: t(`catalog:unit.${i.unit}`) })}
                        {i.quantity !== i.orderedQuantity ? (
                          <span className="meta order-line-meta">
                            {t('detail.orderedQuantity', { quantity: formatNumber(i.orderedQuantity, lang), confirmed: formatNumber(i.quantity, lang) })}
                          </span>
                        ) : null}
                      </td>
                      <td data-label={t('detail.colUnitPrice')} className="order-money">
                        {vnd(i.unitPriceVnd)}
                      </td>
                      <td data-label={t('detail.colVatRate')}>{t(`vat.${i.vatRate}`)}</td>
                      <td data-label={t('detail.colLineTotal')} className="order-money">
                        {vnd(i.lineTotalVnd)}
                      </td>
                      <td data-label={t('detail.colVat')} className="order-money">
                        {vnd(i.vatAmountVnd)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3 className="visually-hidden">{t('detail.totals')}</h3>
            <dl className="order-totals">
              <dt>{t('detail.subtotal')}</dt>
              <dd>{vnd(order.subtotalVnd)}</dd>
              <dt>{t('detail.vatTotal')}</dt>
              <dd>{vnd(order.vatTotalVnd)}</dd>
              <dt>{t('detail.shippingFee')}</dt>
              <dd>{order.status === 'PLACED' || order.status === 'PENDING_APPROVAL' ? <span className="meta">{t('detail.shippingFeePending')}</span> : vnd(order.shippingFeeVnd)}</dd>
              <dt className="order-total">{t('detail.total')}</dt>
              <dd className="order-total">{vnd(order.totalVnd)}</dd>
            </dl>
          </section>
        </div>

        <div className="order-aside">
          {approval ? (
            <OrderApprovalBox
              orderId={approval.orderId}
              number={order.number}
              status={order.status}
              approval={approval.facts}
              canDecide={approval.canDecide}
              isPlacer={approval.isPlacer}
              queueUrl={approval.queueUrl}
              actionData={approvalData}
            />
          ) : null}
          <OrderPaymentBox
            side={side}
            status={order.status}
            paymentStatus={order.paymentStatus}
            paymentMethod={order.paymentMethod}
            reference={order.paymentReference}
            totalVnd={order.totalVnd}
            amountReceivedVnd={order.amountReceivedVnd}
            excessRefundedVnd={order.excessRefundedVnd}
            excessReturnedAt={excessReturnedAt(order.events)}
            bank={bank}
            card={card ? { data: card, action: `${docs}/card`, canPay: canUpdate } : null}
          />
          <OrderTerms
            side={side}
            paymentMethod={order.paymentMethod}
            paymentStatus={order.paymentStatus}
            paymentTermDays={order.paymentTermDays}
            paymentDueDate={order.paymentDueDate}
            overdue={order.overdue}
          />

          <section aria-labelledby="order-actions-heading">
            <h2 id="order-actions-heading">{t('actions.heading')}</h2>
            {!canUpdate ? (
              <p className="hint">{t('actions.readOnly')}</p>
            ) : allowed.length === 0 ? (
              <p className="hint">{approval?.canDecide ? t('approvals:box.decideAbove') : t('actions.noneOpen')}</p>
            ) : (
              <OrderActionForms
                status={order.status}
                allowed={allowed}
                items={order.items}
                paymentStatus={order.paymentStatus}
                amountReceived={order.amountReceivedVnd !== '0'}
                defaultDeliveryDate={defaultDeliveryDate}
                today={today}
                actionData={actionData && 'intent' in actionData ? actionData : undefined}
              />
            )}
          </section>

          {canReorder ? <ReorderForm /> : null}

          <section aria-labelledby="order-documents-heading">
            <h2 id="order-documents-heading">{t('detail.documents')}</h2>
            <p className="hint">{t('detail.documentsHint')}</p>
            <ul className="order-documents">
              <li>
                <a href={`${docs}/confirmation`}>{t('detail.confirmation')}</a>
              </li>
              <li>
                <a href={`${docs}/proforma`}>{t('detail.proforma')}</a>
              </li>
              {side === 'producer' ? (
                <li>
                  <a href={`${docs}/packing-slip`}>{t('detail.packingSlip')}</a>
                </li>
              ) : null}
              <li>
                <a href={`${docs}/export.csv`} download>
                  {t('detail.exportCsv')}
                </a>
              </li>
              <li>
                <a href={`${docs}/export.json`} download>
                  {t('detail.exportJson')}
                </a>
              </li>
            </ul>
          </section>
        </div>
      </div>

      <section aria-labelledby="order-history-heading">
        <h2 id="order-history-heading">{t('timeline.heading')}</h2>
        <OrderTimeline events={order.events} />
      </section>
    </article>
  )
}
