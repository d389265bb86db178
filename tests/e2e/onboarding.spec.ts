import { expect, test, type Page } from '@playwright/test'

const shots = 'test-results/screenshots'
const password = 'mat-khau-thu-nghiem-2026'
const unique = Date.now().toString(36)

async function signUp(page: Page, name: string, identifier: string) {
  await page.getByLabel('Full name').fill(name)
  await page.getByLabel('Email or mobile number').fill(identifier)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByLabel('Repeat the password').fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
}

async function openAccountMenu(page: Page) {
  await page.locator('.account-menu summary').click()
}

test('the home page is in Vietnamese for a Vietnamese browser, in English after switching, and fits a phone', async ({ page }) => {
  const response = await page.goto('/')
  await expect(page).toHaveURL(/\/vi$/)
  const headers = response!.headers()
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/)
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(headers['x-content-type-options']).toBe('nosniff')
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đặc sản vùng miền, mua bán trực tiếp với nhà sản xuất')
  await page.screenshot({ path: `${shots}/home-vi-desktop.png`, fullPage: true })

  await page.getByRole('link', { name: 'English' }).click()
  await expect(page).toHaveURL(/\/en$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regional specialties, traded directly with their producers')
  await page.screenshot({ path: `${shots}/home-en-desktop.png`, fullPage: true })

  // The switcher's cookie now wins over Accept-Language for a URL without a language.
  await page.goto('/')
  await expect(page).toHaveURL(/\/en$/)

  await page.setViewportSize({ width: 375, height: 812 })
  await page.goto('/vi')
  await page.screenshot({ path: `${shots}/home-vi-phone.png`, fullPage: true })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await page.goto('/en')
  await page.screenshot({ path: `${shots}/home-en-phone.png`, fullPage: true })
})

test('sign up, create a producer, invite a member who accepts from the dev mailbox, log out, log in, switch language', async ({ page, browser }) => {
  const ownerEmail = `owner-${unique}@hoangsuphi.example`
  const memberEmail = `member-${unique}@hoangsuphi.example`

  await page.goto('/vi')
  await page.getByRole('link', { name: 'English' }).click()
  await page.getByRole('link', { name: 'Sign up' }).first().click()
  await signUp(page, 'Sùng Thị Mai', ownerEmail)
  await expect(page).toHaveURL(/\/en\/orgs\/new/)
  await expect(page.getByText('Welcome to Chợ Vùng Miền!')).toBeVisible()

  await page.getByLabel('Producer', { exact: true }).check()
  await page.getByLabel('Legal form').selectOption('COOPERATIVE')
  await page.getByLabel('Tax code (MST)').fill('0100109106')
  await page.getByLabel('Legal name').fill(`Hợp tác xã Chè Shan Tuyết Hoàng Su Phì ${unique}`)
  await page.getByLabel('Display name').fill(`HTX Chè Shan Tuyết Hoàng Su Phì ${unique}`)
  await page.getByLabel('Street, house number or village').fill('Thôn Nậm Ty')
  await page.getByLabel('Commune, ward or special zone').fill('Xã Nậm Ty')
  await page.getByLabel('Province or city').selectOption('08')
  await page.getByLabel('Former province (before 1 July 2025)').selectOption('02')
  await page.getByLabel('Phone number').fill('0912 345 678')
  await page.getByLabel('Description (Vietnamese)').fill('Chè Shan tuyết cổ thụ trên 300 năm tuổi, hái tay, sao thủ công.')
  await page.getByLabel('Region').selectOption('MOUNTAIN')
  await page.getByRole('button', { name: 'Create organisation' }).click()

  await expect(page.getByRole('heading', { level: 1 })).toContainText(`HTX Chè Shan Tuyết Hoàng Su Phì ${unique}`)
  await expect(page.getByRole('main').getByText('Unverified').first()).toBeVisible()
  await expect(page.getByRole('main').getByText('Mountain area').first()).toBeVisible()
  const orgPath = new URL(page.url()).pathname

  // Invite a member.
  await page.goto(`${orgPath}/members`)
  await page.getByLabel('Email or mobile number').fill(memberEmail)
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByText(`Invitation sent to`)).toBeVisible()

  // The invitee opens the link from the dev mailbox in their own browser and signs up to accept.
  // The outbox worker delivers within a second or two.
  const mail = page.locator('article', { hasText: memberEmail }).first()
  await expect(async () => {
    await page.goto('/en/dev/mailbox')
    await expect(mail).toBeVisible({ timeout: 500 })
  }).toPass({ timeout: 15_000 })
  const link = await mail.locator('a[href*="/invitations/"]').first().getAttribute('href')
  expect(link).toBeTruthy()

  const invitee = await browser.newContext({ locale: 'vi-VN' })
  const memberPage = await invitee.newPage()
  await memberPage.goto(link!)
  await memberPage.getByRole('link', { name: 'Sign up' }).last().click()
  await signUp(memberPage, 'Giàng A Lử', memberEmail)
  await expect(memberPage).toHaveURL(/\/invitations\//)
  await memberPage.getByRole('button', { name: /^Join / }).click()
  await expect(memberPage.getByText(/^Welcome to HTX Chè Shan Tuyết/)).toBeVisible()
  await invitee.close()

  await page.goto(`${orgPath}/members`)
  await expect(page.getByRole('cell', { name: 'Giàng A Lử', exact: true })).toBeVisible()

  // Log out, log in again, switch language.
  await openAccountMenu(page)
  await page.getByRole('button', { name: 'Log out' }).click()
  await expect(page.getByText('You have logged out.')).toBeVisible()
  await page.getByRole('link', { name: 'Log in' }).first().click()
  await page.getByLabel('Email or mobile number').fill(ownerEmail)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).last().click()
  await expect(page.locator('.account-menu summary')).toContainText('Sùng Thị Mai')

  await page.getByRole('link', { name: 'Tiếng Việt' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  await expect(page.getByRole('link', { name: 'English' })).toBeVisible()
  await openAccountMenu(page)
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible()
})
