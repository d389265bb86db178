// Approvals in the web app: the orders of a buyer that wait above a spending limit (PENDING_APPROVAL, see
// place-orders.server.ts) for the approval queue and the header's count, and an approver's decision posted
// from the queue or the order page (the forms: components/order-approval.tsx). The API's decisions are in
// modules/api/order-approvals.server.ts; both end in transitionOrder with the actor kind 'approver'.
import { parseWithZod } from '@conform-to/zod'
import type { SubmissionResult } from '@conform-to/react'
import type { TFunction } from 'i18next'
import { z } from 'zod'
import type { OrderStatus } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import { ORDER_TRANSITION_LIMITS } from './order-rules'
import { transitionOrder } from './transitions.server'

/** The two decisions (form intents): let the order through to the producer, or refuse it with a reason. */
export const approvalDecisions = ['approve', 'rejectApproval'] as const
export type ApprovalDecision = (typeof approvalDecisions)[number]

export const isApprovalDecision = (value: string): value is ApprovalDecision => (approvalDecisions as readonly string[]).includes(value)

/** The status each decision moves a PENDING_APPROVAL order to. */
const statusOfDecision: Record<ApprovalDecision, OrderStatus> = { approve: 'PLACED', rejectApproval: 'CANCELLED' }

/** The decision forms' input; messages are errors:order.* keys. The order is named by the URL or a hidden orderId. */
const decisionSchemas = {
  approve: z.object({ orderId: z.string().optional() }),
  rejectApproval: z.object({
    orderId: z.string().optional(),
    note: z
      .string({ required_error: 'order.reason.required' })
      .trim()
      .min(1, 'order.reason.required')
      .max(ORDER_TRANSITION_LIMITS.noteMax, 'order.note.tooLong'),
  }),
} as const

/** What an action answers when a decision was not made (a redirect otherwise). */
export type ApprovalActionData = { decision: ApprovalDecision; orderId: string; result?: SubmissionResult<string[]>; conflict?: string }

const waiting = (buyerId: string) => ({ buyerId, status: 'PENDING_APPROVAL' as const })

/** How many of the buyer's orders wait for approval (one indexed count, for the header). */
export function countOrdersAwaitingApproval(buyerId: string) {
  return prisma.order.count({ where: waiting(buyerId) })
}

/** The buyer's orders waiting for approval, oldest first (they have waited longest), with who placed each and why it waits. */
export async function listOrdersAwaitingApproval(buyerId: string, limit: number) {
  const [orders, total] = await Promise.all([
    prisma.order.findMany({
      where: waiting(buyerId),
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
      select: {
        id: true,
        number: true,
        createdAt: true,
        totalVnd: true,
        placedByUserId: true,
        approvalRequiredBecause: true,
        approvalLimitVnd: true,
        producer: { select: { displayName: true } },
        // Who placed it (a member or an API key), as its history names them.
        events: { where: { fromStatus: null }, orderBy: { at: 'asc' }, take: 1, select: { actorName: true } },
        _count: { select: { items: true } },
      },
    }),
    countOrdersAwaitingApproval(buyerId),
  ])
  return {
    total,
    orders: orders.map(({ events, _count, ...o }) => ({ ...o, placedBy: events[0]?.actorName ?? '', lines: _count.items })),
  }
}

/** One of the buyer's orders by id (any status): what a decision posted from the queue is about. */
export function findBuyerOrder(buyerId: string, orderId: string) {
  return prisma.order.findFirst({ where: { id: orderId, buyerId }, select: { id: true, number: true, status: true } })
}

/** "The order is Placed, so it cannot move to Cancelled", in the page's language. */
const conflictMessage = (t: TFunction, from: OrderStatus, to: OrderStatus) =>
  t('errors:order.invalidTransition', { from: t(`orders:status.${from}`), to: t(`orders:status.${to}`) })

/** Conform's reply with its error keys turned into sentences of the page's language. */
function translateReply(reply: SubmissionResult<string[]>, t: TFunction): SubmissionResult<string[]> {
  if (!reply.error) return reply
  const error = Object.fromEntries(Object.entries(reply.error).map(([name, keys]) => [name, keys?.map((key) => t(`errors:${key}`, { defaultValue: t('errors:invalid') })) ?? null]))
  return { ...reply, error }
}

export type DecisionInput = {
  decision: ApprovalDecision
  formData: FormData
  /** The order as the route found it among the buyer's orders. */
  order: { id: string; status: OrderStatus }
  /** The approving member: the route has checked 'approve:order:own' and that the organisation is the buyer. */
  actor: { organizationId: string; userId: string; name: string }
  t: TFunction
}

export type DecisionOutcome = { status: 'done' } | { status: 404 } | { status: 400 | 403 | 409; body: ApprovalActionData }

/**
 * An approver's decision from a posted form. The approver's kind is used only for an order that waits; an
 * order already decided or withdrawn answers 409 with the statuses. Refusals: 400 for the reason (translated,
 * what was typed kept), 403 for an order the approver placed (order.approval.ownOrder), 404 when the order is
 * not the organisation's.
 */
export async function decideApproval({ decision, formData, order, actor, t }: DecisionInput): Promise<DecisionOutcome> {
  const base = { decision, orderId: order.id }
  const to = statusOfDecision[decision]
  const submission = parseWithZod(formData, { schema: decisionSchemas[decision] })
  if (submission.status !== 'success') return { status: 400, body: { ...base, result: translateReply(submission.reply(), t) } }
  if (order.status !== 'PENDING_APPROVAL') return { status: 409, body: { ...base, conflict: conflictMessage(t, order.status, to) } }
  const note = 'note' in submission.value ? submission.value.note : undefined
  const result = await transitionOrder({ orderId: order.id, to, note, actor: { kind: 'approver', ...actor } })
  if (result.ok) return { status: 'done' }
  switch (result.error) {
    case 'order.notFound':
      return { status: 404 }
    case 'order.invalidTransition':
      // Another approver decided, or the purchaser withdrew it, since the page was read.
      return { status: 409, body: { ...base, conflict: conflictMessage(t, result.from, result.to) } }
    case 'order.approval.ownOrder':
    case 'order.forbidden':
      return { status: 403, body: { ...base, result: submission.reply({ formErrors: [t(`errors:${result.error}`)] }) } }
    case 'order.reason.required':
    case 'order.note.tooLong':
      return { status: 400, body: { ...base, result: submission.reply({ fieldErrors: { note: [t(`errors:${result.error}`)] } }) } }
    default:
      return { status: 400, body: { ...base, result: submission.reply({ formErrors: [t(`errors:${result.error}`, { defaultValue: t('errors:invalid') })] }) } }
  }
}
