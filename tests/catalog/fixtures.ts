// Organisations and products for the catalogue tests.
import type { OrganizationKind, RegionType, VerificationStatus } from '~/generated/prisma/enums'
import { ProductInputSchema, type ProductInput } from '~/modules/catalog/product-schemas'
import { prisma } from '~/utils/db.server'

let counter = 0

/** An organisation written directly (the organisations module has its own tests). */
export async function makeOrg(
  kind: OrganizationKind,
  options: { name?: string; verificationStatus?: VerificationStatus; suspended?: boolean; regionType?: RegionType | null; memberId?: string } = {},
) {
  const n = ++counter
  const name = options.name ?? `${kind === 'PRODUCER' ? 'HTX' : 'Siêu thị'} ${n}`
  return prisma.organization.create({
    data: {
      slug: `org-${n}-${Math.random().toString(36).slice(2, 7)}`,
      kind,
      legalForm: 'COOPERATIVE',
      legalName: name,
      displayName: name,
      taxCode: `9${String(Date.now()).slice(-6)}${String(n).padStart(3, '0')}`,
      addressLine: 'Thôn Lũng Cú',
      commune: 'Xã Đồng Văn',
      provinceCode: '08',
      formerProvinceCode: '02',
      regionType: options.regionType === undefined ? (kind === 'PRODUCER' ? 'MOUNTAIN' : null) : options.regionType,
      phone: '+84912000111',
      verificationStatus: options.verificationStatus ?? 'UNVERIFIED',
      suspendedAt: options.suspended ? new Date() : null,
      suspensionReason: options.suspended ? 'Kiểm tra' : null,
      ...(options.memberId ? { memberships: { create: { userId: options.memberId, role: 'OWNER' } } } : {}),
    },
  })
}

/** A valid product input; overrides are raw values, parsed like the API's. */
export function productInput(overrides: Record<string, unknown> = {}): ProductInput {
  return ProductInputSchema.parse({
    sku: `SKU-${++counter}`,
    nameVi: 'Mật ong bạc hà Hà Giang',
    nameEn: 'Hà Giang mint honey',
    descriptionVi: 'Mật ong hoa bạc hà Cao nguyên đá Đồng Văn.',
    categorySlug: 'flower-honey',
    unit: 'BOTTLE',
    packSize: 'Chai 500 ml',
    moq: 10,
    tierPrices: [
      { minQuantity: 10, unitPriceVnd: 250_000n },
      { minQuantity: 50, unitPriceVnd: 230_000n },
    ],
    vatRate: 'FIVE',
    madeToOrder: false,
    stock: 120,
    harvestMonths: [11, 12],
    provinceCode: '08',
    regionType: 'MOUNTAIN',
    certifications: [],
    exportReady: false,
    ...overrides,
  })
}

/** Everything of one product, for before/after comparisons. */
export function productSnapshot(id: string) {
  return prisma.product.findUnique({
    where: { id },
    include: { tierPrices: { orderBy: { minQuantity: 'asc' } }, certifications: { orderBy: { id: 'asc' } }, images: true },
  })
}
