import type { CertificationType } from '~/generated/prisma/enums'

// Browser-safe, without zod (public pages load it). Certificate dates are calendar dates ('YYYY-MM-DD';
// stored as @db.Date, which Prisma reads as UTC midnight). A mark stops showing from 00:00
// Asia/Ho_Chi_Minh (UTC+7, no daylight saving) on its expiry date, wherever the server runs.

const HCM_OFFSET = '+07:00'

/** The calendar date of a stored date or an ISO string: '2026-05-01'. */
export function toDateOnly(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10)
}

/** Today's calendar date in Asia/Ho_Chi_Minh. */
export function todayInHcm(now = new Date()): string {
  return new Date(now.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10)
}

/** Whether 'YYYY-MM-DD' names a real calendar date. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/** A calendar date plus whole months; the 31st becomes the month's last day when the month is shorter. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const monthIndex = m - 1 + months
  const year = y + Math.floor(monthIndex / 12)
  const month = ((monthIndex % 12) + 12) % 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10)
}

/** OCOP certificates last 36 months from their issue date. */
export const OCOP_VALIDITY_MONTHS = 36

/** The instant a certificate expiring on `expiresAt` stops counting: 00:00 in Asia/Ho_Chi_Minh that day. */
export function expiryInstant(expiresAt: Date | string): Date {
  return new Date(`${toDateOnly(expiresAt)}T00:00:00${HCM_OFFSET}`)
}

/** False from 00:00 Asia/Ho_Chi_Minh on the expiry date; a certificate without an expiry date stays active. */
export function isCertificationActive(c: { expiresAt: Date | string | null }, now = new Date()): boolean {
  if (!c.expiresAt) return true
  return now.getTime() < expiryInstant(c.expiresAt).getTime()
}

export function activeCertifications<T extends { expiresAt: Date | string | null }>(list: T[], now = new Date()): T[] {
  return list.filter((c) => isCertificationActive(c, now))
}

export const certificationTypes = [
  'OCOP',
  'VIETGAP',
  'GLOBALGAP',
  'ORGANIC',
  'HACCP',
  'ISO_22000',
  'GEOGRAPHICAL_INDICATION',
  'HVNCLC',
] as const satisfies readonly CertificationType[]

/** Certification types in URLs, the API and CSV files. */
export const certificationSlug: Record<CertificationType, string> = {
  OCOP: 'ocop',
  VIETGAP: 'vietgap',
  GLOBALGAP: 'globalgap',
  ORGANIC: 'organic',
  HACCP: 'haccp',
  ISO_22000: 'iso-22000',
  GEOGRAPHICAL_INDICATION: 'geographical-indication',
  HVNCLC: 'hvnclc',
}
export const certificationFromSlug: Record<string, CertificationType> = Object.fromEntries(
  Object.entries(certificationSlug).map(([type, slug]) => [slug, type as CertificationType]),
)
