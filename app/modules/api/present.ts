import type { z } from 'zod'
import { provinceName } from '~/modules/geo/provinces'
import type { ApiKeySchema, DeliveryAddressSchema } from './endpoints'

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
