// The forms that move an order along, shown on the order page only to members allowed to change orders and
// only for the transitions order-rules.ts allows from the current status and side:
// producer: confirm (quantities, shipping fee, delivery date), reject (reason), ship (carrier, tracking);
// buyer: cancel (reason), confirm delivery. Each is a plain POST form with the CSRF token and an `intent`,
// so it works without JavaScript. The server (routes/orders/order.tsx) validates and answers with a Conform
// reply whose errors are already translated sentences, and which keeps what was typed.
import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { createContext, useContext, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CsrfInput } from '~/components/forms'
import type { OrderStatus, PaymentStatus, SaleUnit } from '~/generated/prisma/enums'
import { formatNumber } from '~/utils/format'
import { useLang } from '~/utils/use-lang'

export const orderIntents = ['confirm', 'reject', 'ship', 'cancel', 'deliver'] as const
export type OrderIntent = (typeof orderIntents)[number]

/** The status each form's intent moves the order to. */
export const statusOfIntent: Record<OrderIntent, OrderStatus> = {
  confirm: 'CONFIRMED',
  reject: 'REJECTED',
  ship: 'SHIPPED',
  cancel: 'CANCELLED',
  deliver: 'DELIVERED',
}

/** What the action answers when it did not move the order (a redirect otherwise). */
export type OrderActionData = { intent: OrderIntent; result?: SubmissionResult<string[]>; conflict?: string }

export type ActionFormItem = { id: string; name: string; sku: string; unit: SaleUnit; quantity: number }

/** Translated messages (the server translated them) under a field or a form. */
function Messages({ id, messages }: { id?: string; messages?: string[] | null }) {
  if (!messages?.length) return null
  return (
    <ul id={id} className="field-errors" role="alert">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  )
}

type FieldShell = { label: string; hint?: string; field: FieldMetadata<string | undefined> | FieldMetadata<string>; children: ReactNode }

/** Label, control, hint and messages of one field; the control comes from Conform's getInputProps. */
function Shell({ label, hint, field, children }: FieldShell) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {children}
      {hint ? (
        <p id={field.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      <Messages id={field.errorId} messages={field.errors} />
    </div>
  )
}

function useBusy(intent: OrderIntent) {
  const navigation = useNavigation()
  return navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
}

/** The order's status as this page shows it: sent with each form, so a step made on a stale page is refused. */
const ShownStatus = createContext<OrderStatus | null>(null)

function Hidden({ intent }: { intent: OrderIntent }) {
  const status = useContext(ShownStatus)
  return (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {status ? <input type="hidden" name="status" value={status} /> : null}
    </>
  )
}

const resultFor = (actionData: OrderActionData | undefined, intent: OrderIntent) => (actionData?.intent === intent ? actionData.result : undefined)

type ConfirmValues = { items: { id: string; quantity: string }[]; shippingFee: string; deliveryDate: string; note: string }

function ConfirmForm({ items, defaultDeliveryDate, today, actionData }: { items: ActionFormItem[]; defaultDeliveryDate: string; today: string; actionData?: OrderActionData }) {
  const { t } = useTranslation('orders')
  const lang = useLang()
  const busy = useBusy('confirm')
  const [form, fields] = useForm<ConfirmValues>({
    id: 'order-confirm',
    lastResult: resultFor(actionData, 'confirm'),
    defaultValue: { items: items.map((i) => ({ id: i.id, quantity: String(i.quantity) })), shippingFee: '0', deliveryDate: defaultDeliveryDate, note: '' },
    shouldValidate: 'onSubmit',
  })
  const lines = fields.items.getFieldList()
  return (
    <section className="order-action card" aria-labelledby="order-confirm-heading">
      <h3 id="order-confirm-heading">{t('actions.confirm.heading')}</h3>
      <p className="hint">{t('actions.confirm.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <Hidden intent="confirm" />
        <Messages id={form.errorId} messages={form.errors} />
        <fieldset className="order-quantities">
          <legend>{t('actions.confirm.quantities')}</legend>
          <p className="hint">{t('actions.confirm.quantitiesHint')}</p>
          {lines.map((line, index) => {
            const item = items[index]
            const { id, quantity } = line.getFieldset()
            if (!item) return null
            return (
              <Shell
                key={line.key}
                field={quantity}
                label={t('actions.confirm.quantityLabel', { name: item.name, sku: item.sku, ordered: formatNumber(item.quantity, lang), unit: t(`catalog:unit.${item.unit}`) })}
              >
                <input {...getInputProps(id, { type: 'hidden' })} />
                <input {...getInputProps(quantity, { type: 'text' })} inputMode="numeric" autoComplete="off" required className="order-quantity-input" />
              </Shell>
            )
          })}
        </fieldset>
        <Shell field={fields.shippingFee} label={t('actions.confirm.shippingFee')} hint={t('actions.confirm.shippingFeeHint')}>
          <input {...getInputProps(fields.shippingFee, { type: 'text', ariaDescribedBy: fields.shippingFee.descriptionId })} inputMode="numeric" autoComplete="off" />
        </Shell>
        <Shell field={fields.deliveryDate} label={t('actions.confirm.deliveryDate')} hint={t('actions.confirm.deliveryDateHint')}>
          <input {...getInputProps(fields.deliveryDate, { type: 'date', ariaDescribedBy: fields.deliveryDate.descriptionId })} min={today} required />
        </Shell>
        <Shell field={fields.note} label={t('actions.confirm.note')}>
          <textarea {...getTextareaProps(fields.note)} rows={2} maxLength={1000} />
        </Shell>
        <button type="submit" className="button" disabled={busy}>
          {t('actions.confirm.submit')}
        </button>
      </Form>
    </section>
  )
}

/** Reject (producer) and cancel (buyer): a reason the other party reads. Folded away until opened. */
function ReasonForm({ intent, intro, actionData }: { intent: 'reject' | 'cancel'; intro?: string; actionData?: OrderActionData }) {
  const { t } = useTranslation('orders')
  const busy = useBusy(intent)
  const lastResult = resultFor(actionData, intent)
  const [form, fields] = useForm<{ note: string }>({ id: `order-${intent}`, lastResult, defaultValue: { note: '' }, shouldValidate: 'onSubmit' })
  // Withdrawing an order that still waits for approval: the producer never saw it, and is not told.
  const shown = useContext(ShownStatus)
  const withdrawing = intent === 'cancel' && shown === 'PENDING_APPROVAL'
  return (
    <details className="order-action card" open={lastResult ? true : undefined}>
      <summary>
        <h3>{t(`actions.${intent}.heading`)}</h3>
      </summary>
      <p className="hint">{t(withdrawing ? 'actions.cancel.pendingIntro' : `actions.${intent}.intro`)}</p>
      {intro ? <p className="hint">{intro}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <Hidden intent={intent} />
        <Messages id={form.errorId} messages={form.errors} />
        <Shell field={fields.note} label={t(`actions.${intent}.reason`)} hint={t(`actions.${intent}.reasonHint`)}>
          <textarea {...getTextareaProps(fields.note, { ariaDescribedBy: fields.note.descriptionId })} rows={3} maxLength={1000} required />
        </Shell>
        <button type="submit" className="button button-danger" disabled={busy}>
          {t(`actions.${intent}.submit`)}
        </button>
      </Form>
    </details>
  )
}

type ShipValues = { carrier: string; trackingNumber: string; shipBeforePayment: string; note: string }

function ShipForm({ unpaid, actionData }: { unpaid: boolean; actionData?: OrderActionData }) {
  const { t } = useTranslation('orders')
  const busy = useBusy('ship')
  const [form, fields] = useForm<ShipValues>({ id: 'order-ship', lastResult: resultFor(actionData, 'ship'), shouldValidate: 'onSubmit' })
  return (
    <section className="order-action card" aria-labelledby="order-ship-heading">
      <h3 id="order-ship-heading">{t('actions.ship.heading')}</h3>
      <p className="hint">{t('actions.ship.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <Hidden intent="ship" />
        <Messages id={form.errorId} messages={form.errors} />
        <Shell field={fields.carrier} label={t('actions.ship.carrier')} hint={t('actions.ship.carrierHint')}>
          <input {...getInputProps(fields.carrier, { type: 'text', ariaDescribedBy: fields.carrier.descriptionId })} maxLength={100} required />
        </Shell>
        <Shell field={fields.trackingNumber} label={t('actions.ship.trackingNumber')}>
          <input {...getInputProps(fields.trackingNumber, { type: 'text' })} maxLength={100} autoComplete="off" required />
        </Shell>
        {unpaid ? (
          <div className="field">
            <div className="choice">
              <input {...getInputProps(fields.shipBeforePayment, { type: 'checkbox', ariaDescribedBy: fields.shipBeforePayment.descriptionId })} />
              <label htmlFor={fields.shipBeforePayment.id}>{t('actions.ship.shipBeforePayment')}</label>
              <p id={fields.shipBeforePayment.descriptionId} className="hint">
                {t('actions.ship.shipBeforePaymentHint')}
              </p>
            </div>
            <Messages id={fields.shipBeforePayment.errorId} messages={fields.shipBeforePayment.errors} />
          </div>
        ) : null}
        <Shell field={fields.note} label={t('actions.ship.note')}>
          <textarea {...getTextareaProps(fields.note)} rows={2} maxLength={1000} />
        </Shell>
        <button type="submit" className="button" disabled={busy}>
          {t('actions.ship.submit')}
        </button>
      </Form>
    </section>
  )
}

function DeliverForm({ actionData }: { actionData?: OrderActionData }) {
  const { t } = useTranslation('orders')
  const busy = useBusy('deliver')
  const [form, fields] = useForm<{ note: string }>({ id: 'order-deliver', lastResult: resultFor(actionData, 'deliver'), shouldValidate: 'onSubmit' })
  return (
    <section className="order-action card" aria-labelledby="order-deliver-heading">
      <h3 id="order-deliver-heading">{t('actions.deliver.heading')}</h3>
      <p className="hint">{t('actions.deliver.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <Hidden intent="deliver" />
        <Messages id={form.errorId} messages={form.errors} />
        <Shell field={fields.note} label={t('actions.deliver.note')}>
          <textarea {...getTextareaProps(fields.note)} rows={2} maxLength={1000} />
        </Shell>
        <button type="submit" className="button" disabled={busy}>
          {t('actions.deliver.submit')}
        </button>
      </Form>
    </section>
  )
}

export type OrderActionFormsProps = {
  /** The order's status now, as the page shows it. */
  status: OrderStatus
  /** The statuses this member's side may move the order to now (nextStatuses). */
  allowed: OrderStatus[]
  items: ActionFormItem[]
  paymentStatus: PaymentStatus
  amountReceived: boolean
  defaultDeliveryDate: string
  today: string
  actionData?: OrderActionData
}

/** Every form the member may use on the order now, the main step first. */
export function OrderActionForms({ status, allowed, items, paymentStatus, amountReceived, defaultDeliveryDate, today, actionData }: OrderActionFormsProps) {
  const { t } = useTranslation('orders')
  const may = (to: OrderStatus) => allowed.includes(to)
  const cancelIntro = paymentStatus === 'PAID' || amountReceived ? t('actions.cancel.paidIntro') : undefined
  return (
    <ShownStatus.Provider value={status}>
      <div className="order-actions">
        {may('CONFIRMED') ? <ConfirmForm items={items} defaultDeliveryDate={defaultDeliveryDate} today={today} actionData={actionData} /> : null}
        {may('SHIPPED') ? <ShipForm unpaid={paymentStatus !== 'PAID' && paymentStatus !== 'INVOICED'} actionData={actionData} /> : null}
        {may('DELIVERED') ? <DeliverForm actionData={actionData} /> : null}
        {may('REJECTED') ? <ReasonForm intent="reject" actionData={actionData} /> : null}
        {may('CANCELLED') ? <ReasonForm intent="cancel" intro={cancelIntro} actionData={actionData} /> : null}
      </div>
    </ShownStatus.Provider>
  )
}
