import { endpoints } from '~/modules/api/endpoints'
import { formerProvinceName, provinces } from '~/modules/geo/provinces'
import { apiRoute, implement, pageInMemory } from '~/utils/api.server'

const all = provinces.map((p) => ({
  code: p.code,
  name: p.name,
  city: p.city ?? false,
  formerProvinces: p.formedFrom.map((code) => ({ code, name: formerProvinceName(code) })),
}))

const api = apiRoute(implement(endpoints.listProvinces, ({ query }) => pageInMemory(all, query)))
export const loader = api.loader
export const action = api.action
