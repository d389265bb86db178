// The public catalogue through its real loaders: what a buyer may see on category, product and storefront
// pages, in the sitemap and the structured data, and what stays hidden (drafts, archived or suspended
// listings, suspended producers, expired certificates).
import { beforeAll, describe, expect, test } from 'vitest'
import '~/modules/notifications/notifications.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import type { ProductInput } from '~/modules/catalog/product-schemas'
import { createProduct, setProductStatus } from '~/modules/catalog/products.server'
import { createOrganization } from '~/modules/organizations/organizations.server'
import { OrganizationSchema, type OrganizationInput } from '~/modules/organizations/schemas'
import * as categoryRoute from '~/routes/catalog/category'
import * as productRoute from '~/routes/catalog/product'
import * as homeRoute from '~/routes/home'
import * as profileRoute from '~/routes/orgs/profile'
import * as robotsRoute from '~/routes/seo/robots'
import * as sitemapRoute from '~/routes/seo/sitemap'
import { prisma } from '~/utils/db.server'
import { browserFor, callRoute, createUser } from '../utils/routes'

const APP_URL = 'http://localhost:3000' // vitest.config.ts

let nextPrefix = 400_500_600
function newTaxCode(): string {
  for (;;) {
    const prefix = String(nextPrefix++).padStart(9, '0')
    const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
    const check = 10 - (weights.reduce((s, w, i) => s + w * Number(prefix[i]), 0) % 11)
    if (check < 10) return `${prefix}${check}`
  }
}

async function createProducer(ownerId: string, displayName: string, overrides: Partial<Record<keyof OrganizationInput, string>> = {}) {
  const result = await createOrganization(
    ownerId,
    OrganizationSchema.parse({
      kind: 'PRODUCER',
      legalForm: 'COOPERATIVE',
      legalName: `Hợp tác xã ${displayName}`,
      displayName,
      taxCode: newTaxCode(),
      addressLine: 'Thôn Nậm Ty',
      commune: 'Xã Nậm Ty',
      provinceCode: '08',
      regionType: 'MOUNTAIN',
      phone: '0912 345 678',
      descriptionVi: 'Chè Shan tuyết cổ thụ.',
      ...overrides,
    }),
  )
  if (!result.ok) throw new Error(result.error)
  return result.organization
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10)
const daysFromNow = (days: number) => isoDate(new Date(Date.now() + days * 86_400_000))

function productInput(overrides: Partial<ProductInput> & Pick<ProductInput, 'sku' | 'nameVi' | 'categorySlug'>): ProductInput {
  return {
    descriptionVi: 'Chè Shan tuyết hái tay từ cây cổ thụ trên 300 năm tuổi.',
    unit: 'KG',
    packSize: 'Túi 500 g',
    moq: 10,
    tierPrices: [
      { minQuantity: 10, unitPriceVnd: 450_000n },
      { minQuantity: 50, unitPriceVnd: 420_000n },
      { minQuantity: 200, unitPriceVnd: 390_000n },
    ],
    vatRate: 'FIVE',
    madeToOrder: false,
    stock: 800,
    harvestMonths: [3, 4, 5, 9],
    provinceCode: '08',
    formerProvinceCode: '02',
    regionType: 'MOUNTAIN',
    certifications: [],
    exportReady: false,
    ...overrides,
  }
}

type StatusChange = Parameters<typeof setProductStatus>[2]

/** A new product (a draft), taken through the status changes the producer would make. */
async function addProduct(producerId: string, input: ProductInput, steps: StatusChange[]) {
  const created = await createProduct(producerId, input)
  if (!created.ok) throw new Error(`createProduct ${input.sku}: ${created.error}`)
  for (const s of steps) {
    const done = await setProductStatus(producerId, created.product.id, s)
    if (!done.ok) throw new Error(`setProductStatus ${input.sku} ${s}: ${'error' in done ? done.error : ''}`)
  }
  return created.product
}

type Browser = Awaited<ReturnType<typeof browserFor>>
let anonymous: Browser
let ownerA: Browser
let stranger: Browser
const slugs: Record<string, string> = {}
const ids: Record<string, string> = {}
let producerA: { id: string; slug: string }
let producerB: { id: string; slug: string }

beforeAll(async () => {
  await ensureCategories()
  const [alice, bob, eve] = await Promise.all([createUser({ name: 'Sùng Thị Mai' }), createUser({ name: 'Giàng A Lử' }), createUser({ name: 'Người Lạ' })])
  producerA = await createProducer(alice.id, 'HTX Chè Shan Tuyết Nậm Ty')
  producerB = await createProducer(bob.id, 'HTX Bị Tạm Ngừng', { provinceCode: '14', regionType: 'BORDER' })
  await createProducer(eve.id, 'HTX Người Lạ', { provinceCode: '12' })

  const fixtures: [string, string, ProductInput, StatusChange[]][] = [
    [
      'tea',
      producerA.id,
      productInput({
        sku: 'SHAN-500',
        nameVi: 'Chè Shan tuyết Nậm Ty',
        categorySlug: 'tea',
        // Text from a listing must never close the JSON-LD script element.
        descriptionVi: 'Chè ngon </script><script>alert(1)</script> hái tay.',
        certifications: [{ type: 'OCOP', stars: 4, number: 'OCOP-HG-2025-017', issuer: 'UBND tỉnh Hà Giang', issuedAt: daysFromNow(-100), expiresAt: daysFromNow(900) }],
      }),
      ['PUBLISHED'],
    ],
    ['coffee', producerA.id, productInput({ sku: 'CF-1', nameVi: 'Cà phê Arabica Sơn La', nameEn: 'Son La Arabica coffee', categorySlug: 'coffee', provinceCode: '14', formerProvinceCode: undefined, regionType: 'MOUNTAIN' }), ['PUBLISHED']],
    ['draft', producerA.id, productInput({ sku: 'DRAFT-1', nameVi: 'Chè bản nháp bí mật', categorySlug: 'tea' }), []],
    ['unpublished', producerA.id, productInput({ sku: 'UNPUB-1', nameVi: 'Chè tạm ẩn', categorySlug: 'tea' }), ['PUBLISHED', 'UNPUBLISHED']],
    ['archived', producerA.id, productInput({ sku: 'ARCH-1', nameVi: 'Chè đã lưu trữ', categorySlug: 'tea' }), ['PUBLISHED', 'ARCHIVED']],
    ['suspended', producerA.id, productInput({ sku: 'SUSP-1', nameVi: 'Chè bị tạm ngừng', categorySlug: 'tea' }), ['PUBLISHED']],
    ['ofSuspendedProducer', producerB.id, productInput({ sku: 'B-1', nameVi: 'Chè của HTX bị tạm ngừng', categorySlug: 'tea', provinceCode: '14', formerProvinceCode: undefined }), ['PUBLISHED']],
    ['honey', producerA.id, productInput({ sku: 'HONEY-1', nameVi: 'Mật ong bạc hà', categorySlug: 'flower-honey' }), ['PUBLISHED']],
    [
      'expired',
      producerA.id,
      productInput({
        sku: 'EXP-1',
        nameVi: 'Chè có chứng nhận hết hạn',
        categorySlug: 'tea',
        certifications: [
          { type: 'OCOP', stars: 5, number: 'OCOP-OLD', issuedAt: daysFromNow(-1200), expiresAt: daysFromNow(-5) },
          { type: 'VIETGAP', number: 'VG-123', issuer: 'Trung tâm chứng nhận', issuedAt: daysFromNow(-30), expiresAt: daysFromNow(700) },
        ],
      }),
      ['PUBLISHED'],
    ],
  ]
  for (const [key, producerId, input, status] of fixtures) {
    const product = await addProduct(producerId, input, status)
    slugs[key] = product.slug
    ids[key] = product.id
  }
  // What operators do (their commands are tested with the admin tools): a suspended listing, a suspended producer.
  await prisma.product.update({ where: { id: ids.suspended }, data: { suspendedAt: new Date(), suspensionReason: 'Ảnh không đúng sản phẩm' } })
  await prisma.organization.update({ where: { id: producerB.id }, data: { suspendedAt: new Date(), suspensionReason: 'Kiểm tra giấy tờ' } })

  anonymous = await browserFor()
  ownerA = await browserFor(alice.id)
  stranger = await browserFor(eve.id)
})

const hidden = ['draft', 'unpublished', 'archived', 'suspended', 'ofSuspendedProducer'] as const

type CategoryData = { products: { slug: string; certifications: { type: string }[] }[]; total: number; seo: { noindex: boolean } }
async function categoryPage(path: string, category: string, who: Browser = anonymous) {
  const res = await callRoute(categoryRoute.loader, who.get(path), { lang: path.slice(1, 3), category })
  return { ...res, page: res.data as CategoryData }
}

describe('category pages', () => {
  test('a top-level category lists the published products of its children, and nothing hidden', async () => {
    const { status, page } = await categoryPage('/vi/c/tea-coffee', 'tea-coffee')
    expect(status).toBe(200)
    const listed = page.products.map((p) => p.slug)
    expect(listed).toEqual(expect.arrayContaining([slugs.tea, slugs.coffee, slugs.expired]))
    for (const key of [...hidden, 'honey']) expect(listed).not.toContain(slugs[key])
    expect(page.total).toBe(3)
  })

  test('a child category lists only its own products; members of the producer see no drafts there either', async () => {
    const { page } = await categoryPage('/vi/c/tea', 'tea', ownerA)
    const listed = page.products.map((p) => p.slug)
    expect(listed).toEqual(expect.arrayContaining([slugs.tea, slugs.expired]))
    expect(listed).not.toContain(slugs.coffee)
    for (const key of hidden) expect(listed).not.toContain(slugs[key])
  })

  test('filters and sorting come from the URL; filtered views are not indexed', async () => {
    const ocop = await categoryPage('/vi/c/tea-coffee?certification=ocop', 'tea-coffee')
    // The expired OCOP certificate no longer counts.
    expect(ocop.page.products.map((p) => p.slug)).toEqual([slugs.tea])
    expect(ocop.page.seo.noindex).toBe(true)
    const vietgap = await categoryPage('/vi/c/tea-coffee?certification=vietgap', 'tea-coffee')
    expect(vietgap.page.products.map((p) => p.slug)).toEqual([slugs.expired])
    const sonLa = await categoryPage('/vi/c/tea-coffee?province=14', 'tea-coffee')
    expect(sonLa.page.products.map((p) => p.slug)).toEqual([slugs.coffee])
    const border = await categoryPage('/vi/c/tea-coffee?regionType=BORDER', 'tea-coffee')
    expect(border.page.products).toEqual([])
    const unfiltered = await categoryPage('/vi/c/tea-coffee', 'tea-coffee')
    expect(unfiltered.page.seo.noindex).toBe(false)
  })

  test('cards show only active certifications', async () => {
    const { page } = await categoryPage('/vi/c/tea', 'tea')
    const expired = page.products.find((p) => p.slug === slugs.expired)!
    expect(expired.certifications.map((c) => c.type)).toEqual(['VIETGAP'])
  })

  test('nonsense in the query string is ignored, an unknown category is a 404', async () => {
    const odd = await categoryPage('/vi/c/tea?page=abc&sort=zzz&province=99&regionType=%3Cx%3E&certification=constructor', 'tea')
    expect(odd.status).toBe(200)
    expect(odd.page.total).toBe(2)
    const far = await categoryPage('/vi/c/tea?page=999999', 'tea')
    expect(far.status).toBe(200)
    expect(far.page.products).toEqual([])
    expect(far.page.seo.noindex).toBe(true)
    expect((await categoryPage('/vi/c/no-such-category', 'no-such-category')).status).toBe(404)
  })
})

type ProductData = {
  product: { slug: string; certifications: { type: string; stars: number | null }[]; images: unknown[] }
  name: { text: string; lang: string }
  isPublic: boolean
  canEdit: boolean
  jsonLd: string
  seo: { noindex: boolean; title: string; description: string }
}
async function productPage(lang: 'vi' | 'en', slug: string, who: Browser = anonymous) {
  const res = await callRoute(productRoute.loader, who.get(`/${lang}/p/${slug}`), { lang, slug })
  return { ...res, page: res.data as ProductData }
}

describe('the product page', () => {
  test('a published product is public, with its tiers and producer', async () => {
    const { status, page } = await productPage('vi', slugs.tea)
    expect(status).toBe(200)
    expect(page.isPublic).toBe(true)
    expect(page.canEdit).toBe(false)
    expect(page.name).toEqual({ text: 'Chè Shan tuyết Nậm Ty', lang: 'vi' })
    expect(page.seo.noindex).toBe(false)
    expect(page.seo.title).toContain('Chè Shan tuyết Nậm Ty')
  })

  test('drafts, unpublished, archived and suspended products are 404 to strangers and to anonymous visitors', async () => {
    for (const key of hidden) {
      expect((await productPage('vi', slugs[key])).status, key).toBe(404)
      expect((await productPage('vi', slugs[key], stranger)).status, key).toBe(404)
    }
    expect((await productPage('vi', 'no-such-product')).status).toBe(404)
  })

  test("the producer's own members see its draft, marked as not public and not indexed", async () => {
    const { status, page } = await productPage('vi', slugs.draft, ownerA)
    expect(status).toBe(200)
    expect(page.isPublic).toBe(false)
    expect(page.canEdit).toBe(true)
    expect(page.seo.noindex).toBe(true)
    const meta = productRoute.meta({ data: page } as never) as Record<string, string>[]
    expect(meta).toContainEqual({ name: 'robots', content: 'noindex, follow' })
  })

  test('an expired certification is not shown; an active one is', async () => {
    const { page } = await productPage('vi', slugs.expired)
    expect(page.product.certifications.map((c) => c.type)).toEqual(['VIETGAP'])
    const tea = await productPage('vi', slugs.tea)
    expect(tea.page.product.certifications).toMatchObject([{ type: 'OCOP', stars: 4 }])
  })

  test('English shows the English name when there is one, else the Vietnamese', async () => {
    expect((await productPage('en', slugs.coffee)).page.name).toEqual({ text: 'Son La Arabica coffee', lang: 'en' })
    expect((await productPage('en', slugs.tea)).page.name).toEqual({ text: 'Chè Shan tuyết Nậm Ty', lang: 'vi' })
  })

  test('schema.org Product JSON-LD is valid JSON with the producer and an aggregate offer in VND', async () => {
    const { page } = await productPage('vi', slugs.tea)
    expect(page.jsonLd).not.toContain('</script')
    const ld = JSON.parse(page.jsonLd)
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Chè Shan tuyết Nậm Ty',
      sku: 'SHAN-500',
      url: `${APP_URL}/vi/p/${slugs.tea}`,
      brand: { '@type': 'Brand', name: 'HTX Chè Shan Tuyết Nậm Ty' },
      manufacturer: { '@type': 'Organization', name: 'HTX Chè Shan Tuyết Nậm Ty', url: `${APP_URL}/vi/orgs/${producerA.slug}` },
      offers: {
        '@type': 'AggregateOffer',
        priceCurrency: 'VND',
        lowPrice: 390_000,
        highPrice: 450_000,
        offerCount: 3,
        availability: 'https://schema.org/InStock',
        eligibleQuantity: { minValue: 10, unitCode: 'KGM' },
      },
    })
    expect(ld.description).toContain('</script>')
  })

  test('meta tags: canonical, hreflang vi/en/x-default and Open Graph', async () => {
    const { page } = await productPage('en', slugs.coffee)
    const meta = productRoute.meta({ data: page } as never) as Record<string, string>[]
    expect(meta).toContainEqual({ tagName: 'link', rel: 'canonical', href: `${APP_URL}/en/p/${slugs.coffee}` })
    expect(meta).toContainEqual({ tagName: 'link', rel: 'alternate', hrefLang: 'vi', href: `${APP_URL}/vi/p/${slugs.coffee}` })
    expect(meta).toContainEqual({ tagName: 'link', rel: 'alternate', hrefLang: 'en', href: `${APP_URL}/en/p/${slugs.coffee}` })
    expect(meta).toContainEqual({ tagName: 'link', rel: 'alternate', hrefLang: 'x-default', href: `${APP_URL}/p/${slugs.coffee}` })
    expect(meta).toContainEqual({ property: 'og:type', content: 'product' })
    expect(meta.find((m) => 'title' in m)?.title).toContain('Son La Arabica coffee')
  })
})

describe('the home page and the storefront', () => {
  test('the home page lists the categories and recent public products', async () => {
    const res = await callRoute(homeRoute.loader, anonymous.get('/vi'), { lang: 'vi' })
    const data = res.data as { categories: { slug: string }[]; recentProducts: { slug: string }[] }
    expect(data.categories.length).toBeGreaterThanOrEqual(10)
    expect(data.categories.map((c) => c.slug)).toContain('tea-coffee')
    const recent = data.recentProducts.map((p) => p.slug)
    expect(recent).toContain(slugs.tea)
    for (const key of hidden) expect(recent).not.toContain(slugs[key])
  })

  test("the producer's profile shows its public products, drafts only to nobody", async () => {
    for (const who of [anonymous, ownerA]) {
      const res = await callRoute(profileRoute.loader, who.get(`/vi/orgs/${producerA.slug}`), { lang: 'vi', slug: producerA.slug })
      expect(res.status).toBe(200)
      const storefront = (res.data as { storefront: { products: { slug: string }[]; total: number } }).storefront
      const listed = storefront.products.map((p) => p.slug)
      expect(listed).toEqual(expect.arrayContaining([slugs.tea, slugs.coffee, slugs.honey, slugs.expired]))
      expect(storefront.total).toBe(4)
      for (const key of hidden) expect(listed).not.toContain(slugs[key])
    }
  })
})

describe('sitemap.xml and robots.txt', () => {
  test('the sitemap lists public product, category and producer pages in both languages, and no drafts', async () => {
    const res = await callRoute(sitemapRoute.loader, anonymous.get('/sitemap.xml'), {})
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('application/xml')
    const body = res.data as string
    expect(body).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"')
    for (const lang of ['vi', 'en']) {
      expect(body).toContain(`<loc>${APP_URL}/${lang}/p/${slugs.tea}</loc>`)
      expect(body).toContain(`<loc>${APP_URL}/${lang}/c/tea-coffee</loc>`)
      expect(body).toContain(`<loc>${APP_URL}/${lang}/c/tea</loc>`)
      expect(body).toContain(`<loc>${APP_URL}/${lang}/orgs/${producerA.slug}</loc>`)
      expect(body).toContain(`<loc>${APP_URL}/${lang}</loc>`)
    }
    expect(body).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${APP_URL}/en/p/${slugs.tea}"/>`)
    expect(body).toContain(`<xhtml:link rel="alternate" hreflang="x-default" href="${APP_URL}/p/${slugs.tea}"/>`)
    for (const key of hidden) {
      expect(body).not.toContain(`/p/${slugs[key]}<`)
      expect(body).not.toContain(`/p/${slugs[key]}"`)
    }
    expect(body).not.toContain(`/orgs/${producerB.slug}<`)
  })

  test('robots.txt keeps crawlers out of the API and back offices and points at the sitemap', async () => {
    const res = await callRoute(robotsRoute.loader, anonymous.get('/robots.txt'), {})
    const body = res.data as string
    expect(body).toMatch(/^User-agent: \*$/m)
    for (const line of ['Disallow: /api/', 'Disallow: /_admin/', 'Disallow: /vi/dev/', 'Disallow: /en/orgs/*/settings', `Sitemap: ${APP_URL}/sitemap.xml`]) {
      expect(body).toContain(line)
    }
    expect(body).not.toMatch(/^Disallow: \/(vi|en)\/(c|p)\b/m)
  })
})
