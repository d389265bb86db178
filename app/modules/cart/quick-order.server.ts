// Quick order: lines of `SKU quantity [producer]` pasted into a box (from Excel, an e-mail, a note) or a CSV
// file with the columns sku, quantity and, optionally, producer. Each line is resolved to one public product,
// then added to the cart through addToCart, so the cart's rules (MOQ, limits, lines) apply unchanged; a
// line that fails does not stop the others, and every line gets a result for the report.
//
// A SKU is unique per producer only: when several producers sell the same SKU, the line needs the
// producer's slug (the last part of the producer's page address, /orgs/<slug>) as its third cell.
import { parse } from 'csv-parse/sync'
import type { SaleUnit } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import { foldText } from '../catalog/csv-columns'
import { publicProductWhere } from '../catalog/products.server'
import { ORDER_LIMITS } from '../orders/order-rules'
import { addManyToCart, parseQuantity, type CartFailure } from './cart.server'

export const QUICK_ORDER_LIMITS = { maxBytes: 100 * 1024, linesMax: ORDER_LIMITS.linesMax } as const

/** One line to order, as read from the box or the file. */
export type QuickOrderLine = {
  /** Where it is: the line in the box, the row in the file (from 1), as an editor or Excel numbers it. */
  line: number
  /** What was typed, for the report (and to put back in the box when the line failed). */
  typed: string
  sku: string
  /** The producer's slug, when given. */
  producer: string | null
  /** Null when missing or not a whole number from 1 to ORDER_LIMITS.quantityMax. */
  quantity: number | null
  /** More cells than SKU, quantity and producer: the line is not read. */
  unreadable: boolean
}

/** Why the whole input was refused (quick-order:errors.*). */
export type QuickOrderInputError = 'empty' | 'tooLarge' | 'tooManyLines' | 'fileRequired' | 'fileMalformed' | 'fileColumns'

export type QuickOrderParse = { ok: true; lines: QuickOrderLine[] } | { ok: false; error: QuickOrderInputError }

// ---------------------------------------------------------------------------------------------------------
// Reading

/**
 * A quantity as people type it: "250", or with dots between thousands ("1.000", "12.500"). A comma or a
 * decimal ("1,000", "1.5") is refused: in Vietnamese a comma is the decimal mark, so "1,000" could be one.
 */
export function parseQuickQuantity(text: string): number | null {
  const trimmed = text.trim()
  return parseQuantity(/^\d{1,3}(\.\d{3})+$/.test(trimmed) ? trimmed.replace(/\./g, '') : trimmed)
}

const skuWords = new Set(['sku', 'ma', 'ma sku', 'ma hang', 'ma sp', 'ma san pham', 'code', 'product code', 'item code'])
const quantityWords = new Set(['quantity', 'qty', 'so luong', 'sl', 'so luong dat', 'amount'])
const producerWords = new Set(['producer', 'nha san xuat', 'nsx', 'supplier', 'nha cung cap', 'producer slug'])

type Column = 'sku' | 'quantity' | 'producer'

function columnOf(header: string): Column | null {
  const word = foldText(header)
  if (skuWords.has(word)) return 'sku'
  if (quantityWords.has(word)) return 'quantity'
  if (producerWords.has(word)) return 'producer'
  return null
}

const unquote = (cell: string) => cell.trim().replace(/^"(.*)"$/, '$1').trim()

/**
 * A spreadsheet's copy has tabs between cells (a cell may then hold "1.000"); anything else is split on
 * spaces, commas and semicolons. Stray separators around a tab-separated cell ("MO-500 ,") are dropped.
 */
function cellsOf(text: string): string[] {
  const parts = text.includes('\t') ? text.split('\t').map((c) => c.replace(/^[\s,;]+|[\s,;]+$/g, '')) : text.split(/[\s,;]+/)
  return parts.map(unquote).filter(Boolean)
}

/** `cells` in the order SKU, quantity, producer. */
function lineOf(line: number, typed: string, cells: string[]): QuickOrderLine {
  const [sku = '', quantityText = '', producer = ''] = cells
  return { line, typed, sku, producer: producer || null, quantity: parseQuickQuantity(quantityText), unreadable: cells.length > 3 }
}

/**
 * "SKU 1,000" or "SKU 1,5" split on the comma: the digits after it are no producer, the quantity was written
 * with a comma (refused: thousands or decimals, it cannot be told).
 */
const commaNumber = (raw: string, cells: string[]) => !raw.includes('\t') && cells.length >= 3 && cells.slice(2).every((c) => /^\d+$/.test(c)) && /\d,\d/.test(raw)

/** A header line: it names the columns ("SKU  Số lượng") and its second cell is no quantity. */
function isHeader(cells: string[]) {
  const [first = '', second = ''] = cells
  if (parseQuickQuantity(second) !== null) return false
  return skuWords.has(foldText(first)) || quantityWords.has(foldText(second)) || cells.some((c) => quantityWords.has(foldText(c)))
}

/** The box's text: one line per product; blank lines and a first header line are skipped. */
export function parseQuickOrderText(text: string): QuickOrderParse {
  if (Buffer.byteLength(text, 'utf8') > QUICK_ORDER_LIMITS.maxBytes) return { ok: false, error: 'tooLarge' }
  const lines: QuickOrderLine[] = []
  let seenContent = false
  for (const [index, raw] of text.normalize('NFC').split(/\r\n|\r|\n/).entries()) {
    const cells = cellsOf(raw)
    if (cells.length === 0) continue
    const first = !seenContent
    seenContent = true
    if (first && isHeader(cells)) continue
    lines.push(commaNumber(raw, cells) ? { ...lineOf(index + 1, raw.trim(), cells.slice(0, 1)), quantity: null } : lineOf(index + 1, raw.trim(), cells))
  }
  return checked(lines)
}

function checked(lines: QuickOrderLine[]): QuickOrderParse {
  if (lines.length === 0) return { ok: false, error: 'empty' }
  if (lines.length > QUICK_ORDER_LIMITS.linesMax) return { ok: false, error: 'tooManyLines' }
  return { ok: true, lines }
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, or — when it is not UTF-8 — Excel's Vietnamese code page. */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return new TextDecoder('windows-1258').decode(body)
  }
}

/** The separator that splits the first line into the most cells. */
function delimiterOf(text: string): ',' | ';' | '\t' {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'))
  const count = (ch: string) => firstLine.split(ch).length - 1
  const [comma, semicolon, tab] = [count(','), count(';'), count('\t')]
  if (tab > comma && tab >= semicolon) return '\t'
  if (semicolon > comma) return ';'
  return ','
}

/**
 * A CSV file: columns sku, quantity and producer, named in a header row (English or Vietnamese, any order;
 * other columns are ignored) or, without a header, in that order.
 */
export function parseQuickOrderCsv(bytes: Uint8Array): QuickOrderParse {
  if (bytes.byteLength > QUICK_ORDER_LIMITS.maxBytes) return { ok: false, error: 'tooLarge' }
  const text = decode(bytes).replace(/\r\n?/g, '\n').normalize('NFC')
  if (!text.trim()) return { ok: false, error: 'empty' }
  const delimiter = delimiterOf(text)
  let records: { record: string[]; info: { lines: number } }[]
  try {
    // With `info`, each record comes with the line it ends on (the typings do not know that option's shape).
    records = parse(text, { delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as unknown as typeof records
  } catch {
    return { ok: false, error: 'fileMalformed' }
  }
  const rows: { line: number; cells: string[] }[] = []
  let previousEnd = 0
  for (const { record, info } of records) {
    const line = previousEnd + 1
    previousEnd = info.lines
    const cells = record.map((c) => c.trim())
    if (cells.some(Boolean)) rows.push({ line, cells })
  }
  const [first] = rows
  if (!first) return { ok: false, error: 'empty' }

  const headerColumns = first.cells.map(columnOf)
  const hasHeader = headerColumns.includes('sku') || headerColumns.includes('quantity') || headerColumns.includes('producer')
  const at = (column: Column) => (hasHeader ? headerColumns.indexOf(column) : ['sku', 'quantity', 'producer'].indexOf(column))
  if (hasHeader && (at('sku') < 0 || at('quantity') < 0)) return { ok: false, error: 'fileColumns' }

  const lines = (hasHeader ? rows.slice(1) : rows).map(({ line, cells }) => {
    const cell = (column: Column) => (at(column) >= 0 ? unquote(cells[at(column)] ?? '') : '')
    // Without a header every cell counts: a fourth one means the row is not in the expected layout.
    const unreadable = !hasHeader && cells.filter(Boolean).length > 3
    // The cells that count, in the box's order (so a failed row can be fixed there and sent again).
    const wanted = [cell('sku'), cell('quantity'), cell('producer')]
    const typed = (unreadable ? cells : wanted).filter(Boolean).join(' ')
    return { ...lineOf(line, typed, wanted), unreadable }
  })
  return checked(lines)
}

// ---------------------------------------------------------------------------------------------------------
// Finding the products

export type QuickOrderProduct = {
  id: string
  slug: string
  sku: string
  nameVi: string
  nameEn: string | null
  unit: SaleUnit
  moq: number
  stock: number | null
  madeToOrder: boolean
  producer: { slug: string; displayName: string }
}

/** Why a line cannot be added, found before the cart is asked. */
export type QuickOrderLineProblem =
  | { code: 'unreadable' }
  | { code: 'skuMissing' }
  | { code: 'quantityInvalid'; max: number }
  | { code: 'unknownSku' }
  | { code: 'unknownProducer'; producer: string }
  | { code: 'notAtProducer'; producer: string }
  | { code: 'ambiguous'; producers: { slug: string; displayName: string }[] }
  | { code: 'notForSale' }

export type ResolvedQuickOrderLine = QuickOrderLine & { product: QuickOrderProduct | null; problem: QuickOrderLineProblem | null }

const productSelect = {
  id: true,
  slug: true,
  sku: true,
  nameVi: true,
  nameEn: true,
  unit: true,
  moq: true,
  stock: true,
  madeToOrder: true,
  status: true,
  producerId: true,
  producer: { select: { slug: true, displayName: true } },
} as const

/**
 * Each line's product: the public product with that SKU (letter case ignored, an exact match preferred),
 * at the given producer if one is named. A SKU sold by several producers needs the producer.
 */
export async function resolveQuickOrderLines(lines: QuickOrderLine[], now = new Date()): Promise<ResolvedQuickOrderLine[]> {
  const skus = [...new Set(lines.map((l) => l.sku.toLowerCase()).filter(Boolean))]
  const slugs = [...new Set(lines.flatMap((l) => (l.producer ? [l.producer.toLowerCase()] : [])))]
  const [found, producers] = await Promise.all([
    skus.length ? prisma.product.findMany({ where: { OR: skus.map((sku) => ({ sku: { equals: sku, mode: 'insensitive' as const } })) }, select: productSelect }) : [],
    slugs.length
      ? prisma.organization.findMany({
          where: { kind: 'PRODUCER', OR: slugs.map((slug) => ({ slug: { equals: slug, mode: 'insensitive' as const } })) },
          select: { id: true, slug: true },
        })
      : [],
  ])
  const publicIds = new Set(
    found.length
      ? (await prisma.product.findMany({ where: { id: { in: found.map((p) => p.id) }, ...publicProductWhere(now) }, select: { id: true } })).map((p) => p.id)
      : [],
  )
  const producerBySlug = new Map(producers.map((p) => [p.slug.toLowerCase(), p]))

  return lines.map((line): ResolvedQuickOrderLine => {
    const result = (problem: QuickOrderLineProblem | null, product: QuickOrderProduct | null = null) => ({ ...line, product, problem })
    if (line.unreadable) return result({ code: 'unreadable' })
    if (!line.sku) return result({ code: 'skuMissing' })
    let candidates = found.filter((p) => p.sku.toLowerCase() === line.sku.toLowerCase())
    if (line.producer) {
      const producer = producerBySlug.get(line.producer.toLowerCase())
      if (!producer) return result({ code: 'unknownProducer', producer: line.producer })
      candidates = candidates.filter((p) => p.producerId === producer.id)
      if (candidates.length === 0) return result({ code: 'notAtProducer', producer: producer.slug })
    }
    // "abc-1" and "ABC-1" may both exist at one producer: the one typed exactly wins.
    const exact = candidates.filter((p) => p.sku === line.sku)
    const forSale = (exact.some((p) => publicIds.has(p.id)) ? exact : candidates).filter((p) => publicIds.has(p.id))
    if (forSale.length === 0) {
      // A product that was public once (now hidden, archived or suspended) is "no longer for sale";
      // a draft has never been shown to buyers, so it is as unknown as a SKU nobody uses.
      const former = candidates.find((p) => p.status !== 'DRAFT')
      return former ? result({ code: 'notForSale' }, toProduct(former)) : result({ code: 'unknownSku' })
    }
    if (forSale.length > 1) {
      const names = forSale.map((p) => p.producer).sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'))
      return result({ code: 'ambiguous', producers: names })
    }
    const product = toProduct(forSale[0])
    if (line.quantity === null) return result({ code: 'quantityInvalid', max: ORDER_LIMITS.quantityMax }, product)
    return result(null, product)
  })
}

function toProduct(p: QuickOrderProduct & { status: unknown; producerId: unknown }): QuickOrderProduct {
  const { status: _status, producerId: _producerId, ...product } = p
  return product
}

// ---------------------------------------------------------------------------------------------------------
// Adding to the cart

/** What happened to a line: added (perhaps beyond the stock, which the cart then warns about), or why not. */
export type QuickOrderOutcome =
  | { code: 'added'; quantity: number; inCart: number; available: number | null }
  | QuickOrderLineProblem
  | { code: 'cart'; failure: Pick<CartFailure, 'error' | 'values'> }

export type QuickOrderReportLine = Pick<QuickOrderLine, 'line' | 'typed'> & { product: QuickOrderProduct | null; outcome: QuickOrderOutcome }

export type QuickOrderReport = { added: number; failed: number; lines: QuickOrderReportLine[] }

/**
 * Resolves the lines and adds those that resolve to the cart in one transaction, in the order given (two
 * lines for one product add up, as two adds would). Lines refused by the cart are reported with its reason.
 * More than the stock is added as addToCart adds it: the cart warns, and checkout refuses, until it is fixed.
 */
export async function addQuickOrderToCart(buyerId: string, lines: QuickOrderLine[]): Promise<QuickOrderReport> {
  const resolved = await resolveQuickOrderLines(lines)
  const toAdd = resolved.flatMap((line) => (!line.problem && line.product && line.quantity !== null ? [{ productId: line.product.id, quantity: line.quantity }] : []))
  const results = await addManyToCart(buyerId, toAdd)
  const report: QuickOrderReportLine[] = []
  let next = 0
  for (const line of resolved) {
    const base = { line: line.line, typed: line.typed, product: line.product }
    if (line.problem || !line.product || line.quantity === null) {
      report.push({ ...base, outcome: line.problem ?? { code: 'unknownSku' } })
      continue
    }
    const added = results[next++]
    if (!added.ok) {
      report.push({ ...base, outcome: { code: 'cart', failure: { error: added.error, values: added.values } } })
      continue
    }
    const { stock, madeToOrder } = line.product
    const available = !madeToOrder && added.quantity > (stock ?? 0) ? (stock ?? 0) : null
    report.push({ ...base, outcome: { code: 'added', quantity: line.quantity, inCart: added.quantity, available } })
  }
  const added = report.filter((l) => l.outcome.code === 'added').length
  return { added, failed: report.length - added, lines: report }
}
