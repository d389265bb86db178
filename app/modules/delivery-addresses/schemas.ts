import { z } from 'zod'
import { provinceCodes } from '../geo/provinces'
import { normalizeOrgPhone } from '../organizations/phone'

// Browser-safe. Messages are i18n keys in the `errors` namespace; descriptions document the API.

export const DELIVERY_ADDRESS_LIMIT = 50

function text(field: string, max: number, description: string) {
  return z
    .string({ required_error: `deliveryAddress.${field}.required` })
    .trim()
    .min(1, `deliveryAddress.${field}.required`)
    .max(max, `deliveryAddress.${field}.tooLong`)
    .describe(description)
}

const fields = {
  label: text('label', 100, 'A name the buyer knows the place by, e.g. "DC Củ Chi" or "Kho lạnh Long Biên". At most 100 characters.'),
  recipientName: text('recipientName', 100, 'Who receives the goods. At most 100 characters.'),
  phone: z
    .string({ required_error: 'deliveryAddress.phone.required', invalid_type_error: 'deliveryAddress.phone.invalid' })
    .max(30, 'deliveryAddress.phone.invalid')
    .transform((value, ctx) => {
      const phone = normalizeOrgPhone(value)
      if (!phone) {
        ctx.addIssue({ code: 'custom', message: 'deliveryAddress.phone.invalid' })
        return z.NEVER
      }
      return phone
    })
    .describe('Vietnamese mobile or landline, e.g. "0912 345 678", "028 3825 1234" or "+84912345678"; stored and returned in E.164.'),
  addressLine: text('addressLine', 200, 'Street and number, or industrial park and lot. At most 200 characters.'),
  commune: text('commune', 100, 'Commune, ward or special zone (districts no longer exist). At most 100 characters.'),
  province: z
    .enum(provinceCodes, {
      errorMap: (_issue, ctx) => ({
        message: ctx.data === undefined || ctx.data === '' ? 'deliveryAddress.province.required' : 'deliveryAddress.province.invalid',
      }),
    })
    .describe('Code of one of the 34 provinces and cities (GET /api/v1/provinces).'),
  isDefault: z
    .boolean({ invalid_type_error: 'deliveryAddress.isDefault.invalid' })
    .describe('Make this the default address (the previous default stops being one). The first address is always the default.'),
}

export const DeliveryAddressCreateSchema = z.object({ ...fields, isDefault: fields.isDefault.optional() }).strict()
export type DeliveryAddressCreateInput = z.infer<typeof DeliveryAddressCreateSchema>

/** A change: only the fields sent are changed. */
export const DeliveryAddressUpdateSchema = z.object(fields).partial().strict()
export type DeliveryAddressUpdateInput = z.infer<typeof DeliveryAddressUpdateSchema>
