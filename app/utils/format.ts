import { intlLocale, timeZone, type Language } from './i18n'

/** VND has no minor unit: the stored integer is the amount in đồng. */
export function formatVnd(amount: bigint, lang: Language) {
  return new Intl.NumberFormat(intlLocale[lang], { style: 'currency', currency: 'VND' }).format(amount)
}

export function formatNumber(value: number | bigint, lang: Language) {
  return new Intl.NumberFormat(intlLocale[lang]).format(value)
}

/** Times are stored in UTC and shown in Asia/Ho_Chi_Minh. */
export function formatDateTime(date: Date | string, lang: Language) {
  return new Intl.DateTimeFormat(intlLocale[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(date),
  )
}

export function formatDate(date: Date | string, lang: Language) {
  return new Intl.DateTimeFormat(intlLocale[lang], { dateStyle: 'long', timeZone }).format(new Date(date))
}
