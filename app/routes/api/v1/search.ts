import type { z } from 'zod'
import { endpoints, type SearchFacetsSchema, type SearchProductSchema } from '~/modules/api/endpoints'
import { presentProductImage } from '~/modules/api/present'
import { certificationSlug } from '~/modules/catalog/product-schemas'
import { searchCatalogue, type SearchProductCard } from '~/modules/search/catalogue-search.server'
import { facetFields } from '~/modules/search/engine'
import { apiRoute, implement, money } from '~/utils/api.server'
import { env } from '~/utils/env.server'
import type { Language } from '~/utils/i18n'

type SearchProduct = z.input<typeof SearchProductSchema>

const api = apiRoute(
  implement(endpoints.searchProducts, async ({ query, lang }) => {
    const { q, sort, page, pageSize, ...filters } = query
    const result = await searchCatalogue({ q, filters, sort, page }, { pageSize })
    const origin = env().APP_URL.replace(/\/$/, '')
    return {
      data: result.items.map((card) => presentSearchProduct(card, { origin, lang })),
      page: result.page,
      pageSize: result.pageSize,
      total: result.total,
      // Every facet is there, empty when nothing matches, so clients need not check.
      facets: Object.fromEntries(facetFields.map((field) => [field, result.facets[field] ?? {}])) as z.input<typeof SearchFacetsSchema>,
      processingTimeMs: result.processingTimeMs,
    }
  }),
)
export const loader = api.loader
export const action = api.action

/** The index's field names → the API's names of the same text. */
const highlightField: Record<string, string> = {
  nameVi: 'name.vi',
  nameEn: 'name.en',
  descriptionVi: 'description.vi',
  descriptionEn: 'description.en',
  producerName: 'producer.name',
}

function presentSearchProduct(card: SearchProductCard, { origin, lang }: { origin: string; lang: Language }): SearchProduct {
  return {
    id: card.id,
    slug: card.slug,
    name: { vi: card.nameVi, en: card.nameEn },
    packSize: card.packSize,
    unit: card.unit,
    moq: card.moq,
    price: money(card.priceVnd, 'VND'),
    province: card.provinceCode,
    regionType: card.regionType,
    certifications: card.certifications.map((c) => ({ type: certificationSlug[c.type] as SearchProduct['certifications'][number]['type'], stars: c.stars })),
    producer: { slug: card.producer.slug, name: card.producer.displayName, verificationStatus: card.producer.verificationStatus },
    url: `${origin}/${lang}/p/${card.slug}`,
    coverImageUrl: card.cover ? presentProductImage(card.cover, origin).url || null : null,
    highlights: Object.fromEntries(Object.entries(card.highlights).map(([field, words]) => [highlightField[field] ?? field, words])),
  }
}
