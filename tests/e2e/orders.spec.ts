// Orders end to end: an export buyer (in English) puts products from two producers in its cart and checks
// out, which makes two orders; the tea cooperative confirms its order with a lower quantity and a shipping
// fee; an operator records the bank transfer; the cooperative ships; the buyer confirms delivery and the
// order is complete. Screenshots of the cart, the order page and the proforma invoice.
import { mkdirSync } from 'node:fs'
import { expect, test, type Browser, type Page } from '@playwright/test'

const shots = 'test-results/screenshots'
// The seed's demo logins (prisma/seed/users.ts) and organisations.
const PASSWORD = 'demo-password-2026'
const BUYER = 'export@demo.chovungmien.vn' // Harvest Link Trading (Singapore), reads English
const BUYER_SLUG = 'harvest-link-singapore'
const PRODUCER = 'producer@demo.chovungmien.vn'
const PRODUCER_SLUG = 'htx-che-shan-tuyet-hoang-su-phi'
const OPERATOR = 'operator@demo.chovungmien.vn'
// Two products of two producers: the cooperative's 1 kg bag, and a green tea from Mộc Châu.
const TEA = { slug: 'che-shan-tuyet-co-thu-tui-1-kg', producer: 'HTX Chè Shan Tuyết Hoàng Su Phì' }
const OTHER = { slug: 'che-xanh-moc-chau-tui-500-g', producer: 'HTX Chè Thảo Nguyên Mộc Châu' }

async function logIn(page: Page, lang: 'vi' | 'en', identifier: string) {
  await page.goto(`/${lang}/login`)
  const labels = lang === 'en' ? { id: 'Email or mobile number', password: 'Password', submit: 'Log in' } : { id: 'Email hoặc số điện thoại', password: 'Mật khẩu', submit: 'Đăng nhập' }
  await page.getByLabel(labels.id).fill(identifier)
  await page.getByLabel(labels.password, { exact: true }).fill(PASSWORD)
  await page.getByRole('main').getByRole('button', { name: labels.submit }).click()
  await expect(page.locator('.account-menu summary')).toBeVisible()
}

async function newPage(browser: Browser, width = 1280) {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width, height: 900 } })
  return context.newPage()
}

/** A date some days ahead in Asia/Ho_Chi_Minh, as a date input takes it. */
const inDays = (days: number) => new Date(Date.now() + (7 * 3600 + days * 86400) * 1000).toISOString().slice(0, 10)

/** Whole đồng from a formatted amount ("₫1,234,000" or "1.234.000 ₫"). */
const dong = (text: string) => BigInt(text.replace(/\D/g, ''))

test('a buyer orders from two producers; one order is confirmed with less, paid, shipped and received', async ({ browser }) => {
  test.setTimeout(180_000)
  mkdirSync(shots, { recursive: true })

  // ── The buyer fills its cart from two producers' product pages ────────────────────────────────────────
  const buyer = await newPage(browser)
  await logIn(buyer, 'en', BUYER)
  for (const [product, quantity] of [
    [TEA.slug, '60'],
    [OTHER.slug, '40'],
  ] as const) {
    await buyer.goto(`/en/p/${product}`)
    const form = buyer.locator('form').filter({ has: buyer.getByRole('button', { name: 'Add to cart' }) })
    await form.getByLabel(/^Quantity/).fill(quantity)
    await form.getByRole('button', { name: 'Add to cart' }).click()
    await expect(buyer.getByRole('status').filter({ hasText: /Added \d+ .* to the cart/ })).toBeVisible()
  }

  await buyer.goto('/en/cart')
  await expect(buyer.getByRole('heading', { level: 1 })).toHaveText('Cart')
  // The seed may have left earlier lines in this cart; ours are there, grouped under their producers.
  await expect(buyer.getByRole('heading', { name: TEA.producer })).toBeVisible()
  await expect(buyer.getByRole('heading', { name: OTHER.producer })).toBeVisible()
  await buyer.screenshot({ path: `${shots}/orders-cart.png`, fullPage: true })

  // Only our two lines go to checkout: remove anything else the cart held.
  for (;;) {
    const others = buyer.locator('.cart-line').filter({ hasNot: buyer.locator(`a[href="/en/p/${TEA.slug}"], a[href="/en/p/${OTHER.slug}"]`) })
    if ((await others.count()) === 0) break
    await others.first().getByRole('button', { name: 'Remove' }).click()
    await expect(buyer.getByRole('status').filter({ hasText: 'Removed from the cart.' })).toBeVisible()
  }

  await buyer.getByRole('link', { name: 'Go to checkout' }).click()
  await expect(buyer.getByRole('heading', { level: 1 })).toHaveText('Checkout')
  await expect(buyer.getByRole('heading', { name: '2 orders will be placed' })).toBeVisible()
  await buyer.getByRole('button', { name: 'Place 2 orders' }).click()
  await expect(buyer).toHaveURL(new RegExp(`/en/orgs/${BUYER_SLUG}/orders$`))
  const placed = buyer.getByRole('status').filter({ hasText: /2 orders placed: / })
  await expect(placed).toBeVisible()
  const numbers = ((await placed.textContent()) ?? '').match(/DH-\d{4}-\d{6}/g) ?? []
  expect(numbers).toHaveLength(2)

  // ── The tea cooperative confirms its order with 50 instead of 60 and a shipping fee ───────────────────
  const producer = await newPage(browser)
  await logIn(producer, 'vi', PRODUCER)
  await producer.goto(`/vi/orgs/${PRODUCER_SLUG}/orders?status=PLACED`)
  const ours = producer.getByRole('link', { name: /DH-\d{4}-\d{6}/ }).filter({ hasText: new RegExp(numbers.join('|')) })
  await expect(ours).toHaveCount(1)
  const number = (await ours.textContent())!.trim()
  await ours.click()
  await expect(producer.getByRole('heading', { level: 1 })).toContainText(number)
  await producer.getByLabel(/Chè Shan tuyết cổ thụ.*đã đặt 60/).fill('50')
  await producer.getByLabel('Phí vận chuyển (đồng)').fill('150.000')
  await producer.getByLabel('Ngày giao hàng').fill(inDays(5))
  await producer.getByRole('button', { name: 'Xác nhận đơn', exact: true }).click()
  await expect(producer.getByRole('status').filter({ hasText: number })).toBeVisible()
  await expect(producer.getByRole('main').getByText('Đã xác nhận').first()).toBeVisible()
  const total = dong((await producer.locator('dd.order-total').textContent()) ?? '')
  expect(total).toBeGreaterThan(150_000n)

  // ── An operator records the buyer's transfer of the whole amount ──────────────────────────────────────
  const operator = await newPage(browser)
  await logIn(operator, 'vi', OPERATOR)
  await operator.goto(`/vi/operator/payments?q=${number}`)
  const transfer = operator.getByRole('form', { name: `Ghi nhận chuyển khoản cho đơn ${number}` }).first()
  await transfer.getByLabel('Số tiền đã nhận (đồng)').fill(total.toString())
  await transfer.getByLabel('Ghi chú (không bắt buộc)').fill('FT26331123456')
  await transfer.getByRole('button', { name: 'Ghi nhận đã nhận tiền' }).click()
  await expect(operator.getByRole('status').filter({ hasText: 'Đơn đã được thanh toán đủ.' })).toBeVisible()

  // ── The cooperative ships it ──────────────────────────────────────────────────────────────────────────
  await producer.reload()
  await expect(producer.getByText('Đã thanh toán').first()).toBeVisible()
  await producer.getByLabel('Đơn vị vận chuyển').fill('Viettel Post')
  await producer.getByLabel('Mã vận đơn').fill('VTP123456789')
  await producer.getByRole('button', { name: 'Xác nhận đã giao cho vận chuyển' }).click()
  await expect(producer.getByText('Đang giao').first()).toBeVisible()

  // ── The buyer sees the lower quantity and the tracking number, and confirms delivery ──────────────────
  await buyer.goto(`/en/orgs/${BUYER_SLUG}/orders/${number}`)
  await expect(buyer.getByText('VTP123456789', { exact: true })).toBeVisible()
  await expect(buyer.getByText(/Ordered 60, confirmed 50/)).toBeVisible()
  await buyer.getByRole('button', { name: 'Goods received' }).click()
  await expect(buyer.getByText('Completed').first()).toBeVisible()
  // The history tells the whole story, oldest first.
  await expect(buyer.locator('.order-timeline > li')).toHaveCount(6)
  await buyer.screenshot({ path: `${shots}/orders-order-page.png`, fullPage: true })

  // ── The proforma invoice, as printed ──────────────────────────────────────────────────────────────────
  await buyer.goto(`/en/orgs/${BUYER_SLUG}/orders/${number}/proforma`)
  await expect(buyer.getByText(/not a legal VAT invoice/i).first()).toBeVisible()
  await expect(buyer.getByText(dong(total.toString()).toLocaleString('en-GB'), { exact: false }).first()).toBeVisible()
  await buyer.emulateMedia({ media: 'print' })
  await buyer.screenshot({ path: `${shots}/orders-proforma.png`, fullPage: true })
})
