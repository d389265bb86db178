// Who may use an organisation's saved order lists on the website: a member of a buyer organisation whose
// role grants `permission` ('read:order:own' to see the lists, 'create:order:own' to change them or add
// them to the cart). Not a member: 404; a member without the permission: 403; a producer: 404 (no lists).
import type { Permission } from '~/modules/organizations/permissions'
import type { Language } from '~/utils/i18n'
import { requireOrgPermission } from '~/utils/permissions.server'

export async function requireListsAccess(request: Request, lang: Language, slug: string | undefined, permission: Permission) {
  const access = await requireOrgPermission(request, lang, slug, permission)
  if (access.organization.kind !== 'BUYER') throw new Response('Not Found', { status: 404 })
  return access
}
