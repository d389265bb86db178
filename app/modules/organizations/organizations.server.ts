import { prisma } from '~/utils/db.server'

/** The organisations a user belongs to, for the switcher and the account menu. */
export async function listMyOrganizations(userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: {
      role: true,
      organization: { select: { id: true, slug: true, displayName: true, kind: true, verificationStatus: true } },
    },
  })
  return memberships.map((m) => ({ ...m.organization, role: m.role }))
}
