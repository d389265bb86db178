// The documents of one order, for its two parties only: the order confirmation and the proforma invoice (in
// the page's language, printed from the browser), the producer's packing slip, and the order's data as CSV
// and JSON for the seller's e-invoice provider. None of them is a legal VAT invoice: the seller issues that.
//
// Every route of app/routes/orders/documents/ reads the order through `requireOrderForDocument`, which
// answers 404 for anyone but a member of the buyer or the producer. Loaders hand the page plain data
// (amounts as strings of whole đồng); the page formats them.
import { stringify } from 'csv-stringify/sync'
import type { OrderStatus, VatRate } from '~/generated/prisma/enums'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import type { Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'
import { vatRateCode } from '../catalog/product-schemas'
import { provinceName } from '../geo/provinces'
import { findOrder, type OrderDetail, type OrderSide } from './queries.server'

// ---------------------------------------------------------------------------------------------------------
// Access

/**
 * The order `params.number` of the organisation `params.slug`, for a member allowed to read its orders.
 * Not a member, or not one of the organisation's orders: 404 (nothing tells that it exists).
 */
export async function requireOrderForDocument(request: Request, params: { lang?: string; slug?: string; number?: string }) {
  const lang = langOf(params)
  const { organization } = await requireOrgPermission(request, lang, params.slug, 'read:order:own')
  const found = params.number ? await findOrder(organization.id, params.number) : null
  if (!found) throw new Response('Not Found', { status: 404 })
  return { lang, organization, order: found.order, side: found.side }
}

// ---------------------------------------------------------------------------------------------------------
// Amounts in words ("Bằng chữ")

const viDigits = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín']
const BILLION = 1_000_000_000n

/**
 * 0–999 in Vietnamese. `full`: a group after a higher one is read with its hundreds and "linh"
 * (1 005 000 is "một triệu không trăm linh năm nghìn"). After the tens, 1 is "mốt" and 5 is "lăm"
 * (hai mươi mốt, mười lăm), but not after "linh" or "mười" (một trăm linh năm, mười một).
 */
function viGroup(n: number, full: boolean): string[] {
  const [h, t, u] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10]
  const out: string[] = []
  if (full || h > 0) out.push(viDigits[h], 'trăm')
  if (t === 0) {
    if (u > 0) out.push(...(out.length > 0 ? ['linh'] : []), viDigits[u])
  } else if (t === 1) {
    out.push('mười')
    if (u > 0) out.push(u === 5 ? 'lăm' : viDigits[u])
  } else {
    out.push(viDigits[t], 'mươi')
    if (u > 0) out.push(u === 1 ? 'mốt' : u === 5 ? 'lăm' : viDigits[u])
  }
  return out
}

/** A positive number in Vietnamese words; beyond "tỷ" the scale repeats (một nghìn tỷ, một tỷ tỷ). */
function viWords(n: bigint, full: boolean): string[] {
  if (n >= BILLION) {
    const rest = n % BILLION
    return [...viWords(n / BILLION, full), 'tỷ', ...(rest > 0n ? viWords(rest, true) : [])]
  }
  const groups: [number, string | null][] = [
    [Number(n / 1_000_000n), 'triệu'],
    [Number((n / 1000n) % 1000n), 'nghìn'],
    [Number(n % 1000n), null],
  ]
  const out: string[] = []
  let started = full
  for (const [value, scale] of groups) {
    if (value === 0) continue
    out.push(...viGroup(value, started))
    if (scale) out.push(scale)
    started = true
  }
  return out
}

const enOnes = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
const enTens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
const enScales = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion', 'quintillion', 'sextillion']

const enBelowHundred = (n: number) => (n < 20 ? enOnes[n] : enTens[Math.floor(n / 10)] + (n % 10 ? `-${enOnes[n % 10]}` : ''))

/** A number in British English words: "one hundred and five", "one million and five". */
function enWords(n: bigint): string {
  if (n === 0n) return 'zero'
  const groups: number[] = []
  for (let rest = n; rest > 0n; rest /= 1000n) groups.push(Number(rest % 1000n))
  if (groups.length > enScales.length) throw new RangeError('number too large to write in words')
  const parts: string[] = []
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]
    if (g === 0) continue
    const [h, rest] = [Math.floor(g / 100), g % 100]
    let words = h > 0 ? `${enOnes[h]} hundred${rest > 0 ? ` and ${enBelowHundred(rest)}` : ''}` : enBelowHundred(rest)
    if (i === 0 && h === 0 && groups.length > 1) words = `and ${words}`
    parts.push(enScales[i] ? `${words} ${enScales[i]}` : words)
  }
  return parts.join(' ')
}

/** A whole number of đồng in words, as written under an invoice's total: "Một triệu hai trăm nghìn đồng". */
export function amountInWords(amountVnd: bigint, lang: Language): string {
  if (amountVnd < 0n) throw new RangeError('amount in words of a negative amount')
  const words = lang === 'vi' ? (amountVnd === 0n ? 'không' : viWords(amountVnd, false).join(' ')) : enWords(amountVnd)
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} ${lang === 'vi' ? 'đồng' : 'dong'}`
}

// ---------------------------------------------------------------------------------------------------------
// What the documents show

/** A VAT rate as invoices print it: "KCT" (not subject to VAT) is not the same as 0%. */
export const vatLabel = (rate: VatRate) => (rate === 'EXEMPT' ? 'KCT' : `${vatRateCode[rate]}%`)

export type PostalAddress = { addressLine: string; commune: string; provinceCode: string }

export const addressText = (a: PostalAddress) => [a.addressLine, a.commune, provinceName(a.provinceCode)].filter(Boolean).join(', ')

export type DeliveryAddressView = { label: string; recipientName: string; phone: string; address: string }

/** The delivery address snapshotted on the order ({ label, recipientName, phone, addressLine, commune, provinceCode }). */
export function deliveryAddressOf(json: Prisma.JsonValue): DeliveryAddressView {
  const a = json && typeof json === 'object' && !Array.isArray(json) ? json : {}
  const text = (key: string) => {
    const value = (a as Record<string, unknown>)[key]
    return typeof value === 'string' ? value : ''
  }
  return {
    label: text('label'),
    recipientName: text('recipientName'),
    phone: text('phone'),
    address: addressText({ addressLine: text('addressLine'), commune: text('commune'), provinceCode: text('provinceCode') }),
  }
}

/** YYYY-MM-DD of a @db.Date column (stored at UTC midnight). */
const calendarDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null)

/** The lines that are delivered and billed: a line lowered to 0 at confirmation is on the confirmation only. */
const billedItems = (order: OrderDetail) => order.items.filter((item) => item.quantity > 0)

/** The registered addresses of both parties (today's, as the order does not keep a copy). */
async function partyAddresses(order: Pick<OrderDetail, 'buyerId' | 'producerId'>) {
  const orgs = await prisma.organization.findMany({
    where: { id: { in: [order.buyerId, order.producerId] } },
    select: { id: true, addressLine: true, commune: true, provinceCode: true },
  })
  const of = (id: string) => {
    const org = orgs.find((o) => o.id === id)
    return org ? addressText(org) : ''
  }
  return { buyer: of(order.buyerId), seller: of(order.producerId) }
}

/** The documents' header: which order, its state, who the parties are and where it goes. */
function orderHeader(order: OrderDetail, side: OrderSide, slug: string) {
  return {
    side,
    organizationSlug: slug,
    number: order.number,
    placedAt: order.createdAt.toISOString(),
    status: order.status,
    paymentStatus: order.paymentStatus,
    confirmedAt: order.confirmedAt?.toISOString() ?? null,
    requestedDeliveryDate: calendarDate(order.requestedDeliveryDate),
    deliveryDate: calendarDate(order.deliveryDate),
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    deliveryAddress: deliveryAddressOf(order.deliveryAddress),
  }
}

const lineName = (item: { nameVi: string; nameEn: string | null }, lang: Language) => (lang === 'en' && item.nameEn ? item.nameEn : item.nameVi)

export type TradeDocumentKind = 'confirmation' | 'proforma'

/**
 * Whether the amount on a proforma can be paid: provisional while the producer has not confirmed (quantities,
 * shipping and date may change), final once confirmed, void for a rejected or cancelled order.
 */
export function proformaStage(status: OrderStatus): 'provisional' | 'final' | 'void' {
  if (status === 'PLACED') return 'provisional'
  if (status === 'REJECTED' || status === 'CANCELLED') return 'void'
  return 'final'
}

/**
 * The order confirmation or the proforma invoice. The confirmation lists every line with the quantity ordered
 * and the one confirmed; the proforma lists what is billed.
 */
export async function tradeDocumentView(order: OrderDetail, side: OrderSide, lang: Language, kind: TradeDocumentKind, slug: string) {
  const addresses = await partyAddresses(order)
  const items = kind === 'confirmation' ? order.items : billedItems(order)
  const bank = env()
  const dueVnd = (order.paymentStatus === 'UNPAID' || order.paymentStatus === 'INVOICED') && order.amountReceivedVnd > 0n ? order.totalVnd - order.amountReceivedVnd : null
  return {
    kind,
    ...orderHeader(order, side, slug),
    stage: proformaStage(order.status),
    seller: { name: order.producerName, taxCode: order.producerTaxCode, address: addresses.seller },
    buyer: { name: order.buyerName, taxCode: order.buyerTaxCode, address: addresses.buyer },
    payment: {
      bankName: bank.PAYMENT_BANK_NAME,
      accountNumber: bank.VIETQR_ACCOUNT,
      accountName: bank.VIETQR_ACCOUNT_NAME,
      reference: order.paymentReference,
      amountReceivedVnd: order.amountReceivedVnd.toString(),
      dueVnd: dueVnd !== null && dueVnd > 0n ? dueVnd.toString() : null,
    },
    quantitiesChanged: items.some((item) => item.orderedQuantity !== item.quantity),
    lines: items.map((item, i) => ({
      lineNo: i + 1,
      sku: item.sku,
      name: lineName(item, lang),
      /** The Vietnamese name under an English one (the e-invoice is in Vietnamese). */
      nameVi: item.nameVi,
      unit: item.unit,
      packSize: item.packSize,
      orderedQuantity: item.orderedQuantity,
      quantity: item.quantity,
      unitPriceVnd: item.unitPriceVnd.toString(),
      vatLabel: vatLabel(item.vatRate),
      lineTotalVnd: item.lineTotalVnd.toString(),
      vatAmountVnd: item.vatAmountVnd.toString(),
    })),
    subtotalVnd: order.subtotalVnd.toString(),
    vatTotalVnd: order.vatTotalVnd.toString(),
    shippingFeeVnd: order.shippingFeeVnd.toString(),
    totalVnd: order.totalVnd.toString(),
    totalInWords: amountInWords(order.totalVnd, lang),
  }
}

export type TradeDocumentView = Awaited<ReturnType<typeof tradeDocumentView>>

/** The producer's packing slip: what goes in the parcel and where it goes, no prices. */
export function packingSlipView(order: OrderDetail, lang: Language, slug: string) {
  const items = billedItems(order)
  return {
    ...orderHeader(order, 'producer', slug),
    seller: { name: order.producerName },
    buyer: { name: order.buyerName },
    lines: items.map((item, i) => ({
      lineNo: i + 1,
      sku: item.sku,
      name: lineName(item, lang),
      nameVi: item.nameVi,
      unit: item.unit,
      packSize: item.packSize,
      quantity: item.quantity,
    })),
  }
}

export type PackingSlipView = ReturnType<typeof packingSlipView>

// ---------------------------------------------------------------------------------------------------------
// Exports for the seller's e-invoice provider

export type OrderExport = {
  number: string
  /** ISO 8601, UTC. */
  placedAt: string
  currency: 'VND'
  seller: { name: string; taxCode: string }
  buyer: { name: string; taxCode: string; address: string }
  paymentReference: string
  /** Amounts: whole đồng as decimal strings, net of VAT unless named otherwise. */
  lines: {
    lineNo: number
    sku: string
    name: string
    unit: string
    quantity: number
    unitPrice: string
    vatRate: 'KCT' | '0' | '5' | '8' | '10'
    amount: string
    vatAmount: string
    totalWithVat: string
  }[]
  subtotal: string
  vatTotal: string
  shippingFee: string
  total: string
}

/** The billed lines of an order with Vietnamese names and units, as the e-invoice is written. */
export async function orderExport(order: OrderDetail): Promise<OrderExport> {
  const t = getT('vi')
  const addresses = await partyAddresses(order)
  return {
    number: order.number,
    placedAt: order.createdAt.toISOString(),
    currency: 'VND',
    seller: { name: order.producerName, taxCode: order.producerTaxCode },
    buyer: { name: order.buyerName, taxCode: order.buyerTaxCode, address: addresses.buyer },
    paymentReference: order.paymentReference,
    lines: billedItems(order).map((item, i) => ({
      lineNo: i + 1,
      sku: item.sku,
      name: item.nameVi,
      unit: t(`catalog:unit.${item.unit}`),
      quantity: item.quantity,
      unitPrice: item.unitPriceVnd.toString(),
      vatRate: vatRateCode[item.vatRate],
      amount: item.lineTotalVnd.toString(),
      vatAmount: item.vatAmountVnd.toString(),
      totalWithVat: (item.lineTotalVnd + item.vatAmountVnd).toString(),
    })),
    subtotal: order.subtotalVnd.toString(),
    vatTotal: order.vatTotalVnd.toString(),
    shippingFee: order.shippingFeeVnd.toString(),
    total: order.totalVnd.toString(),
  }
}

/** The CSV header, one name per column; import mappings depend on it, so names are only ever added. */
export const orderCsvColumns = [
  'order_number',
  'placed_at',
  'currency',
  'seller_name',
  'seller_tax_code',
  'buyer_name',
  'buyer_tax_code',
  'buyer_address',
  'payment_reference',
  'line_no',
  'sku',
  'name',
  'unit',
  'quantity',
  'unit_price',
  'vat_rate',
  'amount',
  'vat_amount',
  'total_with_vat',
  'order_subtotal',
  'order_vat_total',
  'order_shipping_fee',
  'order_total',
] as const

/**
 * Text typed by the other party (names, addresses) must not run as a spreadsheet formula when the file is
 * opened in Excel: a leading = + - @ tab or carriage return gets an apostrophe, as OWASP advises.
 */
const inertText = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

/** One row per billed line, repeating the order and the buyer; UTF-8 with BOM and CRLF, as Excel expects. */
export function orderExportCsv(data: OrderExport): string {
  const rows = data.lines.map((line) => {
    const cells: Record<(typeof orderCsvColumns)[number], string> = {
      order_number: data.number,
      placed_at: data.placedAt,
      currency: data.currency,
      seller_name: inertText(data.seller.name),
      seller_tax_code: data.seller.taxCode,
      buyer_name: inertText(data.buyer.name),
      buyer_tax_code: data.buyer.taxCode,
      buyer_address: inertText(data.buyer.address),
      payment_reference: data.paymentReference,
      line_no: String(line.lineNo),
      sku: inertText(line.sku),
      name: inertText(line.name),
      unit: line.unit,
      quantity: String(line.quantity),
      unit_price: line.unitPrice,
      vat_rate: line.vatRate,
      amount: line.amount,
      vat_amount: line.vatAmount,
      total_with_vat: line.totalWithVat,
      order_subtotal: data.subtotal,
      order_vat_total: data.vatTotal,
      order_shipping_fee: data.shippingFee,
      order_total: data.total,
    }
    return orderCsvColumns.map((column) => cells[column])
  })
  return stringify([[...orderCsvColumns], ...rows], { bom: true, record_delimiter: 'windows' })
}

/** Headers of a download that only the order's parties may read. */
export function attachmentHeaders(contentType: string, filename: string) {
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  }
}
