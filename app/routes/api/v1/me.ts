import { endpoints } from '~/modules/api/endpoints'
import { apiRoute, implement } from '~/utils/api.server'

const api = apiRoute(
  implement(endpoints.me, ({ key }) => ({
    slug: key.organization.slug,
    kind: key.organization.kind,
    name: key.organization.displayName,
    verificationStatus: key.organization.verificationStatus,
    suspended: key.organization.suspendedAt !== null,
  })),
)
export const loader = api.loader
export const action = api.action
