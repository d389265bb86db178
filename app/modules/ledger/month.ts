// Browser-safe helpers for the ledger's months and rates. A month is 'YYYY-MM' in Vietnam's calendar
// (Asia/Ho_Chi_Minh, UTC+7 all year): a row belongs to the month of its time as seen in Vietnam.
import { intlLocale, type Language } from '~/utils/i18n'

const HCM_OFFSET_MS = 7 * 60 * 60 * 1000

/** 'YYYY-MM' with a real month (2000–2999), or null. */
export function parseMonth(value: string | null | undefined): string | null {
  if (!value || !/^2\d{3}-(0[1-9]|1[0-2])$/.test(value)) return null
  return value
}

/** The month (Vietnam's) of an instant. */
export const monthOf = (at: Date) => new Date(at.getTime() + HCM_OFFSET_MS).toISOString().slice(0, 7)

/** The month after or before `month`. */
export function addMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + delta, 1))
  return d.toISOString().slice(0, 7)
}

/** The instants a month starts and ends (exclusive): 00:00 in Vietnam on the 1st, as UTC. */
export function monthBounds(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number)
  return { start: new Date(Date.UTC(y, m - 1, 1) - HCM_OFFSET_MS), end: new Date(Date.UTC(y, m, 1) - HCM_OFFSET_MS) }
}

/** Months from `first` to `last`, newest first (for a month picker). */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = []
  for (let m = last; m >= first; m = addMonth(m, -1)) months.push(m)
  return months
}

/** "tháng 11 năm 2026" / "November 2026". */
export function formatMonth(month: string, lang: Language) {
  const [y, m] = month.split('-').map(Number)
  return new Intl.DateTimeFormat(intlLocale[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)))
}

/** A rate in basis points as a percentage: 50 → "0,5 %" (vi) / "0.5%" (en). */
export function formatRate(basisPoints: number, lang: Language) {
  return new Intl.NumberFormat(intlLocale[lang], { style: 'percent', maximumFractionDigits: 2 }).format(basisPoints / 10_000)
}

/**
 * A percentage as typed by an operator ("1", "0,5", "1.25", "2 %") → basis points, or null when it is not a
 * number from 0 to 100 with at most two decimals.
 */
export function parsePercent(text: string): number | null {
  const cleaned = text.trim().replace(/\s*%$/, '').replace(',', '.')
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(cleaned)) return null
  const [whole, fraction = ''] = cleaned.split('.')
  const basisPoints = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  return basisPoints <= 10_000 ? basisPoints : null
}
