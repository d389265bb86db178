import i18next, { type i18n as I18n, type Resource } from 'i18next'

export const languages = ['vi', 'en'] as const
export type Language = (typeof languages)[number]
export const defaultLanguage: Language = 'vi'
export const namespaces = ['common', 'auth', 'orgs', 'errors', 'mail', 'api', 'catalog', 'producer', 'search', 'orders', 'documents', 'cart', 'operator', 'addresses', 'approvals', 'lists', 'quick-order', 'statements', 'card', 'terms', 'ledger'] as const

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}

export const intlLocale: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' }
export const timeZone = 'Asia/Ho_Chi_Minh'

/** Picks the best supported language from an Accept-Language header (q-values honoured). */
export function languageFromAcceptLanguage(header: string | null): Language | undefined {
  if (!header) return undefined
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.find((p) => p.trim().startsWith('q='))
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 }
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q)
  return ranked.find((entry) => isLanguage(entry.lang))?.lang as Language | undefined
}

/** An i18next instance with the given resources, ready synchronously (same on server and client). */
export function createI18n(lang: Language, resources: Resource[string]): I18n {
  const instance = i18next.createInstance()
  void instance.init({
    lng: lang,
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: 'common',
    resources: { [lang]: resources },
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
  })
  return instance
}
