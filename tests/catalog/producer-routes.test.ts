// The producer's product pages through their real loaders and actions (guards, CSRF, validation): a member
// of producer A learns nothing about producer B's products and changes none of them.
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { createProduct } from '~/modules/catalog/products.server'
import * as editRoute from '~/routes/producer/product-edit'
import * as newRoute from '~/routes/producer/product-new'
import * as listRoute from '~/routes/producer/products'
import { prisma } from '~/utils/db.server'
import { browserFor, callRoute, createUser } from '../utils/routes'
import { makeOrg, productInput, productSnapshot } from './fixtures'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = Awaited<ReturnType<typeof makeOrg>>

let a: Org
let b: Org
let buyer: Org
let memberA: Browser
let memberB: Browser
let buyerMember: Browser
let anonymous: Browser
let bProduct: { id: string; slug: string }
let aProduct: { id: string; slug: string }

/** A complete, valid product form as the browser posts it (4 tier rows, 3 certification rows). */
function productForm(overrides: Record<string, string> = {}) {
  return {
    sku: 'CHE-SHAN-100',
    nameVi: 'Chè Shan tuyết Hà Giang',
    nameEn: '',
    descriptionVi: 'Chè cổ thụ hái trên núi cao.',
    descriptionEn: '',
    categorySlug: 'tea',
    unit: 'PACK',
    packSize: 'Gói 100 g',
    moq: '20',
    'tierPrices[0].minQuantity': '20',
    'tierPrices[0].unitPriceVnd': '180.000',
    'tierPrices[1].minQuantity': '100',
    'tierPrices[1].unitPriceVnd': '160.000',
    'tierPrices[2].minQuantity': '',
    'tierPrices[2].unitPriceVnd': '',
    'tierPrices[3].minQuantity': '',
    'tierPrices[3].unitPriceVnd': '',
    usdPrice: '7.50',
    vatRate: 'FIVE',
    stock: '300',
    leadTimeDays: '',
    provinceCode: '08',
    formerProvinceCode: '02',
    regionType: 'MOUNTAIN',
    'certifications[0].type': 'OCOP',
    'certifications[0].stars': '4',
    'certifications[0].number': '45/QĐ-UBND',
    'certifications[0].issuer': 'UBND tỉnh Hà Giang',
    'certifications[0].issuedAt': '2024-06-01',
    'certifications[0].expiresAt': '',
    'certifications[1].type': '',
    'certifications[2].type': '',
    shelfLifeDays: '540',
    storage: '',
    packaging: '',
    hsCode: '0902.30',
    ...overrides,
  }
}

const listPath = (org: Org) => `/vi/orgs/${org.slug}/products`

beforeAll(async () => {
  await ensureCategories()
  const [userA, userB, userBuyer] = await Promise.all([createUser(), createUser(), createUser()])
  a = await makeOrg('PRODUCER', { memberId: userA.id })
  b = await makeOrg('PRODUCER', { memberId: userB.id })
  buyer = await makeOrg('BUYER', { memberId: userBuyer.id })
  memberA = await browserFor(userA.id)
  memberB = await browserFor(userB.id)
  buyerMember = await browserFor(userBuyer.id)
  anonymous = await browserFor()
  const created = await createProduct(b.id, productInput({ sku: 'B-DRAFT', nameVi: 'Hàng nháp bí mật của B' }))
  if (!created.ok) throw new Error(created.error)
  bProduct = created.product
  const own = await createProduct(a.id, productInput({ sku: 'A-1', nameVi: 'Sản phẩm của A' }))
  if (!own.ok) throw new Error(own.error)
  aProduct = own.product
})

describe('who may open the pages', () => {
  test("a producer's member sees its own list, with its products only", async () => {
    const res = await callRoute(listRoute.loader, memberA.get(listPath(a)), { lang: 'vi', slug: a.slug })
    expect(res.status).toBe(200)
    const products = (res.data as { products: { sku: string; priceVnd: string }[] }).products
    expect(products.map((p) => p.sku)).toEqual(['A-1'])
    expect(products[0].priceVnd).toBe('250000')
  })

  test('a buyer organisation has no product pages: 404', async () => {
    const params = { lang: 'vi', slug: buyer.slug }
    expect((await callRoute(listRoute.loader, buyerMember.get(listPath(buyer)), params)).status).toBe(404)
    expect((await callRoute(newRoute.loader, buyerMember.get(`${listPath(buyer)}/new`), params)).status).toBe(404)
    const post = await callRoute(newRoute.action, buyerMember.post(`${listPath(buyer)}/new`, productForm()), params)
    expect(post.status).toBe(404)
    expect(await prisma.product.count({ where: { producerId: buyer.id } })).toBe(0)
  })

  test("another producer's list is a 404; an anonymous visitor is sent to log in", async () => {
    expect((await callRoute(listRoute.loader, memberA.get(listPath(b)), { lang: 'vi', slug: b.slug })).status).toBe(404)
    const anon = await callRoute(listRoute.loader, anonymous.get(listPath(a)), { lang: 'vi', slug: a.slug })
    expect(anon.status).toBe(302)
    expect(anon.location).toContain('/vi/login')
  })
})

describe("producer A's member and producer B's product", () => {
  async function expectUnchanged(run: () => Promise<void>) {
    const before = await productSnapshot(bProduct.id)
    const count = await prisma.product.count()
    await run()
    expect(await productSnapshot(bProduct.id)).toEqual(before)
    expect(await prisma.product.count()).toBe(count)
  }

  test("B's edit page is a 404, under A's slug and under B's", async () => {
    const underA = await callRoute(editRoute.loader, memberA.get(`${listPath(a)}/${bProduct.id}`), { lang: 'vi', slug: a.slug, id: bProduct.id })
    expect(underA.status).toBe(404)
    expect(JSON.stringify(underA.data)).not.toContain('bí mật')
    const underB = await callRoute(editRoute.loader, memberA.get(`${listPath(b)}/${bProduct.id}`), { lang: 'vi', slug: b.slug, id: bProduct.id })
    expect(underB.status).toBe(404)
  })

  test("every edit-page action on B's product is a 404 and changes nothing", async () => {
    await expectUnchanged(async () => {
      for (const slug of [a.slug, b.slug]) {
        const path = `/vi/orgs/${slug}/products/${bProduct.id}`
        const params = { lang: 'vi', slug, id: bProduct.id }
        const attempts: Record<string, string>[] = [
          { intent: 'save', ...productForm({ nameVi: 'Chiếm' }) },
          { intent: 'save-publish', ...productForm({ nameVi: 'Chiếm' }) },
          { intent: 'publish' },
          { intent: 'archive' },
          { intent: 'duplicate' },
          { intent: 'photo-remove', imageId: 'x' },
        ]
        for (const fields of attempts) {
          const res = await callRoute(editRoute.action, memberA.post(path, fields), params)
          expect(res.status, `${slug} ${fields.intent}`).toBe(404)
        }
        const upload = new FormData()
        upload.append('csrf', memberA.csrfToken)
        upload.append('intent', 'photo-upload')
        upload.append('photos', new File([new Uint8Array([0xff, 0xd8, 0xff])], 'x.jpg', { type: 'image/jpeg' }))
        const multipart = new Request(`http://localhost:3000${path}`, { method: 'POST', body: upload, headers: { Cookie: memberA.cookie } })
        expect((await callRoute(editRoute.action, multipart, params)).status).toBe(404)
      }
    })
  })

  test("list actions with B's product id are a 404 and change nothing", async () => {
    await expectUnchanged(async () => {
      const attempts: Record<string, string>[] = [
        { intent: 'publish', productId: bProduct.id },
        { intent: 'unpublish', productId: bProduct.id },
        { intent: 'archive', productId: bProduct.id },
        { intent: 'duplicate', productId: bProduct.id },
        { intent: 'quick', productId: bProduct.id, stock: '1', priceVnd: '1000' },
      ]
      for (const fields of attempts) {
        const res = await callRoute(listRoute.action, memberA.post(listPath(a), fields), { lang: 'vi', slug: a.slug })
        expect(res.status, fields.intent).toBe(404)
      }
    })
  })
})

describe('creating a product with the form', () => {
  test('a bad form is a 400 with message keys, and keeps everything typed', async () => {
    const count = await prisma.product.count()
    const typed = productForm({
      nameVi: '',
      'tierPrices[1].unitPriceVnd': '190.000',
      'certifications[0].stars': '',
      moq: '20',
      stock: '12,5',
    })
    const res = await callRoute(newRoute.action, memberA.post(`${listPath(a)}/new`, { intent: 'publish', ...typed }), { lang: 'vi', slug: a.slug })
    expect(res.status).toBe(400)
    const reply = res.data as { status: string; error: Record<string, string[]>; initialValue: Record<string, unknown> }
    expect(reply.status).toBe('error')
    expect(reply.error).toMatchObject({
      nameVi: ['product.nameVi.required'],
      stock: ['product.stock.whole'],
      'tierPrices[1].unitPriceVnd': ['product.tiers.priceOrder'],
      'certifications[0].stars': ['product.certification.ocopStars'],
    })
    expect(reply.initialValue).toMatchObject({
      sku: 'CHE-SHAN-100',
      stock: '12,5',
      usdPrice: '7.50',
    })
    expect((reply.initialValue.tierPrices as unknown[]).slice(0, 2)).toEqual([
      { minQuantity: '20', unitPriceVnd: '180.000' },
      { minQuantity: '100', unitPriceVnd: '190.000' },
    ])
    // The blank rows stay too, so the form comes back with as many rows as it had.
    expect(reply.initialValue.tierPrices).toHaveLength(4)
    expect(await prisma.product.count()).toBe(count)
  })

  test('without the CSRF token: 403 and nothing written', async () => {
    const count = await prisma.product.count()
    const res = await callRoute(newRoute.action, memberA.post(`${listPath(a)}/new`, { intent: 'draft', ...productForm({ sku: 'NO-CSRF' }) }, { csrf: false }), {
      lang: 'vi',
      slug: a.slug,
    })
    expect(res.status).toBe(403)
    expect(await prisma.product.count()).toBe(count)
    const edit = await callRoute(
      editRoute.action,
      memberA.post(`${listPath(a)}/${aProduct.id}`, { intent: 'archive' }, { csrf: false }),
      { lang: 'vi', slug: a.slug, id: aProduct.id },
    )
    expect(edit.status).toBe(403)
    const quick = await callRoute(listRoute.action, memberA.post(listPath(a), { intent: 'quick', productId: aProduct.id, stock: '1' }, { csrf: false }), {
      lang: 'vi',
      slug: a.slug,
    })
    expect(quick.status).toBe(403)
    expect((await productSnapshot(aProduct.id))?.status).toBe('DRAFT')
    expect((await productSnapshot(aProduct.id))?.stock).toBe(120)
  })

  test('a body that is not a form is a 400, not an error page', async () => {
    const json = new Request(`http://localhost:3000${listPath(a)}/new`, {
      method: 'POST',
      body: JSON.stringify({ sku: 'X' }),
      headers: { Cookie: memberA.cookie, 'Content-Type': 'application/json' },
    })
    expect((await callRoute(newRoute.action, json, { lang: 'vi', slug: a.slug })).status).toBe(400)
  })

  test('save and publish creates the product and goes on to its photos', async () => {
    const res = await callRoute(newRoute.action, memberA.post(`${listPath(a)}/new`, { intent: 'publish', ...productForm() }), { lang: 'vi', slug: a.slug })
    expect(res.status).toBe(302)
    const product = await prisma.product.findUniqueOrThrow({
      where: { producerId_sku: { producerId: a.id, sku: 'CHE-SHAN-100' } },
      include: { tierPrices: { orderBy: { minQuantity: 'asc' } }, certifications: true },
    })
    expect(res.location).toBe(`${listPath(a)}/${product.id}#photos`)
    expect(product).toMatchObject({ status: 'PUBLISHED', priceVnd: 180_000n, usdPriceCents: 750n, stock: 300, hsCode: '090230', vatRate: 'FIVE' })
    expect(product.tierPrices.map((t) => t.unitPriceVnd)).toEqual([180_000n, 160_000n])
    expect(product.certifications[0].expiresAt).toEqual(new Date('2027-06-01T00:00:00Z'))
  })

  test('the same SKU again is a 400 on the SKU field', async () => {
    const res = await callRoute(newRoute.action, memberA.post(`${listPath(a)}/new`, { intent: 'draft', ...productForm() }), { lang: 'vi', slug: a.slug })
    expect(res.status).toBe(400)
    expect((res.data as { error: Record<string, string[]> }).error).toEqual({ sku: ['product.sku.taken'] })
  })

  test('the new-product form starts from the organisation’s origin', async () => {
    const res = await callRoute(newRoute.loader, memberA.get(`${listPath(a)}/new`), { lang: 'vi', slug: a.slug })
    expect((res.data as { defaultValue: Record<string, unknown> }).defaultValue).toMatchObject({
      provinceCode: '08',
      formerProvinceCode: '02',
      regionType: 'MOUNTAIN',
    })
  })
})

describe('editing and the list actions', () => {
  const editPath = () => `${listPath(a)}/${aProduct.id}`
  const params = () => ({ lang: 'vi', slug: a.slug, id: aProduct.id })

  test('the edit page shows the product as its form', async () => {
    const res = await callRoute(editRoute.loader, memberA.get(editPath()), params())
    expect(res.status).toBe(200)
    const loaded = res.data as { defaultValue: { sku: string; tierPrices: unknown[]; certifications: unknown[] } }
    expect(loaded.defaultValue.sku).toBe('A-1')
    expect(loaded.defaultValue.tierPrices).toHaveLength(4)
    expect(loaded.defaultValue.certifications).toHaveLength(3)
  })

  test('a bad edit is a 400 and changes nothing; a good one saves', async () => {
    const before = await productSnapshot(aProduct.id)
    const bad = await callRoute(editRoute.action, memberA.post(editPath(), { intent: 'save', ...productForm({ sku: 'A-1', moq: '0' }) }), params())
    expect(bad.status).toBe(400)
    expect((bad.data as { result: { error: Record<string, string[]> } }).result.error).toMatchObject({ moq: ['product.moq.min'] })
    expect(await productSnapshot(aProduct.id)).toEqual(before)

    const good = await callRoute(editRoute.action, memberA.post(editPath(), { intent: 'save', ...productForm({ sku: 'A-1', nameVi: 'Tên đã sửa' }) }), params())
    expect(good.status).toBe(302)
    expect((await productSnapshot(aProduct.id))).toMatchObject({ nameVi: 'Tên đã sửa', status: 'DRAFT', slug: aProduct.slug })
  })

  test('a non-image upload comes back with the photo editor’s error', async () => {
    const upload = new FormData()
    upload.append('csrf', memberA.csrfToken)
    upload.append('intent', 'photo-upload')
    upload.append('photos', new File([new TextEncoder().encode('not a photo')], 'note.jpg', { type: 'image/jpeg' }))
    const res = await callRoute(editRoute.action, new Request(`http://localhost:3000${editPath()}`, { method: 'POST', body: upload, headers: { Cookie: memberA.cookie } }), params())
    expect(res.status).toBe(400)
    expect((res.data as { photoErrors: unknown[] }).photoErrors).toHaveLength(1)
    expect(await prisma.productImage.count({ where: { productId: aProduct.id } })).toBe(0)
  })

  test('quick edit from the list, keeping the filters in the redirect', async () => {
    const res = await callRoute(
      listRoute.action,
      memberA.post(`${listPath(a)}?status=DRAFT&q=ten`, { intent: 'quick', productId: aProduct.id, stock: '42', priceVnd: '260.000' }),
      { lang: 'vi', slug: a.slug },
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${listPath(a)}?status=DRAFT&q=ten`)
    expect(await productSnapshot(aProduct.id)).toMatchObject({ stock: 42, priceVnd: 260_000n })
  })

  test('a quick edit that breaks the tiers is a 400 for that row', async () => {
    const res = await callRoute(listRoute.action, memberA.post(listPath(a), { intent: 'quick', productId: aProduct.id, priceVnd: '1.000' }), {
      lang: 'vi',
      slug: a.slug,
    })
    expect(res.status).toBe(400)
    expect(res.data).toMatchObject({ productId: aProduct.id, result: { error: { priceVnd: ['product.tiers.priceOrder'] } } })
  })

  test('publish, unpublish, duplicate and archive', async () => {
    const post = (fields: Record<string, string>) => callRoute(listRoute.action, memberA.post(listPath(a), { productId: aProduct.id, ...fields }), { lang: 'vi', slug: a.slug })
    expect((await post({ intent: 'publish' })).status).toBe(302)
    expect((await productSnapshot(aProduct.id))?.status).toBe('PUBLISHED')
    expect((await post({ intent: 'unpublish' })).status).toBe(302)
    expect((await productSnapshot(aProduct.id))?.status).toBe('UNPUBLISHED')
    const dup = await post({ intent: 'duplicate' })
    expect(dup.status).toBe(302)
    const copy = await prisma.product.findUniqueOrThrow({ where: { producerId_sku: { producerId: a.id, sku: 'A-1-copy' } } })
    expect(dup.location).toBe(`${listPath(a)}/${copy.id}`)
    expect((await post({ intent: 'archive' })).status).toBe(302)
    expect((await productSnapshot(aProduct.id))?.status).toBe('ARCHIVED')
    expect((await post({ intent: 'explode' })).status).toBe(400)
  })

  test("B's member manages B's product", async () => {
    const res = await callRoute(editRoute.loader, memberB.get(`${listPath(b)}/${bProduct.id}`), { lang: 'vi', slug: b.slug, id: bProduct.id })
    expect(res.status).toBe(200)
  })
})
