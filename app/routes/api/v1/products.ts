import { endpoints } from '~/modules/api/endpoints'
import { parseProductWrite, presentProduct, translateDetails } from '~/modules/api/present'
import { certificationFromSlug } from '~/modules/catalog/product-schemas'
import { createProduct } from '~/modules/catalog/products.server'
import { getProductForApi, listProductsForApi } from '~/modules/catalog/products-api.server'
import { getOrganizationForEdit } from '~/modules/organizations/organizations.server'
import { ApiError, apiRoute, implement, listResponse, pageOf } from '~/utils/api.server'
import { env } from '~/utils/env.server'

const api = apiRoute(
  implement(endpoints.listProducts, async ({ key, query }) => {
    const own = query.own === 'true'
    if (own && !key) throw new ApiError(401, 'UNAUTHENTICATED', { headers: { 'WWW-Authenticate': 'Bearer realm="api"' } })
    if (own && key?.organization.kind !== 'PRODUCER') throw new ApiError(403, 'FORBIDDEN', { message: 'api:errors.producersOnly' })
    const { items, total } = await listProductsForApi({
      categorySlugs: query.category,
      provinceCodes: query.province,
      regionTypes: query.regionType,
      producerSlug: query.producer,
      certifications: query.certification?.map((slug) => certificationFromSlug[slug]),
      sort: query.sort,
      own: own && key ? { producerId: key.organization.id, statuses: query.status } : undefined,
      ...pageOf(query),
    })
    const origin = env().APP_URL
    return listResponse(
      items.map((row) => presentProduct(row, { origin })),
      query,
      total,
    )
  }),
  implement(endpoints.createProduct, async ({ key, body, t }) => {
    const producerId = key.organization.id
    const organization = await getOrganizationForEdit(producerId)
    if (!organization) throw new ApiError(404, 'NOT_FOUND')
    const { status, ...fields } = body
    const parsed = parseProductWrite(fields, organization)
    if (!parsed.ok) throw new ApiError(400, 'VALIDATION_ERROR', { details: translateDetails(parsed.details, t) })
    const result = await createProduct(producerId, parsed.input, { status })
    if (!result.ok) {
      if (result.error === 'product.sku.taken') throw new ApiError(409, 'SKU_TAKEN')
      if (result.error === 'product.category.invalid') {
        throw new ApiError(400, 'VALIDATION_ERROR', { details: translateDetails({ category: [result.error] }, t) })
      }
      throw new ApiError(403, 'FORBIDDEN', { message: 'api:errors.producersOnly' })
    }
    const row = await getProductForApi(result.product.id, { organizationId: producerId })
    if (!row) throw new Error('A product just created could not be read back')
    return presentProduct(row, { origin: env().APP_URL })
  }),
)
export const loader = api.loader
export const action = api.action
