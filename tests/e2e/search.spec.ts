// Buyers' search end to end (issue 5's acceptance): suggestions in the header while typing "mat ong", one
// picked with the keyboard; then the results filtered by region type ISLAND and OCOP ≥ 4 the way a buyer
// does it, the URL carrying the filters, a reload showing the same page and the back button undoing a filter.
// The seed has island products rated OCOP 4 and 5 (prisma/seed/product-data.ts: Lý Sơn garlic, Phú Quốc and
// Cát Hải fish sauce, Quan Lạn sá sùng…). Screenshots of the suggestions, the results with their filters
// (phone and desktop) and the empty state.
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'

const shots = 'test-results/screenshots'

/** The results page has loaded what its URL asks for (no navigation pending). */
async function settled(page: Page) {
  await expect(page.locator('.search-results')).toHaveAttribute('aria-busy', 'false')
}

test('type "mat ong" in the header and pick a suggestion with the keyboard; filter the results by ISLAND and OCOP ≥ 4', async ({ page }) => {
  test.setTimeout(120_000)
  mkdirSync(shots, { recursive: true })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto('/vi')

  // ── Suggestions ─────────────────────────────────────────────────────────────────────────────────────
  const box = page.getByRole('combobox', { name: 'Tìm sản phẩm' })
  const list = page.getByRole('listbox', { name: 'Gợi ý sản phẩm' })
  await box.click()
  await box.pressSequentially('mat ong', { delay: 40 })
  await expect(list).toBeVisible()
  await expect(box).toHaveAttribute('aria-expanded', 'true')
  const options = list.getByRole('option')
  await expect(options.first()).toContainText('Mật ong')
  // The words matched, as written in the name, are marked.
  await expect(options.first().locator('mark').first()).toHaveText(/^(Mật|ong)$/)
  await page.screenshot({ path: `${shots}/search-suggestions-desktop.png` })

  // Down twice, up once: the first suggestion is highlighted (the input keeps the focus).
  await box.press('ArrowDown')
  await box.press('ArrowDown')
  await box.press('ArrowUp')
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  await expect(box).toHaveAttribute('aria-activedescendant', await options.first().getAttribute('id') ?? 'missing')
  await expect(box).toBeFocused()
  const picked = (await options.first().locator('span').first().textContent())?.trim() ?? ''
  expect(picked).toMatch(/Mật ong/)
  await box.press('Enter')
  await expect(page).toHaveURL(/\/vi\/p\/[a-z0-9-]+$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(picked)
  await expect(list).toBeHidden()

  // Escape closes the list; Enter with nothing highlighted searches for the words typed.
  await box.fill('')
  await box.pressSequentially('nuoc mam', { delay: 40 })
  await expect(list).toBeVisible()
  await box.press('Escape')
  await expect(list).toBeHidden()
  await expect(box).toHaveAttribute('aria-expanded', 'false')
  await box.press('Enter')
  await expect(page).toHaveURL(/\/vi\/search\?q=nuoc\+mam$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kết quả cho “nuoc mam”')
  await settled(page)

  // ── Results, filtered like a buyer does ─────────────────────────────────────────────────────────────
  // No words: every product, with the facets to narrow it.
  await box.fill('')
  await box.press('Enter')
  await expect(page).toHaveURL(/\/vi\/search$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tìm sản phẩm')
  await settled(page)
  const filters = page.getByRole('form', { name: 'Bộ lọc' })
  const island = filters.getByRole('checkbox', { name: /^Hải đảo/ })
  await island.click()
  await expect(page).toHaveURL(/[?&]regionType=ISLAND(&|$)/)
  await expect(island).toBeChecked()
  await settled(page)
  const ocop4 = filters.getByRole('radio', { name: /^≥ 4 sao/ })
  await ocop4.click()
  await expect(page).toHaveURL(/[?&]ocopMin=4(&|$)/)
  await settled(page)
  const url = new URL(page.url())
  expect(url.pathname).toBe('/vi/search')
  expect(url.searchParams.getAll('regionType')).toEqual(['ISLAND'])
  expect(url.searchParams.get('ocopMin')).toBe('4')

  // Every card carries the island badge and an OCOP badge of 4 or 5 stars.
  const cards = page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('listitem')
  const count = await cards.count()
  expect(count).toBeGreaterThan(0)
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i)
    await expect(card.locator('.badge-region')).toHaveText('Hải đảo')
    await expect(card.locator('.badge-ocop .visually-hidden')).toHaveText(/^OCOP [45] sao$/)
  }
  // "17 sản phẩm", without the time taken.
  const found = (await page.locator('#search-results-heading').textContent())?.split('·')[0].trim() ?? 'missing'
  const firstName = await cards.first().getByRole('heading').textContent()
  await expect(page.getByRole('link', { name: 'Bỏ lọc: Hải đảo' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Bỏ lọc: OCOP ≥ 4 sao' })).toBeVisible()
  await page.screenshot({ path: `${shots}/search-results-desktop.png`, fullPage: true })

  // A reload shows the same page.
  await page.reload()
  await settled(page)
  expect(new URL(page.url()).search).toBe(url.search)
  await expect(filters.getByRole('checkbox', { name: /^Hải đảo/ })).toBeChecked()
  await expect(filters.getByRole('radio', { name: /^≥ 4 sao/ })).toBeChecked()
  await expect(page.locator('#search-results-heading')).toContainText(found)
  await expect(cards.first().getByRole('heading')).toHaveText(firstName ?? '')
  await expect(cards).toHaveCount(count)

  // The back button undoes the last filter.
  await page.goBack()
  await expect(page).toHaveURL(/\/vi\/search\?regionType=ISLAND$/)
  await settled(page)
  await expect(filters.getByRole('radio', { name: 'Mọi hạng' })).toBeChecked()
  await expect(filters.getByRole('checkbox', { name: /^Hải đảo/ })).toBeChecked()
  await page.goForward()
  await expect(page).toHaveURL(url.toString())
  await settled(page)

  // On a phone the filters fold above the results.
  await page.setViewportSize({ width: 375, height: 812 })
  await page.reload()
  await settled(page)
  await expect(page.locator('.search-filters > summary')).toBeVisible()
  await expect(filters.getByRole('checkbox', { name: /^Hải đảo/ })).toBeHidden()
  await page.screenshot({ path: `${shots}/search-results-phone.png`, fullPage: true })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await page.locator('.search-filters > summary').click()
  await expect(filters.getByRole('checkbox', { name: /^Hải đảo/ })).toBeVisible()
  await page.screenshot({ path: `${shots}/search-filters-phone.png`, fullPage: true })
  // The suggestions on a phone: the list spans the header's search row.
  await page.evaluate(() => window.scrollTo(0, 0))
  await box.fill('')
  await box.pressSequentially('che shan', { delay: 40 })
  await expect(list).toBeVisible()
  await expect(list.getByRole('option').first()).toContainText('Chè Shan')
  await page.screenshot({ path: `${shots}/search-suggestions-phone.png` })
  await box.press('Escape')
  await expect(list).toBeHidden()

  // ── Nothing found: drop a filter, or a word ────────────────────────────────────────────────────────
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto('/vi/search?q=mat+ong&regionType=ISLAND')
  await expect(page.getByRole('heading', { name: 'Không tìm thấy sản phẩm nào' })).toBeVisible()
  const dropIsland = page.getByRole('link', { name: 'Bỏ “Hải đảo”' })
  await expect(dropIsland).toBeVisible()
  await page.screenshot({ path: `${shots}/search-empty-desktop.png`, fullPage: true })
  await dropIsland.click()
  await expect(page).toHaveURL(/\/vi\/search\?q=mat\+ong$/)
  await settled(page)
  await expect(cards.first()).toBeVisible()
  await page.goto('/vi/search?q=mat+ong+qwxz')
  await page.getByRole('link', { name: '“mat ong” (bỏ từ “qwxz”)' }).click()
  await expect(page).toHaveURL(/\/vi\/search\?q=mat\+ong$/)
  await settled(page)
  await expect(cards.first()).toBeVisible()

  // A link with something unreadable: left out, said so, and the rest still applies.
  await page.goto('/vi/search?regionType=ISLAND&ocopMin=9')
  await expect(page.getByRole('status').filter({ hasText: 'không đọc được' })).toContainText('hạng OCOP')
  await expect(filters.getByRole('checkbox', { name: /^Hải đảo/ })).toBeChecked()
})

test('without JavaScript the header box and the filter form still search, and the URL stays short', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const page = await context.newPage()
  await page.goto('/vi')
  const box = page.getByRole('combobox', { name: 'Tìm sản phẩm' })
  await box.fill('mat ong')
  await box.press('Enter')
  await expect(page).toHaveURL(/\/vi\/search\?q=mat\+ong$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kết quả cho “mat ong”')
  const filters = page.getByRole('form', { name: 'Bộ lọc' })
  await filters.getByRole('checkbox', { name: /^Miền núi/ }).check()
  await filters.getByRole('button', { name: 'Áp dụng' }).click()
  // The form sends every field; the page answers with the short URL.
  await expect(page).toHaveURL(/\/vi\/search\?q=mat\+ong&regionType=MOUNTAIN$/)
  await expect(page.getByRole('link', { name: 'Bỏ lọc: Miền núi' })).toBeVisible()
  await page.getByLabel('Sắp xếp').selectOption('price_asc')
  await page.getByRole('button', { name: 'Sắp xếp' }).click()
  await expect(page).toHaveURL(/\/vi\/search\?q=mat\+ong&regionType=MOUNTAIN&sort=price_asc$/)
  await context.close()
})
