import { prisma } from './db.server'
import { requireAuth } from './auth.server'
import type { Language } from './i18n'
import { roleCan, type Permission } from '~/modules/organizations/permissions'
import type { PlatformRole } from '~/generated/prisma/enums'

/**
 * The one guard for organisation data: the signed-in user must be a member of the organisation `slug`
 * whose role grants `permission`. Not a member (or no such organisation): 404, so nothing confirms it
 * exists. A member without the permission: 403.
 */
export async function requireOrgPermission(request: Request, lang: Language, slug: string | undefined, permission: Permission) {
  const auth = await requireAuth(request, lang)
  const membership = slug
    ? await prisma.membership.findFirst({
        where: { userId: auth.user.id, organization: { slug } },
        select: { id: true, role: true, organization: { select: { id: true, slug: true, kind: true, displayName: true } } },
      })
    : null
  if (!membership) throw new Response('Not Found', { status: 404 })
  if (!roleCan(membership.role, permission)) throw new Response('Forbidden', { status: 403 })
  return { user: auth.user, sessionId: auth.id, membership, organization: membership.organization }
}

/** The platform's own staff: the signed-in user must hold `role` (OPERATOR, CAMPAIGN_MANAGER); otherwise 404. */
export async function requirePlatformRole(request: Request, lang: Language, role: PlatformRole) {
  const auth = await requireAuth(request, lang)
  if (!auth.user.platformRoles.includes(role)) throw new Response('Not Found', { status: 404 })
  return { user: auth.user, sessionId: auth.id }
}
