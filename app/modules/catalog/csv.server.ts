// Product CSV files: the import (all rows checked first; any error and nothing is written; otherwise one
// transaction), the export and the template, in the one layout of csv-columns.ts (docs/csv-products.md).
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type { Prisma } from '~/generated/prisma/client'
import type { ProductStatus, RegionType, SaleUnit } from '~/generated/prisma/enums'
import { prisma, type Tx } from '~/utils/db.server'
import { recordAudit } from '../audit/audit.server'
import { formerProvinces, provinces } from '../geo/provinces'
import { toDateOnly } from './certifications'
import { columnLabel, columnOfHeader, CSV_MAX_BYTES, CSV_MAX_ROWS, csvColumnKeys, foldText, type CsvColumnKey } from './csv-columns'
import {
  certificationTypes,
  formatUsdInput,
  ProductInputSchema,
  productStatuses,
  units,
  vatRateCode,
  type ProductInput,
} from './product-schemas'
import { saveProductBySku } from './products.server'
import { enqueueProductsSync } from '../search/sync.server'

type Lang = 'vi' | 'en'
type Cells = Partial<Record<CsvColumnKey, string>>

/** One thing wrong with the file; `line` is null for the file as a whole. Messages are i18n keys (errors namespace). */
export type CsvProblem = {
  line: number | null
  sku?: string
  column?: CsvColumnKey
  /** The tier, certificate or month the message is about (from 1). */
  item?: number
  message: string
  values?: Record<string, string | number>
}

export type CsvRowResult = { line: number; sku: string; action: 'created' | 'updated' | 'unchanged' }

export type CsvImportResult =
  | { ok: true; created: number; updated: number; unchanged: number; rows: CsvRowResult[] }
  | { ok: false; problems: CsvProblem[]; rowCount: number }

// ---------------------------------------------------------------------------------------------------------
// Words people type in cells

const unitWords: Record<SaleUnit, { vi: string; en: string; also: string[] }> = {
  KG: { vi: 'kg', en: 'kg', also: ['kilogram', 'kilo', 'ki lo', 'kgs'] },
  TONNE: { vi: 'tấn', en: 'tonne', also: ['ton', 't', 'tonnes'] },
  CARTON: { vi: 'thùng', en: 'carton', also: ['ctn', 'cartons', 'case'] },
  BOX: { vi: 'hộp', en: 'box', also: ['boxes'] },
  BOTTLE: { vi: 'chai', en: 'bottle', also: ['bottles'] },
  PACK: { vi: 'gói', en: 'pack', also: ['packet', 'packs', 'tui'] },
  BAG: { vi: 'bao', en: 'bag', also: ['bags', 'sack', 'bao tai'] },
  PIECE: { vi: 'cái', en: 'piece', also: ['pc', 'pcs', 'pieces', 'chiec', 'qua'] },
}
const unitByWord = new Map<string, SaleUnit>()
for (const unit of units) for (const word of [unit, unitWords[unit].vi, unitWords[unit].en, ...unitWords[unit].also]) unitByWord.set(foldText(word), unit)

const regionByWord = new Map<string, RegionType | 'NONE'>([
  ['mien nui', 'MOUNTAIN'],
  ['vung nui', 'MOUNTAIN'],
  ['mountain', 'MOUNTAIN'],
  ['vung sau vung xa', 'REMOTE'],
  ['vung sau', 'REMOTE'],
  ['vung xa', 'REMOTE'],
  ['remote', 'REMOTE'],
  ['hai dao', 'ISLAND'],
  ['dao', 'ISLAND'],
  ['island', 'ISLAND'],
  ['bien gioi', 'BORDER'],
  ['border', 'BORDER'],
  ['none', 'NONE'],
  ['khong', 'NONE'],
  ['khong co', 'NONE'],
])

const statusByWord = new Map<string, ProductStatus>([
  ...productStatuses.map((s) => [foldText(s), s] as const),
  ['nhap', 'DRAFT'],
  ['ban nhap', 'DRAFT'],
  ['dang ban', 'PUBLISHED'],
  ['da dang', 'PUBLISHED'],
  ['cong khai', 'PUBLISHED'],
  ['ngung ban', 'UNPUBLISHED'],
  ['tam ngung', 'UNPUBLISHED'],
  ['an', 'UNPUBLISHED'],
  ['luu tru', 'ARCHIVED'],
])

const certificationByWord = new Map<string, string>([
  ...certificationTypes.map((type) => [foldText(type), type] as const),
  ['iso22000', 'ISO_22000'],
  ['huu co', 'ORGANIC'],
  ['chi dan dia ly', 'GEOGRAPHICAL_INDICATION'],
  ['cddl', 'GEOGRAPHICAL_INDICATION'],
  ['gi', 'GEOGRAPHICAL_INDICATION'],
  ['hang viet nam chat luong cao', 'HVNCLC'],
  ['global gap', 'GLOBALGAP'],
  ['viet gap', 'VIETGAP'],
])

const exemptWords = new Set(['exempt', 'mien thue', 'khong chiu thue'])

const yesNo = { vi: ['có', 'không'], en: ['yes', 'no'] } as const

function placeCode(list: { code: string; name: string }[], text: string): string {
  if (/^\d{1,2}$/.test(text)) return text.padStart(2, '0')
  const folded = foldText(text).replace(/^(tinh|thanh pho|tp)\s+/, '')
  return list.find((p) => foldText(p.name).replace(/^(tp)\s+/, '') === folded)?.code ?? text
}

/** "1-3, 11-12" → [1, 2, 3, 11, 12]; "11-2" wraps round the year. Tokens that are not months are left for the schema to refuse. */
function monthsOf(text: string): string[] {
  const out: string[] = []
  for (const token of text.split(/[,;\s]+/).filter(Boolean)) {
    const range = /^(\d{1,2})-(\d{1,2})$/.exec(token)
    if (!range) {
      out.push(token)
      continue
    }
    const [from, to] = [Number(range[1]), Number(range[2])]
    if (from < 1 || from > 12 || to < 1 || to > 12) out.push(token)
    else for (let m = from, n = 0; n < 12; m = (m % 12) + 1, n++) {
      out.push(String(m))
      if (m === to) break
    }
  }
  return out
}

/** Splits on `separator` where it is not escaped with a backslash; the escapes stay (see unescapePart). */
function splitEscaped(text: string, separator: string): string[] {
  const parts: string[] = ['']
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '\\' && i + 1 < text.length) parts[parts.length - 1] += ch + text[++i]
    else if (ch === separator) parts.push('')
    else parts[parts.length - 1] += ch
  }
  return parts
}

/** "A\:1" → "A:1" (the escapes of escapePart). */
const unescapePart = (text: string) => text.replace(/\\([\\:|])/g, '$1')

const escapePart = (text: string) => text.replace(/[\\:|]/g, (ch) => `\\${ch}`)

const CERTIFICATION_PARTS = ['type', 'stars', 'number', 'issuer', 'issuedAt', 'expiresAt', 'name'] as const

// ---------------------------------------------------------------------------------------------------------
// Cells → the catalogue's product input

type Defaults = { provinceCode: string; regionType: RegionType | null }

/** The row's cells as ProductInputSchema's raw input (it is lenient about numbers, yes/no, dates…), and what could not be read. */
function rawInputOf(cells: Cells, defaults: Defaults): { raw: Record<string, unknown>; problems: Omit<CsvProblem, 'line' | 'sku'>[] } {
  const problems: Omit<CsvProblem, 'line' | 'sku'>[] = []
  const cell = (key: CsvColumnKey) => (cells[key] ?? '').trim()

  const tierText = cell('tiers')
  const tierPrices = tierText
    ? tierText
        .split(/[;\n|]+/)
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair, i) => {
          const match = /^([^:=]+)[:=](.+)$/.exec(pair)
          if (!match) {
            problems.push({ column: 'tiers', item: i + 1, message: 'csv.tiers.format', values: { value: pair } })
            return { minQuantity: undefined, unitPriceVnd: undefined }
          }
          return { minQuantity: match[1].trim(), unitPriceVnd: match[2].trim() }
        })
    : []

  const usdText = cell('usd_price')
  let usdPriceCents: unknown
  if (usdText) {
    usdPriceCents = parseUsdCell(usdText)
    if (usdPriceCents === null) problems.push({ column: 'usd_price', message: 'product.usdPrice.invalid' })
  }

  const certText = cell('certifications')
  const certifications = certText
    ? splitEscaped(certText.replace(/\n/g, '|'), '|')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry, i) => {
          const parts = splitEscaped(entry, ':').map((p) => unescapePart(p).trim())
          if (parts.length > CERTIFICATION_PARTS.length) {
            problems.push({ column: 'certifications', item: i + 1, message: 'csv.certifications.format', values: { value: entry } })
          }
          const cert = Object.fromEntries(CERTIFICATION_PARTS.map((name, j) => [name, parts[j] ?? '']))
          cert.type = certificationByWord.get(foldText(cert.type)) ?? cert.type
          return cert
        })
    : []

  const unitText = cell('unit')
  const vatText = cell('vat')
  const regionText = cell('region_type')
  const region = regionText ? (regionByWord.get(foldText(regionText)) ?? regionText) : (defaults.regionType ?? 'NONE')
  const provinceText = cell('province')
  const formerText = cell('former_province')
  let hsCode = cell('hs_code').replace(/[.\s]/g, '')
  // Spreadsheets drop the leading zero of chapters 01–09; HS codes have an even number of digits.
  if (/^\d+$/.test(hsCode) && hsCode.length % 2 === 1 && hsCode.length < 10) hsCode = `0${hsCode}`

  const raw = {
    sku: cell('sku'),
    nameVi: cell('name_vi'),
    nameEn: cell('name_en'),
    descriptionVi: cell('description_vi'),
    descriptionEn: cell('description_en'),
    categorySlug: cell('category'),
    unit: unitText ? (unitByWord.get(foldText(unitText)) ?? unitText) : '',
    packSize: cell('pack_size'),
    moq: cell('moq'),
    tierPrices,
    usdPriceCents,
    vatRate: exemptWords.has(foldText(vatText)) ? 'KCT' : vatText,
    madeToOrder: cell('made_to_order'),
    stock: cell('stock'),
    leadTimeDays: cell('lead_time_days'),
    harvestMonths: monthsOf(cell('harvest_months')),
    provinceCode: provinceText ? placeCode(provinces, provinceText) : defaults.provinceCode,
    formerProvinceCode: formerText ? placeCode(formerProvinces, formerText) : '',
    regionType: region === 'NONE' ? undefined : region,
    certifications,
    shelfLifeDays: cell('shelf_life_days'),
    storage: cell('storage'),
    packaging: cell('packaging'),
    hsCode,
    exportReady: cell('export_ready'),
  }
  return { raw, problems }
}

/** "6.50", "6,5", "$6.50", "1,234.50" → cents. */
function parseUsdCell(text: string): bigint | null {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(/^(\$|usd)|(\$|usd)$/gi, '')
  let match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact)
  if (!match) match = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/.exec(compact)
  if (!match) match = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/.exec(compact)
  if (!match) return null
  const whole = match[1].replace(/[.,]/g, '')
  return BigInt(whole) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))
}

const fieldColumn: Record<string, CsvColumnKey> = {
  sku: 'sku',
  nameVi: 'name_vi',
  nameEn: 'name_en',
  descriptionVi: 'description_vi',
  descriptionEn: 'description_en',
  categorySlug: 'category',
  unit: 'unit',
  packSize: 'pack_size',
  moq: 'moq',
  tierPrices: 'tiers',
  usdPriceCents: 'usd_price',
  vatRate: 'vat',
  madeToOrder: 'made_to_order',
  stock: 'stock',
  leadTimeDays: 'lead_time_days',
  harvestMonths: 'harvest_months',
  provinceCode: 'province',
  formerProvinceCode: 'former_province',
  regionType: 'region_type',
  certifications: 'certifications',
  shelfLifeDays: 'shelf_life_days',
  storage: 'storage',
  packaging: 'packaging',
  hsCode: 'hs_code',
  exportReady: 'export_ready',
}

type ParsedRow = { ok: true; input: ProductInput } | { ok: false; problems: Omit<CsvProblem, 'line' | 'sku'>[] }

function parseCells(cells: Cells, defaults: Defaults): ParsedRow {
  const { raw, problems } = rawInputOf(cells, defaults)
  const parsed = ProductInputSchema.safeParse(raw)
  if (parsed.success && problems.length === 0) return { ok: true, input: parsed.data }
  if (!parsed.success) {
    // A cell that could not be read is reported once, as such, not again by what its absence implies.
    const unreadable = new Set(problems.map((p) => p.column))
    for (const issue of parsed.error.issues) {
      const [field, index] = issue.path
      const column = typeof field === 'string' ? fieldColumn[field] : undefined
      if (unreadable.has(column)) continue
      const problem = { ...(column ? { column } : {}), ...(typeof index === 'number' ? { item: index + 1 } : {}), message: issue.message }
      if (!problems.some((p) => p.column === problem.column && p.item === problem.item && p.message === problem.message)) problems.push(problem)
    }
  }
  return { ok: false, problems }
}

// ---------------------------------------------------------------------------------------------------------
// A product → cells (the export, and the base an update is laid over)

const productInclude = {
  category: { select: { slug: true } },
  tierPrices: { orderBy: { minQuantity: 'asc' }, select: { minQuantity: true, unitPriceVnd: true } },
  certifications: { orderBy: { id: 'asc' } },
} satisfies Prisma.ProductInclude
type ProductRow = Prisma.ProductGetPayload<{ include: typeof productInclude }>

function cellsOf(product: ProductRow, lang: Lang): Record<CsvColumnKey, string> {
  const [yes, no] = yesNo[lang]
  const bool = (value: boolean) => (value ? yes : no)
  const num = (value: number | null) => (value === null ? '' : String(value))
  const certificate = (c: ProductRow['certifications'][number]) => {
    const parts = [
      c.type,
      num(c.stars),
      c.number ?? '',
      c.issuer ?? '',
      c.issuedAt ? toDateOnly(c.issuedAt) : '',
      c.expiresAt ? toDateOnly(c.expiresAt) : '',
      c.name ?? '',
    ].map(escapePart)
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop()
    return parts.join(':')
  }
  return {
    sku: product.sku,
    name_vi: product.nameVi,
    name_en: product.nameEn ?? '',
    description_vi: product.descriptionVi,
    description_en: product.descriptionEn ?? '',
    category: product.category.slug,
    unit: unitWords[product.unit][lang],
    pack_size: product.packSize,
    moq: String(product.moq),
    tiers: product.tierPrices.map((t) => `${t.minQuantity}:${t.unitPriceVnd}`).join(';'),
    usd_price: formatUsdInput(product.usdPriceCents),
    vat: vatRateCode[product.vatRate],
    made_to_order: bool(product.madeToOrder),
    stock: product.madeToOrder ? '' : num(product.stock ?? 0),
    lead_time_days: num(product.leadTimeDays),
    harvest_months: product.harvestMonths.join(','),
    province: product.provinceCode,
    former_province: product.formerProvinceCode ?? '',
    region_type: product.regionType ?? 'NONE',
    shelf_life_days: num(product.shelfLifeDays),
    storage: product.storage ?? '',
    packaging: product.packaging ?? '',
    hs_code: product.hsCode ?? '',
    export_ready: bool(product.exportReady),
    certifications: product.certifications.map(certificate).join('|'),
    status: product.status,
  }
}

/** Excel needs the byte-order mark to read UTF-8; CRLF is what it writes itself. */
function toCsv(rows: string[][], delimiter: ',' | ';'): string {
  return stringify(rows, { bom: true, delimiter, record_delimiter: 'windows' })
}

const headerRow = (lang: Lang) => csvColumnKeys.map((key) => columnLabel(key, lang))

/** Every product of the producer (archived ones too), by SKU, with a header line in `lang`. */
export async function exportProductsCsv(producerId: string, lang: Lang, delimiter: ',' | ';' = ','): Promise<string> {
  const products = await prisma.product.findMany({ where: { producerId }, orderBy: { sku: 'asc' }, include: productInclude })
  const rows = products.map((p) => {
    const cells = cellsOf(p, lang)
    return csvColumnKeys.map((key) => cells[key])
  })
  return toCsv([headerRow(lang), ...rows], delimiter)
}

const templateRows: Record<Lang, Record<CsvColumnKey, string>[]> = {
  vi: [
    {
      sku: 'MO-BACHA-500',
      name_vi: 'Mật ong bạc hà Mèo Vạc',
      name_en: 'Mint flower honey from Mèo Vạc',
      description_vi: 'Mật ong hoa bạc hà thu hoạch tháng 10–12 trên cao nguyên đá Đồng Văn.',
      description_en: 'Honey from wild mint flowers, harvested October to December on the Đồng Văn karst plateau.',
      category: 'flower-honey',
      unit: 'chai',
      pack_size: 'Chai 500 ml',
      moq: '10',
      tiers: '10:180000;50:165000;200:150000',
      usd_price: '7.50',
      vat: '5',
      made_to_order: 'không',
      stock: '400',
      lead_time_days: '',
      harvest_months: '10,11,12',
      province: '08',
      former_province: '02',
      region_type: 'MOUNTAIN',
      shelf_life_days: '730',
      storage: 'Nơi khô ráo, tránh ánh nắng',
      packaging: 'Chai thủy tinh, thùng 20 chai',
      hs_code: '040900',
      export_ready: 'có',
      certifications: 'OCOP:4:0123/QĐ-UBND:UBND tỉnh Hà Giang:2025-03-01:2028-03-01',
      status: 'DRAFT',
    },
    {
      sku: 'CHE-SHAN-TUYET-1KG',
      name_vi: 'Chè Shan tuyết cổ thụ',
      name_en: '',
      description_vi: 'Chè Shan tuyết hái từ cây cổ thụ, sao thủ công.',
      description_en: '',
      category: 'tea',
      unit: 'kg',
      pack_size: 'Túi 1 kg',
      moq: '5',
      tiers: '5:650000;20:600000',
      usd_price: '',
      vat: 'KCT',
      made_to_order: 'có',
      stock: '',
      lead_time_days: '14',
      harvest_months: '3-5',
      province: '08',
      former_province: '',
      region_type: 'MOUNTAIN',
      shelf_life_days: '365',
      storage: '',
      packaging: '',
      hs_code: '',
      export_ready: 'không',
      certifications: 'VIETGAP::VN-GAP-0456:Trung tâm Chứng nhận Phù hợp:2024-06-01:2026-06-01',
      status: '',
    },
  ],
  en: [],
}
templateRows.en = templateRows.vi.map((row) => ({
  ...row,
  unit: foldText(row.unit) === 'chai' ? 'bottle' : row.unit,
  made_to_order: row.made_to_order === 'có' ? 'yes' : 'no',
  export_ready: row.export_ready === 'có' ? 'yes' : 'no',
}))

/** Headers and two example rows, ready to open in Excel. */
export function productsCsvTemplate(lang: Lang, delimiter: ',' | ';' = ','): string {
  return toCsv([headerRow(lang), ...templateRows[lang].map((row) => csvColumnKeys.map((key) => row[key]))], delimiter)
}

// ---------------------------------------------------------------------------------------------------------
// Reading the file

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

/** The separator that splits the header line into the most cells, outside quotes. */
function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch === '\n') break
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';'
  if (counts['\t'] > counts[',']) return '\t'
  return ','
}

type Table = { header: string[]; rows: { line: number; cells: string[] }[] }

function readTable(bytes: Uint8Array): { ok: true; table: Table } | { ok: false; problem: CsvProblem } {
  // Cell text is compared and stored composed (NFC), whatever the spreadsheet wrote.
  const text = decode(bytes).replace(/\r\n?/g, '\n').normalize('NFC')
  if (!text.trim()) return { ok: false, problem: { line: null, message: 'csv.file.empty' } }
  let records: { record: string[]; info: { lines: number } }[]
  try {
    // With `info`, each record comes with where it ends (the typings do not know that option's shape).
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }) as unknown as typeof records
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : null
    return { ok: false, problem: { line, message: 'csv.file.malformed' } }
  }
  const rows: Table['rows'] = []
  let previousEnd = 0
  for (const { record, info } of records) {
    const line = previousEnd + 1
    previousEnd = info.lines
    if (record.every((cell) => cell.trim() === '')) continue
    rows.push({ line, cells: record })
  }
  const [first, ...rest] = rows
  if (!first) return { ok: false, problem: { line: null, message: 'csv.file.empty' } }
  return { ok: true, table: { header: first.cells, rows: rest } }
}

function mapHeader(header: string[]): { ok: true; columns: (CsvColumnKey | null)[] } | { ok: false; problems: CsvProblem[] } {
  const problems: CsvProblem[] = []
  const seen = new Set<CsvColumnKey>()
  const columns = header.map((name) => {
    if (name.trim() === '') return null
    const key = columnOfHeader(name)
    if (!key) problems.push({ line: 1, message: 'csv.header.unknown', values: { header: name.trim() } })
    else if (seen.has(key)) problems.push({ line: 1, column: key, message: 'csv.header.duplicate', values: { header: name.trim() } })
    else seen.add(key)
    return key
  })
  if (!seen.has('sku')) problems.push({ line: 1, message: 'csv.header.skuMissing' })
  return problems.length ? { ok: false, problems } : { ok: true, columns }
}

// ---------------------------------------------------------------------------------------------------------
// The import

const canonical = (input: ProductInput) => JSON.stringify(input, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))

type PlannedRow = { line: number; sku: string; input: ProductInput; status?: ProductStatus; existing: ProductRow | null; changed: boolean; statusChanged: boolean }

/**
 * Imports a producer's CSV file. Every row is checked before anything is written; a file with any problem
 * writes nothing and comes back with all of them. Otherwise every row is written in one transaction.
 */
export async function importProductsCsv(
  producerId: string,
  bytes: Uint8Array,
  options: { actor: string; organizationSlug?: string },
): Promise<CsvImportResult> {
  if (bytes.byteLength > CSV_MAX_BYTES) {
    return { ok: false, rowCount: 0, problems: [{ line: null, message: 'csv.file.tooLarge', values: { max: CSV_MAX_BYTES / 1024 / 1024 } }] }
  }
  const read = readTable(bytes)
  if (!read.ok) return { ok: false, rowCount: 0, problems: [read.problem] }
  const { header, rows } = read.table
  const mapped = mapHeader(header)
  if (!mapped.ok) return { ok: false, rowCount: rows.length, problems: mapped.problems }
  if (rows.length === 0) return { ok: false, rowCount: 0, problems: [{ line: null, message: 'csv.file.noRows' }] }
  if (rows.length > CSV_MAX_ROWS) return { ok: false, rowCount: rows.length, problems: [{ line: null, message: 'csv.file.tooManyRows', values: { max: CSV_MAX_ROWS, count: rows.length } }] }

  const organization = await prisma.organization.findUnique({ where: { id: producerId }, select: { kind: true, provinceCode: true, regionType: true } })
  if (organization?.kind !== 'PRODUCER') return { ok: false, rowCount: rows.length, problems: [{ line: null, message: 'product.notProducer' }] }
  const defaults: Defaults = { provinceCode: organization.provinceCode, regionType: organization.regionType }

  const { columns } = mapped
  const skuIndex = columns.indexOf('sku')
  const skus = [...new Set(rows.map((r) => (r.cells[skuIndex] ?? '').trim()).filter(Boolean))]
  const existing = new Map(
    (await prisma.product.findMany({ where: { producerId, sku: { in: skus } }, include: productInclude })).map((p) => [p.sku, p]),
  )

  const problems: CsvProblem[] = []
  const planned: PlannedRow[] = []
  const firstLineOfSku = new Map<string, number>()
  for (const { line, cells } of rows) {
    const sku = (cells[skuIndex] ?? '').trim()
    const rowProblem = (p: Omit<CsvProblem, 'line' | 'sku'>) => problems.push({ line, ...(sku ? { sku } : {}), ...p })
    // A value under no header would be dropped silently.
    const stray = cells.findIndex((cell, i) => !columns[i] && cell.trim() !== '')
    if (stray !== -1) {
      rowProblem({ message: 'csv.row.cellWithoutHeader', values: { position: stray + 1 } })
      continue
    }
    if (!sku) {
      rowProblem({ column: 'sku', message: 'product.sku.required' })
      continue
    }
    const earlier = firstLineOfSku.get(sku)
    if (earlier !== undefined) {
      rowProblem({ column: 'sku', message: 'csv.sku.duplicate', values: { line: earlier } })
      continue
    }
    firstLineOfSku.set(sku, line)

    const current = existing.get(sku) ?? null
    // A column left out of the file keeps the product's value (a new product's default).
    const given: Cells = {}
    columns.forEach((key, i) => {
      if (key) given[key] = cells[i] ?? ''
    })
    const base: Cells = current ? cellsOf(current, 'vi') : {}
    const parsed = parseCells({ ...base, ...given, status: undefined }, defaults)
    if (!parsed.ok) for (const p of parsed.problems) rowProblem(p)

    let status: ProductStatus | undefined
    let statusProblem: string | null = null
    const statusText = (given.status ?? '').trim()
    if (statusText) {
      status = statusByWord.get(foldText(statusText))
      if (!status) statusProblem = 'csv.status.invalid'
      else if (status === 'UNPUBLISHED' && current?.status !== 'PUBLISHED' && current?.status !== 'UNPUBLISHED') statusProblem = 'product.status.notPublished'
      if (statusProblem) rowProblem({ column: 'status', message: statusProblem, ...(status ? {} : { values: { value: statusText } }) })
    }
    if (!parsed.ok || statusProblem) continue

    let changed = true
    if (current) {
      const before = parseCells(cellsOf(current, 'vi'), defaults)
      changed = !before.ok || canonical(before.input) !== canonical(parsed.input)
    }
    const statusChanged = status !== undefined && status !== (current?.status ?? 'DRAFT')
    planned.push({ line, sku, input: parsed.input, status, existing: current, changed, statusChanged })
  }
  if (problems.length) return { ok: false, rowCount: rows.length, problems }

  try {
    const results = await prisma.$transaction(
      async (tx) => {
        const out: CsvRowResult[] = []
        const touched: string[] = []
        for (const row of planned) {
          if (!row.changed && !row.statusChanged) {
            out.push({ line: row.line, sku: row.sku, action: 'unchanged' })
            continue
          }
          let productId = row.existing?.id
          if (row.changed) {
            const saved = await saveProductBySku(tx, producerId, row.input)
            if (!saved.ok) throw new RowFailure({ line: row.line, sku: row.sku, column: 'category', message: saved.error })
            productId = saved.product.id
          }
          if (row.statusChanged && row.status && productId) await setStatusInTx(tx, productId, row.status)
          if (productId) touched.push(productId)
          out.push({ line: row.line, sku: row.sku, action: row.existing ? 'updated' : 'created' })
        }
        await enqueueProductsSync(tx, touched)
        const count = (action: CsvRowResult['action']) => out.filter((r) => r.action === action).length
        await recordAudit(
          {
            actor: options.actor,
            action: 'product.import',
            target: options.organizationSlug ? `organization:${options.organizationSlug}` : null,
            details: { created: count('created'), updated: count('updated'), unchanged: count('unchanged') },
          },
          tx,
        )
        return out
      },
      // A file of 1,000 rows is several thousand statements: far more than the default 5 seconds.
      { timeout: 120_000, maxWait: 15_000 },
    )
    const count = (action: CsvRowResult['action']) => results.filter((r) => r.action === action).length
    return { ok: true, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), rows: results }
  } catch (error) {
    if (error instanceof RowFailure) return { ok: false, rowCount: rows.length, problems: [error.problem] }
    if ((error as { code?: string }).code === 'P2002') {
      // Another import or a form created one of these SKUs meanwhile: nothing was written; trying again reads it.
      return { ok: false, rowCount: rows.length, problems: [{ line: null, message: 'csv.file.conflict' }] }
    }
    throw error
  }
}

class RowFailure extends Error {
  constructor(readonly problem: CsvProblem) {
    super(problem.message)
  }
}

/** As setProductStatus, inside the import's transaction: the first publication date is kept for "newest". */
async function setStatusInTx(tx: Tx, productId: string, status: ProductStatus) {
  const current = await tx.product.findUniqueOrThrow({ where: { id: productId }, select: { publishedAt: true } })
  await tx.product.update({
    where: { id: productId },
    data: { status, ...(status === 'PUBLISHED' && !current.publishedAt ? { publishedAt: new Date() } : {}) },
  })
}
