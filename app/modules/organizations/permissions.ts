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
]

export const rolePermissions: Record<MemberRole, readonly Permission[]> = {
  OWNER: permissions,
  MEMBER: memberPermissions,
}

/** An API key acts as its organisation with a member's permissions. */
export const apiKeyPermissions = memberPermissions

export function roleCan(role: MemberRole, permission: Permission) {
  return rolePermissions[role].includes(permission)
}
