import { prisma } from '~/utils/db.server'
import { categoryTree } from './categories'

// The category table mirrors categoryTree (categories.ts); the seed and tests call ensureCategories().

/** Creates or updates every category of the tree, by slug; safe to run any number of times. */
export async function ensureCategories(): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const [position, top] of categoryTree.entries()) {
      const names = { nameVi: top.nameVi, nameEn: top.nameEn, position, parentId: null }
      const parent = await tx.category.upsert({
        where: { slug: top.slug },
        create: { slug: top.slug, ...names },
        update: names,
        select: { id: true },
      })
      for (const [childPosition, child] of top.children.entries()) {
        const childNames = { nameVi: child.nameVi, nameEn: child.nameEn, position: childPosition, parentId: parent.id }
        await tx.category.upsert({
          where: { slug: child.slug },
          create: { slug: child.slug, ...childNames },
          update: childNames,
        })
      }
    }
  })
}

const nodeSelect = { id: true, slug: true, nameVi: true, nameEn: true } as const

export type CategoryRow = { id: string; slug: string; nameVi: string; nameEn: string }
export type CategoryTreeRow = CategoryRow & { children: CategoryRow[] }

/** The tree as stored, in the tree's order. */
export async function listCategoryTree(): Promise<CategoryTreeRow[]> {
  return prisma.category.findMany({
    where: { parentId: null },
    orderBy: [{ position: 'asc' }, { slug: 'asc' }],
    select: { ...nodeSelect, children: { orderBy: [{ position: 'asc' }, { slug: 'asc' }], select: nodeSelect } },
  })
}

export async function getCategoryBySlug(slug: string) {
  return prisma.category.findUnique({
    where: { slug },
    select: {
      ...nodeSelect,
      parent: { select: { slug: true, nameVi: true, nameEn: true } },
      children: { orderBy: [{ position: 'asc' }, { slug: 'asc' }], select: nodeSelect },
    },
  })
}

/** The ids a category filter matches: the category itself and, for a top-level one, its children. */
export async function categoryIdsFor(slug: string): Promise<string[]> {
  const category = await prisma.category.findUnique({ where: { slug }, select: { id: true, children: { select: { id: true } } } })
  return category ? [category.id, ...category.children.map((c) => c.id)] : []
}
