// The catalogue module: a producer's own listings (scoped to the producer), and what the public may see.
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories, getCategoryBySlug, listCategoryTree } from '~/modules/catalog/categories.server'
import { categorySlugs, categoryTree } from '~/modules/catalog/categories'
import {
  createProduct,
  duplicateProduct,
  getProductForEdit,
  getPublicProduct,
  listProducerProducts,
  listPublicProducts,
  productInputFrom,
  quickUpdateProduct,
  restoreProduct,
  setProductStatus,
  suspendProduct,
  updateProduct,
} from '~/modules/catalog/products.server'
import { prisma } from '~/utils/db.server'
import { makeOrg, productInput, productSnapshot } from './fixtures'

type Org = Awaited<ReturnType<typeof makeOrg>>

async function create(org: Org, overrides: Record<string, unknown> = {}, status: 'DRAFT' | 'PUBLISHED' = 'DRAFT') {
  const result = await createProduct(org.id, productInput(overrides), { status })
  if (!result.ok) throw new Error(result.error)
  return result.product
}

let a: Org
let b: Org
let buyer: Org

beforeAll(async () => {
  await ensureCategories()
  a = await makeOrg('PRODUCER', { name: 'HTX A' })
  b = await makeOrg('PRODUCER', { name: 'HTX B' })
  buyer = await makeOrg('BUYER')
})

describe('categories', () => {
  test('ensureCategories is idempotent and stores the whole tree', async () => {
    await ensureCategories()
    const tree = await listCategoryTree()
    expect(tree.map((c) => c.slug)).toEqual(categoryTree.map((c) => c.slug))
    expect(tree.length).toBeGreaterThanOrEqual(10)
    expect(await prisma.category.count()).toBe(categorySlugs.length)
    expect(new Set(categorySlugs).size).toBe(categorySlugs.length)
  })

  test('a category by slug has its parent and children', async () => {
    const tea = await getCategoryBySlug('tea')
    expect(tea?.parent).toEqual({ slug: 'tea-coffee', nameVi: 'Chè & cà phê', nameEn: 'Tea & coffee' })
    const top = await getCategoryBySlug('tea-coffee')
    expect(top?.parent).toBeNull()
    expect(top?.children.map((c) => c.slug)).toContain('coffee')
    expect(await getCategoryBySlug('nope')).toBeNull()
  })
})

describe('creating and editing', () => {
  test('a new product is a draft whose price is its first tier; OCOP expiry defaults to 36 months', async () => {
    const created = await create(a, {
      nameVi: 'Chè Shan tuyết cổ thụ',
      regionType: undefined,
      certifications: [{ type: 'OCOP', stars: 4, issuedAt: '2024-03-15' }],
    })
    expect(created.slug).toBe('che-shan-tuyet-co-thu')
    const product = await productSnapshot(created.id)
    expect(product).toMatchObject({ status: 'DRAFT', priceVnd: 250_000n, regionType: null, publishedAt: null, producerId: a.id })
    expect(product?.tierPrices.map((t) => [t.minQuantity, t.unitPriceVnd])).toEqual([
      [10, 250_000n],
      [50, 230_000n],
    ])
    expect(product?.certifications[0]).toMatchObject({ type: 'OCOP', stars: 4, expiresAt: new Date('2027-03-15T00:00:00Z') })
  })

  test('slugs are unique across producers', async () => {
    const first = await create(a, { nameVi: 'Gạo Séng Cù' })
    const second = await create(b, { nameVi: 'Gạo Séng Cù' })
    expect(first.slug).toBe('gao-seng-cu')
    expect(second.slug).toBe('gao-seng-cu-2')
  })

  test('a SKU is unique within a producer, and the same SKU at two producers is fine', async () => {
    await create(a, { sku: 'MO-500' })
    expect(await createProduct(a.id, productInput({ sku: 'MO-500' }))).toEqual({ ok: false, error: 'product.sku.taken' })
    await expect(create(b, { sku: 'MO-500' })).resolves.toBeTruthy()
    const other = await create(a, { sku: 'MO-1000' })
    expect(await updateProduct(a.id, other.id, productInput({ sku: 'MO-500' }))).toEqual({ ok: false, error: 'product.sku.taken' })
  })

  test('a buyer organisation cannot list products', async () => {
    expect(await createProduct(buyer.id, productInput())).toEqual({ ok: false, error: 'product.notProducer' })
  })

  test('an update replaces tiers and certifications and keeps the slug; save-and-publish publishes', async () => {
    const created = await create(a, { certifications: [{ type: 'VIETGAP', number: 'VG-1' }] })
    const result = await updateProduct(
      a.id,
      created.id,
      productInput({
        sku: 'RENAMED-1',
        nameVi: 'Tên mới',
        moq: 5,
        tierPrices: [{ minQuantity: 5, unitPriceVnd: 300_000n }],
        madeToOrder: true,
        leadTimeDays: 10,
        certifications: [],
      }),
      { status: 'PUBLISHED' },
    )
    expect(result).toEqual({ ok: true, product: created })
    const product = await productSnapshot(created.id)
    expect(product).toMatchObject({ sku: 'RENAMED-1', nameVi: 'Tên mới', priceVnd: 300_000n, stock: null, madeToOrder: true, status: 'PUBLISHED' })
    expect(product?.publishedAt).toBeInstanceOf(Date)
    expect(product?.tierPrices).toHaveLength(1)
    expect(product?.certifications).toHaveLength(0)
  })

  test('a stored product reads back as the input that made it', async () => {
    const input = productInput({
      usdPriceCents: 1250n,
      formerProvinceCode: '02',
      hsCode: '040900',
      exportReady: true,
      certifications: [
        { type: 'OCOP', stars: 3, number: 'N-1', issuer: 'UBND', issuedAt: '2024-01-31' },
        { type: 'GEOGRAPHICAL_INDICATION', name: 'Mật ong bạc hà Mèo Vạc' },
      ],
    })
    const created = await createProduct(a.id, input)
    if (!created.ok) throw new Error(created.error)
    const stored = productInputFrom((await getProductForEdit(a.id, created.product.id))!)
    expect(stored).toEqual({ ...input, certifications: [{ ...input.certifications[0], expiresAt: '2027-01-31' }, input.certifications[1]] })
  })

  test('getProductForEdit gives tiers, certifications (expired ones too) and photos in order', async () => {
    const created = await create(a, { certifications: [{ type: 'VIETGAP', issuedAt: '2020-01-01', expiresAt: '2021-01-01' }] })
    const product = await getProductForEdit(a.id, created.id)
    expect(product?.category.slug).toBe('flower-honey')
    expect(product?.certifications).toHaveLength(1)
    expect(product?.images).toEqual([])
  })
})

describe("producer A and producer B's products", () => {
  let bDraft: { id: string; slug: string }

  beforeAll(async () => {
    bDraft = await create(b, { sku: 'B-SECRET', nameVi: 'Bí mật của B', certifications: [{ type: 'ORGANIC', number: 'HC-9' }] })
  })

  async function expectUnchanged(run: () => Promise<unknown>) {
    const before = await productSnapshot(bDraft.id)
    const count = await prisma.product.count()
    await run()
    expect(await productSnapshot(bDraft.id)).toEqual(before)
    expect(await prisma.product.count()).toBe(count)
  }

  test("A cannot read B's draft", async () => {
    expect(await getProductForEdit(a.id, bDraft.id)).toBeNull()
    const list = await listProducerProducts(a.id, { status: 'ALL', page: 1, pageSize: 100 })
    expect(list.items.map((p) => p.id)).not.toContain(bDraft.id)
    expect(await getPublicProduct(bDraft.slug, { organizationId: a.id })).toBeNull()
    expect(await getPublicProduct(bDraft.slug)).toBeNull()
  })

  test("A cannot update, publish, archive, duplicate or quick-edit B's product", async () => {
    await expectUnchanged(async () => {
      expect(await updateProduct(a.id, bDraft.id, productInput({ nameVi: 'Chiếm' }))).toEqual({ ok: false, error: 'product.notFound' })
      expect(await setProductStatus(a.id, bDraft.id, 'PUBLISHED')).toEqual({ ok: false, error: 'product.notFound' })
      expect(await setProductStatus(a.id, bDraft.id, 'ARCHIVED')).toEqual({ ok: false, error: 'product.notFound' })
      expect(await duplicateProduct(a.id, bDraft.id)).toEqual({ ok: false, error: 'product.notFound' })
      expect(await quickUpdateProduct(a.id, bDraft.id, { stock: 1, firstTierPriceVnd: 1n })).toEqual({ ok: false, error: 'product.notFound' })
    })
  })

  test('B itself sees its draft, on its list and as a preview', async () => {
    expect((await getProductForEdit(b.id, bDraft.id))?.sku).toBe('B-SECRET')
    expect((await getPublicProduct(bDraft.slug, { organizationId: b.id }))?.isOwn).toBe(true)
  })
})

describe('the producer list', () => {
  let p: Org
  beforeAll(async () => {
    p = await makeOrg('PRODUCER')
    await create(p, { sku: 'HONEY-1', nameVi: 'Mật ong rừng Tây Bắc', categorySlug: 'wild-honey' })
    await create(p, { sku: 'TEA-1', nameVi: 'Chè Suối Giàng', categorySlug: 'tea' }, 'PUBLISHED')
    const archived = await create(p, { sku: 'OLD-1', nameVi: 'Hàng cũ', categorySlug: 'tea' })
    await setProductStatus(p.id, archived.id, 'ARCHIVED')
  })

  const list = (filter: Partial<Parameters<typeof listProducerProducts>[1]>) =>
    listProducerProducts(p.id, { page: 1, pageSize: 50, ...filter }).then((r) => r.items.map((i) => i.sku).sort())

  test('archived products only when asked for', async () => {
    expect(await list({})).toEqual(['HONEY-1', 'TEA-1'])
    expect(await list({ status: 'ARCHIVED' })).toEqual(['OLD-1'])
    expect(await list({ status: 'ALL' })).toEqual(['HONEY-1', 'OLD-1', 'TEA-1'])
    expect(await list({ status: 'PUBLISHED' })).toEqual(['TEA-1'])
  })

  test('text matches names without diacritics, and SKUs', async () => {
    expect(await list({ q: 'mat ong' })).toEqual(['HONEY-1'])
    expect(await list({ q: 'SUOI GIANG' })).toEqual(['TEA-1'])
    expect(await list({ q: 'tea-1' })).toEqual(['TEA-1'])
    expect(await list({ q: 'không có' })).toEqual([])
  })

  test('a top-level category includes its children', async () => {
    expect(await list({ categorySlug: 'honey' })).toEqual(['HONEY-1'])
    expect(await list({ categorySlug: 'tea-coffee', status: 'ALL' })).toEqual(['OLD-1', 'TEA-1'])
  })

  test('pages', async () => {
    const first = await listProducerProducts(p.id, { page: 1, pageSize: 1 })
    const second = await listProducerProducts(p.id, { page: 2, pageSize: 1 })
    expect(first.total).toBe(2)
    expect(first.items).toHaveLength(1)
    expect(second.items[0].id).not.toBe(first.items[0].id)
  })
})

describe('status, duplicates and quick edits', () => {
  test('publishing keeps the first publication date; only a published product can be unpublished', async () => {
    const created = await create(a)
    expect(await setProductStatus(a.id, created.id, 'UNPUBLISHED')).toEqual({ ok: false, error: 'product.status.notPublished' })
    await setProductStatus(a.id, created.id, 'PUBLISHED')
    const first = (await productSnapshot(created.id))!.publishedAt
    expect(first).toBeInstanceOf(Date)
    expect(await setProductStatus(a.id, created.id, 'UNPUBLISHED')).toEqual({ ok: true })
    await setProductStatus(a.id, created.id, 'PUBLISHED')
    expect((await productSnapshot(created.id))!.publishedAt).toEqual(first)
  })

  test('a duplicate is a draft with "<sku>-copy", then "-copy-2", with the same tiers and certifications', async () => {
    const created = await create(a, { sku: 'DUP', certifications: [{ type: 'HACCP', number: 'H-1' }] }, 'PUBLISHED')
    const one = await duplicateProduct(a.id, created.id)
    const two = await duplicateProduct(a.id, created.id)
    expect(one.ok && one.product.sku).toBe('DUP-copy')
    expect(two.ok && two.product.sku).toBe('DUP-copy-2')
    const copy = await productSnapshot(one.ok ? one.product.id : '')
    const source = await productSnapshot(created.id)
    expect(copy?.status).toBe('DRAFT')
    expect(copy?.slug).not.toBe(source?.slug)
    expect(copy?.tierPrices.map((t) => [t.minQuantity, t.unitPriceVnd])).toEqual(source?.tierPrices.map((t) => [t.minQuantity, t.unitPriceVnd]))
    expect(copy?.certifications.map((c) => c.number)).toEqual(['H-1'])
  })

  test('quick edit: stock, and a first-tier price that stays at or above the next tier', async () => {
    const created = await create(a)
    expect(await quickUpdateProduct(a.id, created.id, { stock: 7, firstTierPriceVnd: 240_000n })).toEqual({ ok: true })
    let product = await productSnapshot(created.id)
    expect(product).toMatchObject({ stock: 7, priceVnd: 240_000n })
    expect(product?.tierPrices[0].unitPriceVnd).toBe(240_000n)
    expect(await quickUpdateProduct(a.id, created.id, { firstTierPriceVnd: 229_999n })).toEqual({ ok: false, error: 'product.tiers.priceOrder' })
    expect(await quickUpdateProduct(a.id, created.id, { firstTierPriceVnd: 0n })).toEqual({ ok: false, error: 'product.tiers.price.positive' })
    product = await productSnapshot(created.id)
    expect(product?.priceVnd).toBe(240_000n)
  })

  test('quick edit: a made-to-order product has no stock', async () => {
    const created = await create(a, { madeToOrder: true, leadTimeDays: 7 })
    expect(await quickUpdateProduct(a.id, created.id, { stock: 3 })).toEqual({ ok: false, error: 'product.stock.madeToOrder' })
  })
})

describe('the public catalogue', () => {
  let shown: string[]
  let unverifiedSlug: string
  const slugsOf = (r: { items: { slug: string }[] }) => r.items.map((i) => i.slug).sort()

  beforeAll(async () => {
    const verified = await makeOrg('PRODUCER', { verificationStatus: 'VERIFIED' })
    const unverified = await makeOrg('PRODUCER', { verificationStatus: 'UNVERIFIED', regionType: null })
    unverifiedSlug = unverified.slug
    const rejected = await makeOrg('PRODUCER', { verificationStatus: 'REJECTED' })
    const suspendedOrg = await makeOrg('PRODUCER', { verificationStatus: 'VERIFIED', suspended: true })
    const pub = (org: Org, name: string, overrides: Record<string, unknown> = {}) =>
      create(org, { nameVi: `Công khai ${name}`, categorySlug: 'pepper', ...overrides }, 'PUBLISHED')

    const v1 = await pub(verified, 'v1', {
      tierPrices: [{ minQuantity: 10, unitPriceVnd: 100_000n }],
      certifications: [{ type: 'OCOP', stars: 5, issuedAt: '2024-01-10' }],
    })
    const v2 = await pub(verified, 'v2', {
      categorySlug: 'spices',
      tierPrices: [{ minQuantity: 10, unitPriceVnd: 300_000n }],
      certifications: [{ type: 'VIETGAP', issuedAt: '2020-01-01', expiresAt: '2021-01-01' }],
    })
    const u1 = await pub(unverified, 'u1', { regionType: undefined, provinceCode: '01', tierPrices: [{ minQuantity: 10, unitPriceVnd: 200_000n }] })
    await create(verified, { nameVi: 'Nháp', categorySlug: 'pepper' })
    const archived = await pub(verified, 'luu-tru')
    await setProductStatus(verified.id, archived.id, 'ARCHIVED')
    const unpublished = await pub(verified, 'an')
    await setProductStatus(verified.id, unpublished.id, 'UNPUBLISHED')
    const suspended = await pub(verified, 'tam-ngung')
    await suspendProduct(suspended.id, 'Ảnh không đúng sản phẩm', 'cli:test')
    await pub(rejected, 'bi-tu-choi')
    await pub(suspendedOrg, 'to-chuc-tam-ngung')
    shown = [v1.slug, v2.slug, u1.slug].sort()
  })

  test('only published, unsuspended products of unsuspended, unrejected producers; unverified ones included', async () => {
    const result = await listPublicProducts({ categorySlug: 'spices', page: 1, pageSize: 50 })
    expect(slugsOf(result)).toEqual(shown)
    expect(result.total).toBe(3)
    const unverified = result.items.find((i) => i.slug === 'cong-khai-u1')
    expect(unverified?.producer.verificationStatus).toBe('UNVERIFIED')
  })

  test('a top-level category includes its children; a child only itself', async () => {
    expect(slugsOf(await listPublicProducts({ categorySlug: 'pepper', page: 1, pageSize: 50 }))).toEqual(['cong-khai-u1', 'cong-khai-v1'])
    expect((await listPublicProducts({ categorySlug: 'no-such', page: 1, pageSize: 50 })).total).toBe(0)
  })

  test("a producer's public products", async () => {
    expect(slugsOf(await listPublicProducts({ producerSlug: unverifiedSlug, page: 1, pageSize: 50 }))).toEqual(['cong-khai-u1'])
  })

  test('region type NONE means none; province filter', async () => {
    expect(slugsOf(await listPublicProducts({ categorySlug: 'spices', regionType: 'NONE', page: 1, pageSize: 50 }))).toEqual(['cong-khai-u1'])
    expect(slugsOf(await listPublicProducts({ categorySlug: 'spices', regionType: 'MOUNTAIN', page: 1, pageSize: 50 }))).toEqual([
      'cong-khai-v1',
      'cong-khai-v2',
    ])
    expect(slugsOf(await listPublicProducts({ categorySlug: 'spices', provinceCode: '01', page: 1, pageSize: 50 }))).toEqual(['cong-khai-u1'])
  })

  test('certification filter counts only certificates still valid; cards show only active ones', async () => {
    const now = new Date('2026-06-01T00:00:00Z')
    expect(slugsOf(await listPublicProducts({ categorySlug: 'spices', certification: 'OCOP', page: 1, pageSize: 50, now }))).toEqual(['cong-khai-v1'])
    expect((await listPublicProducts({ categorySlug: 'spices', certification: 'VIETGAP', page: 1, pageSize: 50, now })).total).toBe(0)
    const cards = await listPublicProducts({ categorySlug: 'spices', page: 1, pageSize: 50, now })
    expect(cards.items.find((i) => i.slug === 'cong-khai-v1')?.certifications).toEqual([{ type: 'OCOP', stars: 5 }])
    expect(cards.items.find((i) => i.slug === 'cong-khai-v2')?.certifications).toEqual([])
    // The OCOP certificate issued 2024-01-10 expires 2027-01-10, 00:00 in Vietnam.
    const later = new Date('2027-01-09T17:00:00Z')
    expect((await listPublicProducts({ categorySlug: 'spices', certification: 'OCOP', page: 1, pageSize: 50, now: later })).total).toBe(0)
  })

  test('sorting by price', async () => {
    const asc = await listPublicProducts({ categorySlug: 'spices', sort: 'price_asc', page: 1, pageSize: 50 })
    expect(asc.items.map((i) => i.priceVnd)).toEqual([100_000n, 200_000n, 300_000n])
    const desc = await listPublicProducts({ categorySlug: 'spices', sort: 'price_desc', page: 1, pageSize: 50 })
    expect(desc.items.map((i) => i.priceVnd)).toEqual([300_000n, 200_000n, 100_000n])
  })

  test('a product page: public products for anyone, hidden ones for nobody else', async () => {
    expect((await getPublicProduct('cong-khai-v1'))?.category.parent?.slug).toBe('spices')
    for (const slug of ['nhap', 'cong-khai-luu-tru', 'cong-khai-an', 'cong-khai-tam-ngung', 'cong-khai-bi-tu-choi', 'cong-khai-to-chuc-tam-ngung']) {
      expect(await getPublicProduct(slug)).toBeNull()
    }
  })

  test('operators suspend and restore with a reason, recorded in the audit log', async () => {
    const product = await prisma.product.findUniqueOrThrow({ where: { slug: 'cong-khai-v1' } })
    expect(await suspendProduct(product.id, '  ', 'cli:test')).toEqual({ ok: false, error: 'product.reasonRequired' })
    const suspended = await suspendProduct(product.id, 'Sai xuất xứ', 'cli:test')
    expect(suspended.ok).toBe(true)
    expect(await suspendProduct(product.id, 'Lần nữa', 'cli:test')).toEqual({ ok: false, error: 'product.alreadySuspended' })
    expect(await getPublicProduct('cong-khai-v1')).toBeNull()
    const own = await getPublicProduct('cong-khai-v1', { organizationId: product.producerId })
    expect(own?.suspensionReason).toBe('Sai xuất xứ')
    expect(own?.isPublic).toBe(false)
    expect((await restoreProduct(product.id, 'cli:test')).ok).toBe(true)
    expect(await restoreProduct(product.id, 'cli:test')).toEqual({ ok: false, error: 'product.notSuspended' })
    expect(await getPublicProduct('cong-khai-v1')).not.toBeNull()
    const audit = await prisma.auditLog.findMany({ where: { target: `product:${product.id}` }, orderBy: { id: 'asc' } })
    expect(audit.map((e) => e.action)).toEqual(['product.suspend', 'product.restore'])
    expect(audit[0].details).toMatchObject({ reason: 'Sai xuất xứ' })
    expect(await suspendProduct('missing', 'x', 'cli:test')).toEqual({ ok: false, error: 'product.notFound' })
  })
})
