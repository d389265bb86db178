import type { Prisma } from '~/generated/prisma/client'
import type { RegionType } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import { fold } from '~/utils/text'
import { provinces } from '../geo/provinces'

/** Organisations anyone may see: not rejected, not suspended. */
export const publicOrganizationWhere = {
  verificationStatus: { not: 'REJECTED' },
  suspendedAt: null,
} satisfies Prisma.OrganizationWhereInput

const cardSelect = {
  id: true,
  slug: true,
  kind: true,
  displayName: true,
  provinceCode: true,
  regionType: true,
  verificationStatus: true,
  descriptionVi: true,
  descriptionEn: true,
  logoUpdatedAt: true,
} satisfies Prisma.OrganizationSelect

export type OrganizationCard = Prisma.OrganizationGetPayload<{ select: typeof cardSelect }>

/** Figures for the home page. */
export async function getDirectoryStats() {
  const [producers, buyers, provinceRows, regionRows] = await Promise.all([
    prisma.organization.count({ where: { ...publicOrganizationWhere, kind: 'PRODUCER' } }),
    prisma.organization.count({ where: { ...publicOrganizationWhere, kind: 'BUYER' } }),
    prisma.organization.groupBy({ by: ['provinceCode'], where: { ...publicOrganizationWhere, kind: 'PRODUCER' } }),
    prisma.organization.groupBy({
      by: ['regionType'],
      where: { ...publicOrganizationWhere, kind: 'PRODUCER', regionType: { not: null } },
      _count: { _all: true },
    }),
  ])
  const byRegion = regionRows
    .map((r) => ({ regionType: r.regionType as RegionType, count: r._count._all }))
    .sort((a, b) => b.count - a.count)
  return { producers, buyers, provinces: provinceRows.length, byRegion }
}

export function listRecentProducers(limit = 8): Promise<OrganizationCard[]> {
  return prisma.organization.findMany({
    where: { ...publicOrganizationWhere, kind: 'PRODUCER' },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: limit,
    select: cardSelect,
  })
}

export const DIRECTORY_PAGE_SIZE = 20

/**
 * Organisations whose name matches the words of `q` (case-insensitive) or whose province name matches
 * without diacritics. Product search replaces this as the header search once the catalogue exists.
 */
export async function searchOrganizations(q: string, page: number) {
  const text = q.trim().slice(0, 200)
  const folded = fold(text)
  const provinceCodes = folded ? provinces.filter((p) => fold(p.name).includes(folded)).map((p) => p.code) : []
  const where: Prisma.OrganizationWhereInput = {
    ...publicOrganizationWhere,
    OR: [
      { displayName: { contains: text, mode: 'insensitive' } },
      { legalName: { contains: text, mode: 'insensitive' } },
      ...(provinceCodes.length ? [{ provinceCode: { in: provinceCodes } }] : []),
    ],
  }
  const [total, items] = await Promise.all([
    prisma.organization.count({ where }),
    prisma.organization.findMany({
      where,
      orderBy: [{ verificationStatus: 'desc' }, { displayName: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * DIRECTORY_PAGE_SIZE,
      take: DIRECTORY_PAGE_SIZE,
      select: cardSelect,
    }),
  ])
  return { total, items, page, pageSize: DIRECTORY_PAGE_SIZE }
}
