// The API's answers to a refused write of a saved order list (routes/api/v1/order-lists.ts, order-list.ts).
import type { TFunction } from 'i18next'
import { ApiError } from '~/utils/api.server'
import type { OrderListWriteResult } from './order-lists.server'

/** 404 for a list of another organisation, 409 NAME_TAKEN, else 400 naming each refused item by its place. */
export function orderListWriteError(result: Extract<OrderListWriteResult, { ok: false }>, t: TFunction): ApiError {
  if (result.error === 'lists:errors.notFound') return new ApiError(404, 'NOT_FOUND')
  if (result.error === 'lists:errors.name.taken') return new ApiError(409, 'NAME_TAKEN')
  const details: Record<string, string[]> = {}
  for (const problem of result.problems ?? []) (details[`items.${problem.index}.${problem.field}`] ??= []).push(t(problem.error))
  if (!Object.keys(details).length) details.items = [t(result.error)]
  return new ApiError(400, 'VALIDATION_ERROR', { details })
}
