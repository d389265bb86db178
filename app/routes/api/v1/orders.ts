import type { TFunction } from 'i18next'
import { findApiKey } from '~/modules/api-keys/api-keys.server'
import { endpoints } from '~/modules/api/endpoints'
import { apiKeyActorName, presentOrder } from '~/modules/api/present'
import { ORDER_LIMITS } from '~/modules/orders/order-rules'
import { placeOrders, type LineProblem, type PlaceOrdersError } from '~/modules/orders/place-orders.server'
import { findOrders, listOrders, orderSideOf } from '~/modules/orders/queries.server'
import type { Money } from '~/modules/api/schemas'
import { ApiError, apiRoute, implement, listResponse, money, pageOf } from '~/utils/api.server'
import { env } from '~/utils/env.server'
import { formatDate, formatNumber, formatVnd } from '~/utils/format'
import type { Language } from '~/utils/i18n'

/** Where each refusal of placeOrders (other than the lines') points in the body, and its message. */
const placementField: Record<Exclude<PlaceOrdersError['error'], 'OUT_OF_STOCK' | 'VALIDATION_ERROR' | 'order.notBuyer'>, { field: string; message: string }> = {
  'order.empty': { field: 'items', message: 'errors:order.empty' },
  'order.tooManyLines': { field: 'items', message: 'errors:order.tooManyLines' },
  'order.address.required': { field: 'deliveryAddressId', message: 'api:validation.addressRequired' },
  'order.address.notFound': { field: 'deliveryAddressId', message: 'errors:order.address.notFound' },
  'order.date.invalid': { field: 'requestedDeliveryDate', message: 'errors:order.date.invalid' },
  'order.date.past': { field: 'requestedDeliveryDate', message: 'errors:order.date.past' },
  'order.paymentMethod.unavailable': { field: 'paymentMethod', message: 'errors:order.paymentMethod.unavailable' },
  'order.paymentMethod.creditLimit': { field: 'paymentMethod', message: 'errors:order.paymentMethod.creditLimit' },
}

/**
 * The failing lines by their place in the body's `items` (a product sent twice is named at both places):
 * `items.<i>.productId` for a product not for sale, `items.<i>.quantity` for a quantity refused (MOQ, stock),
 * `items.<i>` for the line as a whole (lead time, the producer's minimum order value).
 */
function lineDetails(problems: LineProblem[], items: { productId: string }[], t: TFunction, lang: Language) {
  const details: Record<string, string[]> = {}
  const add = (productId: string, field: string, message: string) => {
    items.forEach((item, index) => {
      if (item.productId !== productId) return
      const list = (details[field ? `items.${index}.${field}` : `items.${index}`] ??= [])
      if (!list.includes(message)) list.push(message)
    })
  }
  for (const problem of problems) {
    switch (problem.code) {
      case 'notFound':
        add(problem.productId, 'productId', t('errors:order.line.notFound'))
        break
      case 'quantityInvalid':
        add(problem.productId, 'quantity', t('errors:order.line.quantityInvalid'))
        break
      case 'belowMoq':
        add(problem.productId, 'quantity', t('errors:order.line.belowMoq', { moq: formatNumber(problem.moq, lang) }))
        break
      case 'outOfStock':
        add(problem.productId, 'quantity', t('errors:order.line.outOfStock', { available: formatNumber(problem.available, lang) }))
        break
      case 'leadTime':
        add(problem.productId, '', t('errors:order.line.leadTime', { date: formatDate(`${problem.earliestDate}T00:00:00Z`, lang) }))
        break
      case 'belowMinimumOrderValue': {
        const message = t('errors:order.line.belowMinimumOrderValue', { minimum: formatVnd(problem.minimumVnd, lang), subtotal: formatVnd(problem.subtotalVnd, lang) })
        for (const productId of problem.productIds) add(productId, '', message)
        break
      }
    }
  }
  return details
}

/** The failing lines as data, for clients that act on them (lower a quantity, drop a line). */
type LineData = { productId: string; code: LineProblem['code']; moq?: number; available?: number; earliestDate?: string; minimum?: Money; subtotal?: Money }

function lineData(problems: LineProblem[]): LineData[] {
  return problems.flatMap((problem): LineData[] => {
    switch (problem.code) {
      case 'belowMinimumOrderValue':
        return problem.productIds.map((productId) => ({ productId, code: problem.code, minimum: money(problem.minimumVnd, 'VND'), subtotal: money(problem.subtotalVnd, 'VND') }))
      case 'belowMoq':
        return [{ productId: problem.productId, code: problem.code, moq: problem.moq }]
      case 'outOfStock':
        return [{ productId: problem.productId, code: problem.code, available: problem.available }]
      case 'leadTime':
        return [{ productId: problem.productId, code: problem.code, earliestDate: problem.earliestDate }]
      default:
        return [{ productId: problem.productId, code: problem.code }]
    }
  })
}

function placementError(result: PlaceOrdersError, items: { productId: string }[], t: TFunction, lang: Language): ApiError {
  if (result.error === 'OUT_OF_STOCK') {
    return new ApiError(409, 'OUT_OF_STOCK', { details: lineDetails(result.problems, items, t, lang), lines: lineData(result.problems) })
  }
  if (result.error === 'VALIDATION_ERROR') {
    return new ApiError(400, 'VALIDATION_ERROR', { message: 'api:errors.orderLines', details: lineDetails(result.problems, items, t, lang), lines: lineData(result.problems) })
  }
  // Only an active buyer's key gets this far; a suspension that just happened lands here.
  if (result.error === 'order.notBuyer') return new ApiError(403, 'FORBIDDEN', { message: 'errors:order.notBuyer' })
  const { field, message } = placementField[result.error]
  const credit =
    result.error === 'order.paymentMethod.creditLimit'
      ? { limit: formatVnd(result.creditLimitVnd, lang), open: formatVnd(result.openVnd, lang), available: formatVnd(result.availableVnd, lang), requested: formatVnd(result.requestedVnd, lang) }
      : {}
  return new ApiError(400, 'VALIDATION_ERROR', { details: { [field]: [t(message, { max: formatNumber(ORDER_LIMITS.linesMax, lang), ...credit })] } })
}

const api = apiRoute(
  implement(endpoints.listOrders, async ({ key, query }) => {
    const organizationId = key.organization.id
    const side = orderSideOf(key.organization.kind)
    const { skip, take } = pageOf(query)
    const { items, total } = await listOrders(organizationId, side, { status: query.status, paymentStatus: query.paymentStatus }, { offset: skip, limit: take })
    const orders = await findOrders(organizationId, items.map((o) => o.id))
    const settings = env()
    return listResponse(
      orders.map((order) => presentOrder(order, { side, settings })),
      query,
      total,
    )
  }),
  implement(endpoints.createOrder, async ({ key, body, t, lang }) => {
    const buyerId = key.organization.id
    const apiKey = await findApiKey(buyerId, key.apiKeyId)
    const result = await placeOrders({
      buyerId,
      actor: { apiKeyId: key.apiKeyId, name: apiKeyActorName(apiKey?.name ?? key.apiKeyId) },
      items: body.items,
      deliveryAddressId: body.deliveryAddressId,
      requestedDeliveryDate: body.requestedDeliveryDate,
      paymentMethod: body.paymentMethod,
    })
    if (!result.ok) throw placementError(result, body.items, t, lang)
    const orders = await findOrders(buyerId, result.orderIds)
    const settings = env()
    return { data: orders.map((order) => presentOrder(order, { side: 'buyer', settings })) }
  }),
)
export const loader = api.loader
export const action = api.action
