import { endpoints } from '~/modules/api/endpoints'
import { mergeProductPatch, parseProductWrite, presentProduct, productWriteOf, translateDetails } from '~/modules/api/present'
import { setProductStatus, updateProduct } from '~/modules/catalog/products.server'
import { getProductForApi } from '~/modules/catalog/products-api.server'
import { getOrganizationForEdit } from '~/modules/organizations/organizations.server'
import { ApiError, apiRoute, implement } from '~/utils/api.server'
import { env } from '~/utils/env.server'

/** The key's organisation's own product (any status), or 404: another producer's products are never revealed. */
async function ownProduct(producerId: string, productId: string) {
  const row = await getProductForApi(productId, { organizationId: producerId })
  if (!row?.isOwn) throw new ApiError(404, 'NOT_FOUND')
  return row
}

const api = apiRoute(
  implement(endpoints.getProduct, async ({ key, params }) => {
    // Only a producer's key sees unpublished products, and only its own.
    const viewer = key?.organization.kind === 'PRODUCER' ? { organizationId: key.organization.id } : {}
    const row = await getProductForApi(params.id, viewer)
    if (!row) throw new ApiError(404, 'NOT_FOUND')
    return presentProduct(row, { origin: env().APP_URL })
  }),
  implement(endpoints.updateProduct, async ({ key, params, body, t }) => {
    const producerId = key.organization.id
    const current = await ownProduct(producerId, params.id)
    const organization = await getOrganizationForEdit(producerId)
    if (!organization) throw new ApiError(404, 'NOT_FOUND')
    const { status, ...patch } = body
    const parsed = parseProductWrite(mergeProductPatch(productWriteOf(current), patch), organization)
    if (!parsed.ok) throw new ApiError(400, 'VALIDATION_ERROR', { details: translateDetails(parsed.details, t) })
    if (Object.keys(patch).length > 0) {
      const result = await updateProduct(producerId, current.id, parsed.input)
      if (!result.ok) {
        if (result.error === 'product.notFound') throw new ApiError(404, 'NOT_FOUND')
        if (result.error === 'product.sku.taken') throw new ApiError(409, 'SKU_TAKEN')
        throw new ApiError(400, 'VALIDATION_ERROR', { details: translateDetails({ category: [result.error] }, t) })
      }
    }
    if (status && status !== current.status) {
      const changed = await setProductStatus(producerId, current.id, status)
      if (!changed.ok) {
        if (changed.error === 'product.notFound') throw new ApiError(404, 'NOT_FOUND')
        throw new ApiError(409, 'INVALID_STATE')
      }
    }
    return presentProduct(await ownProduct(producerId, current.id), { origin: env().APP_URL })
  }),
  implement(endpoints.archiveProduct, async ({ key, params }) => {
    const current = await ownProduct(key.organization.id, params.id)
    if (current.status === 'ARCHIVED') return
    const result = await setProductStatus(key.organization.id, current.id, 'ARCHIVED')
    if (!result.ok) throw new ApiError(404, 'NOT_FOUND')
  }),
)
export const loader = api.loader
export const action = api.action
