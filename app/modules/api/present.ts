import type { TFunction } from 'i18next'
import type { z } from 'zod'
import type { RegionType } from '~/generated/prisma/enums'
import { isOverdue } from '~/modules/payments/terms'
import { orderVietQr } from '~/modules/payments/vietqr'
import type { CategoryTreeRow } from '~/modules/catalog/categories.server'
import { isCertificationActive, toDateOnly } from '~/modules/catalog/certifications'
import { certificationSlug, ProductInputSchema, vatRateCode, type ProductInput } from '~/modules/catalog/product-schemas'
import type { ApiProductRow } from '~/modules/catalog/products-api.server'
import { provinceName } from '~/modules/geo/provinces'
import type { ProductImageView } from '~/modules/media/image-view'
import { nextStatuses } from '~/modules/orders/order-rules'
import type { OrderListDetail } from '~/modules/order-lists/order-lists.server'
import type { OrderDetail, OrderSide } from '~/modules/orders/queries.server'
import type { Env } from '~/utils/env.server'
import type {
  ApiKeySchema,
  CategorySchema,
  DeliveryAddressSchema,
  OrderListSchema,
  OrderSchema,
  ProductCreateSchema,
  ProductImageSchema,
  ProductSchema,
  ProductUpdateSchema,
} from './endpoints'
import { money } from './schemas'

// Rows as the API shows them (typed by the documented schemas, so a field cannot go missing silently).

export function presentDeliveryAddress(row: {
  id: string
  label: string
  recipientName: string
  phone: string
  addressLine: string
  commune: string
  provinceCode: string
  isDefault: boolean
  createdAt: Date
  updatedAt: Date
}): z.input<typeof DeliveryAddressSchema> {
  return {
    id: row.id,
    label: row.label,
    recipientName: row.recipientName,
    phone: row.phone,
    addressLine: row.addressLine,
    commune: row.commune,
    province: row.provinceCode,
    provinceName: provinceName(row.provinceCode),
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

export function presentApiKey(row: {
  id: string
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
  createdBy?: { name: string } | null
}): z.input<typeof ApiKeySchema> {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.name ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }
}

export function presentCategory(row: CategoryTreeRow): z.input<typeof CategorySchema> {
  return {
    slug: row.slug,
    name: { vi: row.nameVi, en: row.nameEn },
    children: row.children.map((c) => ({ slug: c.slug, name: { vi: c.nameVi, en: c.nameEn } })),
  }
}

/** Image URLs are absolute in the API (integrations fetch them from elsewhere). */
export function presentProductImage(image: ProductImageView, origin: string): z.input<typeof ProductImageSchema> {
  const absolute = (url: string) => `${origin.replace(/\/$/, '')}${url}`
  const jpegs = image.variants.filter((v) => v.format === 'jpeg')
  const largest = (jpegs.length ? jpegs : image.variants).reduce<(typeof image.variants)[number] | null>((a, v) => (!a || v.width > a.width ? v : a), null)
  return {
    id: image.id,
    url: largest ? absolute(largest.url) : '',
    width: image.width,
    height: image.height,
    alt: image.alt,
    placeholder: image.placeholder,
    variants: image.variants.map((v) => ({ format: v.format, width: v.width, url: absolute(v.url) })),
  }
}

/**
 * A product as the API shows it. The public sees active certifications only and no suspension; the
 * producer's own key (row.isOwn) sees everything.
 */
export function presentProduct(row: ApiProductRow, options: { origin: string; now?: Date }): z.input<typeof ProductSchema> {
  const now = options.now ?? new Date()
  const certifications = row.certifications
    .map((c) => ({ ...c, active: isCertificationActive(c, now) }))
    .filter((c) => row.isOwn || c.active)
  return {
    id: row.id,
    sku: row.sku,
    slug: row.slug,
    status: row.status,
    name: { vi: row.nameVi, en: row.nameEn },
    description: { vi: row.descriptionVi, en: row.descriptionEn },
    category: row.category.slug,
    unit: row.unit,
    packSize: row.packSize,
    moq: row.moq,
    tierPrices: row.tierPrices.map((t) => ({ minQuantity: t.minQuantity, unitPrice: money(t.unitPriceVnd, 'VND') })),
    price: money(row.priceVnd, 'VND'),
    usdPrice: row.usdPriceCents === null ? null : money(row.usdPriceCents, 'USD'),
    vatRate: vatRateCode[row.vatRate],
    madeToOrder: row.madeToOrder,
    stock: row.madeToOrder ? null : row.stock,
    leadTimeDays: row.leadTimeDays,
    harvestMonths: row.harvestMonths,
    province: row.provinceCode,
    formerProvince: row.formerProvinceCode,
    regionType: row.regionType,
    shelfLifeDays: row.shelfLifeDays,
    storage: row.storage,
    packaging: row.packaging,
    hsCode: row.hsCode,
    exportReady: row.exportReady,
    certifications: certifications.map((c) => ({
      type: certificationSlug[c.type] as z.input<typeof ProductSchema>['certifications'][number]['type'],
      stars: c.stars,
      name: c.name,
      number: c.number,
      issuer: c.issuer,
      issuedAt: c.issuedAt ? toDateOnly(c.issuedAt) : null,
      expiresAt: c.expiresAt ? toDateOnly(c.expiresAt) : null,
      active: c.active,
    })),
    images: row.images.map((image) => presentProductImage(image, options.origin)),
    producer: { slug: row.producer.slug, name: row.producer.displayName, verificationStatus: row.producer.verificationStatus },
    suspension: row.isOwn && row.suspendedAt ? { at: row.suspendedAt.toISOString(), reason: row.suspensionReason ?? '' } : null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** The settings that say where buyers pay (the platform's bank account). */
type PaymentSettings = Pick<Env, 'PAYMENT_BANK_NAME' | 'VIETQR_BIN' | 'VIETQR_ACCOUNT' | 'VIETQR_ACCOUNT_NAME'>

/** How an order's history names an API key that acted (the event also records the key's id). */
export const apiKeyActorName = (keyName: string) => `API key "${keyName}"`

type OrderDeliveryAddress = { label: string; recipientName: string; phone: string; addressLine: string; commune: string; provinceCode: string }

const dateOnly = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null)

/**
 * An order as the API shows it to one of its parties: `side` decides which moves it is offered and
 * whether the bank account to pay into is shown (buyers pay, producers are paid by the platform).
 */
export function presentOrder(order: OrderDetail, options: { side: OrderSide; settings: PaymentSettings }): z.input<typeof OrderSchema> {
  const { settings } = options
  const address = order.deliveryAddress as OrderDeliveryAddress
  const vnd = (amount: bigint) => money(amount, 'VND')
  return {
    id: order.id,
    number: order.number,
    createdAt: order.createdAt.toISOString(),
    buyer: { slug: order.buyer.slug, name: order.buyer.displayName },
    producer: { slug: order.producer.slug, name: order.producer.displayName },
    items: order.items.map((item) => ({
      id: item.id,
      productId: item.productId,
      sku: item.sku,
      name: { vi: item.nameVi, en: item.nameEn },
      unit: item.unit,
      packSize: item.packSize,
      orderedQuantity: item.orderedQuantity,
      quantity: item.quantity,
      unitPrice: vnd(item.unitPriceVnd),
      vatRate: vatRateCode[item.vatRate],
      lineTotal: vnd(item.lineTotalVnd),
      vatAmount: vnd(item.vatAmountVnd),
    })),
    subtotal: vnd(order.subtotalVnd),
    vatTotal: vnd(order.vatTotalVnd),
    shippingFee: vnd(order.shippingFeeVnd),
    total: vnd(order.totalVnd),
    status: order.status,
    approval: presentApproval(order),
    paymentStatus: order.paymentStatus,
    payment: {
      method: order.paymentMethod,
      reference: order.paymentReference,
      amountReceived: vnd(order.amountReceivedVnd),
      vietqrPayload: options.side === 'buyer' ? orderVietQr(order, settings) : null,
      termDays: order.paymentTermDays,
      dueDate: dateOnly(order.paymentDueDate),
      overdue: isOverdue(order),
      paidAt: order.paidAt?.toISOString() ?? null,
      bankAccount:
        options.side === 'buyer'
          ? { bankName: settings.PAYMENT_BANK_NAME, accountNumber: settings.VIETQR_ACCOUNT, accountName: settings.VIETQR_ACCOUNT_NAME }
          : null,
    },
    deliveryAddress: {
      label: address.label,
      recipientName: address.recipientName,
      phone: address.phone,
      addressLine: address.addressLine,
      commune: address.commune,
      province: address.provinceCode,
      provinceName: provinceName(address.provinceCode),
    },
    requestedDeliveryDate: dateOnly(order.requestedDeliveryDate),
    deliveryDate: dateOnly(order.deliveryDate),
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    confirmedAt: order.confirmedAt?.toISOString() ?? null,
    shippedAt: order.shippedAt?.toISOString() ?? null,
    deliveredAt: order.deliveredAt?.toISOString() ?? null,
    closedAt: order.closedAt?.toISOString() ?? null,
    events: order.events.map((e) => ({ at: e.at.toISOString(), actor: e.actorName, from: e.fromStatus, to: e.toStatus, note: e.note })),
    allowedTransitions: nextStatuses(order.status, options.side),
  }
}

/** Why an order waited for approval and how it was decided; null for an order that never needed approval. */
function presentApproval(order: OrderDetail): z.input<typeof OrderSchema>['approval'] {
  if (!order.approvalRequiredBecause) return null
  return {
    requiredBecause: order.approvalRequiredBecause,
    limit: money(order.approvalLimitVnd ?? 0n, 'VND'),
    decidedBy: order.approvalDecidedByName,
    decidedAt: order.approvalDecidedAt?.toISOString() ?? null,
    reason: order.approvalReason,
  }
}

const listAvailability = {
  madeToOrder: 'MADE_TO_ORDER',
  inStock: 'IN_STOCK',
  lowStock: 'LOW_STOCK',
  soldOut: 'SOLD_OUT',
  notForSale: 'NOT_FOR_SALE',
} as const

export function presentOrderList(list: OrderListDetail): z.input<typeof OrderListSchema> {
  return {
    id: list.id,
    name: list.name,
    items: list.items.map((item) => ({
      productId: item.productId,
      sku: item.sku,
      name: { vi: item.nameVi, en: item.nameEn },
      producer: { slug: item.producer.slug, name: item.producer.displayName },
      unit: item.unit,
      packSize: item.packSize,
      moq: item.moq,
      quantity: item.quantity,
      unitPrice: item.unitPriceVnd === null ? null : money(item.unitPriceVnd, 'VND'),
      lineTotal: item.lineTotalVnd === null ? null : money(item.lineTotalVnd, 'VND'),
      availability: listAvailability[item.availability],
      stock: item.stock,
    })),
    createdBy: list.createdBy,
    createdAt: list.createdAt.toISOString(),
    updatedAt: list.updatedAt.toISOString(),
  }
}

// ── From the API's shape to the catalogue's ─────────────────────────────────────────────────────────────

type ProductWrite = z.output<typeof ProductCreateSchema>
type ProductPatch = z.output<typeof ProductUpdateSchema>

/** A product the producer owns, in the shape of a create body: what a PATCH is merged onto. */
export function productWriteOf(row: ApiProductRow): Omit<ProductWrite, 'status'> {
  const presented = presentProduct(row, { origin: '' })
  return {
    sku: row.sku,
    name: presented.name,
    description: presented.description,
    category: presented.category,
    unit: presented.unit,
    packSize: presented.packSize,
    moq: presented.moq,
    tierPrices: presented.tierPrices.map((t) => ({ minQuantity: t.minQuantity, unitPrice: { amount: t.unitPrice.amount, currency: 'VND' as const } })),
    usdPrice: presented.usdPrice ? { amount: presented.usdPrice.amount, currency: 'USD' as const } : null,
    vatRate: presented.vatRate,
    madeToOrder: presented.madeToOrder,
    stock: presented.stock,
    leadTimeDays: presented.leadTimeDays,
    harvestMonths: presented.harvestMonths,
    province: presented.province,
    formerProvince: presented.formerProvince,
    regionType: presented.regionType,
    shelfLifeDays: presented.shelfLifeDays,
    storage: presented.storage,
    packaging: presented.packaging,
    hsCode: presented.hsCode,
    exportReady: presented.exportReady,
    certifications: presented.certifications.map(({ active: _active, ...c }) => c),
  }
}

/** The fields sent replace the product's; within `name` and `description`, the languages sent. */
export function mergeProductPatch(current: Omit<ProductWrite, 'status'>, patch: ProductPatch): Omit<ProductWrite, 'status'> {
  const { status: _status, name, description, ...rest } = patch
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))
  return {
    ...current,
    ...defined,
    name: { ...current.name, ...(name ?? {}), vi: name?.vi ?? current.name.vi },
    description: { ...current.description, ...(description ?? {}) },
  }
}

const orNone = <T>(value: T | null | undefined) => (value === null ? undefined : value)

/**
 * The catalogue's validation of a product body (the same rules as the form and the CSV import). Region
 * type and province default to the producer's; `regionType: null` means none. Messages are i18n keys,
 * by the API's field paths.
 */
export function parseProductWrite(
  body: Omit<ProductWrite, 'status'>,
  defaults: { provinceCode: string; regionType: RegionType | null },
): { ok: true; input: ProductInput } | { ok: false; details: Record<string, string[]> } {
  const raw = {
    sku: body.sku,
    nameVi: body.name.vi,
    nameEn: orNone(body.name.en),
    descriptionVi: body.description?.vi,
    descriptionEn: orNone(body.description?.en),
    categorySlug: body.category,
    unit: body.unit,
    packSize: body.packSize,
    moq: body.moq,
    tierPrices: body.tierPrices.map((t) => ({ minQuantity: t.minQuantity, unitPriceVnd: BigInt(t.unitPrice.amount) })),
    usdPriceCents: body.usdPrice ? BigInt(body.usdPrice.amount) : undefined,
    vatRate: body.vatRate,
    madeToOrder: body.madeToOrder ?? false,
    stock: orNone(body.stock),
    leadTimeDays: orNone(body.leadTimeDays),
    harvestMonths: body.harvestMonths ?? [],
    provinceCode: body.province ?? defaults.provinceCode,
    formerProvinceCode: orNone(body.formerProvince),
    regionType: body.regionType === undefined ? (defaults.regionType ?? undefined) : orNone(body.regionType),
    certifications: (body.certifications ?? []).map((c) => ({
      type: c.type,
      stars: orNone(c.stars),
      name: orNone(c.name),
      number: orNone(c.number),
      issuer: orNone(c.issuer),
      issuedAt: orNone(c.issuedAt),
      expiresAt: orNone(c.expiresAt),
    })),
    shelfLifeDays: orNone(body.shelfLifeDays),
    storage: orNone(body.storage),
    packaging: orNone(body.packaging),
    hsCode: orNone(body.hsCode),
    exportReady: body.exportReady ?? false,
  }
  const parsed = ProductInputSchema.safeParse(raw)
  if (parsed.success) return { ok: true, input: parsed.data }
  const details: Record<string, string[]> = {}
  for (const issue of parsed.error.issues) {
    const path = apiPathOf(issue.path)
    const list = (details[path] ??= [])
    if (!list.includes(issue.message)) list.push(issue.message)
  }
  return { ok: false, details }
}

const apiField: Record<string, string> = {
  nameVi: 'name.vi',
  nameEn: 'name.en',
  descriptionVi: 'description.vi',
  descriptionEn: 'description.en',
  categorySlug: 'category',
  usdPriceCents: 'usdPrice',
  provinceCode: 'province',
  formerProvinceCode: 'formerProvince',
  unitPriceVnd: 'unitPrice',
}

/** ['tierPrices', 0, 'unitPriceVnd'] → 'tierPrices.0.unitPrice'. */
function apiPathOf(path: (string | number)[]): string {
  if (path.length === 0) return '$'
  return path.map((part) => (typeof part === 'string' ? (apiField[part] ?? part) : String(part))).join('.')
}

/** Validation messages (i18n keys of the `errors` namespace) in the caller's language. */
export function translateDetails(details: Record<string, string[]>, t: TFunction): Record<string, string[]> {
  return Object.fromEntries(Object.entries(details).map(([path, keys]) => [path, keys.map((key) => t(key, { ns: 'errors', defaultValue: t('errors:invalid') }))]))
}
