// The catalogue end to end: a producer lists a product with two photos and tier prices and publishes it; a
// buyer finds it on its category page and opens it. Screenshots of the product page at phone and desktop widths.
import { mkdirSync } from 'node:fs'
import { expect, test, type Browser, type Page } from '@playwright/test'
import sharp from 'sharp'

const shots = 'test-results/screenshots'
const unique = Date.now().toString(36)
// The seed's demo logins (prisma/seed/users.ts) and the producer's cooperative.
const PASSWORD = 'demo-password-2026'
const PRODUCER = 'producer@demo.chovungmien.vn'
const BUYER = 'buyer@demo.chovungmien.vn'
const PRODUCER_SLUG = 'htx-che-shan-tuyet-hoang-su-phi'
const PRODUCER_NAME = 'HTX Chè Shan Tuyết Hoàng Su Phì'

const productName = `Chè Shan tuyết cổ thụ Tả Chải ${unique}`

/** A small JPEG made here: a tea-green field with a few leaves, different for each photo. */
async function photo(file: string, hue: string, label: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="675">
    <rect width="900" height="675" fill="${hue}"/>
    <ellipse cx="300" cy="330" rx="190" ry="90" fill="#2f6b2a" transform="rotate(-25 300 330)"/>
    <ellipse cx="600" cy="360" rx="170" ry="80" fill="#3f8a35" transform="rotate(20 600 360)"/>
    <text x="40" y="630" font-size="56" font-family="sans-serif" fill="#fff">${label}</text>
  </svg>`
  await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(file)
  return file
}

async function logIn(page: Page, lang: 'vi' | 'en', identifier: string) {
  await page.goto(`/${lang}/login`)
  const labels = lang === 'en' ? { id: 'Email or mobile number', password: 'Password', submit: 'Log in' } : { id: 'Email hoặc số điện thoại', password: 'Mật khẩu', submit: 'Đăng nhập' }
  await page.getByLabel(labels.id).fill(identifier)
  await page.getByLabel(labels.password, { exact: true }).fill(PASSWORD)
  await page.getByRole('main').getByRole('button', { name: labels.submit }).click()
  await expect(page.locator('.account-menu summary')).toBeVisible()
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  return context.newPage()
}

test('a producer lists a product with two photos and tier prices; a buyer finds it on its category page and opens it', async ({ browser }) => {
  test.setTimeout(120_000)
  mkdirSync(shots, { recursive: true })
  const photos = [await photo(`test-results/tea-garden-${unique}.jpg`, '#9bc48a', 'Tả Chải 1'), await photo(`test-results/tea-leaves-${unique}.jpg`, '#c7b26b', 'Tả Chải 2')]

  // ── The producer, in English ───────────────────────────────────────────────────────────────────────
  const producer = await newPage(browser)
  await logIn(producer, 'en', PRODUCER)
  await producer.goto(`/en/orgs/${PRODUCER_SLUG}/products/new`)
  await expect(producer.getByRole('heading', { level: 1 })).toHaveText('Add a product')
  await producer.getByLabel('Product code (SKU)').fill(`SHAN-TC-${unique}`)
  await producer.getByLabel('Category').selectOption({ label: 'Tea' })
  await producer.getByLabel('Product name (Vietnamese)').fill(productName)
  await producer.getByLabel('Description (Vietnamese)').fill('Chè Shan tuyết hái tay một tôm hai lá từ cây cổ thụ trên 300 năm tuổi ở Tả Chải, sao bằng củi.')
  await producer.getByLabel('Sale unit').selectOption('KG')
  await producer.getByLabel('Pack size (optional)').fill('Túi 500 g')
  await producer.getByLabel('Minimum order quantity (MOQ)').fill('10')
  await producer.getByLabel('VAT rate').selectOption('FIVE')
  await producer.getByLabel('Tier 1: from quantity').fill('10')
  await producer.getByLabel('Tier 1: unit price (VND)').fill('450000')
  await producer.getByLabel('Tier 2: from quantity').fill('50')
  await producer.getByLabel('Tier 2: unit price (VND)').fill('420000')
  await producer.getByLabel('Tier 3: from quantity').fill('200')
  await producer.getByLabel('Tier 3: unit price (VND)').fill('390000')
  await producer.getByLabel('Stock on hand').fill('800')
  await producer.getByLabel('March').check()
  await producer.getByLabel('April').check()
  const ocop = producer.getByRole('group', { name: 'Certification 1' })
  await ocop.getByLabel('Type').selectOption('OCOP')
  await ocop.getByLabel('OCOP stars').selectOption('4')
  await ocop.getByLabel('Certificate number').fill(`OCOP-TQ-2025-${unique}`)
  await ocop.getByLabel('Issued by').fill('UBND tỉnh Tuyên Quang')
  await ocop.getByLabel('Issue date').fill('2025-09-15')
  await producer.getByRole('button', { name: 'Save as draft' }).click()
  await expect(producer.getByText('Draft saved. Now add the product\'s photos.')).toBeVisible()
  await expect(producer.getByRole('heading', { level: 1 })).toContainText(productName)

  // Two photos at once, then publish.
  await producer.getByLabel('Add photos').setInputFiles(photos)
  await producer.getByRole('button', { name: 'Upload photos' }).click()
  await expect(producer.getByText('2 photos added.')).toBeVisible()
  await expect(producer.locator('#photos li')).toHaveCount(2)
  await producer.getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(producer.getByText('Product published.')).toBeVisible()
  await producer.context().close()

  // ── The buyer, in Vietnamese: home → category → product ─────────────────────────────────────────────
  const buyer = await newPage(browser)
  await logIn(buyer, 'vi', BUYER)
  await buyer.goto('/vi')
  await buyer.getByRole('region', { name: 'Danh mục sản phẩm' }).getByRole('link', { name: 'Chè & cà phê', exact: true }).click()
  await expect(buyer.getByRole('heading', { level: 1 })).toHaveText('Chè & cà phê')
  // Newest first: the product just published heads the top-level category, which includes its children.
  const card = buyer.getByRole('link', { name: productName })
  await expect(card).toBeVisible()
  await buyer.screenshot({ path: `${shots}/catalogue-category-desktop.png` })
  await card.click()

  await expect(buyer.getByRole('heading', { level: 1 })).toHaveText(productName)
  await expect(buyer).toHaveURL(/\/vi\/p\/che-shan-tuyet-co-thu-ta-chai-/)
  // The gallery: both photos, the cover first and loaded at once.
  const gallery = buyer.getByRole('region', { name: 'Ảnh sản phẩm' })
  await expect(gallery.locator('img')).toHaveCount(2)
  await expect(gallery.locator('img').first()).toHaveAttribute('loading', 'eager')
  await expect(gallery.locator('img').first()).toHaveAttribute('sizes', /100vw/)
  await expect.poll(() => gallery.locator('img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
  // Tier prices, net of VAT.
  const rows = buyer.getByRole('table').getByRole('row')
  await expect(rows).toHaveCount(4)
  await expect(rows.nth(1)).toContainText('10 – 49 kg')
  await expect(rows.nth(1)).toContainText('450.000')
  await expect(rows.nth(3)).toContainText('Từ 200 kg trở lên')
  await expect(rows.nth(3)).toContainText('390.000')
  await expect(buyer.getByText('Thuế suất GTGT 5%.', { exact: false })).toBeVisible()
  await expect(buyer.getByText('OCOP 4 sao').first()).toBeAttached()
  await expect(buyer.getByText('tháng 3 – tháng 4')).toBeVisible()
  await expect(buyer.getByRole('link', { name: PRODUCER_NAME }).first()).toBeVisible()
  // Structured data for search engines.
  const ld = JSON.parse((await buyer.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}')
  expect(ld).toMatchObject({ '@type': 'Product', name: productName, offers: { '@type': 'AggregateOffer', priceCurrency: 'VND', lowPrice: 390000, highPrice: 450000 } })
  expect(ld.image).toHaveLength(2)

  await buyer.setViewportSize({ width: 1280, height: 900 })
  await buyer.screenshot({ path: `${shots}/catalogue-product-desktop.png`, fullPage: true })
  await buyer.setViewportSize({ width: 375, height: 812 })
  await buyer.reload()
  await expect(buyer.getByRole('heading', { level: 1 })).toHaveText(productName)
  await expect.poll(() => gallery.locator('img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
  await buyer.screenshot({ path: `${shots}/catalogue-product-phone.png`, fullPage: true })
  const overflow = await buyer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await buyer.context().close()
})
