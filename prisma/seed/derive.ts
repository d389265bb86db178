// Invented identifiers for the demo data, derived from each organisation's slug so that every run (and
// every machine) gets the same values. They have the right shape and check digit, and belong to nobody
// on purpose; a real organisation that happens to share one is a coincidence.
import { fold } from '~/utils/text'

/** FNV-1a, 64 bits: a stable spread of digits from a string. */
function hash64(text: string): bigint {
  let h = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte)
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return h
}

/** `count` decimal digits from `text` (and a salt, so two fields of one organisation differ). */
function digitsFrom(text: string, salt: string, count: number): string {
  let digits = ''
  for (let round = 0; digits.length < count; round++) digits += hash64(`${salt}:${round}:${text}`).toString().padStart(20, '0')
  return digits.slice(0, count)
}

const CHECK_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3]

/** The MST check digit of nine digits, or null when the rule gives 10 (no such code is issued). */
function checkDigit(nine: string): number | null {
  const sum = CHECK_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(nine[i]), 0)
  const check = 10 - (sum % 11)
  return check === 10 ? null : check
}

/** A 10-digit MST (enterprise, cooperative or household) with a valid check digit. */
export function demoTaxCode(slug: string): string {
  // Real codes open with the issuing province's two digits, never 00.
  const prefix = String(1 + (Number(digitsFrom(slug, 'mst-prefix', 4)) % 99)).padStart(2, '0')
  let serial = Number(digitsFrom(slug, 'mst', 7))
  for (;;) {
    const nine = `${prefix}${String(serial).padStart(7, '0')}`
    const check = checkDigit(nine)
    if (check !== null) return `${nine}${check}`
    serial = (serial + 1) % 10_000_000
  }
}

/**
 * A 12-digit personal ID (căn cước), which household businesses and individuals use as their tax code:
 * 3 digits for the province of birth registration (its former code), 1 for century and sex (0/1 born in
 * the 1900s, 2/3 in the 2000s; odd = female), 2 for the year of birth, then 6 digits.
 */
export function demoPersonalId(slug: string, born: { formerProvince: string; year: number; female?: boolean }): string {
  const centuryAndSex = (born.year >= 2000 ? 2 : 0) + (born.female ? 1 : 0)
  return `0${born.formerProvince}${centuryAndSex}${String(born.year % 100).padStart(2, '0')}${digitsFrom(slug, 'cccd', 6)}`
}

/** Account number lengths as the banks issue them. */
export const bankAccountLengths = {
  Agribank: 13,
  Vietcombank: 13,
  BIDV: 14,
  VietinBank: 12,
  Sacombank: 12,
  MB: 13,
  LPBank: 12,
} as const
export type DemoBank = keyof typeof bankAccountLengths

/** An invented account number at a real bank; the holder is the legal name as banks print it (capitals, no diacritics). */
export function demoBankAccount(slug: string, bank: DemoBank, legalName: string) {
  const length = bankAccountLengths[bank]
  return {
    bankName: bank,
    // Never starting with 0, so nothing trims it into a shorter number.
    bankAccountNumber: `${1 + (Number(digitsFrom(slug, 'bank-lead', 1)) % 9)}${digitsFrom(slug, 'bank', length - 1)}`,
    bankAccountHolder: fold(legalName)
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, ' ')
      .trim(),
  }
}
