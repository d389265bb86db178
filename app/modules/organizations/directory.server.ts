import { Prisma } from '~/generated/prisma/client'
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

// Vietnamese letters with diacritics (both cases, NFC) and what they fold to: SQL's translate() folds a
// column the way fold() folds the query, with no extension (unaccent) needed on either database.
const VIETNAMESE = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ'
const FOLD_FROM = VIETNAMESE + VIETNAMESE.toUpperCase()
const FOLD_TO = [...FOLD_FROM].map((c) => fold(c)).join('')
const foldedColumn = (column: string) => Prisma.sql`lower(translate(${Prisma.raw(`"${column}"`)}, ${FOLD_FROM}, ${FOLD_TO}))`
const likeEscaped = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Organisations whose display or legal name holds every word of `q` without minding diacritics ("meo vac"
 * finds "Mèo Vạc"), or whose province's name matches.
 */
export async function searchOrganizations(q: string, page: number) {
  const text = q.trim().slice(0, 200)
  const folded = fold(text)
  const words = folded.split(/\s+/).filter(Boolean).slice(0, 10)
  const provinceCodes = folded ? provinces.filter((p) => fold(p.name).includes(folded)).map((p) => p.code) : []
  const nameHas = (column: string) =>
    Prisma.join(
      words.map((w) => Prisma.sql`${foldedColumn(column)} LIKE ${`%${likeEscaped(w)}%`}`),
      ' AND ',
    )
  const named = words.length
    ? await prisma.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Organization" WHERE (${nameHas('displayName')}) OR (${nameHas('legalName')}) LIMIT 1000`
    : []
  const where: Prisma.OrganizationWhereInput = {
    ...publicOrganizationWhere,
    OR: [{ id: { in: named.map((r) => r.id) } }, ...(provinceCodes.length ? [{ provinceCode: { in: provinceCodes } }] : [])],
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
