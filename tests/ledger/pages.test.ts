// The ledger's pages through their real loaders and actions (sessions, CSRF): a producer's members see only
// their own ledger, statement and CSV (another producer's slug, a buyer, a stranger: 404); only operators
// reach the payouts and withholding pages; a payout and a rate are recorded from their forms, refusals keep
// what was typed; the withholding summary's figures and CSV; the pages render in Vietnamese and English.
import { Outlet } from '@remix-run/react'
import { createElement as h, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { todayInHcm } from '~/modules/catalog/certifications'
import { recordPayout } from '~/modules/ledger/payouts.server'
import { addMonth, monthOf } from '~/modules/ledger/month'
import * as csvRoute from '~/routes/ledger/export-csv'
import * as ledgerRoute from '~/routes/ledger/ledger'
import * as payoutsRoute from '~/routes/ledger/payouts'
import * as statementRoute from '~/routes/ledger/statement'
import * as withholdingCsvRoute from '~/routes/ledger/withholding-csv'
import * as withholdingRoute from '~/routes/ledger/withholding'
import { prisma } from '~/utils/db.server'
import { createI18n, type Language } from '~/utils/i18n'
import { getResources } from '~/utils/i18n.server'
import { sessionStorage } from '~/utils/session.server'
import { buyerWithAddress, operator } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser } from '../utils/routes'
import { balanceOf, cancelAndRefund, DAY_MS, paidOrder, producerWith } from './ledger-fixtures'

type Browser = Awaited<ReturnType<typeof browserFor>>
type LedgerData = Awaited<ReturnType<typeof ledgerRoute.loader>>
type PayoutsData = Awaited<ReturnType<typeof payoutsRoute.loader>>['data']
type WithholdingData = Awaited<ReturnType<typeof withholdingRoute.loader>>['data']
type Producer = Awaited<ReturnType<typeof producerWith>>

let owner: Browser
let viewer: Browser
let buyerMember: Browser
let operatorBrowser: Browser
let stranger: Browser
let coop: Producer // owner@ and viewer@ belong to it
let household: Producer
let individual: Producer
let buyer: { id: string; slug: string }
let month: string

beforeAll(async () => {
  await ensureCategories()
  const [ownerUser, viewerUser, buyerUser, operatorUser, strangerUser] = await Promise.all([
    createUser({ name: 'Triệu Văn Sơn' }),
    createUser(),
    createUser(),
    createUser({ name: 'Nguyễn Minh Châu' }),
    createUser(),
  ])
  await prisma.user.update({ where: { id: operatorUser.id }, data: { platformRoles: ['OPERATOR'] } })
  coop = await producerWith('COOPERATIVE', { memberId: ownerUser.id, name: 'HTX Chè Shan Tuyết' })
  await prisma.membership.create({ data: { userId: viewerUser.id, organizationId: coop.id, role: 'VIEWER' } })
  household = await producerWith('HOUSEHOLD_BUSINESS', { name: 'Hộ kinh doanh Nước mắm Hưng Thịnh' })
  individual = await producerWith('INDIVIDUAL', { name: 'Lò Văn Tuấn', bank: false })
  const b = await buyerWithAddress('Siêu thị Co.op')
  await prisma.membership.create({ data: { userId: buyerUser.id, organizationId: b.id, role: 'OWNER' } })
  buyer = { id: b.id, slug: b.slug }
  ;[owner, viewer, buyerMember, operatorBrowser, stranger] = await Promise.all([ownerUser, viewerUser, buyerUser, operatorUser, strangerUser].map((u) => browserFor(u.id)))

  // The coop: two sales, one payout. The household: two sales, one refunded this month. The individual: one sale.
  const now = new Date()
  month = monthOf(now)
  await paidOrder(b.id, coop)
  await paidOrder(b.id, coop, { quantity: 20 })
  const payout = await recordPayout({ producerId: coop.id, amountVnd: 1_000_000n, paidOn: todayInHcm(now), bankReference: '=HYPERLINK("http://x")', operator })
  if (!payout.ok) throw new Error(payout.error)
  await paidOrder(b.id, household, { shippingFeeVnd: 100n })
  const refunded = await paidOrder(b.id, household)
  await cancelAndRefund(refunded)
  await paidOrder(b.id, individual)
})

const ledgerPath = (slug: string, rest = '') => `/vi/orgs/${slug}/ledger${rest}`
const ledger = (browser: Browser, slug: string, query = '') => callRoute(ledgerRoute.loader, browser.get(ledgerPath(slug, query)), { lang: 'vi', slug })

/** A download's bytes as text, BOM kept (decoding normally drops it, as Excel does). */
async function download(loader: unknown, request: Request, params: Record<string, string>) {
  const response = (await (loader as (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>)({ request, params, context: {} }))
  return { response, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await response.arrayBuffer())) }
}

async function toastOf(res: { headers: Headers }) {
  const session = await sessionStorage().getSession((res.headers.get('Set-Cookie') ?? '').split(';')[0])
  return session.get('toast')
}

describe('the producer’s ledger page', () => {
  test('an owner sees the balance, what was paid out, and the month’s rows linked to their orders', async () => {
    const res = await ledger(owner, coop.slug)
    expect(res.status).toBe(200)
    const data = res.data as LedgerData
    // 2,625,000 + 5,250,000 less 2%: 7,717,500; less the 1,000,000 paid out.
    expect(data).toMatchObject({ balance: '6717500', paidOut: '1000000', organization: { slug: coop.slug, bank: { name: 'Agribank' } } })
    expect(data.statement).toMatchObject({ month, opening: '0', sales: '7875000', fees: '-157500', vat: '0', pit: '0', refunds: '0', payouts: '-1000000', closing: '6717500' })
    expect(data.statement.rows.map((r) => r.kind)).toEqual(['SALE', 'PLATFORM_FEE', 'SALE', 'PLATFORM_FEE', 'PAYOUT'])
    expect(data.statement.rows.at(-1)).toMatchObject({ kind: 'PAYOUT', amount: '-1000000', balance: '6717500', payoutReference: '=HYPERLINK("http://x")' })
    expect(data.months[0]).toBe(month)
  })

  test('a viewer of the producer sees it too', async () => {
    expect((await ledger(viewer, coop.slug)).status).toBe(200)
  })

  test('another producer’s slug, a buyer’s slug, a buyer, a stranger: 404; signed out: to the login page', async () => {
    for (const [browser, slug] of [
      [owner, household.slug],
      [buyerMember, coop.slug],
      [buyerMember, buyer.slug],
      [stranger, coop.slug],
      [owner, 'no-such-org'],
    ] as const) {
      expect((await ledger(browser, slug)).status, `${slug}`).toBe(404)
      expect((await callRoute(statementRoute.loader, browser.get(ledgerPath(slug, '/statement')), { lang: 'vi', slug })).status).toBe(404)
      expect((await callRoute(csvRoute.loader, browser.get(ledgerPath(slug, '/export.csv')), { lang: 'vi', slug })).status).toBe(404)
    }
    const anonymous = await browserFor()
    const res = await ledger(anonymous, coop.slug)
    expect(res.status).toBe(302)
    expect(res.location).toContain('/vi/login?redirectTo=')
  })

  test('a month picked shows that month; a month that makes no sense falls back to this one', async () => {
    const previous = monthOf(new Date(Date.parse(`${month}-01T00:00:00Z`) - DAY_MS))
    const old = (await ledger(owner, coop.slug, `?month=${previous}`)).data as LedgerData
    expect(old.statement).toMatchObject({ month: previous, opening: '0', closing: '0', rows: [] })
    expect(old.months).toContain(previous)
    for (const bad of ['2026-13', 'abc', '1999-01', '']) {
      const res = await ledger(owner, coop.slug, `?month=${encodeURIComponent(bad)}`)
      expect(res.status).toBe(200)
      expect((res.data as LedgerData).statement.month).toBe(month)
    }
  })

  test('the CSV: UTF-8 with BOM, a header in the page’s language, opening and closing lines, a formula-safe reference', async () => {
    const { response: res, text } = await download(csvRoute.loader, owner.get(ledgerPath(coop.slug, `/export.csv?month=${month}`)), { lang: 'vi', slug: coop.slug })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="${coop.slug}-${month}.csv"`)
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toBe('Thời điểm,Nội dung,Số đơn,Giá trị tính (đồng),Tỷ lệ (%),Số tiền (đồng),Số dư (đồng),Mã giao dịch chi trả')
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-01 00:00,Số dư đầu kỳ,,,,,0,$/)
    expect(lines).toHaveLength(8)
    expect(lines[3]).toMatch(/,Phí sàn,DH-[\d-]+,2625000,2.00,-52500,2572500,$/)
    expect(lines[6]).toContain(`,-1000000,6717500,"'=HYPERLINK(""http://x"")"`)
    expect(lines[7]).toMatch(/,Số dư cuối kỳ,,,,,6717500,$/)
    const english = await download(csvRoute.loader, owner.get(`/en/orgs/${coop.slug}/ledger/export.csv`), { lang: 'en', slug: coop.slug })
    expect(english.text.slice(1).split('\r\n')[0]).toBe('Time,What,Order,Base (VND),Rate (%),Amount (VND),Balance (VND),Payout transaction')
  })

  test('the printable statement has the producer’s details and the month', async () => {
    const res = await callRoute(statementRoute.loader, owner.get(ledgerPath(coop.slug, `/statement?month=${month}`)), { lang: 'vi', slug: coop.slug })
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ producer: { legalName: 'HTX Chè Shan Tuyết', taxCode: coop.taxCode, legalForm: 'COOPERATIVE' }, statement: { month, closing: '6717500' } })
  })
})

describe('the operators’ payouts page', () => {
  const PATH = '/vi/operator/payouts'
  const post = (browser: Browser, fields: Record<string, string>, opts: { csrf?: boolean } = {}) =>
    callRoute(payoutsRoute.action, browser.post(PATH, fields, opts), { lang: 'vi' })
  const form = (producerId: string, over: Record<string, string> = {}) => ({ producerId, amount: '500.000', paidOn: todayInHcm(), bankReference: 'FT26332000777', note: '', ...over })

  test('anyone but an operator gets a 404, and a post records nothing', async () => {
    const before = await prisma.payout.count()
    for (const browser of [owner, buyerMember, stranger]) {
      expect((await callRoute(payoutsRoute.loader, browser.get(PATH), { lang: 'vi' })).status).toBe(404)
      expect((await post(browser, form(coop.id))).status).toBe(404)
    }
    expect(await prisma.payout.count()).toBe(before)
  })

  test('balances highest first with the bank account, and the latest payouts', async () => {
    const data = (await callRoute(payoutsRoute.loader, operatorBrowser.get(PATH), { lang: 'vi' })).data as PayoutsData
    const balances = data.producers.map((p) => BigInt(p.balance))
    expect(balances).toEqual([...balances].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)))
    expect(data.producers.find((p) => p.id === coop.id)).toMatchObject({ balance: String(await balanceOf(coop.id)), bank: { name: 'Agribank', number: '8800205123456' } })
    expect(data.producers.find((p) => p.id === individual.id)).toMatchObject({ bank: null })
    expect(data.payouts[0]).toMatchObject({ producer: 'HTX Chè Shan Tuyết', amount: '1000000', recordedBy: operator.name })
  })

  test('the form records a payout and tells the operator; without the CSRF token nothing happens', async () => {
    const before = await balanceOf(household.id)
    expect((await post(operatorBrowser, form(household.id), { csrf: false })).status).toBe(403)
    expect(await balanceOf(household.id)).toBe(before)
    const res = await post(operatorBrowser, form(household.id))
    expect(res.status).toBe(302)
    expect(res.location).toBe(PATH)
    expect(await balanceOf(household.id)).toBe(before - 500_000n)
    expect(await toastOf(res)).toMatchObject({ key: 'ledger:toast.payoutRecorded', values: { producer: 'Hộ kinh doanh Nước mắm Hưng Thịnh' } })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'ledger.payout', target: `organization:${household.id}` } })
    expect(audit.actor).toMatch(/^user:/)
  })

  test('refusals answer 400 on the right field, keep what was typed, and record nothing', async () => {
    const before = await prisma.payout.count()
    const cases: [Record<string, string>, string, string][] = [
      [form(coop.id, { amount: '999.999.999' }), 'amount', 'ledger.payout.overBalance'],
      [form(coop.id, { amount: 'năm trăm' }), 'amount', 'ledger.payout.amountInvalid'],
      [form(coop.id, { amount: '' }), 'amount', 'ledger.payout.amountRequired'],
      [form(coop.id, { paidOn: todayInHcm(new Date(Date.now() + DAY_MS)) }), 'paidOn', 'ledger.payout.paidOnFuture'],
      [form(coop.id, { paidOn: 'hôm qua' }), 'paidOn', 'ledger.payout.paidOnInvalid'],
      [form(coop.id, { bankReference: '' }), 'bankReference', 'ledger.payout.bankReferenceRequired'],
      [form(individual.id), 'producerId', 'ledger.payout.noBankAccount'],
      [form(''), 'producerId', 'ledger.payout.producerRequired'],
      [form(buyer.id), 'producerId', 'ledger.payout.producerNotFound'],
    ]
    for (const [fields, field, key] of cases) {
      const res = await post(operatorBrowser, fields)
      expect(res.status, key).toBe(400)
      const reply = res.data as { values: Record<string, string>; problems: Record<string, { key: string; values?: Record<string, string> }[]> }
      expect(reply.problems[field]?.[0]?.key, key).toBe(key)
      expect(reply.values).toMatchObject({ amount: fields.amount.trim(), bankReference: fields.bankReference })
    }
    expect(await prisma.payout.count()).toBe(before)
    const over = (await post(operatorBrowser, form(coop.id, { amount: '999.999.999' }))).data as { problems: { amount: { values: { balance: string } }[] } }
    expect(over.problems.amount[0].values.balance.replace(/\s/g, ' ')).toBe('6.717.500 ₫')
  })
})

describe('the operators’ withholding page', () => {
  const PATH = '/vi/operator/withholding'

  test('anyone but an operator gets a 404 on the page, its form and its CSV', async () => {
    const rates = await prisma.ledgerRate.count()
    for (const browser of [owner, buyerMember, stranger]) {
      expect((await callRoute(withholdingRoute.loader, browser.get(PATH), { lang: 'vi' })).status).toBe(404)
      expect((await callRoute(withholdingCsvRoute.loader, browser.get(`${PATH}/export.csv`), { lang: 'vi' })).status).toBe(404)
      const body = { intent: 'rate', kind: 'PLATFORM_FEE', percent: '3', effectiveFrom: todayInHcm(new Date(Date.now() + 5 * DAY_MS)) }
      expect((await callRoute(withholdingRoute.action, browser.post(PATH, body), { lang: 'vi' })).status).toBe(404)
    }
    expect(await prisma.ledgerRate.count()).toBe(rates)
  })

  test('each household or individual seller with its revenue, VAT and PIT withheld net of the month’s refund; cooperatives are not there; totals', async () => {
    const data = (await callRoute(withholdingRoute.loader, operatorBrowser.get(`${PATH}?month=${month}`), { lang: 'vi' })).data as WithholdingData
    expect(data.month).toBe(month)
    // The household: 2,625,100 and 2,625,000 sold, the second refunded: 2,625,100 net; VAT 26,251; PIT 13,126 (13,125.5 rounded up).
    expect(data.lines).toEqual([
      { producerId: household.id, slug: household.slug, taxCode: household.taxCode, legalName: 'Hộ kinh doanh Nước mắm Hưng Thịnh', legalForm: 'HOUSEHOLD_BUSINESS', revenue: '2625100', vat: '26251', pit: '13126' },
      { producerId: individual.id, slug: individual.slug, taxCode: individual.taxCode, legalName: 'Lò Văn Tuấn', legalForm: 'INDIVIDUAL', revenue: '2625000', vat: '26250', pit: '13125' },
    ])
    expect(data.totals).toEqual({ revenue: '5250100', vat: '52501', pit: '26251' })
    // Without a month: the one just ended, the month to declare.
    const byDefault = (await callRoute(withholdingRoute.loader, operatorBrowser.get(PATH), { lang: 'vi' })).data as WithholdingData
    expect(byDefault.month).toBe(addMonth(month, -1))
    // A month with nothing.
    const empty = (await callRoute(withholdingRoute.loader, operatorBrowser.get(`${PATH}?month=2025-01`), { lang: 'vi' })).data as WithholdingData
    expect(empty).toMatchObject({ month: '2025-01', lines: [], totals: { revenue: '0', vat: '0', pit: '0' } })
  })

  test('the CSV for the declaration: one line per seller, BOM, header in the page’s language', async () => {
    const { response: res, text } = await download(withholdingCsvRoute.loader, operatorBrowser.get(`${PATH}/export.csv?month=${month}`), { lang: 'vi' })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="withholding-${month}.csv"`)
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toBe('Kỳ,Mã số thuế,Tên người bán,Loại hình,Địa chỉ,Doanh thu (đồng),Thuế GTGT khấu trừ (đồng),Thuế TNCN khấu trừ (đồng),Tổng thuế khấu trừ (đồng)')
    expect(lines.slice(1)).toEqual([
      `${month},${household.taxCode},Hộ kinh doanh Nước mắm Hưng Thịnh,Hộ kinh doanh,"Thôn Lũng Cú, Xã Đồng Văn, Tuyên Quang",2625100,26251,13126,39377`,
      `${month},${individual.taxCode},Lò Văn Tuấn,Cá nhân,"Thôn Lũng Cú, Xã Đồng Văn, Tuyên Quang",2625000,26250,13125,39375`,
    ])
  })

  test('a rate from a future day is added from the form; a past day is refused keeping what was typed', async () => {
    const future = todayInHcm(new Date(Date.now() + 40 * DAY_MS))
    const refused = await callRoute(withholdingRoute.action, operatorBrowser.post(PATH, { intent: 'rate', kind: 'PIT_WITHHOLDING', percent: '0,7', effectiveFrom: '2025-01-01', note: 'Thử' }), { lang: 'vi' })
    expect(refused.status).toBe(400)
    expect(refused.data).toMatchObject({ values: { kind: 'PIT_WITHHOLDING', percent: '0,7', effectiveFrom: '2025-01-01', note: 'Thử' }, problems: { effectiveFrom: [{ key: 'ledger.rate.effectiveFromNotFuture' }] } })
    const bad = await callRoute(withholdingRoute.action, operatorBrowser.post(PATH, { intent: 'rate', kind: 'PIT_WITHHOLDING', percent: '120', effectiveFrom: future }), { lang: 'vi' })
    expect(bad.data).toMatchObject({ problems: { percent: [{ key: 'ledger.rate.basisPointsInvalid' }] } })
    const ok = await callRoute(withholdingRoute.action, operatorBrowser.post(PATH, { intent: 'rate', kind: 'PIT_WITHHOLDING', percent: '0,7', effectiveFrom: future }), { lang: 'vi' })
    expect(ok.status).toBe(302)
    expect(await prisma.ledgerRate.findFirst({ where: { kind: 'PIT_WITHHOLDING', effectiveFrom: new Date(`${future}T00:00:00Z`) } })).toMatchObject({ basisPoints: 70 })
    expect(await toastOf(ok)).toMatchObject({ key: 'ledger:toast.rateAdded' })
    const data = (await callRoute(withholdingRoute.loader, operatorBrowser.get(PATH), { lang: 'vi' })).data as WithholdingData
    expect(data.rates.filter((r) => r.kind === 'PIT_WITHHOLDING').map((r) => [r.basisPoints, r.state])).toEqual([
      [70, 'coming'],
      [50, 'current'],
    ])
  })
})

async function renderPage(page: ComponentType, path: string, routePath: string, loaderData: unknown, lang: Language, reply?: unknown) {
  const routes = [
    {
      id: 'root',
      path: '/',
      loader: () => ({ csrfToken: 'csrf-token-123', lang }),
      Component: Outlet,
      children: [{ id: 'page', path: routePath, loader: () => loaderData as object, action: () => (reply ?? null) as object | null, Component: page }],
    },
  ]
  const handler = createStaticHandler(routes)
  const request = reply ? new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams({ intent: 'x' }) }) : new Request(`http://localhost${path}`)
  const context = await handler.query(request)
  if (context instanceof Response) throw new Error('unexpected redirect')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToString(h(I18nextProvider, { i18n: createI18n(lang, getResources(lang)) }, h(StaticRouterProvider, { router, context, hydrate: false })))
}

describe("the pages' markup", () => {
  test('every page renders in Vietnamese and English, forms without JavaScript, refusals translated with what was typed', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const slug = coop.slug
      const page = (await callRoute(ledgerRoute.loader, owner.get(`/${lang}/orgs/${slug}/ledger`), { lang, slug })).data as LedgerData
      const html = await renderPage(ledgerRoute.default, `/${lang}/orgs/${slug}/ledger`, ':lang/orgs/:slug/ledger', page, lang)
      expect(html).toContain(lang === 'vi' ? 'Số dư sàn còn phải trả' : 'Balance the platform owes you')
      expect(html).toMatch(/<form[^>]*method="get"/)
      expect(html).toContain(`href="/${lang}/orgs/${slug}/orders/${page.statement.rows[0].orderNumber}"`)
      expect(html).toContain(`href="/${lang}/orgs/${slug}/ledger/export.csv?month=${month}"`)
      expect(html).toContain(lang === 'vi' ? 'Phí sàn' : 'Platform fee')
      expect(html).not.toMatch(/ledger:|statement\.|rows\.|kind\./)

      const print = (await callRoute(statementRoute.loader, owner.get(`/${lang}/orgs/${slug}/ledger/statement`), { lang, slug })).data
      const printHtml = await renderPage(statementRoute.default, `/${lang}/orgs/${slug}/ledger/statement`, ':lang/orgs/:slug/ledger/statement', print, lang)
      expect(printHtml).toContain('doc-sheet')
      expect(printHtml).toContain(lang === 'vi' ? 'Số dư cuối kỳ' : 'Closing balance')

      const payouts = (await callRoute(payoutsRoute.loader, operatorBrowser.get(`/${lang}/operator/payouts`), { lang })).data
      const reply = { values: { producerId: coop.id, amount: '999.999.999', paidOn: todayInHcm(), bankReference: 'FT1', note: '' }, problems: { amount: [{ key: 'ledger.payout.overBalance', values: { balance: '6.717.500 ₫' } }] } }
      const payoutsHtml = await renderPage(payoutsRoute.default, `/${lang}/operator/payouts`, ':lang/operator/payouts', payouts, lang, reply)
      expect(payoutsHtml).toContain('name="csrf" value="csrf-token-123"')
      expect(payoutsHtml).toContain('value="999.999.999"')
      expect(payoutsHtml).toContain(lang === 'vi' ? 'Số tiền lớn hơn số dư 6.717.500 ₫ của nhà sản xuất.' : 'The amount is more than the producer&#x27;s balance of 6.717.500 ₫.')
      expect(payoutsHtml).not.toMatch(/ledger:|payouts\.|errors:/)

      const withholding = (await callRoute(withholdingRoute.loader, operatorBrowser.get(`/${lang}/operator/withholding?month=${month}`), { lang })).data
      const rateReply = { values: { kind: 'VAT_WITHHOLDING', percent: '1,2', effectiveFrom: '2025-01-01', note: '' }, problems: { effectiveFrom: [{ key: 'ledger.rate.effectiveFromNotFuture' }] } }
      const withholdingHtml = await renderPage(withholdingRoute.default, `/${lang}/operator/withholding`, ':lang/operator/withholding', withholding, lang, rateReply)
      expect(withholdingHtml).toContain('Lò Văn Tuấn')
      expect(withholdingHtml).toContain('value="1,2"')
      expect(withholdingHtml).toContain(lang === 'vi' ? 'Mức mới có hiệu lực sớm nhất từ ngày mai' : 'A new rate takes effect tomorrow at the earliest')
      expect(withholdingHtml).not.toMatch(/ledger:|withholding\.|rates\./)
    }
  })
})
