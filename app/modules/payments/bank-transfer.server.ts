// Paying an order by bank transfer to the platform: the amount still due, the platform's account from the
// settings, and the VietQR code (payload and SVG image) that fills them in in any Vietnamese banking app.
import QRCode from 'qrcode'
import { env } from '~/utils/env.server'
import { orderVietQr } from './vietqr'

/** The VietQR payload for what the buyer still owes on the order, with the platform's account; null when nothing is due. */
export function platformVietQr(order: Parameters<typeof orderVietQr>[0]) {
  return orderVietQr(order, env())
}

/** The QR code as an SVG image (black on white, a quiet zone of 4 modules as the standard asks). */
export function qrSvg(payload: string) {
  return QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })
}
