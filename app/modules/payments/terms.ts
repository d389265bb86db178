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

/** An invoice is overdue from the day after its due date (Vietnam's date) until it is paid. */
export function isOverdue(order: { paymentStatus: PaymentStatus; paymentDueDate: Date | string | null }, now = new Date()): boolean {
  if (order.paymentStatus !== 'INVOICED' || !order.paymentDueDate) return false
  const due = typeof order.paymentDueDate === 'string' ? order.paymentDueDate.slice(0, 10) : order.paymentDueDate.toISOString().slice(0, 10)
  return todayInHcm(now) > due
}
