import { z } from 'zod'

// The shapes every endpoint shares. They document the API (openapi.ts) and type what handlers return.

export const PAGE_SIZE_DEFAULT = 20
export const PAGE_SIZE_MAX = 100

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable, machine-readable code, e.g. VALIDATION_ERROR, NOT_FOUND, RATE_LIMITED.'),
      message: z.string().describe("Human-readable, in the request's language (Accept-Language: vi or en; Vietnamese by default)."),
      details: z
        .record(z.array(z.string()))
        .optional()
        .describe('VALIDATION_ERROR only: messages by field path ("province", "lines.0.quantity"; "$" is the body itself).'),
      lines: z
        .array(
          z.object({
            productId: z.string(),
            code: z.enum(['notFound', 'quantityInvalid', 'belowMoq', 'outOfStock', 'leadTime', 'belowMinimumOrderValue']),
            moq: z.number().int().optional().describe('belowMoq: the minimum order quantity.'),
            available: z.number().int().optional().describe('outOfStock: the units in stock now.'),
            earliestDate: z.string().optional().describe('leadTime: the earliest delivery date (YYYY-MM-DD) of a made-to-order product.'),
            minimum: z.object({ amount: z.string(), currency: z.literal('VND') }).optional().describe("belowMinimumOrderValue: the producer's minimum order value, before VAT."),
            subtotal: z.object({ amount: z.string(), currency: z.literal('VND') }).optional().describe("belowMinimumOrderValue: what this order's lines from that producer come to, before VAT."),
          }),
        )
        .optional()
        .describe('POST /orders refused for its lines (OUT_OF_STOCK, VALIDATION_ERROR): every failing line, machine-readable.'),
    }),
  })
  .describe('Every error answer has this shape.')

export const MoneySchema = z
  .object({
    amount: z.string().regex(/^-?\d+$/).describe('Integer in minor units, as a string (VND has no minor unit: "150000" is 150,000 ₫).'),
    currency: z.string().length(3).describe('ISO 4217 code: VND, or USD for some export quotes.'),
  })
  .describe('An amount of money; never a floating-point number.')

export type Money = z.infer<typeof MoneySchema>

/** Money as the API shows it: `{ amount: "150000", currency: "VND" }`. */
export function money(amount: bigint, currency: string): Money {
  return { amount: amount.toString(), currency }
}

/** `page` and `pageSize` of every list; reference lists that fit in one page default to a larger size. */
export function listQuery(defaultPageSize = PAGE_SIZE_DEFAULT) {
  return z.object({
    page: z.coerce
      .number({ invalid_type_error: 'api:validation.page' })
      .int('api:validation.page')
      .min(1, 'api:validation.page')
      .default(1)
      .describe('Page number, from 1.'),
    pageSize: z.coerce
      .number({ invalid_type_error: 'api:validation.pageSize' })
      .int('api:validation.pageSize')
      .min(1, 'api:validation.pageSize')
      .max(PAGE_SIZE_MAX, 'api:validation.pageSize')
      .default(defaultPageSize)
      .describe(`Items per page, 1 to ${PAGE_SIZE_MAX}.`),
  })
}
export type ListQuery = z.infer<ReturnType<typeof listQuery>>

/** A multi-value filter, given as a repeated parameter (`?province=08&province=15`). */
export function repeated<T extends z.ZodTypeAny>(item: T) {
  return z.preprocess((v) => (v === undefined ? undefined : [v].flat()), z.array(item).optional())
}

/** The list shape: `{ data, page, pageSize, total }`. */
export function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    data: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int().describe('Number of items on all pages.'),
  })
}

export function listResponse<T>(data: T[], query: ListQuery, total: number) {
  return { data, page: query.page, pageSize: query.pageSize, total }
}

/** What a list query skips and takes, for Prisma. */
export const pageOf = (query: ListQuery) => ({ skip: (query.page - 1) * query.pageSize, take: query.pageSize })

/** Slices an in-memory list (reference data) the way the database would. */
export function pageInMemory<T>(items: readonly T[], query: ListQuery) {
  const { skip, take } = pageOf(query)
  return listResponse(items.slice(skip, skip + take), query, items.length)
}
