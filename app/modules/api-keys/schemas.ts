import { z } from 'zod'
import { parseVnd } from '~/modules/catalog/product-schemas'

// Browser-safe: the key forms of the owners' page; POST /api/v1/api-keys shares the name.
// Messages are i18n keys in the `errors` namespace (or `ns:key`).

export const ApiKeyCreateSchema = z.object({
  name: z
    .string({ required_error: 'apiKey.name.required' })
    .trim()
    .min(1, 'apiKey.name.required')
    .max(100, 'apiKey.name.tooLong')
    .describe('What the key is for, e.g. "SAP purchasing – production". At most 100 characters.'),
})
export type ApiKeyCreateInput = z.infer<typeof ApiKeyCreateSchema>

/** The highest limit per order an owner may set on a key (whole đồng): far above any real order, below any overflow. */
export const API_KEY_ORDER_LIMIT_MAX_VND = 1_000_000_000_000n

/**
 * A key's limit per order as typed: whole đồng, VAT included ("50.000.000", "50000000", "50 000 000 đ");
 * empty = no limit (null). Zero, negative amounts and fractions are refused. API orders above the limit are
 * created PENDING_APPROVAL and wait for an approver.
 */
const orderLimitSchema = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text.trim() === '') return null
    const value = parseVnd(text)
    const problem = value === null ? 'orderLimitInvalid' : value <= 0n ? 'orderLimitNotPositive' : value > API_KEY_ORDER_LIMIT_MAX_VND ? 'orderLimitTooLarge' : null
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `orgs:apiKeys.errors.${problem}` })
      return z.NEVER
    }
    return value
  })

/** The owners' page creates a key with a name and, for a buyer, perhaps a limit per order. */
export const ApiKeyCreateFormSchema = ApiKeyCreateSchema.extend({ orderLimit: orderLimitSchema })

/** The owners' page sets a buyer's key's limit per order (empty removes it) and whether it may approve orders. */
export const ApiKeyPurchasingSchema = z.object({
  id: z.string().min(1),
  orderLimit: orderLimitSchema,
  canApproveOrders: z.boolean().optional(),
})
