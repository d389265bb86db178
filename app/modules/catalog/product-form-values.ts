// Browser-safe: what the producer's product form starts from, as the strings a form holds.
import type { CertificationType, RegionType, SaleUnit, VatRate } from '~/generated/prisma/enums'
import { toDateOnly } from './certifications'
import { formatUsdInput, PRODUCT_LIMITS } from './product-schemas'

export type TierRowValue = { minQuantity: string; unitPriceVnd: string }
export type CertificationRowValue = {
  type: string
  stars: string
  name: string
  number: string
  issuer: string
  issuedAt: string
  expiresAt: string
}

/** The form's fields (ProductFormSchema reads them); checkboxes hold 'on' when ticked. */
export type ProductFormShape = {
  sku: string
  nameVi: string
  nameEn: string
  descriptionVi: string
  descriptionEn: string
  categorySlug: string
  unit: string
  packSize: string
  moq: string
  tierPrices: TierRowValue[]
  usdPrice: string
  vatRate: string
  madeToOrder: string
  stock: string
  leadTimeDays: string
  harvestMonths: string[]
  provinceCode: string
  formerProvinceCode: string
  regionType: string
  certifications: CertificationRowValue[]
  shelfLifeDays: string
  storage: string
  packaging: string
  hsCode: string
  exportReady: string
}

/** Blank rows offered beyond the filled ones; wholly blank rows are ignored on save. */
export const TIER_ROWS = 4
export const CERTIFICATION_ROWS = 3

const blankTier: TierRowValue = { minQuantity: '', unitPriceVnd: '' }
const blankCertification: CertificationRowValue = { type: '', stars: '', name: '', number: '', issuer: '', issuedAt: '', expiresAt: '' }

function padRows<T>(rows: T[], blank: T, minimum: number, maximum: number): T[] {
  const count = Math.min(maximum, Math.max(minimum, rows.length + 1))
  return [...rows, ...Array.from({ length: Math.max(0, count - rows.length) }, () => ({ ...blank }))]
}

const str = (value: number | bigint | string | null | undefined) => (value === null || value === undefined ? '' : String(value))

/** A new product: origin defaults from the organisation. */
export function newProductFormValue(org: { provinceCode: string; formerProvinceCode: string | null; regionType: RegionType | null }): ProductFormShape {
  return {
    sku: '',
    nameVi: '',
    nameEn: '',
    descriptionVi: '',
    descriptionEn: '',
    categorySlug: '',
    unit: '',
    packSize: '',
    moq: '1',
    tierPrices: padRows([], blankTier, TIER_ROWS, PRODUCT_LIMITS.tiersMax),
    usdPrice: '',
    vatRate: '',
    madeToOrder: '',
    stock: '',
    leadTimeDays: '',
    harvestMonths: [],
    provinceCode: org.provinceCode,
    formerProvinceCode: org.formerProvinceCode ?? '',
    regionType: org.regionType ?? '',
    certifications: padRows([], blankCertification, CERTIFICATION_ROWS, PRODUCT_LIMITS.certificationsMax),
    shelfLifeDays: '',
    storage: '',
    packaging: '',
    hsCode: '',
    exportReady: '',
  }
}

type EditableProduct = {
  sku: string
  nameVi: string
  nameEn: string | null
  descriptionVi: string
  descriptionEn: string | null
  category: { slug: string }
  unit: SaleUnit
  packSize: string
  moq: number
  tierPrices: { minQuantity: number; unitPriceVnd: bigint }[]
  usdPriceCents: bigint | null
  vatRate: VatRate
  madeToOrder: boolean
  stock: number | null
  leadTimeDays: number | null
  harvestMonths: number[]
  provinceCode: string
  formerProvinceCode: string | null
  regionType: RegionType | null
  certifications: {
    type: CertificationType
    stars: number | null
    name: string | null
    number: string | null
    issuer: string | null
    issuedAt: Date | string | null
    expiresAt: Date | string | null
  }[]
  shelfLifeDays: number | null
  storage: string | null
  packaging: string | null
  hsCode: string | null
  exportReady: boolean
}

/** An existing product (getProductForEdit) as the form shows it. */
export function productFormValue(p: EditableProduct): ProductFormShape {
  return {
    sku: p.sku,
    nameVi: p.nameVi,
    nameEn: p.nameEn ?? '',
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn ?? '',
    categorySlug: p.category.slug,
    unit: p.unit,
    packSize: p.packSize,
    moq: String(p.moq),
    tierPrices: padRows(
      p.tierPrices.map((t) => ({ minQuantity: String(t.minQuantity), unitPriceVnd: String(t.unitPriceVnd) })),
      blankTier,
      TIER_ROWS,
      PRODUCT_LIMITS.tiersMax,
    ),
    usdPrice: formatUsdInput(p.usdPriceCents),
    vatRate: p.vatRate,
    madeToOrder: p.madeToOrder ? 'on' : '',
    stock: str(p.stock),
    leadTimeDays: str(p.leadTimeDays),
    harvestMonths: p.harvestMonths.map(String),
    provinceCode: p.provinceCode,
    formerProvinceCode: p.formerProvinceCode ?? '',
    regionType: p.regionType ?? '',
    certifications: padRows(
      p.certifications.map((c) => ({
        type: c.type,
        stars: str(c.stars),
        name: c.name ?? '',
        number: c.number ?? '',
        issuer: c.issuer ?? '',
        issuedAt: c.issuedAt ? toDateOnly(c.issuedAt) : '',
        expiresAt: c.expiresAt ? toDateOnly(c.expiresAt) : '',
      })),
      blankCertification,
      CERTIFICATION_ROWS,
      PRODUCT_LIMITS.certificationsMax,
    ),
    shelfLifeDays: str(p.shelfLifeDays),
    storage: p.storage ?? '',
    packaging: p.packaging ?? '',
    hsCode: p.hsCode ?? '',
    exportReady: p.exportReady ? 'on' : '',
  }
}
