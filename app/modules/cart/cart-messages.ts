// Browser-safe: the words for the cart's warnings and errors, shared by the cart, checkout and product pages.
import type { SaleUnit } from '~/generated/prisma/enums'
import { formatDate, formatNumber, formatVnd } from '~/utils/format'
import type { Language } from '~/utils/i18n'
import type { CartFailure, CartGroupWarning, CartLineWarning } from './cart.server'

type Translate = (key: string, options?: Record<string, unknown>) => string

/** "50 chai" / "50 bottles". */
export const quantityOf = (t: Translate, lang: Language, quantity: number, unit: SaleUnit) =>
  t(`catalog:quantity.${unit}`, { count: quantity, quantity: formatNumber(quantity, lang) })

export function lineWarningMessage(t: Translate, lang: Language, unit: SaleUnit, warning: CartLineWarning): string {
  switch (warning.code) {
    case 'notForSale':
      return t('cart:warning.notForSale')
    case 'quantityInvalid':
      return t('cart:warning.quantityInvalid', { max: formatNumber(warning.max, lang) })
    case 'belowMoq':
      return t('cart:warning.belowMoq', { moq: quantityOf(t, lang, warning.moq, unit) })
    case 'outOfStock':
      return warning.available > 0
        ? t('cart:warning.outOfStock', { available: quantityOf(t, lang, warning.available, unit) })
        : t('cart:warning.soldOut')
    case 'leadTime':
      return t('cart:warning.leadTime', { count: warning.days, date: formatDate(`${warning.earliestDate}T00:00:00+07:00`, lang) })
  }
}

export function groupWarningMessage(t: Translate, lang: Language, warning: CartGroupWarning): string {
  return t('cart:warning.belowMinimumOrderValue', {
    minimum: formatVnd(BigInt(warning.minimumVnd), lang),
    subtotal: formatVnd(BigInt(warning.subtotalVnd), lang),
    missing: formatVnd(BigInt(warning.minimumVnd) - BigInt(warning.subtotalVnd), lang),
  })
}

/** A refused add or update (cart:errors.*). */
export function cartErrorMessage(t: Translate, lang: Language, failure: Pick<CartFailure, 'error' | 'values'>, unit?: SaleUnit): string {
  const v = failure.values ?? {}
  return t(`cart:errors.${failure.error.replace(/^cart\./, '')}`, {
    max: v.max !== undefined ? formatNumber(v.max, lang) : undefined,
    inCart: v.inCart !== undefined ? formatNumber(v.inCart, lang) : undefined,
    moq: v.moq !== undefined ? (unit ? quantityOf(t, lang, v.moq, unit) : formatNumber(v.moq, lang)) : undefined,
  })
}
