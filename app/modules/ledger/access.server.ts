// Who reads a producer's ledger: members of that producer whose role may (read:ledger:own: owners, members,
// viewers). Anyone else, a buyer organisation's members included, gets a 404: nothing tells that it exists.
import { requireAuth } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import type { Language } from '~/utils/i18n'
import { roleCan } from '../organizations/permissions'

export async function requireLedgerReader(request: Request, lang: Language, slug: string | undefined) {
  const auth = await requireAuth(request, lang)
  const membership = slug
    ? await prisma.membership.findFirst({
        where: { userId: auth.user.id, organization: { slug, kind: 'PRODUCER' } },
        select: { role: true, organization: { select: { id: true, slug: true, displayName: true, legalName: true, legalForm: true, taxCode: true, addressLine: true, commune: true, provinceCode: true, bankName: true, bankAccountNumber: true, bankAccountHolder: true } } },
      })
    : null
  if (!membership || !roleCan(membership.role, 'read:ledger:own')) throw new Response('Not Found', { status: 404 })
  return { user: auth.user, organization: membership.organization }
}
