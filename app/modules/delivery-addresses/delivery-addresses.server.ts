import type { DeliveryAddress } from '~/generated/prisma/client'
import { prisma, type Tx } from '~/utils/db.server'
import { DELIVERY_ADDRESS_LIMIT, type DeliveryAddressCreateInput, type DeliveryAddressUpdateInput } from './schemas'

// Where a buyer organisation receives goods. Every function is scoped by the acting organisation: another
// organisation's address is simply not found. Each organisation with addresses has exactly one default.

export type { DeliveryAddress }

const newestFirst = [{ isDefault: 'desc' as const }, { createdAt: 'desc' as const }, { id: 'desc' as const }]

export async function listDeliveryAddresses(organizationId: string, page: { skip: number; take: number }) {
  const [items, total] = await Promise.all([
    prisma.deliveryAddress.findMany({ where: { organizationId }, orderBy: newestFirst, skip: page.skip, take: page.take }),
    prisma.deliveryAddress.count({ where: { organizationId } }),
  ])
  return { items, total }
}

export function getDeliveryAddress(organizationId: string, id: string) {
  return prisma.deliveryAddress.findFirst({ where: { id, organizationId } })
}

// Address changes of one organisation run one at a time (the default and the limit are counted across rows).
async function lockOrganization(tx: Tx, organizationId: string) {
  await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId} FOR UPDATE`
}

export type CreateDeliveryAddressResult = { ok: true; address: DeliveryAddress } | { ok: false; error: 'LIMIT_REACHED' }

export function createDeliveryAddress(organizationId: string, input: DeliveryAddressCreateInput): Promise<CreateDeliveryAddressResult> {
  return prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId)
    const count = await tx.deliveryAddress.count({ where: { organizationId } })
    if (count >= DELIVERY_ADDRESS_LIMIT) return { ok: false, error: 'LIMIT_REACHED' }
    const isDefault = count === 0 || input.isDefault === true
    if (isDefault) await tx.deliveryAddress.updateMany({ where: { organizationId, isDefault: true }, data: { isDefault: false } })
    const address = await tx.deliveryAddress.create({
      data: {
        organizationId,
        label: input.label,
        recipientName: input.recipientName,
        phone: input.phone,
        addressLine: input.addressLine,
        commune: input.commune,
        provinceCode: input.province,
        isDefault,
      },
    })
    return { ok: true, address }
  })
}

export type UpdateDeliveryAddressResult =
  | { ok: true; address: DeliveryAddress }
  | { ok: false; error: 'NOT_FOUND' | 'DEFAULT_REQUIRED' }

export function updateDeliveryAddress(
  organizationId: string,
  id: string,
  input: DeliveryAddressUpdateInput,
): Promise<UpdateDeliveryAddressResult> {
  return prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId)
    const current = await tx.deliveryAddress.findFirst({ where: { id, organizationId } })
    if (!current) return { ok: false, error: 'NOT_FOUND' }
    // There is always one default: it changes by choosing another address, never by unsetting it.
    if (input.isDefault === false && current.isDefault) return { ok: false, error: 'DEFAULT_REQUIRED' }
    if (input.isDefault === true && !current.isDefault) {
      await tx.deliveryAddress.updateMany({ where: { organizationId, isDefault: true }, data: { isDefault: false } })
    }
    const address = await tx.deliveryAddress.update({
      where: { id: current.id },
      data: {
        label: input.label,
        recipientName: input.recipientName,
        phone: input.phone,
        addressLine: input.addressLine,
        commune: input.commune,
        provinceCode: input.province,
        isDefault: input.isDefault === true ? true : undefined,
      },
    })
    return { ok: true, address }
  })
}

/** Deletes the address; when it was the default, the newest remaining one becomes the default. */
export function deleteDeliveryAddress(organizationId: string, id: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId)
    const current = await tx.deliveryAddress.findFirst({ where: { id, organizationId }, select: { id: true, isDefault: true } })
    if (!current) return false
    await tx.deliveryAddress.delete({ where: { id: current.id } })
    if (current.isDefault) {
      const newest = await tx.deliveryAddress.findFirst({
        where: { organizationId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: { id: true },
      })
      if (newest) await tx.deliveryAddress.update({ where: { id: newest.id }, data: { isDefault: true } })
    }
    return true
  })
}
