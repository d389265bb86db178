// Approving the orders that wait above a spending limit (PENDING_APPROVAL): the approve and reject forms an
// approver gets in the approval queue (routes/orders/approvals.tsx) and on the order page (routes/orders/
// order.tsx), and the box on the order page that tells why an order waits or who decided. Both routes' actions
// run decideApproval (modules/orders/approvals.server.ts), which acts with the actor kind 'approver': the
// routes allow it only to a member of the buyer with 'approve:order:own'.
import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ApprovalReason, OrderStatus } from '~/generated/prisma/enums'
import type { ApprovalActionData, ApprovalDecision } from '~/modules/orders/approvals.server'
import { ORDER_TRANSITION_LIMITS } from '~/modules/orders/order-rules'
import { formatDateTime, formatVnd } from '~/utils/format'
import { useLang } from '~/utils/use-lang'
import { CsrfInput } from './forms'

// ---------------------------------------------------------------------------------------------------------
// Pieces of the pages

/** "Above the purchaser's limit per order: 50.000.000 ₫". */
export function ApprovalBecause({ because, limitVnd }: { because: ApprovalReason; limitVnd: string | null }) {
  const { t } = useTranslation('approvals')
  const lang = useLang()
  return <>{t(`because.${because}`, { limit: formatVnd(BigInt(limitVnd ?? '0'), lang) })}</>
}

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

function useBusy(decision: ApprovalDecision, orderId: string) {
  const navigation = useNavigation()
  const sent = navigation.state === 'submitting' ? navigation.formData : null
  return sent?.get('intent') === decision && sent.get('orderId') === orderId
}

const resultFor = (actionData: ApprovalActionData | undefined, decision: ApprovalDecision, orderId: string) =>
  actionData?.decision === decision && actionData.orderId === orderId ? actionData.result : undefined

type DecisionFormsProps = { orderId: string; number: string; actionData?: ApprovalActionData }

/** Approve (one button) and reject (a reason the purchaser reads, folded until opened): plain POST forms. */
export function ApprovalDecisionForms({ orderId, number, actionData }: DecisionFormsProps) {
  const { t } = useTranslation('approvals')
  const approving = useBusy('approve', orderId)
  const rejecting = useBusy('rejectApproval', orderId)
  const approveResult = resultFor(actionData, 'approve', orderId)
  const rejectResult = resultFor(actionData, 'rejectApproval', orderId)
  const [approveForm] = useForm({ id: `approve-${orderId}`, lastResult: approveResult, shouldValidate: 'onSubmit' })
  const [rejectForm, fields] = useForm<{ note: string }>({ id: `reject-approval-${orderId}`, lastResult: rejectResult, defaultValue: { note: '' }, shouldValidate: 'onSubmit' })
  return (
    <div className="order-actions">
      <Form method="post" {...getFormProps(approveForm)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="approve" />
        <input type="hidden" name="orderId" value={orderId} />
        <Messages id={approveForm.errorId} messages={approveForm.errors} />
        <button type="submit" className="button" disabled={approving} aria-label={t('approve.submitLabel', { number })}>
          {t('approve.submit')}
        </button>
        <p className="hint">{t('approve.hint')}</p>
      </Form>
      <details className="order-action card" open={rejectResult ? true : undefined}>
        <summary>
          <h3>{t('reject.heading')}</h3>
        </summary>
        <p className="hint">{t('reject.intro')}</p>
        <Form method="post" {...getFormProps(rejectForm)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="rejectApproval" />
          <input type="hidden" name="orderId" value={orderId} />
          <Messages id={rejectForm.errorId} messages={rejectForm.errors} />
          <div className="field">
            <label htmlFor={fields.note.id}>{t('reject.reason')}</label>
            <textarea {...getTextareaProps(fields.note, { ariaDescribedBy: fields.note.descriptionId })} rows={3} maxLength={ORDER_TRANSITION_LIMITS.noteMax} required />
            <p id={fields.note.descriptionId} className="hint">
              {t('reject.reasonHint')}
            </p>
            <Messages id={fields.note.errorId} messages={fields.note.errors} />
          </div>
          <button type="submit" className="button button-danger" disabled={rejecting} aria-label={t('reject.submitLabel', { number })}>
            {t('reject.submit')}
          </button>
        </Form>
      </details>
    </div>
  )
}

/** The approval facts of an order, as the order page's loader sends them. */
export type OrderApproval = {
  requiredBecause: ApprovalReason
  limitVnd: string | null
  decidedByName: string | null
  decidedAt: string | null
  reason: string | null
}

type BoxProps = {
  orderId: string
  number: string
  status: OrderStatus
  approval: OrderApproval
  /** This member may approve (and did not place the order). */
  canDecide: boolean
  /** This member placed the order. */
  isPlacer: boolean
  queueUrl: string | null
  actionData?: ApprovalActionData
}

/**
 * The order page's approval box, for an order that had to wait for approval: why it waits and, for an
 * approver who did not place it, the decision forms; once decided, who decided, when, and why it was refused.
 */
export function OrderApprovalBox({ orderId, number, status, approval, canDecide, isPlacer, queueUrl, actionData }: BoxProps) {
  const { t } = useTranslation('approvals')
  const lang = useLang()
  const waiting = status === 'PENDING_APPROVAL'
  const decided = approval.decidedAt !== null
  const refused = decided && approval.reason !== null
  return (
    <section className="card order-payment" aria-labelledby="order-approval-heading">
      <h2 id="order-approval-heading">{t('box.heading')}</h2>
      <dl className="order-facts">
        <dt>{t('box.why')}</dt>
        <dd>
          <ApprovalBecause because={approval.requiredBecause} limitVnd={approval.limitVnd} />
        </dd>
      </dl>
      {waiting ? (
        <>
          <p>{t('box.waiting')}</p>
          {isPlacer ? <p className="hint">{t('box.waitingPlacer')}</p> : null}
          {canDecide ? (
            <ApprovalDecisionForms orderId={orderId} number={number} actionData={actionData} />
          ) : isPlacer ? null : (
            <p className="hint">{t('box.waitingNoRights')}</p>
          )}
          {queueUrl ? (
            <p className="meta">
              <Link to={queueUrl}>{t('box.queueLink')}</Link>
            </p>
          ) : null}
        </>
      ) : decided ? (
        <>
          <p>{t(refused ? 'box.rejected' : 'box.approved', { name: approval.decidedByName ?? '', date: formatDateTime(approval.decidedAt!, lang) })}</p>
          {refused ? (
            <dl className="order-facts">
              <dt>{t('box.rejectReason')}</dt>
              <dd className="order-event-note">{approval.reason}</dd>
            </dl>
          ) : null}
        </>
      ) : status === 'CANCELLED' ? (
        <p>{t('box.withdrawn')}</p>
      ) : null}
    </section>
  )
}
