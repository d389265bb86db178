// Browser-safe checks for the MST (mã số thuế), shared by forms and the server.
//
// Three shapes are accepted:
// - 10 digits: an enterprise, cooperative or household MST; the 10th digit is a check digit.
// - 10 digits, "-", 3 digits (001–999): a dependent unit (branch); the first 10 are the parent's MST.
// - 12 digits: the personal ID number (số định danh cá nhân) that individuals and household businesses use
//   as their tax code since 1 July 2025 (Circular 86/2024/TT-BTC). It has no public check digit.

const CHECK_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3]

export type TaxCodeKind = 'enterprise' | 'branch' | 'personalId'

/** Removes the spaces people type or paste between groups of digits ("0100 109 106" → "0100109106"). */
export function normalizeTaxCode(input: string): string {
  return input.replace(/\s+/g, '')
}

/** The check digit of a 10-digit MST: 10 − (weighted sum of the first 9 digits mod 11); 10 has no digit. */
function hasValidCheckDigit(tenDigits: string) {
  const sum = CHECK_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(tenDigits[i]), 0)
  const check = 10 - (sum % 11)
  return check !== 10 && check === Number(tenDigits[9])
}

/** Which shape a (normalised) tax code has, or null when it is none of them or its check digit is wrong. */
export function taxCodeKind(input: string): TaxCodeKind | null {
  const code = normalizeTaxCode(input)
  if (/^\d{12}$/.test(code)) return 'personalId'
  const match = /^(\d{10})(-\d{3})?$/.exec(code)
  if (!match || !hasValidCheckDigit(match[1]) || match[2] === '-000') return null
  return match[2] ? 'branch' : 'enterprise'
}

export function isValidTaxCode(input: string): boolean {
  return taxCodeKind(input) !== null
}

/** True when the text has one of the accepted shapes, whatever its check digit (to tell a typo from a wrong format). */
export function hasTaxCodeShape(input: string): boolean {
  return /^(\d{12}|\d{10}(-\d{3})?)$/.test(normalizeTaxCode(input))
}
