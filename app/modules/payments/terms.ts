// Browser-safe: net terms (pay 30 or 60 days after confirmation) and when an invoice is overdue.
import type { PaymentStatus } from '~/generated/prisma/enums'
import { todayInHcm } from '../catalog/certifications'

/** The terms an operator may give a buyer, in days after confirmation. */
export const NET_TERMS_DAYS = [30, 60] as const
export type NetTermsDays = (typeof NET_TERMS_DAYS)[number]

export const isNetTermsDays = (value: unknown): value is NetTermsDays => NET_TERMS_DAYS.includes(value as NetTermsDays)

const DAY_MS = 24 * 60 * 60 * 1000

/** The due date (YYYY-MM-DD): the confirmation's date in Asia/Ho_Chi_Minh plus the term. */
export function paymentDueDate(confirmedAt: Date, termDays: number): string {
  const confirmedOn = todayInHcm(confirmedAt)
  return new Date(Date.parse(`${confirmedOn}T00:00:00Z`) + termDays * DAY_MS).toISOString().slice(0, 10)
}

type Invoice = { paymentStatus: PaymentStatus; paymentDueDate: Date | string | null }

const dueDateOf = (order: Invoice) =>
  !order.paymentDueDate ? null : typeof order.paymentDueDate === 'string' ? order.paymentDueDate.slice(0, 10) : order.paymentDueDate.toISOString().slice(0, 10)

/** An invoice is overdue from the day after its due date (Vietnam's date) until it is paid. */
export function isOverdue(order: Invoice, now = new Date()): boolean {
  const due = dueDateOf(order)
  return order.paymentStatus === 'INVOICED' && due !== null && todayInHcm(now) > due
}

/** Whole days past the due date (Vietnam's date): 1 on the day after it; 0 when the invoice is not overdue. */
export function daysOverdue(order: Invoice, now = new Date()): number {
  const due = dueDateOf(order)
  if (!isOverdue(order, now) || due === null) return 0
  return Math.round((Date.parse(`${todayInHcm(now)}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / DAY_MS)
}

/** The largest credit limit an operator may set, 100 billion đồng: a guard against a mistyped amount, not a policy. */
export const CREDIT_LIMIT_MAX_VND = 100_000_000_000n

/** The operators' credit page: buyers per page, and the longest search. */
export const CREDIT_PAGE_SIZE = 20
export const CREDIT_QUERY_MAX = 100
