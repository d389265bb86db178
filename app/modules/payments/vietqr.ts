// VietQR: the NAPAS bank-transfer QR code every Vietnamese banking app scans, with the platform's account,
// the amount and the order's reference filled in. An EMVCo merchant-presented payload: fields are TLV
// (two-digit id, two-digit length, value), some of them nested, closed by a CRC-16/CCITT-FALSE.
// Browser-safe (no Node APIs): the order page and the API build the same payload.
import type { OrderStatus, PaymentMethod, PaymentStatus } from '~/generated/prisma/enums'

/** One TLV field; the length counts characters (VietQR payloads are ASCII). */
export function tlv(id: string, value: string) {
  if (!/^\d{2}$/.test(id)) throw new RangeError(`field id ${id}`)
  if (value.length > 99) throw new RangeError(`field ${id} is longer than 99 characters`)
  return `${id}${String(value.length).padStart(2, '0')}${value}`
}

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF), as four upper-case hex digits. */
export function crc16(text: string) {
  let crc = 0xffff
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i) << 8
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
  }
  return crc.toString(16).toUpperCase().padStart(4, '0')
}

export type VietQrInput = {
  /** The bank's 6-digit NAPAS BIN (970436 is Vietcombank). */
  bin: string
  /** The receiving account number. */
  account: string
  /** Whole đồng; absent for a static code where the payer types the amount. */
  amountVnd?: bigint
  /** The transfer's content, e.g. the order's payment reference (CVM and 8 letters or digits). */
  reference?: string
}

/** Letters, digits and spaces only in the transfer note: some banking apps reject anything else. */
const REFERENCE_PATTERN = /^[A-Za-z0-9 ]{1,25}$/

/** The payload to encode in the QR code (a transfer to an account: service QRIBFTTA). */
export function vietQrPayload({ bin, account, amountVnd, reference }: VietQrInput) {
  if (!/^\d{6}$/.test(bin)) throw new RangeError('the bank BIN has 6 digits')
  if (!/^[0-9A-Za-z]{1,19}$/.test(account)) throw new RangeError('the account number has 1 to 19 letters or digits')
  if (amountVnd !== undefined && (amountVnd <= 0n || amountVnd.toString().length > 13)) throw new RangeError('the amount is 1 to 13 digits of đồng')
  if (reference !== undefined && !REFERENCE_PATTERN.test(reference)) throw new RangeError('the reference has 1 to 25 letters, digits or spaces')
  const beneficiary = tlv('00', bin) + tlv('01', account)
  const merchant = tlv('00', 'A000000727') + tlv('01', beneficiary) + tlv('02', 'QRIBFTTA')
  const body =
    tlv('00', '01') +
    tlv('01', amountVnd === undefined ? '11' : '12') +
    tlv('38', merchant) +
    tlv('53', '704') +
    (amountVnd === undefined ? '' : tlv('54', amountVnd.toString())) +
    tlv('58', 'VN') +
    (reference === undefined ? '' : tlv('62', tlv('08', reference))) +
    '6304'
  return body + crc16(body)
}

export type TlvField = { id: string; value: string }

/** Reads one level of TLV fields; throws on a truncated or malformed payload. */
export function parseTlv(text: string): TlvField[] {
  const fields: TlvField[] = []
  let at = 0
  while (at < text.length) {
    const id = text.slice(at, at + 2)
    const length = Number(text.slice(at + 2, at + 4))
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(text.slice(at + 2, at + 4)) || at + 4 + length > text.length) throw new SyntaxError(`malformed TLV at ${at}`)
    fields.push({ id, value: text.slice(at + 4, at + 4 + length) })
    at += 4 + length
  }
  return fields
}

/** Whether the payload's last field is a CRC that matches everything before it. */
export function hasValidCrc(payload: string) {
  return payload.length > 8 && payload.slice(-8, -4) === '6304' && crc16(payload.slice(0, -4)) === payload.slice(-4)
}

const awaitingPayment: readonly OrderStatus[] = ['CONFIRMED', 'SHIPPED', 'DELIVERED']

/**
 * What the buyer still has to transfer for the order now; null when nothing is asked (not confirmed, paid,
 * closed). An invoice on net terms is paid by transfer too.
 */
export function amountDue(order: { status: OrderStatus; paymentStatus: PaymentStatus; totalVnd: bigint; amountReceivedVnd: bigint }) {
  if (!awaitingPayment.includes(order.status) || (order.paymentStatus !== 'UNPAID' && order.paymentStatus !== 'INVOICED')) return null
  const due = order.totalVnd - order.amountReceivedVnd
  return due > 0n ? due : null
}

/**
 * The order's VietQR payload for the amount due, to the platform's account; null when nothing is due, and for
 * an order the buyer pays by card (a transfer on top of a card payment would pay it twice).
 */
export function orderVietQr(
  order: Parameters<typeof amountDue>[0] & { paymentReference: string; paymentMethod: PaymentMethod },
  platform: { VIETQR_BIN: string; VIETQR_ACCOUNT: string },
) {
  const due = order.paymentMethod === 'CARD' ? null : amountDue(order)
  if (due === null) return null
  return vietQrPayload({ bin: platform.VIETQR_BIN, account: platform.VIETQR_ACCOUNT, amountVnd: due, reference: order.paymentReference })
}
