import { endpoints } from '~/modules/api/endpoints'
import { presentCategory } from '~/modules/api/present'
import { listCategoryTree } from '~/modules/catalog/categories.server'
import { apiRoute, implement, pageInMemory } from '~/utils/api.server'

const api = apiRoute(
  implement(endpoints.listCategories, async ({ query }) => {
    const tree = await listCategoryTree()
    return pageInMemory(tree.map(presentCategory), query)
  }),
)
export const loader = api.loader
export const action = api.action
