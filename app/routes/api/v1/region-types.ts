import { endpoints } from '~/modules/api/endpoints'
import { regionTypes } from '~/modules/organizations/schemas'
import { getT } from '~/utils/i18n.server'
import { apiRoute, implement, pageInMemory } from '~/utils/api.server'

const api = apiRoute(
  implement(endpoints.listRegionTypes, ({ query }) =>
    pageInMemory(
      regionTypes.map((code) => ({ code, labels: { vi: getT('vi')(`common:regionType.${code}`), en: getT('en')(`common:regionType.${code}`) } })),
      query,
    ),
  ),
)
export const loader = api.loader
export const action = api.action
