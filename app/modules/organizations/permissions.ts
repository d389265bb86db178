import type { MemberRole } from '~/generated/prisma/enums'

// Permissions are `action:entity:access` strings (access `own` = the member's own organisation).
// Guards ask for a permission, never for a role, so new roles (purchaser, approver) only add a line here.
export const permissions = [
  'read:organization:own',
  'update:organization:own',
  'read:member:own',
  'create:invitation:own',
  'delete:invitation:own',
  'delete:member:own',
  'read:apikey:own',
  'create:apikey:own',
  'delete:apikey:own',
  'read:delivery-address:own',
  'create:delivery-address:own',
  'update:delivery-address:own',
  'delete:delivery-address:own',
  'read:product:own',
  'create:product:own',
  'update:product:own',
  'delete:product:own',
  // Orders of the organisation, as buyer or as producer: reading them (and their documents and exports),
  // placing them (the cart and checkout), and moving them along (confirm, reject, ship, cancel, receive).
  'read:order:own',
  'create:order:own',
  'update:order:own',
  // Approving or rejecting the orders that wait for approval (above a purchaser's or an API key's limit).
  'approve:order:own',
  // Setting members' roles and spending limits.
  'update:member:own',
  // A producer's ledger: what the platform owes it, its payouts and monthly statements (read only; operators write it).
  'read:ledger:own',
] as const
export type Permission = (typeof permissions)[number]

const memberPermissions: readonly Permission[] = [
  'read:organization:own',
  'read:member:own',
  'read:delivery-address:own',
  'create:delivery-address:own',
  'update:delivery-address:own',
  'delete:delivery-address:own',
  'read:product:own',
  'create:product:own',
  'update:product:own',
  'delete:product:own',
  'read:order:own',
  'create:order:own',
  'update:order:own',
  'read:ledger:own',
]

/** A purchaser orders (within the spending limits an owner sets) and follows the orders; no catalogue or address changes. */
const purchaserPermissions: readonly Permission[] = [
  'read:organization:own',
  'read:member:own',
  'read:delivery-address:own',
  'read:product:own',
  'read:order:own',
  'create:order:own',
  'update:order:own',
]

/** A viewer (an accountant, say) reads what a member reads and changes nothing. */
const viewerPermissions: readonly Permission[] = ['read:organization:own', 'read:member:own', 'read:delivery-address:own', 'read:product:own', 'read:order:own', 'read:ledger:own']

export const rolePermissions: Record<MemberRole, readonly Permission[]> = {
  OWNER: permissions,
  MEMBER: memberPermissions,
  VIEWER: viewerPermissions,
  PURCHASER: purchaserPermissions,
  APPROVER: [...purchaserPermissions, 'approve:order:own'],
}

/** Roles from least to most trusted: an invitation may promote a member, never demote one. */
export const roleRank: Record<MemberRole, number> = { VIEWER: 0, PURCHASER: 1, MEMBER: 1, APPROVER: 2, OWNER: 3 }

/** An API key acts as its organisation with a member's permissions. */
export const apiKeyPermissions = memberPermissions

export function roleCan(role: MemberRole, permission: Permission) {
  return rolePermissions[role].includes(permission)
}
