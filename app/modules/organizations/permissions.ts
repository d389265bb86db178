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
] as const
export type Permission = (typeof permissions)[number]

export const rolePermissions: Record<MemberRole, readonly Permission[]> = {
  OWNER: permissions,
  MEMBER: ['read:organization:own', 'read:member:own'],
}

export function roleCan(role: MemberRole, permission: Permission) {
  return rolePermissions[role].includes(permission)
}
