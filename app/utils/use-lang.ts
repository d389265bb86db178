import { useParams } from '@remix-run/react'
import { defaultLanguage, isLanguage, type Language } from './i18n'

/** The language of the current URL. */
export function useLang(): Language {
  const { lang } = useParams()
  return isLanguage(lang) ? lang : defaultLanguage
}
