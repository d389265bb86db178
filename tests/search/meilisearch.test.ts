import { describe } from 'vitest'
import { MeilisearchEngine } from '~/modules/search/meilisearch-engine.server'
import { searchEngineContract } from './contract'

// No Meilisearch server can be installed in CI or in this sandbox (STACK.md "Search"): the suite runs only
// when MEILI_URL points at one, e.g. `docker run -p 7700:7700 getmeili/meilisearch` then
// `MEILI_URL=http://127.0.0.1:7700 npx vitest run tests/search`. It uses its own index, `products_test`.
describe.skipIf(!process.env.MEILI_URL)('Meilisearch', () => {
  searchEngineContract('Meilisearch', () =>
    MeilisearchEngine.connect({ host: process.env.MEILI_URL!, apiKey: process.env.MEILI_API_KEY, indexUid: 'products_test' }),
    { exactDiacriticsRanking: false },
  )
})
