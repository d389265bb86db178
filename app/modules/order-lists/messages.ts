// Browser-safe: the words for saved order lists' errors and for the report of "Add all to cart", shared by
// the list pages and the product page.
import { productName } from '~/components/product-card'
import { quantityOf } from '~/modules/cart/cart-messages'
import { ORDER_LIMITS } from '~/modules/orders/order-rules'
import { formatNumber } from '~/utils/format'
import type { Language } from '~/utils/i18n'
import type { ListToCartLine, ListToCartReport } from './order-lists.server'

type Translate = (key: string, options?: Record<string, unknown>) => string

/** A refusal (an i18n key of `lists:errors.*`) with its numbers formatted. */
export function listErrorMessage(t: Translate, lang: Language, error: string, values: { max?: number; inList?: number; producers?: string[] } = {}) {
  return t(error, {
    max: values.max !== undefined ? formatNumber(values.max, lang) : undefined,
    inList: values.inList !== undefined ? formatNumber(values.inList, lang) : undefined,
    producers: values.producers?.join(', '),
    defaultValue: t('errors:invalid'),
  })
}

/** One line of the report: "Mật ong bạc hà: nâng lên 10 chai cho đủ mức tối thiểu". */
export function reportLineMessage(t: Translate, lang: Language, line: ListToCartLine) {
  const name = productName(line, lang).text
  const qty = (n: number) => quantityOf(t, lang, n, line.unit)
  const o = line.outcome
  switch (o.code) {
    case 'added':
      return t('lists:report.added', { name, quantity: qty(line.added) })
    case 'raisedToMoq':
      return t('lists:report.raisedToMoq', { name, quantity: qty(line.added), saved: qty(line.listQuantity), moq: qty(o.moq) })
    case 'lowered':
      return o.because === 'stock'
        ? t('lists:report.loweredStock', { name, quantity: qty(line.added), saved: qty(line.listQuantity) })
        : t('lists:report.loweredQuantityMax', { name, quantity: qty(line.added), max: formatNumber(ORDER_LIMITS.quantityMax, lang) })
    case 'skipped':
      switch (o.reason) {
        case 'notForSale':
          return t('lists:report.notForSale', { name })
        case 'soldOut':
          return t('lists:report.soldOut', { name })
        case 'notEnoughForMoq':
          return t('lists:report.notEnoughForMoq', { name, available: qty(o.available), moq: qty(o.moq) })
        case 'cartHoldsStock':
          return t('lists:report.cartHoldsStock', { name, inCart: qty(o.inCart) })
        case 'cartFull':
          return t('lists:report.cartFull', { name, max: formatNumber(o.max, lang) })
        case 'lineFull':
          return t('lists:report.lineFull', { name, max: formatNumber(o.max, lang) })
      }
  }
}

/**
 * The toast after "Add all to cart": how many lines went in, and every line that did not go in as saved.
 * `ok` is false when nothing went in.
 */
export function reportToast(t: Translate, lang: Language, report: ListToCartReport): { ok: boolean; key: string; values: Record<string, string> } {
  const total = report.lines.length
  const skipped = report.counts.skipped
  const inCart = total - skipped
  const changed = report.lines.filter((l) => l.outcome.code !== 'added').map((l) => reportLineMessage(t, lang, l))
  const values = { name: report.list.name, count: formatNumber(inCart, lang), total: formatNumber(total, lang), details: changed.join('; ') }
  if (inCart === 0) return { ok: false, key: 'lists:toast.addedNone', values }
  return { ok: true, key: changed.length ? 'lists:toast.addedSome' : 'lists:toast.addedAll', values }
}
