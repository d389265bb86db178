// Browser-safe: an organisation's contact phone may be a mobile or a landline (many cooperatives and
// district offices answer a fixed line).
import { formatPhone, normalizePhone } from '../accounts/identifier'

// Landlines since 2017: 0 + area code starting with 2 (024 Hà Nội and 028 TP. Hồ Chí Minh, three digits
// elsewhere, e.g. 0203 Quảng Ninh) + subscriber number, 10–11 digits in all. We check that shape only,
// not the list of area codes, which changes when provinces merge.
const LANDLINE_NATIONAL = /^2\d{8,9}$/

/** A mobile or landline number in E.164 (+84…), or null. Accepts 0…, +84…, spaces, dots, dashes, brackets. */
export function normalizeOrgPhone(input: string): string | null {
  const mobile = normalizePhone(input)
  if (mobile) return mobile
  const digits = input.replace(/[\s.\-()]/g, '')
  const national = digits.startsWith('+84') ? digits.slice(3) : digits.startsWith('0') ? digits.slice(1) : null
  return national && LANDLINE_NATIONAL.test(national) ? `+84${national}` : null
}

/** For display: +842433334444 → 024 3333 4444; +842033123456 → 0203 312 3456; mobiles as 0912 345 678. */
export function formatOrgPhone(e164: string) {
  if (!e164.startsWith('+842')) return e164.startsWith('+84') ? formatPhone(e164) : e164
  const national = `0${e164.slice(3)}`
  const twoDigitArea = /^02[48]/.test(national)
  const areaEnd = twoDigitArea ? 3 : 4
  const rest = national.slice(areaEnd)
  return `${national.slice(0, areaEnd)} ${rest.slice(0, rest.length - 4)} ${rest.slice(-4)}`
}
