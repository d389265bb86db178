import { endpoints } from '~/modules/api/endpoints'
import { formerProvinces, provinceOfFormer } from '~/modules/geo/provinces'
import { apiRoute, implement, pageInMemory } from '~/utils/api.server'

const all = formerProvinces.map((former) => {
  const province = provinceOfFormer(former.code)
  if (!province) throw new Error(`Former province ${former.code} belongs to no province`)
  return { code: former.code, name: former.name, province: { code: province.code, name: province.name } }
})

const api = apiRoute(implement(endpoints.listFormerProvinces, ({ query }) => pageInMemory(all, query)))
export const loader = api.loader
export const action = api.action
