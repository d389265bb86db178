import { z } from 'zod'
import type { CertificationType, ProductStatus, RegionType, SaleUnit, VatRate } from '~/generated/prisma/enums'
import { formerProvinceCodes, provinceCodes, provinceOfFormer } from '../geo/provinces'
import { isCategorySlug } from './categories'
import { addMonths, certificationFromSlug, certificationTypes, isCalendarDate, OCOP_VALIDITY_MONTHS } from './certifications'

// Re-exported: the certification names live in certifications.ts, which pages can load without zod.
export { certificationFromSlug, certificationSlug, certificationTypes } from './certifications'

// Browser-safe: the one definition of a product, used by the producer's form (ProductFormSchema, through
// Conform), the CSV import and the API (ProductInputSchema). Messages are i18n keys in the `errors`
// namespace, under `product.`.
//
// The parsers are lenient about how people type numbers: "120.000", "120,000" and "120 000 đ" are all
// 120000 (groups of three digits are thousands in both languages), and an empty string is "not given", so
// raw CSV cells can be passed as they are. Quantities are whole numbers of the sale unit: "1,5" is refused.

export const units = ['KG', 'TONNE', 'CARTON', 'BOX', 'BOTTLE', 'PACK', 'BAG', 'PIECE'] as const satisfies readonly SaleUnit[]
export const vatRates = ['EXEMPT', 'ZERO', 'FIVE', 'EIGHT', 'TEN'] as const satisfies readonly VatRate[]
export const productStatuses = ['DRAFT', 'PUBLISHED', 'UNPUBLISHED', 'ARCHIVED'] as const satisfies readonly ProductStatus[]
export const regionTypes = ['MOUNTAIN', 'REMOTE', 'ISLAND', 'BORDER'] as const satisfies readonly RegionType[]
export const ocopStars = [3, 4, 5] as const

/** VAT rates as the API and CSV write them; exempt ("không chịu thuế", KCT) is not 0%. */
export const vatRateCode: Record<VatRate, 'KCT' | '0' | '5' | '8' | '10'> = {
  EXEMPT: 'KCT',
  ZERO: '0',
  FIVE: '5',
  EIGHT: '8',
  TEN: '10',
}
export const vatRateFromCode: Record<'KCT' | '0' | '5' | '8' | '10', VatRate> = {
  KCT: 'EXEMPT',
  '0': 'ZERO',
  '5': 'FIVE',
  '8': 'EIGHT',
  '10': 'TEN',
}

export const PRODUCT_LIMITS = {
  skuMax: 64,
  nameMax: 200,
  descriptionMax: 5000,
  textMax: 500,
  packSizeMax: 100,
  quantityMax: 100_000_000,
  stockMax: 2_000_000_000,
  leadTimeMax: 365,
  shelfLifeMax: 3650,
  priceMaxVnd: 1_000_000_000_000n,
  usdMaxCents: 100_000_000n,
  tiersMax: 10,
  certificationsMax: 10,
} as const

// ---------------------------------------------------------------------------------------------------------
// Lenient input parsers (also exported for the CSV import)

const SPACES = /[\s\u00a0\u202f]/g

function trimmed(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const text = value.trim()
  return text === '' ? undefined : text
}

/** "1.000" / "1,000" / "1 000" → 1000; "1,5" → 1.5 (then refused as not whole); anything else is left for Zod to refuse. */
function parseNumberText(text: string): number | string {
  const compact = text.replace(SPACES, '')
  if (/^-?\d{1,3}(\.\d{3})+$/.test(compact) || /^-?\d{1,3}(,\d{3})+$/.test(compact)) return Number(compact.replace(/[.,]/g, ''))
  if (/^-?\d+$/.test(compact)) return Number(compact)
  if (/^-?\d+[.,]\d+$/.test(compact)) return Number(compact.replace(',', '.'))
  return text
}

function wholeNumberInput(value: unknown): unknown {
  const v = trimmed(value)
  if (typeof v === 'string') return parseNumberText(v)
  if (typeof v === 'bigint') return Number(v)
  return v
}

function vndInput(value: unknown): unknown {
  const v = trimmed(value)
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v
  if (typeof v !== 'string') return v
  const text = v.replace(/(₫|đồng|đ|vnđ|vnd)$/i, '').trim()
  if (text === '') return undefined
  const n = parseNumberText(text)
  return typeof n === 'number' && Number.isSafeInteger(n) ? BigInt(n) : v
}

/** A VND amount as typed ("120.000", "120,000 đ", "120000₫", "120 000 VND" → 120000n), or null when it is not a whole amount. */
export function parseVnd(text: string): bigint | null {
  const value = vndInput(text)
  return typeof value === 'bigint' ? value : null
}

/** A USD amount as typed ("12.50", "12,5", "$1,234.50") in cents, or null when it is not one. */
export function parseUsdCents(text: string): bigint | null {
  const compact = text.replace(SPACES, '').replace(/^\$|^usd|usd$/gi, '')
  let whole: string
  let fraction = ''
  let match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact)
  if (match) [, whole, fraction = ''] = match
  else if ((match = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/.exec(compact))) [, whole, fraction = ''] = [match[0], match[1].replace(/,/g, ''), match[2]]
  else return null
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0') || '0')
}

/** Cents as a form shows them: 1250n → "12.50". */
export function formatUsdInput(cents: bigint | null | undefined): string {
  if (cents === null || cents === undefined) return ''
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`
}

function centsInput(value: unknown): unknown {
  const v = trimmed(value)
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v)
  return v
}

/** "yes", "có", "x", "1", "true", a checked checkbox ("on") → true; "no", "không", "0", "false" → false. */
export function parseBooleanInput(value: unknown): unknown {
  const v = trimmed(value)
  if (typeof v !== 'string') return v
  const text = v.toLowerCase()
  if (['on', 'true', '1', 'yes', 'y', 'x', 'có', 'co'].includes(text)) return true
  if (['off', 'false', '0', 'no', 'n', 'không', 'khong'].includes(text)) return false
  return v
}

/** 'YYYY-MM-DD' from a date, an ISO string or a Vietnamese "d/m/yyyy". */
export function parseDateInput(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString().slice(0, 10)
  const v = trimmed(value)
  if (typeof v !== 'string') return v
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v)
  if (vn) return `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}`
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return v.slice(0, 10)
  return v
}

/** Harvest months from checkboxes (["3", "4"]) or a cell ("3, 4, 5" or "3;4;5"). */
function monthsInput(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return []
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;\s]+/) : [value]
  return list.filter((m) => m !== '' && m !== undefined).map((m) => (typeof m === 'string' ? parseNumberText(m.trim()) : m))
}

const upper = (value: unknown) => {
  const v = trimmed(value)
  return typeof v === 'string' ? v.toUpperCase() : v
}

function vatInput(value: unknown): unknown {
  const v = upper(typeof value === 'number' ? String(value) : value)
  if (typeof v !== 'string') return v
  const code = v.replace(/\s*%$/, '')
  return code in vatRateFromCode ? vatRateFromCode[code as keyof typeof vatRateFromCode] : v
}

function certificationTypeInput(value: unknown): unknown {
  const v = trimmed(value)
  if (typeof v !== 'string') return v
  return certificationFromSlug[v.toLowerCase()] ?? v.toUpperCase()
}

function provinceInput(value: unknown): unknown {
  const v = trimmed(typeof value === 'number' ? String(value) : value)
  // Spreadsheets drop the leading zero of "08".
  return typeof v === 'string' && /^\d$/.test(v) ? `0${v}` : v
}

function regionInput(value: unknown): unknown {
  const v = upper(value)
  return v === 'NONE' ? undefined : v
}

// ---------------------------------------------------------------------------------------------------------
// Field schemas

/** An enum whose missing value and wrong value get their own messages. */
function enumOf<T extends readonly [string, ...string[]]>(values: T, requiredKey: string, invalidKey: string) {
  return z.enum(values as unknown as [T[number], ...T[number][]], {
    errorMap: (_issue, ctx) => ({ message: ctx.data === undefined || ctx.data === '' ? requiredKey : invalidKey }),
  })
}

function requiredText(key: string, max: number) {
  return z.preprocess(
    trimmed,
    z.string({ errorMap: () => ({ message: `product.${key}.required` }) }).max(max, `product.${key}.tooLong`),
  )
}

function optionalText(key: string, max: number) {
  return z.preprocess(trimmed, z.string({ errorMap: () => ({ message: 'invalid' }) }).max(max, key).optional())
}

function wholeNumber(key: string, min: number, max: number) {
  return z
    .number({ errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? `product.${key}.required` : `product.${key}.whole` }) })
    .int(`product.${key}.whole`)
    .min(min, `product.${key}.min`)
    .max(max, `product.${key}.tooLarge`)
}

function vnd(key: string) {
  return z
    .bigint({ errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? `product.${key}.required` : `product.${key}.invalid` }) })
    .positive(`product.${key}.positive`)
    .max(PRODUCT_LIMITS.priceMaxVnd, `product.${key}.tooLarge`)
}

const dateField = z.preprocess(
  parseDateInput,
  z
    .string({ errorMap: () => ({ message: 'product.certification.dateInvalid' }) })
    .refine(isCalendarDate, 'product.certification.dateInvalid')
    .optional(),
)

const tierRow = z.object({
  minQuantity: z.preprocess(wholeNumberInput, wholeNumber('tiers.quantity', 1, PRODUCT_LIMITS.quantityMax).optional()),
  unitPriceVnd: z.preprocess(vndInput, vnd('tiers.price').optional()),
})

/**
 * Tier rows as a form posts them: wholly empty rows are ignored, so the form can offer a few blank rows.
 * Quantities strictly increase and unit prices never increase from one row to the next.
 */
const tierPricesField = z
  .array(tierRow, { errorMap: () => ({ message: 'product.tiers.required' }) })
  .max(PRODUCT_LIMITS.tiersMax, 'product.tiers.tooMany')
  .superRefine((rows, ctx) => {
    let previous: { minQuantity: number; unitPriceVnd: bigint } | null = null
    let filled = 0
    rows.forEach((row, i) => {
      if (row.minQuantity === undefined && row.unitPriceVnd === undefined) return
      filled++
      if (row.minQuantity === undefined) ctx.addIssue({ code: 'custom', path: [i, 'minQuantity'], message: 'product.tiers.quantity.required' })
      if (row.unitPriceVnd === undefined) ctx.addIssue({ code: 'custom', path: [i, 'unitPriceVnd'], message: 'product.tiers.price.required' })
      if (row.minQuantity === undefined || row.unitPriceVnd === undefined) return
      if (previous) {
        if (row.minQuantity <= previous.minQuantity) {
          ctx.addIssue({ code: 'custom', path: [i, 'minQuantity'], message: 'product.tiers.quantityOrder' })
        }
        if (row.unitPriceVnd > previous.unitPriceVnd) {
          ctx.addIssue({ code: 'custom', path: [i, 'unitPriceVnd'], message: 'product.tiers.priceOrder' })
        }
      }
      previous = { minQuantity: row.minQuantity, unitPriceVnd: row.unitPriceVnd }
    })
    if (filled === 0) ctx.addIssue({ code: 'custom', message: 'product.tiers.required' })
  })

const certificationRow = z.object({
  type: z.preprocess(
    certificationTypeInput,
    enumOf(certificationTypes, 'product.certification.typeRequired', 'product.certification.typeInvalid').optional(),
  ),
  stars: z.preprocess(
    wholeNumberInput,
    z
      .number({ errorMap: () => ({ message: 'product.certification.ocopStars' }) })
      .int('product.certification.ocopStars')
      .min(3, 'product.certification.ocopStars')
      .max(5, 'product.certification.ocopStars')
      .optional(),
  ),
  name: optionalText('product.certification.tooLong', 200),
  number: optionalText('product.certification.tooLong', 100),
  issuer: optionalText('product.certification.tooLong', 200),
  issuedAt: dateField,
  expiresAt: dateField,
})
type CertificationRow = z.infer<typeof certificationRow>

const rowIsEmpty = (row: Record<string, unknown>) => Object.values(row).every((v) => v === undefined)

const certificationsField = z
  .array(certificationRow)
  .max(PRODUCT_LIMITS.certificationsMax, 'product.certification.tooMany')
  .superRefine((rows, ctx) => {
    let ocop = 0
    rows.forEach((row, i) => {
      if (rowIsEmpty(row)) return
      const issue = (field: keyof CertificationRow, message: string) => ctx.addIssue({ code: 'custom', path: [i, field], message })
      if (!row.type) return issue('type', 'product.certification.typeRequired')
      if (row.type === 'OCOP') {
        ocop++
        if (ocop > 1) issue('type', 'product.certification.ocopDuplicate')
        if (row.stars === undefined) issue('stars', 'product.certification.ocopStars')
        // Without an issue date an OCOP mark would never expire (certificates last 36 months).
        if (!row.issuedAt) issue('issuedAt', 'product.certification.ocopIssuedRequired')
      } else if (row.stars !== undefined) {
        issue('stars', 'product.certification.starsOnlyOcop')
      }
      if (row.type === 'GEOGRAPHICAL_INDICATION' && !row.name) issue('name', 'product.certification.nameRequired')
      if (row.issuedAt && row.expiresAt && row.expiresAt <= row.issuedAt) issue('expiresAt', 'product.certification.expiryBeforeIssue')
    })
  })

const hsCodeField = z.preprocess(
  (value) => {
    const v = trimmed(typeof value === 'number' ? String(value) : value)
    return typeof v === 'string' ? v.replace(/[.\s]/g, '') : v
  },
  z
    .string({ errorMap: () => ({ message: 'product.hsCode.invalid' }) })
    .regex(/^\d{4}(\d{2}){0,3}$/, 'product.hsCode.invalid')
    .optional(),
)

const booleanField = z.preprocess(parseBooleanInput, z.boolean({ errorMap: () => ({ message: 'invalid' }) }).optional())

/** Every field but the USD price, which the API and CSV give in cents and the form in dollars. */
const commonFields = {
  sku: z.preprocess(
    trimmed,
    z
      .string({ errorMap: () => ({ message: 'product.sku.required' }) })
      .max(PRODUCT_LIMITS.skuMax, 'product.sku.tooLong')
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'product.sku.invalid'),
  ),
  nameVi: requiredText('nameVi', PRODUCT_LIMITS.nameMax),
  nameEn: optionalText('product.nameEn.tooLong', PRODUCT_LIMITS.nameMax),
  descriptionVi: requiredText('descriptionVi', PRODUCT_LIMITS.descriptionMax),
  descriptionEn: optionalText('product.descriptionEn.tooLong', PRODUCT_LIMITS.descriptionMax),
  categorySlug: z.preprocess(
    (value) => {
      const v = trimmed(value)
      return typeof v === 'string' ? v.toLowerCase() : v
    },
    z
      .string({ errorMap: () => ({ message: 'product.category.required' }) })
      .refine(isCategorySlug, 'product.category.invalid'),
  ),
  unit: z.preprocess(upper, enumOf(units, 'product.unit.required', 'product.unit.invalid')),
  packSize: optionalText('product.packSize.tooLong', PRODUCT_LIMITS.packSizeMax),
  moq: z.preprocess(wholeNumberInput, wholeNumber('moq', 1, PRODUCT_LIMITS.quantityMax)),
  tierPrices: tierPricesField,
  vatRate: z.preprocess(vatInput, enumOf(vatRates, 'product.vatRate.required', 'product.vatRate.invalid')),
  madeToOrder: booleanField,
  stock: z.preprocess(wholeNumberInput, wholeNumber('stock', 0, PRODUCT_LIMITS.stockMax).optional()),
  leadTimeDays: z.preprocess(wholeNumberInput, wholeNumber('leadTime', 1, PRODUCT_LIMITS.leadTimeMax).optional()),
  harvestMonths: z.preprocess(
    monthsInput,
    z.array(
      z
        .number({ errorMap: () => ({ message: 'product.harvestMonths.invalid' }) })
        .int('product.harvestMonths.invalid')
        .min(1, 'product.harvestMonths.invalid')
        .max(12, 'product.harvestMonths.invalid'),
    ),
  ),
  provinceCode: z.preprocess(provinceInput, enumOf(provinceCodes, 'product.province.required', 'product.province.invalid')),
  formerProvinceCode: z.preprocess(provinceInput, enumOf(formerProvinceCodes, 'product.formerProvince.invalid', 'product.formerProvince.invalid').optional()),
  regionType: z.preprocess(regionInput, enumOf(regionTypes, 'product.regionType.invalid', 'product.regionType.invalid').optional()),
  certifications: z.preprocess((value) => (value === undefined || value === null || value === '' ? [] : value), certificationsField),
  shelfLifeDays: z.preprocess(wholeNumberInput, wholeNumber('shelfLife', 1, PRODUCT_LIMITS.shelfLifeMax).optional()),
  storage: optionalText('product.storage.tooLong', PRODUCT_LIMITS.textMax),
  packaging: optionalText('product.packaging.tooLong', PRODUCT_LIMITS.textMax),
  hsCode: hsCodeField,
  exportReady: booleanField,
}

type CommonFields = z.infer<z.ZodObject<typeof commonFields>>

/** Rules across fields. */
function checkProduct(value: CommonFields, ctx: z.RefinementCtx) {
  const firstTier = value.tierPrices.findIndex((row) => row.minQuantity !== undefined || row.unitPriceVnd !== undefined)
  const first = value.tierPrices[firstTier]
  const moqValid = Number.isInteger(value.moq) && value.moq >= 1 // else the MOQ's own message says what is wrong
  if (moqValid && first?.minQuantity !== undefined && first.minQuantity !== value.moq) {
    ctx.addIssue({ code: 'custom', path: ['tierPrices', firstTier, 'minQuantity'], message: 'product.tiers.firstIsMoq' })
  }
  if (value.madeToOrder) {
    if (value.leadTimeDays === undefined) ctx.addIssue({ code: 'custom', path: ['leadTimeDays'], message: 'product.leadTime.required' })
  } else if (value.stock === undefined) {
    ctx.addIssue({ code: 'custom', path: ['stock'], message: 'product.stock.required' })
  }
  if (value.formerProvinceCode && provinceOfFormer(value.formerProvinceCode)?.code !== value.provinceCode) {
    ctx.addIssue({ code: 'custom', path: ['formerProvinceCode'], message: 'product.formerProvince.mismatch' })
  }
  if (value.exportReady && !value.hsCode) {
    ctx.addIssue({ code: 'custom', path: ['hsCode'], message: 'product.hsCode.requiredForExport' })
  }
}

export type ProductCertificationInput = {
  type: CertificationType
  stars?: number
  name?: string
  number?: string
  issuer?: string
  /** 'YYYY-MM-DD' */
  issuedAt?: string
  /** 'YYYY-MM-DD'; for OCOP, the issue date + 36 months when not given. */
  expiresAt?: string
}

export type ProductInput = {
  sku: string
  nameVi: string
  nameEn?: string
  descriptionVi: string
  descriptionEn?: string
  categorySlug: string
  unit: SaleUnit
  packSize: string
  moq: number
  /** Sorted by quantity; the first starts at the MOQ. */
  tierPrices: { minQuantity: number; unitPriceVnd: bigint }[]
  usdPriceCents?: bigint
  vatRate: VatRate
  madeToOrder: boolean
  /** Not given when made to order. */
  stock?: number
  leadTimeDays?: number
  /** 1–12, sorted, each once. */
  harvestMonths: number[]
  provinceCode: string
  formerProvinceCode?: string
  regionType?: RegionType
  certifications: ProductCertificationInput[]
  shelfLifeDays?: number
  storage?: string
  packaging?: string
  hsCode?: string
  exportReady: boolean
}

function toProductInput(value: CommonFields, usdPriceCents: bigint | undefined): ProductInput {
  const madeToOrder = value.madeToOrder ?? false
  return {
    sku: value.sku,
    nameVi: value.nameVi,
    nameEn: value.nameEn,
    descriptionVi: value.descriptionVi,
    descriptionEn: value.descriptionEn,
    categorySlug: value.categorySlug,
    unit: value.unit,
    packSize: value.packSize ?? '',
    moq: value.moq,
    tierPrices: value.tierPrices
      .filter((row) => row.minQuantity !== undefined && row.unitPriceVnd !== undefined)
      .map((row) => ({ minQuantity: row.minQuantity!, unitPriceVnd: row.unitPriceVnd! })),
    usdPriceCents,
    vatRate: value.vatRate,
    madeToOrder,
    stock: madeToOrder ? undefined : value.stock,
    leadTimeDays: value.leadTimeDays,
    harvestMonths: [...new Set(value.harvestMonths)].sort((a, b) => a - b),
    provinceCode: value.provinceCode,
    formerProvinceCode: value.formerProvinceCode,
    regionType: value.regionType,
    certifications: value.certifications
      .filter((row) => !rowIsEmpty(row))
      .map((row) => ({
        type: row.type!,
        stars: row.type === 'OCOP' ? row.stars : undefined,
        name: row.name,
        number: row.number,
        issuer: row.issuer,
        issuedAt: row.issuedAt,
        expiresAt: row.expiresAt ?? (row.type === 'OCOP' && row.issuedAt ? addMonths(row.issuedAt, OCOP_VALIDITY_MONTHS) : undefined),
      })),
    shelfLifeDays: value.shelfLifeDays,
    storage: value.storage,
    packaging: value.packaging,
    hsCode: value.hsCode,
    exportReady: value.exportReady ?? false,
  }
}

const usdCentsField = z.preprocess(
  centsInput,
  z
    .bigint({ errorMap: () => ({ message: 'product.usdPrice.invalid' }) })
    .positive('product.usdPrice.positive')
    .max(PRODUCT_LIMITS.usdMaxCents, 'product.usdPrice.tooLarge')
    .optional(),
)

/** A full product as the CSV import and the API give it (USD price in cents). */
export const ProductInputSchema = z
  .object({ ...commonFields, usdPriceCents: usdCentsField })
  .superRefine(checkProduct)
  .transform((value): ProductInput => toProductInput(value, value.usdPriceCents))

const usdDollarsField = z.preprocess(
  (value) => {
    const v = trimmed(value)
    if (typeof v !== 'string') return v
    return parseUsdCents(v) ?? v
  },
  z
    .bigint({ errorMap: () => ({ message: 'product.usdPrice.invalid' }) })
    .positive('product.usdPrice.positive')
    .max(PRODUCT_LIMITS.usdMaxCents, 'product.usdPrice.tooLarge')
    .optional(),
)

/** The producer's form: the same product, with the USD price typed in dollars ("12.50") as `usdPrice`. */
export const ProductFormSchema = z
  .object({ ...commonFields, usdPrice: usdDollarsField })
  .superRefine(checkProduct)
  .transform((value): ProductInput => toProductInput(value, value.usdPrice))

/** The quick edit of one row of the producer's product list: stock and the first tier's unit price. */
export const QuickEditSchema = z
  .object({
    productId: z.string({ errorMap: () => ({ message: 'product.notFound' }) }).min(1, 'product.notFound'),
    stock: z.preprocess(wholeNumberInput, wholeNumber('stock', 0, PRODUCT_LIMITS.stockMax).optional()),
    priceVnd: z.preprocess(vndInput, vnd('tiers.price').optional()),
  })
  .refine((v) => v.stock !== undefined || v.priceVnd !== undefined, { message: 'product.quickEdit.empty' })
export type QuickEditInput = z.infer<typeof QuickEditSchema>
