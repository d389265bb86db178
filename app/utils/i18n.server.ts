import type { Resource, TFunction } from 'i18next'
import { createI18n, type Language, namespaces } from './i18n'

const files = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true })

function resourcesFor(lang: Language): Resource[string] {
  const out: Resource[string] = {}
  for (const ns of namespaces) out[ns] = files[`../locales/${lang}/${ns}.json`]?.default ?? {}
  return out
}

const cache = new Map<Language, { resources: Resource[string]; t: TFunction }>()

function entry(lang: Language) {
  let e = cache.get(lang)
  if (!e) {
    const resources = resourcesFor(lang)
    e = { resources, t: createI18n(lang, resources).t }
    cache.set(lang, e)
  }
  return e
}

/** Every namespace of a language, sent to the browser by the root loader. */
export const getResources = (lang: Language) => entry(lang).resources
/** A translator for loaders, actions and mail. */
export const getT = (lang: Language): TFunction => entry(lang).t
