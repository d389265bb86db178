// Browser-safe: the limits and input shapes of saved order lists (requisition lists), shared by the pages,
// the product page's "Add to a list" form and the API. Messages are i18n keys (`lists:errors.*`); the
// descriptions document the API.
import { z } from 'zod'
import { ORDER_LIMITS } from '../orders/order-rules'

export const ORDER_LIST_LIMITS = {
  nameMax: 100,
  /** Products per list: as many as one checkout takes. */
  itemsMax: ORDER_LIMITS.linesMax,
  quantityMax: ORDER_LIMITS.quantityMax,
  /** What the "add by SKU" field accepts: `producer-slug/SKU` at most. */
  skuInputMax: 200,
} as const

export const orderListName = () =>
  z
    .string({ required_error: 'lists:errors.name.required', invalid_type_error: 'lists:errors.name.required' })
    .trim()
    .min(1, 'lists:errors.name.required')
    .max(ORDER_LIST_LIMITS.nameMax, 'lists:errors.name.tooLong')
    .describe(`The list's name, unique within the organisation (letter case aside), 1 to ${ORDER_LIST_LIMITS.nameMax} characters.`)

export const orderListQuantity = () =>
  z
    .number({ required_error: 'lists:errors.quantity.invalid', invalid_type_error: 'lists:errors.quantity.invalid' })
    .int('lists:errors.quantity.invalid')
    .min(1, 'lists:errors.quantity.invalid')
    .max(ORDER_LIST_LIMITS.quantityMax, 'lists:errors.quantity.invalid')
    .describe(
      `Units of the product's sale unit, a whole number from 1 to ${ORDER_LIST_LIMITS.quantityMax}. It may be below the MOQ: ` +
        'adding the list to the cart raises it.',
    )

const orderListItems = () =>
  z
    .array(
      z
        .object({
          productId: z.string().min(1, 'lists:errors.product.notForSale').max(100, 'lists:errors.product.notForSale').describe('A published product (GET /api/v1/products).'),
          quantity: orderListQuantity(),
        })
        .strict(),
    )
    .max(ORDER_LIST_LIMITS.itemsMax, 'lists:errors.items.tooMany')
    .superRefine((items, ctx) => {
      const seen = new Set<string>()
      items.forEach((item, index) => {
        if (seen.has(item.productId)) ctx.addIssue({ code: 'custom', path: [index, 'productId'], message: 'lists:errors.product.twice' })
        seen.add(item.productId)
      })
    })
    .describe(`The products and quantities, in order; at most ${ORDER_LIST_LIMITS.itemsMax}, each product once.`)

/** POST /api/v1/order-lists. */
export const OrderListCreateSchema = z
  .object({
    name: orderListName(),
    items: orderListItems().optional().describe(`The products and quantities, in order (none when absent); at most ${ORDER_LIST_LIMITS.itemsMax}, each product once.`),
  })
  .strict()
export type OrderListCreateInput = z.infer<typeof OrderListCreateSchema>

/** PATCH /api/v1/order-lists/{id}: a new name, and/or the items as a whole. */
export const OrderListUpdateSchema = z
  .object({
    name: orderListName().optional(),
    items: orderListItems().optional().describe('Replaces every item of the list (send [] to empty it); each product once.'),
  })
  .strict()
export type OrderListUpdateInput = z.infer<typeof OrderListUpdateSchema>
