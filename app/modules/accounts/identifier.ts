// Browser-safe helpers shared by forms and the server.

/** A Vietnamese mobile number in E.164 (+84 and 9 digits), or null. Accepts 09…, +849…, 849…, spaces, dots, dashes. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s.\-()]/g, '')
  const national = digits.startsWith('+84') ? digits.slice(3) : digits.startsWith('84') && digits.length === 11 ? digits.slice(2) : digits.startsWith('0') ? digits.slice(1) : null
  if (!national || !/^[35789]\d{8}$/.test(national)) return null
  return `+84${national}`
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/

export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase()
  return email.length <= 254 && emailPattern.test(email) ? email : null
}

export type Identifier = { email: string; phone?: undefined } | { phone: string; email?: undefined }

/** An email address or a Vietnamese mobile number, whichever the text is. */
export function parseIdentifier(input: string): Identifier | null {
  const text = input.trim()
  if (text.includes('@')) {
    const email = normalizeEmail(text)
    return email ? { email } : null
  }
  const phone = normalizePhone(text)
  return phone ? { phone } : null
}

/** For display: +84912345678 → 0912 345 678. */
export function formatPhone(e164: string) {
  const national = `0${e164.slice(3)}`
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`
}
