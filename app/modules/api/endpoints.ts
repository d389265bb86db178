import { z } from 'zod'
import { OrderStatus, PaymentMethod, PaymentStatus } from '~/generated/prisma/enums'
import { ApiKeyCreateSchema } from '~/modules/api-keys/schemas'
import { DELIVERY_ADDRESS_LIMIT, DeliveryAddressCreateSchema, DeliveryAddressUpdateSchema } from '~/modules/delivery-addresses/schemas'
import { isCategorySlug } from '~/modules/catalog/categories'
import { productStatuses, units } from '~/modules/catalog/product-schemas'
import { provinceCodes } from '~/modules/geo/provinces'
import { ORDER_TRANSITION_LIMITS } from '~/modules/orders/order-rules'
import { ORDER_LIMITS } from '~/modules/orders/order-rules'
import { ORDER_LIST_LIMITS, OrderListCreateSchema, OrderListUpdateSchema } from '~/modules/order-lists/schemas'
import { organizationKinds, regionTypes } from '~/modules/organizations/schemas'
import { priceRanges, searchSorts, type FacetField } from '~/modules/search/engine'
import { readSearchParams, regionTypeValues, SEARCH_LIMITS } from '~/modules/search/search-params'
import { defineEndpoint } from './endpoint'
import { listOf, listQuery, MoneySchema, PAGE_SIZE_MAX, repeated } from './schemas'

/** The photo limit of the product images endpoint, in MB (the image pipeline refuses more). */
const PRODUCT_IMAGE_MAX_MB = 15

// Every endpoint of the platform API: what it accepts and answers. Routes implement them
// (app/routes/api/v1/*), openapi.ts documents them. Descriptions are in English (the API's reference language).

// Fresh instances: a schema object used twice would be documented as a reference into the first use.
const timestamp = () => z.string().datetime().describe('UTC, ISO 8601.')

// ── Organisation ──────────────────────────────────────────────────────────────────────────────────────

export const MeSchema = z.object({
  slug: z.string().describe('The organisation\'s stable identifier (its address on the site: /vi/orgs/<slug>).'),
  kind: z.enum(organizationKinds),
  name: z.string().describe('Display name.'),
  verificationStatus: z.enum(['UNVERIFIED', 'VERIFIED', 'REJECTED']).describe('Whether the platform\'s operators have checked its legal details.'),
  suspended: z.boolean().describe('A suspended organisation\'s keys are refused everywhere except here.'),
})

// ── API keys ──────────────────────────────────────────────────────────────────────────────────────────

export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to tell keys apart.'),
  createdAt: timestamp(),
  createdBy: z.string().nullable().describe('Name of the person who created it (null when an operator did).'),
  lastUsedAt: timestamp().nullable().describe('Last use, to the minute.'),
  revokedAt: timestamp().nullable(),
})
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string().describe('The key itself. It is shown only in this answer.') })

const KEY_MANAGEMENT = {
  tag: 'API keys',
  auth: 'required',
  forbiddenMessage: 'api:errors.keyManagement',
  description:
    'API keys are managed by an organisation owner on the organisation\'s "API keys" page of the website. A key acts with a member\'s permissions, ' +
    'which do not include managing keys, so every API key gets 403 FORBIDDEN here; the endpoint is listed so that integrations can rely on that answer.',
} as const

// ── Reference data ────────────────────────────────────────────────────────────────────────────────────

const place = () => z.object({ code: z.string().describe('Two-digit code of the statistics office.'), name: z.string() })
export const ProvinceSchema = place().extend({
  city: z.boolean().describe('A centrally governed city (thành phố trực thuộc trung ương).'),
  formerProvinces: z.array(place()).describe('The provinces it was formed from on 1 July 2025 (empty when it was not merged).'),
})
export const FormerProvinceSchema = place().extend({ province: place().describe('The province or city it now belongs to.') })
export const RegionTypeSchema = z.object({
  code: z.enum(regionTypes),
  labels: z.object({ vi: z.string(), en: z.string() }),
})

// ── Delivery addresses ────────────────────────────────────────────────────────────────────────────────

export const DeliveryAddressSchema = z.object({
  id: z.string(),
  label: z.string(),
  recipientName: z.string(),
  phone: z.string().describe('E.164, e.g. +84912345678.'),
  addressLine: z.string(),
  commune: z.string(),
  province: z.string().describe('Province code (one of the 34).'),
  provinceName: z.string(),
  isDefault: z.boolean(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
})

const DELIVERY = {
  tag: 'Delivery addresses',
  auth: 'required',
  organizationKinds: ['BUYER'],
  forbiddenKindMessage: 'api:errors.buyersOnly',
} as const

const notFound = { status: 404, code: 'NOT_FOUND', description: 'No such address in the key\'s organisation (another organisation\'s addresses are never revealed).' }

// ── Catalogue ─────────────────────────────────────────────────────────────────────────────────────────

const vatRateCodes = ['KCT', '0', '5', '8', '10'] as const
/** The values of certificationSlug (product-schemas.ts), as an enum for the API (a test checks they agree). */
export const certificationSlugs = ['ocop', 'vietgap', 'globalgap', 'organic', 'haccp', 'iso-22000', 'geographical-indication', 'hvnclc'] as const

const localized = () => z.object({ vi: z.string(), en: z.string().nullable().describe('null when the producer wrote none (show the Vietnamese).') })
const date = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('A calendar date, YYYY-MM-DD.')
const vnd = () =>
  z
    .object({
      amount: z.string().regex(/^\d+$/, 'api:validation.amount').describe('A whole number of đồng, as a string.'),
      currency: z.literal('VND', { errorMap: () => ({ message: 'api:validation.currencyVnd' }) }),
    })
    .strict()
const usd = () =>
  z
    .object({
      amount: z.string().regex(/^\d+$/, 'api:validation.amount').describe('Cents, as a string: "650" is USD 6.50.'),
      currency: z.literal('USD', { errorMap: () => ({ message: 'api:validation.currencyUsd' }) }),
    })
    .strict()

export const CategorySchema = z.object({
  slug: z.string().describe('Stable identifier, used by the `category` filter and in product JSON.'),
  name: z.object({ vi: z.string(), en: z.string() }),
  children: z
    .array(z.object({ slug: z.string(), name: z.object({ vi: z.string(), en: z.string() }) }))
    .describe('Subcategories. Filtering by a top-level category includes them.'),
})

export const ProductImageSchema = z.object({
  id: z.string(),
  url: z.string().describe('The largest JPEG variant (absolute URL); cached for a year, the address changes with the content.'),
  width: z.number().int().describe('Of the normalised original, in pixels.'),
  height: z.number().int(),
  alt: z.string().nullable(),
  placeholder: z.string().describe('A tiny blurred image as a data: URI, to show while the photo loads.'),
  variants: z
    .array(z.object({ format: z.enum(['avif', 'webp', 'jpeg']), width: z.number().int(), url: z.string() }))
    .describe('Every size and format made so far (AVIF follows a little later than WebP and JPEG).'),
})

export const ProductCertificationSchema = z.object({
  type: z.enum(certificationSlugs),
  stars: z.number().int().nullable().describe('OCOP only: 3, 4 or 5.'),
  name: z.string().nullable().describe('A geographical indication\'s name, e.g. "Cà phê Buôn Ma Thuột".'),
  number: z.string().nullable().describe('Certificate or decision number.'),
  issuer: z.string().nullable(),
  issuedAt: date().nullable(),
  expiresAt: date().nullable().describe('The mark stops counting from 00:00 Asia/Ho_Chi_Minh on this date.'),
  active: z.boolean().describe('Not expired. Public views list active certifications only; the producer\'s own key sees every one.'),
})

export const ProductSchema = z.object({
  id: z.string(),
  sku: z.string().describe('The producer\'s own code, unique within the producer.'),
  slug: z.string().describe('The product page is /vi/p/<slug> (or /en/p/<slug>).'),
  status: z.enum(productStatuses).describe('Only PUBLISHED products are public; the others are seen by their producer\'s key only.'),
  name: localized(),
  description: localized(),
  category: z.string().describe('Category slug (GET /api/v1/categories).'),
  unit: z.enum(units).describe('The sale unit; quantities are whole numbers of it.'),
  packSize: z.string().describe('What one unit holds, e.g. "Hộp 200 g".'),
  moq: z.number().int().describe('Minimum order quantity, in units.'),
  tierPrices: z
    .array(z.object({ minQuantity: z.number().int(), unitPrice: MoneySchema }))
    .describe(
      'Quantity breaks, ascending; the first starts at the MOQ. A tier\'s unit price (VND, net of VAT) applies to the whole quantity ordered. ' +
        '`price` is the first tier\'s unit price: the product\'s price for sorting and filters.',
    ),
  // Not described here: a described copy of Money would not be a reference to it.
  price: MoneySchema,
  usdPrice: MoneySchema.nullable().describe('An indicative export price per unit, in USD cents (orders are in VND).'),
  vatRate: z.enum(vatRateCodes).describe('VAT rate: KCT is exempt (không chịu thuế), which is not the same as 0%.'),
  madeToOrder: z.boolean(),
  stock: z.number().int().nullable().describe('Units on hand; null when made to order.'),
  leadTimeDays: z.number().int().nullable(),
  harvestMonths: z.array(z.number().int()).describe('Months of the harvest season, 1–12.'),
  province: z.string().describe('Origin: code of one of the 34 provinces.'),
  formerProvince: z.string().nullable().describe('Origin: code of the former province (before 1 July 2025), when given.'),
  regionType: z.enum(regionTypes).nullable(),
  shelfLifeDays: z.number().int().nullable(),
  storage: z.string().nullable(),
  packaging: z.string().nullable(),
  hsCode: z.string().nullable(),
  exportReady: z.boolean(),
  certifications: z.array(ProductCertificationSchema),
  images: z.array(ProductImageSchema).describe('In order; the first is the cover.'),
  producer: z.object({
    slug: z.string(),
    name: z.string(),
    verificationStatus: z.enum(['UNVERIFIED', 'VERIFIED', 'REJECTED']).describe('UNVERIFIED producers are public, marked as not yet checked.'),
  }),
  suspension: z
    .object({ at: timestamp(), reason: z.string() })
    .nullable()
    .describe('Set when the platform\'s operators suspended the listing (shown to its producer\'s key only; null otherwise).'),
  publishedAt: timestamp().nullable(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
})

const certificationInput = () =>
  z
    .object({
      type: z.enum(certificationSlugs),
      stars: z.number().int().nullish().describe('Required for OCOP: 3, 4 or 5.'),
      name: z.string().nullish(),
      number: z.string().nullish(),
      issuer: z.string().nullish(),
      issuedAt: date().nullish(),
      expiresAt: date().nullish().describe('Must be after issuedAt. For OCOP it defaults to 36 months after issuedAt.'),
      active: z.boolean().optional().describe('Read only (computed from expiresAt); accepted and ignored, so a certification read can be sent back.'),
    })
    .strict()

const productFields = {
  sku: z.string().describe('Unique within the producer.'),
  name: z.object({ vi: z.string(), en: z.string().nullish() }).strict().describe('The Vietnamese name is required.'),
  description: z.object({ vi: z.string().optional(), en: z.string().nullish() }).strict(),
  category: z.string().describe('A category slug (GET /api/v1/categories).'),
  unit: z.enum(units),
  packSize: z.string(),
  moq: z.number().int().describe('At least 1; the first tier starts at it.'),
  tierPrices: z
    .array(z.object({ minQuantity: z.number().int(), unitPrice: vnd() }).strict())
    .describe('Quantities strictly increasing, unit prices (VND, net of VAT, above 0) never increasing; the first at the MOQ.'),
  usdPrice: usd().nullish(),
  vatRate: z.enum(vatRateCodes),
  madeToOrder: z.boolean(),
  stock: z.number().int().nullish().describe('Units on hand; leave out (or null) when made to order.'),
  leadTimeDays: z.number().int().nullish(),
  harvestMonths: z.array(z.number().int()),
  province: z.string().describe('Province code; defaults to the producer\'s.'),
  formerProvince: z.string().nullish(),
  regionType: z.enum(regionTypes).nullish().describe('Defaults to the producer\'s region type; null for none.'),
  shelfLifeDays: z.number().int().nullish(),
  storage: z.string().nullish(),
  packaging: z.string().nullish(),
  hsCode: z.string().nullish().describe('Digits only (4 to 10).'),
  exportReady: z.boolean(),
  certifications: z.array(certificationInput()),
}

export const ProductCreateSchema = z
  .object({
    ...productFields,
    description: productFields.description.optional(),
    packSize: productFields.packSize.optional(),
    madeToOrder: productFields.madeToOrder.optional(),
    harvestMonths: productFields.harvestMonths.optional(),
    province: productFields.province.optional(),
    exportReady: productFields.exportReady.optional(),
    certifications: productFields.certifications.optional(),
    status: z.enum(['DRAFT', 'PUBLISHED']).optional().describe('DRAFT (the default) or PUBLISHED.'),
  })
  .strict()

export const ProductUpdateSchema = z
  .object({
    ...productFields,
    name: z.object({ vi: z.string().optional(), en: z.string().nullish() }).strict(),
    status: z.enum(['PUBLISHED', 'UNPUBLISHED']).describe('Publish or unpublish (DELETE archives).'),
  })
  .partial()
  .strict()

const productsQuery = () =>
  listQuery().extend({
    category: repeated(z.string().refine(isCategorySlug, 'api:validation.category')).describe(
      'Category slugs; a top-level category includes its subcategories. Repeat for several.',
    ),
    province: repeated(z.enum(provinceCodes, { errorMap: () => ({ message: 'api:validation.province' }) })).describe(
      'Origin province codes. Repeat for several.',
    ),
    regionType: repeated(z.enum([...regionTypes, 'NONE'])).describe('Region types of origin; NONE for none. Repeat for several.'),
    producer: z.string().optional().describe('A producer\'s slug.'),
    certification: repeated(z.enum(certificationSlugs)).describe('Products with an active certification of this type. Repeat for several (any of them).'),
    sort: z.enum(['newest', 'price_asc', 'price_desc']).default('newest').describe('newest first (default), or by price.'),
    own: z
      .enum(['true', 'false'])
      .default('false')
      .describe('With a producer\'s key: `true` lists the key\'s own products in every status instead of the public catalogue (the other filters apply).'),
    status: repeated(z.enum(productStatuses)).describe('With `own=true` only: these statuses. Repeat for several.'),
  })

// ── Catalogue search ──────────────────────────────────────────────────────────────────────────────────

export const SearchProductSchema = z.object({
  id: z.string().describe('The product\'s id (GET /api/v1/products/{id} has every detail).'),
  slug: z.string(),
  name: localized(),
  packSize: z.string().describe('What one unit holds, e.g. "Hộp 200 g".'),
  unit: z.enum(units).describe('The sale unit; quantities are whole numbers of it.'),
  moq: z.number().int().describe('Minimum order quantity, in units.'),
  // Not described here: a described copy of Money would not be a reference to it.
  price: MoneySchema,
  province: z.string().describe('Origin: code of one of the 34 provinces.'),
  regionType: z.enum(regionTypes).nullable(),
  certifications: z
    .array(z.object({ type: z.enum(certificationSlugs), stars: z.number().int().nullable().describe('OCOP only: 3, 4 or 5.') }))
    .describe('Active certifications only.'),
  producer: z.object({
    slug: z.string(),
    name: z.string(),
    verificationStatus: z.enum(['UNVERIFIED', 'VERIFIED', 'REJECTED']).describe('UNVERIFIED producers are public, marked as not yet checked.'),
  }),
  url: z.string().describe('The product page on the website (absolute URL), in the language of the request (Accept-Language).'),
  coverImageUrl: z.string().nullable().describe('The cover photo\'s largest JPEG (absolute URL); null when the product has no photo.'),
  highlights: z
    .record(z.array(z.string()))
    .describe(
      'Where the words of `q` matched: field (`name.vi`, `name.en`, `description.vi`, `description.en`, `producer.name`) → the words of that field ' +
        'that matched, as written there (with their diacritics), to highlight them. Empty without `q`.',
    ),
})

const facetCounts = (description: string) => z.record(z.number().int()).describe(description)
export const SearchFacetsSchema = z
  .object({
    category: facetCounts('Category slug → products. A product counts under its category and under that category\'s parent.'),
    province: facetCounts('Province code → products.'),
    regionType: facetCounts('MOUNTAIN, REMOTE, ISLAND, BORDER or NONE → products.'),
    certification: facetCounts('Certification type → products with an active certificate of that type.'),
    ocopStars: facetCounts('"3", "4" or "5" → products whose best active OCOP rating it is; "0" → products without one.'),
    campaignLabel: facetCounts('Campaign label → products carrying it.'),
    exportReady: facetCounts('"true" or "false" → products.'),
    priceRange: facetCounts(
      `Price band in VND → products: ${priceRanges.map((r) => `"${r.key}"`).join(', ')} ("min-max", max excluded; the last has no upper bound).`,
    ),
  } satisfies Record<FacetField, z.ZodTypeAny>)
  .describe('For each filter, value → number of matching products (all filters applied, all pages counted). Values without products are left out.')

/** The message of a search parameter's issue (a list with too many values has its own). */
const searchParamMessages: Record<string, string> = {
  q: 'api:validation.searchWords',
  category: 'api:validation.category',
  province: 'api:validation.province',
  regionType: 'api:validation.regionType',
  certification: 'api:validation.certification',
  campaignLabel: 'api:validation.campaignLabel',
  ocopMin: 'api:validation.ocopMin',
  minPrice: 'api:validation.price',
  maxPrice: 'api:validation.price',
  exportReady: 'api:validation.exportReady',
  sort: 'api:validation.sort',
  page: 'api:validation.searchPage',
}

const searchList = <T extends z.ZodTypeAny>(item: T, description: string) =>
  z
    .array(item)
    .max(SEARCH_LIMITS.listMax)
    .optional()
    .describe(`${description} Several values (repeat the parameter, or separate them with commas, at most ${SEARCH_LIMITS.listMax}) are alternatives.`)

/** What the search parameters mean once read (and what the reference shows): the handler gets these values. */
const searchParameters = () =>
  z.object({
    q: z
      .string()
      .max(SEARCH_LIMITS.qMax)
      .default('')
      .describe(
        'Words to find in product names, descriptions and producer names, Vietnamese or English, with or without diacritics ("mat ong" finds ' +
          `"mật ong"); a typo in a longer word is forgiven. At most ${SEARCH_LIMITS.qMax} characters. Without words, every product passing the filters.`,
      ),
    category: searchList(z.string(), 'Category slugs (GET /api/v1/categories); a top-level category includes its subcategories.'),
    province: searchList(z.enum(provinceCodes), 'Origin province codes (GET /api/v1/provinces).'),
    regionType: searchList(z.enum(regionTypeValues), 'Region types of origin; NONE selects products from none of them.'),
    certification: searchList(z.enum(certificationSlugs), 'Products with an active certificate of this type.'),
    ocopMin: z.number().int().min(1).max(5).optional().describe('Products with an active OCOP rating of at least this many stars.'),
    minPrice: z.number().int().min(0).max(SEARCH_LIMITS.priceMax).optional().describe('Lowest `price` (the first tier\'s unit price), in VND, included.'),
    maxPrice: z.number().int().min(0).max(SEARCH_LIMITS.priceMax).optional().describe('Highest `price`, in VND, included.'),
    exportReady: z.boolean().optional().describe('true: export-ready products only; false: the others.'),
    campaignLabel: searchList(z.string(), 'Products carrying this campaign label.'),
    sort: z
      .enum(searchSorts)
      .default('relevance')
      .describe('relevance (best match first; newest first without `q`), price_asc, price_desc, newest, or ocop_desc (most OCOP stars first).'),
    page: z.number().int().min(1).max(SEARCH_LIMITS.pageMax).default(1).describe(`Page number, from 1 to ${SEARCH_LIMITS.pageMax}.`),
    pageSize: listQuery().shape.pageSize,
  })

/**
 * The parameters are read by readSearchParams, as the website's search page reads its URL, so that both mean
 * the same; but where the page drops what it cannot read, the API answers 400 naming the parameter.
 */
const searchQuery = () =>
  z.preprocess((raw, ctx) => {
    const given = (raw ?? {}) as Record<string, string | string[]>
    const params = new URLSearchParams()
    for (const [name, values] of Object.entries(given)) for (const value of [values].flat()) params.append(name, value)
    const { request, issues } = readSearchParams(params)
    const fail = (param: string, message: string) => ctx.addIssue({ code: 'custom', path: [param], message })
    for (const { param, code } of issues) fail(param, code === 'tooMany' ? 'api:validation.tooManyValues' : searchParamMessages[param])
    const { q, filters, sort, page } = request
    // The page keeps a slug it does not know (an old link still opens); a client wants to hear of its typo.
    if (filters.category?.some((slug) => !isCategorySlug(slug))) fail('category', 'api:validation.category')
    if (filters.minPrice !== undefined && filters.maxPrice !== undefined && filters.minPrice > filters.maxPrice) fail('minPrice', 'api:validation.priceOrder')
    return { q, ...filters, sort, page, pageSize: given.pageSize }
  }, searchParameters())

// ── Orders ────────────────────────────────────────────────────────────────────────────────────────────

const orderStatus = () =>
  z
    .nativeEnum(OrderStatus, { errorMap: () => ({ message: 'api:validation.orderStatus' }) })
    .describe(
      'PLACED → CONFIRMED (by the producer) → SHIPPED (by the producer) → DELIVERED (by the buyer, or automatically some days after shipment) → ' +
        'COMPLETED (delivered and paid); or REJECTED (by the producer, from PLACED) or CANCELLED (by the buyer, before shipment). ' +
        'An order above a spending limit starts as PENDING_APPROVAL instead of PLACED: the buyer\'s approver approves it (→ PLACED) or refuses it ' +
        '(→ CANCELLED, with a reason), or the buyer withdraws it (→ CANCELLED); the producer never sees it before it is approved.',
    )
const paymentStatus = () =>
  z
    .nativeEnum(PaymentStatus, { errorMap: () => ({ message: 'api:validation.paymentStatus' }) })
    .describe('UNPAID → PAID once the platform has received the total; REFUND_PENDING → REFUNDED when money received for a rejected or cancelled order goes back.')
const party = () => z.object({ slug: z.string().describe('The organisation\'s stable identifier.'), name: z.string().describe('Display name.') })

export const OrderItemSchema = z.object({
  id: z.string().describe('The order line\'s id.'),
  productId: z.string().describe('The product ordered (GET /api/v1/products/{id}); one line per product.'),
  sku: z.string(),
  name: localized(),
  unit: z.enum(units),
  packSize: z.string(),
  orderedQuantity: z.number().int().describe('The quantity the buyer ordered.'),
  quantity: z.number().int().describe('The quantity to be delivered: the ordered one, or less when the producer lowered it at confirmation (0 drops the line).'),
  // Not described here: a described copy of Money would not be a reference to it.
  unitPrice: MoneySchema,
  vatRate: z.enum(vatRateCodes).describe('VAT rate: KCT is exempt (không chịu thuế), which is not the same as 0%.'),
  lineTotal: MoneySchema,
  vatAmount: MoneySchema,
})

const approvalReasons = ['ORDER_LIMIT', 'MONTHLY_LIMIT', 'API_KEY_LIMIT'] as const

export const OrderApprovalSchema = z
  .object({
    requiredBecause: z
      .enum(approvalReasons)
      .describe(
        'The limit the order was above: ORDER_LIMIT (the limit per order of the member who placed it), MONTHLY_LIMIT (that member\'s limit ' +
          'for the month, Vietnam\'s time, counting orders not rejected or cancelled) or API_KEY_LIMIT (the limit per order of the API key that placed it).',
      ),
    // Not described here: a described copy of Money would not be a reference to it.
    limit: MoneySchema,
    decidedBy: z
      .string()
      .nullable()
      .describe('Who approved or refused it: an approver\'s name, or an API key allowed to approve (`API key "<its name>"`). null while it waits, or when the buyer withdrew it.'),
    decidedAt: timestamp().nullable(),
    reason: z.string().nullable().describe('Why it was refused (the approver\'s words); null when it was approved or is waiting.'),
  })
  .describe('Totals are compared VAT included, shipping excluded; `limit` is the limit the total was above.')

export const OrderSchema = z.object({
  id: z.string(),
  number: z.string().describe('The order number people quote, e.g. DH-2611-000123; GET /api/v1/orders/{id} accepts it in place of the id.'),
  createdAt: timestamp(),
  buyer: party(),
  producer: party(),
  items: z
    .array(OrderItemSchema)
    .describe(
      'Snapshots taken when the order was placed: later changes to the product do not touch them. `unitPrice` (VND, net of VAT) is the tier price ' +
        'for the quantity ordered and stays when the quantity is lowered; `lineTotal` = quantity × unitPrice; `vatAmount` is the line\'s VAT, ' +
        'rounded half-up to the đồng.',
    ),
  subtotal: MoneySchema,
  vatTotal: MoneySchema,
  shippingFee: MoneySchema,
  total: MoneySchema,
  status: orderStatus(),
  approval: OrderApprovalSchema.nullable().describe(
    'Set when the order was above a spending limit and so waited (or waits, in PENDING_APPROVAL) for the buyer\'s approver; null otherwise. ' +
      'Approve or refuse it with POST /api/v1/orders/{id}/approve or /reject.',
  ),
  paymentStatus: paymentStatus(),
  payment: z
    .object({
      method: z
        .nativeEnum(PaymentMethod)
        .describe(
          'BANK_TRANSFER: to the platform\'s bank account (VietQR). CARD: by card through Stripe once confirmed (POST /api/v1/orders/{id}/payment-intent). ' +
            'NET_TERMS: invoiced at confirmation, due `dueDate`, paid by bank transfer.',
        ),
      reference: z.string().describe('Write it as the content of the bank transfer, so the payment is matched to this order.'),
      amountReceived: MoneySchema,
      vietqrPayload: z
        .string()
        .nullable()
        .describe(
          'The NAPAS VietQR (EMVCo) payload for the amount still due, to the platform\'s account, with `reference` as the transfer content: render it as a QR code ' +
            'or pay it from a banking system. The buyer\'s key only, and only while payment is due (CONFIRMED, SHIPPED or DELIVERED and UNPAID or INVOICED, ' +
            'not for CARD orders); null otherwise.',
        ),
      termDays: z.number().int().nullable().describe('NET_TERMS: the days to pay after confirmation (30 or 60); null for other methods.'),
      dueDate: z.string().nullable().describe('NET_TERMS: YYYY-MM-DD (Asia/Ho_Chi_Minh), set at confirmation; null before and for other methods.'),
      overdue: z.boolean().describe('INVOICED and past `dueDate` (Vietnam\'s date).'),
      paidAt: z.string().nullable().describe('When the order became PAID (ISO 8601, UTC).'),
      bankAccount: z
        .object({ bankName: z.string(), accountNumber: z.string(), accountName: z.string() })
        .nullable()
        .describe('Where to transfer the total (the buyer\'s key only; null for the producer\'s).'),
    })
    .describe(
      'Buyers pay the platform, which pays producers. Payment is due once the order is CONFIRMED (when the total is final). `amountReceived` ' +
        'is what the platform has recorded so far; less than the total leaves the order UNPAID (or INVOICED, on terms).',
    ),
  deliveryAddress: z
    .object({
      label: z.string(),
      recipientName: z.string(),
      phone: z.string(),
      addressLine: z.string(),
      commune: z.string(),
      province: z.string().describe('Province code (one of the 34).'),
      provinceName: z.string(),
    })
    .describe('A copy of the delivery address as it was when the order was placed.'),
  requestedDeliveryDate: date().nullable().describe('The delivery date the buyer asked for.'),
  deliveryDate: date().nullable().describe('The delivery date the producer set at confirmation.'),
  carrier: z.string().nullable().describe('Set at shipment.'),
  trackingNumber: z.string().nullable().describe('Set at shipment.'),
  confirmedAt: timestamp().nullable(),
  shippedAt: timestamp().nullable(),
  deliveredAt: timestamp().nullable(),
  closedAt: timestamp().nullable().describe('When it was completed, rejected or cancelled.'),
  events: z
    .array(
      z.object({
        at: timestamp(),
        actor: z.string().describe('Who did it: a person\'s name, an API key (`API key "<its name>"`), or the platform (its staff or an automatic step).'),
        from: orderStatus().nullable().describe('null for the first event (the order placed).'),
        to: orderStatus(),
        note: z.string().nullable().describe('The reason of a rejection or cancellation, or a remark.'),
      }),
    )
    .describe('The history, oldest first. A payment recorded or refunded keeps the status (`from` equals `to`).'),
  allowedTransitions: z
    .array(orderStatus())
    .describe(
      'The statuses the key\'s organisation may move the order to now, with POST /api/v1/orders/{id}/transitions (for an order waiting for ' +
        'approval, CANCELLED: the buyer withdraws it). Approving or refusing it is done with /approve and /reject and is not listed here.',
    ),
})

const quantity = (field: 'line' | 'transition') => {
  const message = field === 'line' ? 'order.line.quantityInvalid' : 'order.quantity.invalid'
  return z
    .number({ invalid_type_error: message })
    .int(message)
    .min(field === 'line' ? 1 : 0, message)
    .max(ORDER_LIMITS.quantityMax, message)
}

export const OrderCreateSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            productId: z.string().min(1, 'order.line.notFound').max(100, 'order.line.notFound').describe('A published product (GET /api/v1/products).'),
            quantity: quantity('line').describe(
              `Units of the product's sale unit, a whole number from 1 to ${ORDER_LIMITS.quantityMax}, at least its MOQ. The tier price for this quantity applies.`,
            ),
          })
          .strict(),
      )
      .min(1, 'order.empty')
      .describe(
        `The lines, of one producer or several (one order per producer), at most ${ORDER_LIMITS.linesMax} different products. ` +
          'A product given twice is ordered once with the quantities added up.',
      ),
    deliveryAddressId: z
      .string()
      .optional()
      .describe('One of the organisation\'s delivery addresses (GET /api/v1/delivery-addresses); the default address when absent.'),
    requestedDeliveryDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'order.date.invalid')
      .optional()
      .describe(`YYYY-MM-DD, from today (Asia/Ho_Chi_Minh) to ${ORDER_LIMITS.dateAheadDays} days ahead; made-to-order products need their lead time.`),
    paymentMethod: z
      .nativeEnum(PaymentMethod, { errorMap: () => ({ message: 'api:validation.paymentMethod' }) })
      .optional()
      .describe(
        'BANK_TRANSFER (the default); CARD when the platform takes cards (Stripe configured); NET_TERMS when an operator gave the buyer terms, ' +
          'the buyer is verified and its open invoices plus these orders stay within its credit limit (400 on `paymentMethod` otherwise).',
      ),
  })
  .strict()

/** Fields that go with one target status only. */
const transitionOnly: Record<string, { to: OrderStatus; message: string }> = {
  shippingFee: { to: 'CONFIRMED', message: 'api:validation.onlyWhenConfirming' },
  deliveryDate: { to: 'CONFIRMED', message: 'api:validation.onlyWhenConfirming' },
  quantities: { to: 'CONFIRMED', message: 'api:validation.onlyWhenConfirming' },
  carrier: { to: 'SHIPPED', message: 'api:validation.onlyWhenShipping' },
  trackingNumber: { to: 'SHIPPED', message: 'api:validation.onlyWhenShipping' },
  shipBeforePayment: { to: 'SHIPPED', message: 'api:validation.onlyWhenShipping' },
}

export const OrderTransitionSchema = z
  .object({
    to: orderStatus().describe(
      'The new status. The producer: CONFIRMED or REJECTED (from PLACED), SHIPPED (from CONFIRMED). The buyer: CANCELLED (from PENDING_APPROVAL, ' +
        'PLACED or CONFIRMED), DELIVERED (from SHIPPED). `allowedTransitions` of the order lists what the key may do now.',
    ),
    note: z
      .string()
      .max(ORDER_TRANSITION_LIMITS.noteMax, 'order.note.tooLong')
      .optional()
      .describe(`Required to reject or cancel (the reason, which the other party reads); a remark otherwise. At most ${ORDER_TRANSITION_LIMITS.noteMax} characters.`),
    shippingFee: z
      .object({
        amount: z.string().regex(/^\d{1,16}$/, 'order.shippingFee.invalid').describe('A whole number of đồng, as a string.'),
        currency: z.literal('VND', { errorMap: () => ({ message: 'api:validation.currencyVndOrder' }) }),
      })
      .strict()
      .optional()
      .describe('CONFIRMED: the shipping fee the buyer pays on top (VND, 0 when absent).'),
    deliveryDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'order.deliveryDate.invalid')
      .optional()
      .describe('CONFIRMED: YYYY-MM-DD, not in the past; the buyer\'s requested date when absent (required when there is none, or it has passed).'),
    quantities: z
      .record(z.string(), quantity('transition'))
      .optional()
      .describe(
        'CONFIRMED: lower quantities (a harvest shortfall), as product id (or the line\'s `id`) → new quantity, from 0 (drop the line) to the ' +
          'quantity ordered; lines not named keep theirs. ' +
          'The unit price of the quantity ordered stays; totals and VAT are worked out again and the stock no longer needed is released.',
      ),
    carrier: z.string().max(ORDER_TRANSITION_LIMITS.carrierMax, 'order.carrier.tooLong').optional().describe('SHIPPED: required.'),
    trackingNumber: z.string().max(ORDER_TRANSITION_LIMITS.trackingNumberMax, 'order.trackingNumber.tooLong').optional().describe('SHIPPED: required.'),
    shipBeforePayment: z
      .boolean()
      .optional()
      .describe('SHIPPED: `true` ships an order that is not paid yet (the producer agrees to be paid later); without it an unpaid order answers 409 PAYMENT_REQUIRED.'),
  })
  .strict()
  .superRefine((body, ctx) => {
    for (const [field, rule] of Object.entries(transitionOnly)) {
      if (body[field as keyof typeof body] !== undefined && body.to !== rule.to) ctx.addIssue({ code: 'custom', path: [field], message: rule.message })
    }
  })

const ordersQuery = () =>
  listQuery().extend({
    status: repeated(orderStatus()).describe('Orders in these statuses. Repeat for several.'),
    paymentStatus: repeated(paymentStatus()).describe('Orders in these payment statuses. Repeat for several.'),
  })

const ORDERS = { tag: 'Orders', auth: 'required' } as const

export const PaymentIntentSchema = z.object({
  data: z.object({
    clientSecret: z.string().describe('Give it to Stripe.js (or a Stripe mobile SDK) to collect and confirm the card payment. Keep it out of logs and URLs.'),
    paymentIntentId: z.string().describe('Stripe\'s PaymentIntent id (pi_…).'),
    // Not described here: a described copy of Money would not be a reference to it.
    amount: MoneySchema,
    currency: z.literal('vnd').describe('As Stripe writes it. VND has no minor unit: Stripe\'s `amount` is whole đồng, like `amount.amount`.'),
  }),
})

export const OrderRejectSchema = z
  .object({
    reason: z
      .string({ required_error: 'order.reason.required', invalid_type_error: 'order.reason.required' })
      .trim()
      .min(1, 'order.reason.required')
      .max(ORDER_TRANSITION_LIMITS.noteMax, 'order.note.tooLong')
      .describe(`Why the order is refused; the purchaser who placed it reads it. 1 to ${ORDER_TRANSITION_LIMITS.noteMax} characters.`),
  })
  .strict()

/** Approving and refusing: who may, and what else is refused. */
const APPROVAL = {
  ...ORDERS,
  permission: 'update:order:own',
  idempotent: true,
  status: 200,
  response: OrderSchema,
} as const

const approvalErrors = [
  {
    status: 403,
    code: 'FORBIDDEN',
    description:
      'The key is not allowed to approve orders (an owner allows it on the "API keys" page), it placed this order itself (another approver ' +
      'must decide), or it is the producer\'s key.',
  },
  { status: 404, code: 'NOT_FOUND', description: 'No such order of the key\'s organisation (a producer never sees an order waiting for approval).' },
  { status: 409, code: 'INVALID_TRANSITION', description: 'The order is not waiting for approval (it was decided or withdrawn already, say); the message names its status.' },
] as const

const approvalWho =
  'Approvals are made by the buyer\'s approvers: people on the website, or an API key that an owner of the organisation has allowed to ' +
  'approve orders (the "API keys" page), for a purchasing system with its own sign-off. Other keys get 403 FORBIDDEN. Nobody decides on ' +
  'an order they placed: a key never approves or refuses an order placed with it. `id` is the order\'s id or its number. Answers the order as it now is.'

const orderNotFound = {
  status: 404,
  code: 'NOT_FOUND',
  description: 'No such order of the key\'s organisation (another organisation\'s orders are never revealed).',
}

const PRODUCER_WRITE = {
  tag: 'Products',
  auth: 'required',
  organizationKinds: ['PRODUCER'],
  forbiddenKindMessage: 'api:errors.producersOnly',
} as const

const productNotFound = {
  status: 404,
  code: 'NOT_FOUND',
  description: 'No such product of the key\'s organisation (another producer\'s products are never revealed).',
}

// ── Order lists ───────────────────────────────────────────────────────────────────────────────────────

export const OrderListItemSchema = z.object({
  productId: z.string().describe('The product (GET /api/v1/products/{id}); one item per product.'),
  sku: z.string(),
  name: localized(),
  producer: party(),
  unit: z.enum(units),
  packSize: z.string(),
  moq: z.number().int().describe('Minimum order quantity, in units.'),
  quantity: z.number().int().describe('The quantity saved, in units; it may be below the MOQ (adding the list to the cart raises it).'),
  // Not described here: a described copy of Money would not be a reference to it.
  unitPrice: MoneySchema.nullable(),
  lineTotal: MoneySchema.nullable(),
  availability: z
    .enum(['MADE_TO_ORDER', 'IN_STOCK', 'LOW_STOCK', 'SOLD_OUT', 'NOT_FOR_SALE'])
    .describe(
      'Today: MADE_TO_ORDER (no stock limit, mind the lead time), IN_STOCK (enough for the quantity), LOW_STOCK (some, less than the quantity), ' +
        'SOLD_OUT (none, or less than the MOQ), NOT_FOR_SALE (unpublished, archived or suspended since it was saved).',
    ),
  stock: z.number().int().nullable().describe('Units on hand; null when made to order or no longer for sale.'),
})

export const OrderListSchema = z.object({
  id: z.string(),
  name: z.string().describe('Unique within the organisation (letter case aside).'),
  items: z
    .array(OrderListItemSchema)
    .describe(
      'In the list\'s order, with today\'s product data: `unitPrice` (VND, net of VAT) is the tier price for the quantity raised to the MOQ, ' +
        '`lineTotal` that quantity × unitPrice; both null for a product no longer for sale.',
    ),
  createdBy: z.string().nullable().describe('Name of the member who created it (null for an API key, or a member since removed).'),
  createdAt: timestamp(),
  updatedAt: timestamp().describe('Last change to the name or the items.'),
})

const ORDER_LISTS = {
  tag: 'Order lists',
  auth: 'required',
  organizationKinds: ['BUYER'],
  forbiddenKindMessage: 'api:errors.buyersOnlyOrderLists',
} as const

const orderListNotFound = {
  status: 404,
  code: 'NOT_FOUND',
  description: 'No such list of the key\'s organisation (another organisation\'s lists are never revealed).',
}
const orderListNameTaken = { status: 409, code: 'NAME_TAKEN', description: 'The organisation already has a list of this name (letter case aside).' }
const orderListItemsRefused =
  'Items that cannot be saved answer 400 VALIDATION_ERROR naming each under `details` by its place (`items.2.productId`): a product that ' +
  'does not exist or is not for sale, or one given twice.'

// ── Ledger ────────────────────────────────────────────────────────────────────────────────────────────

const ledgerKinds = ['SALE', 'PLATFORM_FEE', 'VAT_WITHHELD', 'PIT_WITHHELD', 'PAYOUT'] as const

export const LedgerEntrySchema = z.object({
  id: z.string(),
  kind: z
    .enum(ledgerKinds)
    .describe(
      'SALE: the order\'s total, credited when it is paid; PLATFORM_FEE, VAT_WITHHELD, PIT_WITHHELD: what is taken from it (withholding for household ' +
        'businesses and individuals only, Decree 117/2025); PAYOUT: money sent to the producer\'s bank account. `amount` is signed: positive is ' +
        'owed to the producer, negative is taken from it.',
    ),
  reversal: z.boolean().describe('The row undoes the same kind of row of its order: the order\'s money went back to the buyer.'),
  // Signed: positive is owed to the producer, negative is taken from it (the kind's description says so).
  amount: MoneySchema,
  base: MoneySchema.nullable().describe('Fees and withholding: the amount the rate applied to (the order\'s total).'),
  rateBasisPoints: z.number().int().nullable().describe('Fees and withholding: the rate in effect on the day of the sale, in basis points (100 = 1%).'),
  order: z.object({ id: z.string(), number: z.string() }).nullable().describe('The order of a sale row and its fees, withholding and reversals.'),
  payout: z
    .object({ id: z.string(), paidOn: z.string().describe('YYYY-MM-DD, Vietnam\'s date.'), bankReference: z.string() })
    .nullable()
    .describe('PAYOUT rows: the transfer.'),
  occurredAt: timestamp().describe('When it was recorded (UTC). A month (`month`) is Vietnam\'s calendar month of this time.'),
})

const ledgerQuery = () =>
  listQuery().extend({
    month: z
      .string()
      .regex(/^2\d{3}-(0[1-9]|1[0-2])$/, 'ledger:api.month')
      .optional()
      .describe('YYYY-MM: rows of that month only (Asia/Ho_Chi_Minh).'),
    kind: repeated(z.enum(ledgerKinds, { errorMap: () => ({ message: 'ledger:api.kind' }) })).describe('Rows of these kinds. Repeat for several.'),
  })

export const endpoints = {
  me: defineEndpoint({
    method: 'GET',
    path: '/api/v1/me',
    operationId: 'getMe',
    tag: 'Organisation',
    summary: 'The organisation the API key acts for',
    description: 'A quick way to check a key. Answers for a suspended organisation too (with `suspended: true`).',
    auth: 'required',
    allowSuspended: true,
    status: 200,
    response: MeSchema,
  }),

  listApiKeys: defineEndpoint({
    ...KEY_MANAGEMENT,
    method: 'GET',
    path: '/api/v1/api-keys',
    operationId: 'listApiKeys',
    summary: 'List the organisation\'s API keys',
    permission: 'read:apikey:own',
    query: listQuery(),
    status: 200,
    response: listOf(ApiKeySchema),
  }),
  createApiKey: defineEndpoint({
    ...KEY_MANAGEMENT,
    method: 'POST',
    path: '/api/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key',
    permission: 'create:apikey:own',
    body: ApiKeyCreateSchema.strict(),
    idempotent: true,
    status: 201,
    response: CreatedApiKeySchema,
  }),
  revokeApiKey: defineEndpoint({
    ...KEY_MANAGEMENT,
    method: 'DELETE',
    path: '/api/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    permission: 'delete:apikey:own',
    status: 204,
    errors: [{ status: 404, code: 'NOT_FOUND', description: 'No such active key in the organisation.' }],
  }),

  listProvinces: defineEndpoint({
    method: 'GET',
    path: '/api/v1/provinces',
    operationId: 'listProvinces',
    tag: 'Reference data',
    summary: 'The 34 provinces and cities (since 1 July 2025)',
    description: 'Public. Codes are used wherever the API takes or returns a province. All 34 fit in one page by default.',
    auth: 'optional',
    query: listQuery(PAGE_SIZE_MAX),
    status: 200,
    response: listOf(ProvinceSchema),
  }),
  listFormerProvinces: defineEndpoint({
    method: 'GET',
    path: '/api/v1/former-provinces',
    operationId: 'listFormerProvinces',
    tag: 'Reference data',
    summary: 'The 63 provinces before the 2025 merger, with the province each now belongs to',
    description: 'Public. Older certificates and geographical indications name these; a former code is not a current province code.',
    auth: 'optional',
    query: listQuery(PAGE_SIZE_MAX),
    status: 200,
    response: listOf(FormerProvinceSchema),
  }),
  listRegionTypes: defineEndpoint({
    method: 'GET',
    path: '/api/v1/region-types',
    operationId: 'listRegionTypes',
    tag: 'Reference data',
    summary: 'Region types of a producer\'s area',
    description:
      'Public. MOUNTAIN (miền núi), REMOTE (vùng sâu, vùng xa), ISLAND (hải đảo), BORDER (biên giới). In JSON an area of none of these is `null`; ' +
      'filters that take a region type accept `NONE` for it.',
    auth: 'optional',
    query: listQuery(PAGE_SIZE_MAX),
    status: 200,
    response: listOf(RegionTypeSchema),
  }),

  listDeliveryAddresses: defineEndpoint({
    ...DELIVERY,
    method: 'GET',
    path: '/api/v1/delivery-addresses',
    operationId: 'listDeliveryAddresses',
    summary: 'List the organisation\'s delivery addresses (the default first, then the newest)',
    description: 'Buyer organisations only.',
    permission: 'read:delivery-address:own',
    query: listQuery(),
    status: 200,
    response: listOf(DeliveryAddressSchema),
  }),
  createDeliveryAddress: defineEndpoint({
    ...DELIVERY,
    method: 'POST',
    path: '/api/v1/delivery-addresses',
    operationId: 'createDeliveryAddress',
    summary: 'Add a delivery address',
    description: `Buyer organisations only. The first address becomes the default. At most ${DELIVERY_ADDRESS_LIMIT} addresses per organisation.`,
    permission: 'create:delivery-address:own',
    body: DeliveryAddressCreateSchema,
    idempotent: true,
    status: 201,
    response: DeliveryAddressSchema,
    errors: [{ status: 409, code: 'LIMIT_REACHED', description: `The organisation already has ${DELIVERY_ADDRESS_LIMIT} addresses.` }],
  }),
  getDeliveryAddress: defineEndpoint({
    ...DELIVERY,
    method: 'GET',
    path: '/api/v1/delivery-addresses/{id}',
    operationId: 'getDeliveryAddress',
    summary: 'One delivery address',
    permission: 'read:delivery-address:own',
    status: 200,
    response: DeliveryAddressSchema,
    errors: [notFound],
  }),
  updateDeliveryAddress: defineEndpoint({
    ...DELIVERY,
    method: 'PATCH',
    path: '/api/v1/delivery-addresses/{id}',
    operationId: 'updateDeliveryAddress',
    summary: 'Change a delivery address (only the fields sent)',
    description: 'To change the default, send `isDefault: true` for the new one; the old one stops being the default.',
    permission: 'update:delivery-address:own',
    body: DeliveryAddressUpdateSchema,
    status: 200,
    response: DeliveryAddressSchema,
    errors: [notFound, { status: 409, code: 'DEFAULT_REQUIRED', description: '`isDefault: false` for the default address: make another address the default instead.' }],
  }),
  deleteDeliveryAddress: defineEndpoint({
    ...DELIVERY,
    method: 'DELETE',
    path: '/api/v1/delivery-addresses/{id}',
    operationId: 'deleteDeliveryAddress',
    summary: 'Delete a delivery address',
    description: 'When it was the default, the newest remaining address becomes the default.',
    permission: 'delete:delivery-address:own',
    status: 204,
    errors: [notFound],
  }),

  listProducts: defineEndpoint({
    method: 'GET',
    path: '/api/v1/products',
    operationId: 'listProducts',
    tag: 'Products',
    summary: 'Search the catalogue',
    description:
      'Public: published listings of producers that are not suspended or rejected. Filters of different names all apply; ' +
      'the values of one repeated filter are alternatives. A producer\'s key with `own=true` lists its own products in every status instead.',
    auth: 'optional',
    query: productsQuery(),
    status: 200,
    response: listOf(ProductSchema),
  }),
  getProduct: defineEndpoint({
    method: 'GET',
    path: '/api/v1/products/{id}',
    operationId: 'getProduct',
    tag: 'Products',
    summary: 'One product',
    description: 'Public for a published listing. A producer\'s key also sees its own products in any status, with every certification (expired ones too).',
    auth: 'optional',
    status: 200,
    response: ProductSchema,
    errors: [{ status: 404, code: 'NOT_FOUND', description: 'No such product, or one the caller may not see (a draft of another producer, say).' }],
  }),
  createProduct: defineEndpoint({
    ...PRODUCER_WRITE,
    method: 'POST',
    path: '/api/v1/products',
    operationId: 'createProduct',
    summary: 'Create a product',
    description: 'Producer organisations only. Add photos with POST /api/v1/products/{id}/images.',
    permission: 'create:product:own',
    body: ProductCreateSchema,
    idempotent: true,
    status: 201,
    response: ProductSchema,
    errors: [{ status: 409, code: 'SKU_TAKEN', description: 'The organisation already has a product with this SKU.' }],
  }),
  updateProduct: defineEndpoint({
    ...PRODUCER_WRITE,
    method: 'PATCH',
    path: '/api/v1/products/{id}',
    operationId: 'updateProduct',
    summary: 'Change a product (only the fields sent)',
    description:
      'The fields sent replace the product\'s (arrays such as `tierPrices` and `certifications` as a whole; within `name` and `description`, ' +
      'the languages sent); the result must be valid as a whole. `status` publishes or unpublishes.',
    permission: 'update:product:own',
    body: ProductUpdateSchema,
    status: 200,
    response: ProductSchema,
    errors: [
      productNotFound,
      { status: 409, code: 'SKU_TAKEN', description: 'Another product of the organisation has this SKU.' },
      { status: 409, code: 'INVALID_STATE', description: 'The product cannot take this status now (only a published product can be unpublished).' },
    ],
  }),
  archiveProduct: defineEndpoint({
    ...PRODUCER_WRITE,
    method: 'DELETE',
    path: '/api/v1/products/{id}',
    operationId: 'archiveProduct',
    summary: 'Archive a product',
    description: 'The listing leaves the catalogue; orders and quotes that refer to it keep it. Archiving an archived product does nothing.',
    permission: 'delete:product:own',
    status: 204,
    errors: [productNotFound],
  }),
  addProductImage: defineEndpoint({
    ...PRODUCER_WRITE,
    method: 'POST',
    path: '/api/v1/products/{id}/images',
    operationId: 'addProductImage',
    summary: 'Add a photo to a product',
    description:
      `Send the photo as \`multipart/form-data\` in the part \`file\` (JPEG, PNG, WebP, GIF, AVIF, HEIF or TIFF; at most ${PRODUCT_IMAGE_MAX_MB} MB and 40 megapixels), ` +
      'optionally with a text part `alt`. The image is judged by its content, turned upright, stripped of EXIF and GPS data and stored in several sizes; ' +
      'the first photo of a product becomes its cover. At most 12 photos per product. A file that is empty, not an image, or too large in bytes or pixels ' +
      'answers 400 VALIDATION_ERROR with the reason under `details.file`.',
    permission: 'update:product:own',
    upload: {
      file: 'file',
      fileDescription: `The photo, at most ${PRODUCT_IMAGE_MAX_MB} MB.`,
      fields: z.object({ alt: z.string().max(200, 'api:validation.altTooLong').optional().describe('A short description of the photo for people who cannot see it.') }).strict(),
      maxBytes: PRODUCT_IMAGE_MAX_MB * 1024 * 1024 + 64 * 1024,
    },
    idempotent: true,
    status: 201,
    response: ProductImageSchema,
    errors: [
      productNotFound,
      { status: 409, code: 'TOO_MANY_IMAGES', description: 'The product already has 12 photos.' },
      { status: 409, code: 'DUPLICATE_IMAGE', description: 'The product already has this very photo.' },
    ],
  }),
  listCategories: defineEndpoint({
    method: 'GET',
    path: '/api/v1/categories',
    operationId: 'listCategories',
    tag: 'Products',
    summary: 'The category tree',
    description: 'Public. Top-level categories in order, each with its subcategories; every category fits in one page by default.',
    auth: 'optional',
    query: listQuery(PAGE_SIZE_MAX),
    status: 200,
    response: listOf(CategorySchema),
  }),

  searchProducts: defineEndpoint({
    method: 'GET',
    path: '/api/v1/search',
    operationId: 'searchProducts',
    tag: 'Products',
    summary: 'Search the catalogue by words, with filters and facet counts',
    description:
      'Public (a key may be sent): published listings of producers that are not suspended or rejected. Words are found without diacritics ' +
      'and despite a typo; filters of different names all apply, the values of one filter are alternatives. `facets` counts the matching ' +
      'products by each filter\'s values, to show next to the choices. The parameters mean what they mean in the website\'s search page URL ' +
      '(/vi/search), so such a URL\'s query works here; a value that cannot be read is 400 VALIDATION_ERROR naming the parameter, never ignored. ' +
      'The search index follows changes to the catalogue within moments; a listing that stopped being public is never returned.',
    auth: 'optional',
    query: searchQuery(),
    status: 200,
    response: listOf(SearchProductSchema).extend({
      facets: SearchFacetsSchema,
      processingTimeMs: z.number().describe('How long the search engine took, in milliseconds.'),
    }),
  }),

  listOrders: defineEndpoint({
    ...ORDERS,
    method: 'GET',
    path: '/api/v1/orders',
    operationId: 'listOrders',
    summary: 'List the organisation\'s orders, newest first',
    description: 'A buyer\'s key lists the orders its organisation placed; a producer\'s key the orders placed with its organisation.',
    permission: 'read:order:own',
    query: ordersQuery(),
    status: 200,
    response: listOf(OrderSchema),
  }),
  createOrder: defineEndpoint({
    ...ORDERS,
    method: 'POST',
    path: '/api/v1/orders',
    operationId: 'createOrder',
    summary: 'Place orders: one per producer',
    description:
      'Buyer organisations only. The lines become one order per producer, all or nothing: if any line cannot be ordered, nothing is created ' +
      'and the answer names every failing line, under `details` by its place in `items` (`items.2.quantity`): below the MOQ, a product not ' +
      'for sale, a made-to-order product whose lead time the requested date does not allow, a producer\'s minimum order value not reached ' +
      '(400 VALIDATION_ERROR), or not enough stock (409 OUT_OF_STOCK). Prices, VAT rates and product data are checked and copied on the server; ' +
      'stock is reserved at once. Answers the orders created, in `data` (`{ "data": [orders] }`).',
    permission: 'create:order:own',
    organizationKinds: ['BUYER'],
    forbiddenKindMessage: 'api:errors.buyersOnlyOrders',
    body: OrderCreateSchema,
    idempotent: true,
    status: 201,
    response: z.object({ data: z.array(OrderSchema).describe('The orders created, one per producer.') }),
    errors: [{ status: 409, code: 'OUT_OF_STOCK', description: 'Not enough stock for some lines: `details` names each of them with the quantity available. Nothing was created.' }],
  }),
  getOrder: defineEndpoint({
    ...ORDERS,
    method: 'GET',
    path: '/api/v1/orders/{id}',
    operationId: 'getOrder',
    summary: 'One order, with its history',
    description: '`id` is the order\'s id or its number (DH-…).',
    permission: 'read:order:own',
    status: 200,
    response: OrderSchema,
    errors: [orderNotFound],
  }),
  transitionOrder: defineEndpoint({
    ...ORDERS,
    method: 'POST',
    path: '/api/v1/orders/{id}/transitions',
    operationId: 'transitionOrder',
    summary: 'Move an order to its next status',
    description:
      'The producer confirms (setting the shipping fee and delivery date, perhaps lowering quantities), rejects or ships; the buyer cancels ' +
      '(before shipment) or confirms delivery. Each move is allowed only for its party and from the right status; the other party is told. ' +
      'Fields that belong to another move than `to` are refused. `id` is the order\'s id or its number. Answers the order as it now is.',
    permission: 'update:order:own',
    body: OrderTransitionSchema,
    idempotent: true,
    status: 200,
    response: OrderSchema,
    errors: [
      { status: 403, code: 'FORBIDDEN', description: 'The key\'s side of the order never makes this move (a buyer cannot confirm, a producer cannot cancel).' },
      orderNotFound,
      { status: 409, code: 'INVALID_TRANSITION', description: 'The order\'s current status does not allow this move (it was confirmed already, say); the message names both statuses.' },
      { status: 409, code: 'PAYMENT_REQUIRED', description: 'SHIPPED: the order is not paid; send `shipBeforePayment: true` to ship it anyway.' },
    ],
  }),

  approveOrder: defineEndpoint({
    ...APPROVAL,
    method: 'POST',
    path: '/api/v1/orders/{id}/approve',
    operationId: 'approveOrder',
    summary: 'Approve an order waiting for approval',
    description:
      'An order above a spending limit waits in PENDING_APPROVAL with its stock reserved. Approving it makes it PLACED: the producer sees it ' +
      'from now on and is told, and so is the buyer. No body is needed. ' +
      approvalWho,
    errors: approvalErrors,
  }),
  rejectOrder: defineEndpoint({
    ...APPROVAL,
    method: 'POST',
    path: '/api/v1/orders/{id}/reject',
    operationId: 'rejectOrder',
    summary: 'Refuse an order waiting for approval, with a reason',
    description:
      'The order becomes CANCELLED, its reserved stock is released and the buyer\'s members are told the reason; the producer never saw it. ' +
      approvalWho,
    body: OrderRejectSchema,
    errors: approvalErrors,
  }),
  createPaymentIntent: defineEndpoint({
    ...ORDERS,
    method: 'POST',
    path: '/api/v1/orders/{id}/payment-intent',
    operationId: 'createPaymentIntent',
    summary: 'Pay a CARD order: the Stripe PaymentIntent for the amount due',
    description:
      'The buyer\'s key only, for an order placed with `paymentMethod: CARD` once the producer has confirmed it (CONFIRMED, SHIPPED or DELIVERED) ' +
      'and while it is UNPAID. Answers the open PaymentIntent for what is still due (the total less anything received), creating it the first time: ' +
      'calling again gives the same one, so there is never a second charge. Confirm it with Stripe.js; the order becomes PAID when Stripe tells the ' +
      'platform that the payment succeeded for exactly that amount (GET /api/v1/orders/{id} shows it). No body is needed. `id` is the order\'s id or its number.',
    permission: 'update:order:own',
    status: 200,
    response: PaymentIntentSchema,
    errors: [
      { status: 404, code: 'NOT_FOUND', description: 'No such order of the key\'s organisation, or the key is the producer\'s (only the buyer pays).' },
      { status: 409, code: 'INVALID_STATE', description: 'The order is not a CARD order waiting for payment (not confirmed yet, paid, closed, another method), or a payment went through and its confirmation is on its way.' },
      { status: 502, code: 'PAYMENT_PROVIDER_ERROR', description: 'Stripe refused the request or could not be reached; try again later.' },
      { status: 503, code: 'CARD_PAYMENTS_UNAVAILABLE', description: 'Card payments are not configured on this platform.' },
    ],
  }),

  listOrderLists: defineEndpoint({
    ...ORDER_LISTS,
    method: 'GET',
    path: '/api/v1/order-lists',
    operationId: 'listOrderLists',
    summary: 'List the organisation\'s saved order lists, by name, with their items',
    description:
      'Buyer organisations only. Saved order lists (requisition lists) hold the products and quantities an organisation reorders; ' +
      'all its members share them on the website ("Order lists"), where one click adds a whole list to the cart.',
    permission: 'read:order:own',
    query: listQuery(),
    status: 200,
    response: listOf(OrderListSchema),
  }),
  createOrderList: defineEndpoint({
    ...ORDER_LISTS,
    method: 'POST',
    path: '/api/v1/order-lists',
    operationId: 'createOrderList',
    summary: 'Save an order list',
    description:
      `Buyer organisations only. A name unique within the organisation and up to ${ORDER_LIST_LIMITS.itemsMax} products with their quantities. ` +
      orderListItemsRefused,
    permission: 'create:order:own',
    body: OrderListCreateSchema,
    idempotent: true,
    status: 201,
    response: OrderListSchema,
    errors: [orderListNameTaken],
  }),
  getOrderList: defineEndpoint({
    ...ORDER_LISTS,
    method: 'GET',
    path: '/api/v1/order-lists/{id}',
    operationId: 'getOrderList',
    summary: 'One saved order list',
    permission: 'read:order:own',
    status: 200,
    response: OrderListSchema,
    errors: [orderListNotFound],
  }),
  updateOrderList: defineEndpoint({
    ...ORDER_LISTS,
    method: 'PATCH',
    path: '/api/v1/order-lists/{id}',
    operationId: 'updateOrderList',
    summary: 'Rename a saved order list and/or replace its items',
    description: '`items`, when sent, replaces every item of the list; nothing changes when any of the request is refused. ' + orderListItemsRefused,
    permission: 'create:order:own',
    body: OrderListUpdateSchema,
    status: 200,
    response: OrderListSchema,
    errors: [orderListNotFound, orderListNameTaken],
  }),
  deleteOrderList: defineEndpoint({
    ...ORDER_LISTS,
    method: 'DELETE',
    path: '/api/v1/order-lists/{id}',
    operationId: 'deleteOrderList',
    summary: 'Delete a saved order list',
    description: 'The cart and orders are not touched.',
    permission: 'create:order:own',
    status: 204,
    errors: [orderListNotFound],
  }),

  listLedger: defineEndpoint({
    method: 'GET',
    path: '/api/v1/ledger',
    operationId: 'listLedger',
    tag: 'Ledger',
    summary: 'The producer\'s ledger rows, newest first, and its balance',
    description:
      'Producer organisations only: what the platform owes the producer. A paid order adds a SALE row (its total) less the platform fee and, for ' +
      'household businesses and individuals, the VAT and PIT withheld, each at the rate in effect on the day of the sale (rounded half up to the đồng); ' +
      'a refund reverses them; a payout takes the amount sent. `balance` is the sum of all rows (not only those of the page or the filter).',
    auth: 'required',
    permission: 'read:ledger:own',
    organizationKinds: ['PRODUCER'],
    forbiddenKindMessage: 'ledger:api.producersOnly',
    query: ledgerQuery(),
    status: 200,
    // `balance`: what the platform owes the producer now (negative: the producer owes the platform); see the description.
    response: listOf(LedgerEntrySchema).extend({ balance: MoneySchema }),
  }),

  openApi: defineEndpoint({
    method: 'GET',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'Documentation',
    summary: 'This document (OpenAPI 3.1)',
    auth: 'optional',
    status: 200,
    response: z.object({ openapi: z.string() }).passthrough().describe('An OpenAPI 3.1 document.'),
  }),
}
