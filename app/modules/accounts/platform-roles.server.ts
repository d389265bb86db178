// Platform roles (operator, campaign manager) are given by operators, never by a form a user can reach.
// Each change and its audit row commit together.
import type { PlatformRole } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import { recordAudit } from '../audit/audit.server'
import type { Identifier } from './identifier'

export type SetPlatformRoleResult =
  | { ok: true; userId: string; roles: PlatformRole[]; changed: boolean }
  | { ok: false; error: 'user.notFound' }

/** Gives (or with `remove`, takes away) a platform role; doing what is already so changes nothing. */
export async function setPlatformRole(
  who: Identifier,
  role: PlatformRole,
  options: { remove?: boolean; actor: string },
): Promise<SetPlatformRoleResult> {
  const target = who.email ? `user:${who.email}` : `user:${who.phone}`
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: who.email ? { email: who.email } : { phone: who.phone },
      select: { id: true, platformRoles: true },
    })
    if (!user) return { ok: false, error: 'user.notFound' } as const
    const has = user.platformRoles.includes(role)
    const changed = options.remove ? has : !has
    const roles = options.remove ? user.platformRoles.filter((r) => r !== role) : has ? user.platformRoles : [...user.platformRoles, role]
    if (changed) await tx.user.update({ where: { id: user.id }, data: { platformRoles: { set: roles } } })
    await recordAudit(
      {
        actor: options.actor,
        action: 'user.role',
        target,
        details: { role, remove: !!options.remove, changed, roles },
      },
      tx,
    )
    return { ok: true, userId: user.id, roles, changed } as const
  })
}
