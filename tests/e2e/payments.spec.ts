// Payments end to end: an export buyer orders by bank transfer; once the tea cooperative confirms, the order
// page shows the VietQR code; an operator uploads the bank's statement and the line matches the order, which
// becomes paid. Saigon Co.op, which has 30-day terms, orders on terms and the order is invoiced at
// confirmation with its due date. The cooperative sees the paid order in its ledger, less the platform fee.
// Screenshots of the QR page, the matching report, the invoiced order and the ledger.
import { mkdirSync } from 'node:fs'
import { expect, test, type Browser, type Page } from '@playwright/test'

const shots = 'test-results/screenshots'
const PASSWORD = 'demo-password-2026'
const EXPORT_BUYER = 'export@demo.chovungmien.vn' // Harvest Link Trading (Singapore), reads English
const EXPORT_SLUG = 'harvest-link-singapore'
const TERMS_BUYER = 'buyer@demo.chovungmien.vn' // Saigon Co.op: 30-day terms (prisma/seed/organizations.ts)
const TERMS_SLUG = 'saigon-co-op'
const PRODUCER = 'producer@demo.chovungmien.vn'
const PRODUCER_SLUG = 'htx-che-shan-tuyet-hoang-su-phi'
const OPERATOR = 'operator@demo.chovungmien.vn'
const TEA = 'che-shan-tuyet-co-thu-tui-1-kg'
const unique = Date.now().toString(36).toUpperCase()

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

/** Empties the buyer's cart, puts 20 bags of the cooperative's tea in it and goes to checkout (other specs take from the same stock). */
async function cartWithTea(page: Page, lang: 'vi' | 'en') {
  const l = lang === 'en' ? { add: 'Add to cart', remove: 'Remove', checkout: 'Go to checkout' } : { add: 'Thêm vào giỏ', remove: 'Xóa', checkout: 'Tiến hành đặt hàng' }
  await page.goto(`/${lang}/cart`)
  while ((await page.locator('.cart-line').count()) > 0) {
    const before = await page.locator('.cart-line').count()
    await page.locator('.cart-line').first().getByRole('button', { name: l.remove }).click()
    await expect(page.locator('.cart-line')).toHaveCount(before - 1)
  }
  await page.goto(`/${lang}/p/${TEA}`)
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: l.add }) })
  await form.getByLabel(lang === 'en' ? /^Quantity/ : /^Số lượng/).fill('20')
  // Wait for the cart to take it before leaving the page (leaving would cancel the request).
  const added = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/${lang}/p/${TEA}`) && r.ok())
  await form.getByRole('button', { name: l.add }).click()
  await added
  await page.goto(`/${lang}/cart`)
  await expect(page.locator('.cart-line')).toHaveCount(1)
  await page.getByRole('link', { name: l.checkout }).click()
}

/** The cooperative confirms the order as it is, with a shipping fee; returns the confirmed total. */
async function confirmAsProducer(producer: Page, number: string) {
  await producer.goto(`/vi/orgs/${PRODUCER_SLUG}/orders/${number}`)
  await expect(producer.getByRole('heading', { level: 1 })).toContainText(number)
  await producer.getByLabel('Phí vận chuyển (đồng)').fill('120.000')
  await producer.getByLabel('Ngày giao hàng').fill(inDays(6))
  await producer.getByRole('button', { name: 'Xác nhận đơn', exact: true }).click()
  await expect(producer.getByRole('status').filter({ hasText: number })).toBeVisible()
  return dong((await producer.locator('dd.order-total').textContent()) ?? '')
}

test('bank transfer by VietQR matched from a statement; an order on terms is invoiced; the producer sees its ledger', async ({ browser }) => {
  test.setTimeout(180_000)
  mkdirSync(shots, { recursive: true })

  // ── The export buyer orders by bank transfer (the default) ────────────────────────────────────────────
  const buyer = await newPage(browser, 420)
  await logIn(buyer, 'en', EXPORT_BUYER)
  await cartWithTea(buyer, 'en')
  await expect(buyer.getByRole('heading', { level: 1 })).toHaveText('Checkout')
  await expect(buyer.getByRole('radio', { name: 'Bank transfer' })).toBeChecked()
  await buyer.getByRole('button', { name: /^Place 1 order/ }).click()
  const placed = buyer.getByRole('status').filter({ hasText: /DH-\d{4}-\d{6}/ })
  await expect(placed).toBeVisible()
  const number = ((await placed.textContent()) ?? '').match(/DH-\d{4}-\d{6}/)?.[0] ?? ''
  expect(number).not.toBe('')

  // Nothing to pay before the producer confirms the amount.
  await buyer.goto(`/en/orgs/${EXPORT_SLUG}/orders/${number}`)
  await expect(buyer.locator('.order-vietqr')).toHaveCount(0)

  const producer = await newPage(browser)
  await logIn(producer, 'vi', PRODUCER)
  const total = await confirmAsProducer(producer, number)

  // ── The buyer's order page shows the VietQR code, the amount and the reference ───────────────────────
  await buyer.reload()
  const qr = buyer.getByRole('img', { name: /VietQR/ })
  await expect(qr).toBeVisible()
  await expect(qr.locator('svg')).toBeVisible()
  const reference = ((await buyer.locator('.order-payment strong.order-copyable').last().textContent()) ?? '').trim()
  expect(reference).toMatch(/^CVM[A-Z2-9]{8}$/)
  await expect(buyer.locator('.order-payment').getByText(total.toLocaleString('en-US'), { exact: false }).first()).toBeVisible()
  await buyer.screenshot({ path: `${shots}/payments-vietqr.png`, fullPage: true })

  // ── An operator uploads the bank statement: the line matches the order by its reference ──────────────
  const operator = await newPage(browser)
  await logIn(operator, 'vi', OPERATOR)
  await operator.goto('/vi/operator/statements')
  const csv = ['date,amount,description,transactionId', `${inDays(0)},${total},"HARVEST LINK ${reference.toLowerCase()} thanh toan",FT${unique}1`, `${inDays(0)},500000,"CHUYEN TIEN KHONG RO NOI DUNG",FT${unique}2`].join('\n')
  await operator.getByLabel('Tệp sao kê (CSV)').setInputFiles({ name: `sao-ke-${unique}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await operator.getByRole('button', { name: 'Tải lên và đối chiếu' }).click()
  await expect(operator.getByRole('heading', { level: 1 })).toContainText(`sao-ke-${unique}.csv`)
  const matched = operator.getByRole('row').filter({ hasText: `FT${unique}1` })
  await expect(matched).toContainText('Khớp')
  await expect(matched).toContainText(number)
  await expect(operator.getByRole('row').filter({ hasText: `FT${unique}2` })).toContainText('Chưa khớp')
  await operator.screenshot({ path: `${shots}/payments-statement-report.png`, fullPage: true })

  // ── The order is paid ─────────────────────────────────────────────────────────────────────────────────
  await buyer.reload()
  await expect(buyer.locator('.order-payment').getByText('Paid').first()).toBeVisible()
  await expect(buyer.locator('.order-vietqr')).toHaveCount(0)

  // ── Saigon Co.op orders on its 30-day terms; at confirmation the order is invoiced with a due date ─────
  const chain = await newPage(browser)
  await logIn(chain, 'vi', TERMS_BUYER)
  await cartWithTea(chain, 'vi')
  await chain.getByRole('radio', { name: 'Trả sau 30 ngày (công nợ)' }).check()
  await chain.getByRole('button', { name: /^Đặt 1 đơn hàng/ }).click()
  const chainPlaced = chain.getByRole('status').filter({ hasText: /DH-\d{4}-\d{6}/ })
  await expect(chainPlaced).toBeVisible()
  const termsNumber = ((await chainPlaced.textContent()) ?? '').match(/DH-\d{4}-\d{6}/)?.[0] ?? ''
  expect(termsNumber).not.toBe('')
  await confirmAsProducer(producer, termsNumber)
  await chain.goto(`/vi/orgs/${TERMS_SLUG}/orders/${termsNumber}`)
  await expect(chain.locator('.order-payment').getByText('Đã xuất hoá đơn').first()).toBeVisible()
  const dueText = await chain.locator('.order-terms').textContent()
  expect(dueText).toContain('Đến hạn thanh toán:')
  // Confirmed today (Vietnam's date), due 30 days later.
  const due = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'long', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(`${inDays(30)}T00:00:00+07:00`))
  expect(dueText).toContain(due)
  await chain.screenshot({ path: `${shots}/payments-invoiced-order.png`, fullPage: true })

  // ── The cooperative's ledger has the paid order: its total, less the platform fee ─────────────────────
  await producer.goto(`/vi/orgs/${PRODUCER_SLUG}/ledger`)
  const rows = producer.getByRole('row').filter({ hasText: number })
  await expect(rows.first()).toBeVisible()
  await expect(rows.filter({ hasText: total.toLocaleString('vi-VN') }).first()).toBeVisible()
  // The invoice on terms is not paid yet: nothing of it is owed to the producer.
  await expect(producer.getByRole('row').filter({ hasText: termsNumber })).toHaveCount(0)
  await producer.screenshot({ path: `${shots}/payments-ledger.png`, fullPage: true })
})
