// `admin product suspend|restore`: operators hide a listing with a reason its producer sees, and bring it
// back; every run is audited.
import { beforeAll, describe, expect, test } from 'vitest'
import { runAdminCommand } from '~/modules/admin/commands.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { ProductInputSchema } from '~/modules/catalog/product-schemas'
import { createProduct, getPublicProduct, listProducerProducts, setProductStatus } from '~/modules/catalog/products.server'
import { prisma } from '~/utils/db.server'
import { organizationWithKey } from '../utils/api'

const ACTOR = 'cli:operator@test-host'
const run = (...argv: string[]) => runAdminCommand(argv, ACTOR)
const lastAudit = () => prisma.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })

let producer: Awaited<ReturnType<typeof organizationWithKey>>
let product: { id: string; slug: string }

beforeAll(async () => {
  await ensureCategories()
  producer = await organizationWithKey('PRODUCER', 'HTX Tỏi Lý Sơn')
  const input = ProductInputSchema.parse({
    sku: 'TOI-LS-1',
    nameVi: 'Tỏi cô đơn Lý Sơn',
    descriptionVi: 'Tỏi một nhánh trồng trên cát đảo.',
    categorySlug: 'vegetables',
    unit: 'KG',
    moq: 5,
    tierPrices: [{ minQuantity: 5, unitPriceVnd: 250000n }],
    vatRate: 'KCT',
    stock: 100,
    provinceCode: '51',
    regionType: 'ISLAND',
  })
  const created = await createProduct(producer.organization.id, input, { status: 'PUBLISHED' })
  if (!created.ok) throw new Error(created.error)
  product = created.product
})

describe('product suspend', () => {
  test('is listed in help', async () => {
    const out = await run('help')
    expect(out.stdout).toContain('product suspend --id <product id> --reason <text>')
    expect(out.stdout).toContain('product restore --id <product id> [--reason <text>]')
  })

  test('needs --id and --reason (exit 2, nothing changed)', async () => {
    const noReason = await run('product', 'suspend', '--id', product.id)
    expect(noReason.exitCode).toBe(2)
    expect(noReason.stderr).toContain('--reason is required.')
    const blank = await run('product', 'suspend', '--id', product.id, '--reason', '   ')
    expect(blank.exitCode).toBe(2)
    expect((await run('product', 'suspend', '--reason', 'x')).exitCode).toBe(2)
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).suspendedAt).toBeNull()
  })

  test('hides the listing from the public, keeps the reason for its producer, and is audited', async () => {
    const out = await run('product', 'suspend', '--id', product.id, '--reason', 'Ảnh chụp không đúng sản phẩm')
    expect(out).toMatchObject({ exitCode: 0, stderr: '' })
    expect(out.stdout).toBe(`${product.id} (TOI-LS-1, ${product.slug}): suspended\n`)

    expect(await getPublicProduct(product.slug)).toBeNull()
    const own = await listProducerProducts(producer.organization.id, { page: 1, pageSize: 10 })
    expect(own.items.find((p) => p.id === product.id)).toMatchObject({ suspendedAt: expect.any(Date), suspensionReason: 'Ảnh chụp không đúng sản phẩm' })
    expect(await lastAudit()).toMatchObject({
      actor: ACTOR,
      action: 'product.suspend',
      target: `product:${product.id}`,
      details: { reason: 'Ảnh chụp không đúng sản phẩm', sku: 'TOI-LS-1' },
    })
    // The producer cannot lift it by publishing again.
    await setProductStatus(producer.organization.id, product.id, 'PUBLISHED')
    expect(await getPublicProduct(product.slug)).toBeNull()
  })

  test('suspending twice, or an unknown id: exit 1 with a message, recorded', async () => {
    const twice = await run('product', 'suspend', '--id', product.id, '--reason', 'again')
    expect(twice).toMatchObject({ exitCode: 1, stdout: '' })
    expect(twice.stderr).toBe(`Product "${product.id}" is already suspended.\n`)
    expect(await lastAudit()).toMatchObject({ action: 'product.suspend', details: { error: expect.stringContaining('already suspended') } })
    const unknown = await run('product', 'suspend', '--id', 'nope', '--reason', 'x')
    expect(unknown).toMatchObject({ exitCode: 1, stderr: 'No product with id "nope".\n' })
  })
})

describe('product restore', () => {
  test('brings the listing back, clears the reason, and records the operator\'s reason beside the restore', async () => {
    const out = await run('product', 'restore', '--id', product.id, '--reason', 'Đã thay ảnh đúng')
    expect(out).toMatchObject({ exitCode: 0, stderr: '', stdout: `${product.id} (TOI-LS-1, ${product.slug}): restored\n` })
    expect(await getPublicProduct(product.slug)).not.toBeNull()
    expect(await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ suspendedAt: null, suspensionReason: null })
    const rows = await prisma.auditLog.findMany({ where: { target: `product:${product.id}` }, orderBy: { id: 'desc' }, take: 2 })
    expect(rows.map((r) => r.action)).toEqual(['product.restore.reason', 'product.restore'])
    expect(rows[0].details).toEqual({ reason: 'Đã thay ảnh đúng' })
    expect(rows[1].details).toMatchObject({ previousReason: 'Ảnh chụp không đúng sản phẩm' })
  })

  test('restoring a listing that is not suspended: exit 1', async () => {
    const out = await run('product', 'restore', '--id', product.id)
    expect(out).toMatchObject({ exitCode: 1, stderr: `Product "${product.id}" is not suspended.\n` })
  })
})
