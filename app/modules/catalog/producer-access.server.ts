import type { Permission } from '~/modules/organizations/permissions'
import { readForm } from '~/utils/csrf.server'
import type { Language } from '~/utils/i18n'
import { requireOrgPermission } from '~/utils/permissions.server'

/**
 * The guard of the producer's product pages: a member of the organisation `slug` whose role grants
 * `permission` (else 404 / 403, see requireOrgPermission), and the organisation must be a PRODUCER — a
 * buyer organisation has no product pages (404, as for a page that does not exist).
 */
export async function requireProducer(request: Request, lang: Language, slug: string | undefined, permission: Permission) {
  const guard = await requireOrgPermission(request, lang, slug, permission)
  if (guard.organization.kind !== 'PRODUCER') throw new Response('Not Found', { status: 404 })
  return guard
}

/** readForm (with its CSRF check), but a body that is not a form is a 400, not an error page. */
export async function readProducerForm(request: Request) {
  try {
    return await readForm(request)
  } catch (error) {
    if (error instanceof TypeError) throw new Response('Bad Request', { status: 400 })
    throw error
  }
}
