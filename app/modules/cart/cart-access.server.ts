// Whose cart a page works on: the signed-in user's active organisation (as in the header's switcher), if
// it is a buyer. The organisation comes from the session and the user's memberships, never from the form.
import { listMyOrganizations } from '~/modules/organizations/organizations.server'
import { roleCan, type Permission } from '~/modules/organizations/permissions'
import { getAuth, requireAuth } from '~/utils/auth.server'
import type { Language } from '~/utils/i18n'
import { requireOrgPermission } from '~/utils/permissions.server'
import { quantityInCart } from './cart.server'

type Auth = NonNullable<Awaited<ReturnType<typeof getAuth>>>

/** The active organisation as the root loader picks it: the session's choice, else the first membership. */
export async function activeOrganizationOf(auth: Auth) {
  const organizations = await listMyOrganizations(auth.user.id)
  return organizations.find((o) => o.id === auth.activeOrganizationId) ?? organizations[0] ?? null
}

export type CartAccess =
  | { state: 'buyer'; user: Auth['user']; organization: { id: string; slug: string; displayName: string } }
  /** Signed in, but the active organisation is a producer, or there is none: carts are for buyers. */
  | { state: 'notBuyer'; activeOrganization: { displayName: string; kind: 'BUYER' | 'PRODUCER' } | null }

/**
 * The cart's owner for this request. Signed out: redirect to login. A buyer member whose role lacks
 * `permission`: 403 (thrown by requireOrgPermission).
 */
export async function requireCartAccess(request: Request, lang: Language, permission: Permission = 'create:order:own'): Promise<CartAccess> {
  const auth = await requireAuth(request, lang)
  const active = await activeOrganizationOf(auth)
  if (!active || active.kind !== 'BUYER') {
    return { state: 'notBuyer', activeOrganization: active ? { displayName: active.displayName, kind: active.kind } : null }
  }
  const { user, organization } = await requireOrgPermission(request, lang, active.slug, permission)
  return { state: 'buyer', user, organization: { id: organization.id, slug: organization.slug, displayName: organization.displayName } }
}

/**
 * What a product page offers this visitor: anonymous → "sign in to order"; a member of an active buyer
 * organisation who may order → the add-to-cart form (with what is already in the cart); a buyer member who
 * may not (VIEWER) → a note; producers and users without an organisation → nothing to add.
 */
export type CartOffer =
  | { state: 'anonymous' }
  | { state: 'buyer'; inCart: number }
  | { state: 'viewer' }
  | { state: 'none'; hasOrganization: boolean }

export async function cartOfferFor(request: Request, productId: string): Promise<CartOffer> {
  const auth = await getAuth(request)
  if (!auth) return { state: 'anonymous' }
  const active = await activeOrganizationOf(auth)
  if (!active || active.kind !== 'BUYER') return { state: 'none', hasOrganization: !!active }
  if (!roleCan(active.role, 'create:order:own')) return { state: 'viewer' }
  return { state: 'buyer', inCart: await quantityInCart(active.id, productId) }
}
