// Net terms in the pages, through their real loaders and actions (session, CSRF, guards) and rendered markup:
// the checkout's payment choice (terms offered with what is available, disabled with the reason, a refusal
// shown next to the choice keeping what was chosen); the operators' credit page (operators only, set and
// remove terms with validation and an audit row) and open-invoices page (overdue first, "overdue only"); the
// orders list's due date and overdue flag, where a buyer sees only its own invoices; the order page's box.
import { Outlet } from '@remix-run/react'
import { createElement as h, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { beforeAll, describe, expect, test } from 'vitest'
import { OrderTerms, type OrderTermsProps } from '~/components/order-terms'
import { addToCart, cartLineCount } from '~/modules/cart/cart.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { placeOrders } from '~/modules/orders/place-orders.server'
import { markTransferReceived, transitionOrder } from '~/modules/orders/transitions.server'
import * as checkoutRoute from '~/routes/cart/checkout'
import * as creditRoute from '~/routes/operator/credit'
import * as invoicesRoute from '~/routes/operator/invoices'
import * as paymentsRoute from '~/routes/operator/payments'
import * as listRoute from '~/routes/orders/orders'
import { prisma } from '~/utils/db.server'
import { formatDate, formatVnd } from '~/utils/format'
import { createI18n, type Language } from '~/utils/i18n'
import { getResources } from '~/utils/i18n.server'
import { sessionStorage } from '~/utils/session.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, buyerWithAddress, confirm, expectOk, operator, product, producerActor } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser, type RouteResult } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = Awaited<ReturnType<typeof makeOrg>>
type CheckoutData = Extract<Awaited<ReturnType<typeof checkoutRoute.loader>>, { state: 'buyer' }>
type CreditData = Awaited<ReturnType<typeof creditRoute.loader>>['data']
type InvoicesData = Awaited<ReturnType<typeof invoicesRoute.loader>>['data']
type ListData = { orders: { number: string; paymentMethod: string; paymentDueDate: string | null; overdue: boolean }[] }

const DAY_MS = 24 * 60 * 60 * 1000
/** 10 × 250,000 ₫ + 5% VAT. */
const HONEY_10 = 2_625_000n
const vi = (v: bigint) => formatVnd(v, 'vi')

let producer: Org
let honey: string
let operatorBrowser: Browser
let producerBrowser: Browser

/** A buyer organisation whose owner is signed in; verified with 30-day terms and this limit unless told otherwise. */
async function buyerOnTerms(name: string, creditLimitVnd: bigint | null, verified = true) {
  const user = await createUser({ name: `Chủ ${name}` })
  const buyer = await buyerWithAddress(name)
  await prisma.membership.create({ data: { userId: user.id, organizationId: buyer.id, role: 'OWNER' } })
  const org = await prisma.organization.update({
    where: { id: buyer.id },
    data: { verificationStatus: verified ? 'VERIFIED' : 'UNVERIFIED', netTermsDays: creditLimitVnd === null ? null : 30, creditLimitVnd },
  })
  return { org, browser: await browserFor(user.id) }
}

async function invoiced(buyerId: string, confirmedAt = new Date()) {
  const placed = await placeOrders({ buyerId, actor: { name: 'Lan' }, items: [{ productId: honey, quantity: 10 }], paymentMethod: 'NET_TERMS' })
  if (!placed.ok) throw new Error(placed.error)
  const { order } = await expectOk(confirm(placed.orderIds[0], producer.id, { now: confirmedAt }))
  return order
}

async function toastOf(res: RouteResult) {
  const session = await sessionStorage().getSession((res.headers.get('Set-Cookie') ?? '').split(';')[0])
  return session.get('toast')
}

/** Renders a route's page as the server would, with a root that hands out the CSRF token, after an action if `reply` is given. */
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

/** One component on a page of the language's URL (the component reads the language from it). */
const render = (component: ComponentType<OrderTermsProps>, props: OrderTermsProps, lang: Language) =>
  renderPage(() => h(component, props), `/${lang}/x`, ':lang/x', {}, lang)

/** No i18n key left untranslated in the markup. */
const untranslated = /\b(terms|credit|invoices|checkout|orders|errors|cart):[a-zA-Z.]+/

beforeAll(async () => {
  await ensureCategories()
  const [op, producerUser] = await Promise.all([createUser({ name: 'Nguyễn Minh Châu' }), createUser()])
  await prisma.user.update({ where: { id: op.id }, data: { platformRoles: ['OPERATOR'] } })
  producer = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc', verificationStatus: 'VERIFIED', memberId: producerUser.id })
  honey = await product(producer.id, { stock: 100_000 })
  operatorBrowser = await browserFor(op.id)
  producerBrowser = await browserFor(producerUser.id)
})

describe('the checkout’s payment choice', () => {
  const checkoutPage = async (browser: Browser, lang: Language = 'vi') => {
    const loaded = await callRoute(checkoutRoute.loader, browser.get(`/${lang}/checkout`), { lang })
    expect(loaded.status).toBe(200)
    return loaded.data as CheckoutData
  }
  const checkout = (browser: Browser, fields: Record<string, string>) => callRoute(checkoutRoute.action, browser.post('/vi/checkout', fields), { lang: 'vi' })

  test('terms are offered with what is available of the limit, and orders are placed on them', async () => {
    const { org, browser } = await buyerOnTerms('Siêu thị Bình Tây', 10_000_000n)
    await addToCart(org.id, honey, 10)
    const page = await checkoutPage(browser)
    expect(page.payment).toEqual({
      options: [
        { method: 'BANK_TRANSFER', available: true },
        { method: 'NET_TERMS', available: true },
      ],
      terms: { termDays: 30, creditLimitVnd: '10000000', openVnd: '0', availableVnd: '10000000' },
    })
    for (const lang of ['vi', 'en'] as const) {
      const html = await renderPage(checkoutRoute.default, `/${lang}/checkout`, ':lang/checkout', await checkoutPage(browser, lang), lang)
      // Bank transfer is the default; terms can be chosen, with the term and what is left.
      expect(html).toMatch(/<input[^>]*id="payment-BANK_TRANSFER"[^>]*checked=""/)
      expect(html).toMatch(/<input[^>]*id="payment-NET_TERMS"(?![^>]*disabled)[^>]*>/)
      expect(html).toContain(lang === 'vi' ? 'Trả sau 30 ngày (công nợ)' : 'Net terms, 30 days')
      expect(html).toContain(lang === 'vi' ? `Còn được dùng ${vi(10_000_000n)} trong hạn mức ${vi(10_000_000n)}` : `Available: ${formatVnd(10_000_000n, 'en')} of your`)
      expect(html).not.toMatch(untranslated)
    }

    const placed = await checkout(browser, { token: page.token, deliveryAddressId: page.addresses[0].id, paymentMethod: 'NET_TERMS' })
    expect(placed.status).toBe(302)
    const orders = await prisma.order.findMany({ where: { buyerId: org.id } })
    expect(orders).toMatchObject([{ paymentMethod: 'NET_TERMS', paymentTermDays: 30, totalVnd: HONEY_10 }])
  })

  test('a refusal (the limit used up meanwhile) is shown next to the choice with the amounts, keeping address, date and method; nothing is placed', async () => {
    const { org, browser } = await buyerOnTerms('Siêu thị Phú Lâm', 10_000_000n)
    await invoiced(org.id)
    await addToCart(org.id, honey, 10)
    const page = await checkoutPage(browser)
    expect(page.payment.options).toContainEqual({ method: 'NET_TERMS', available: true })
    // Meanwhile the buyer's system orders on terms through the API: 20 × 250,000 + 5% = 5,250,000.
    expect((await placeOrders({ buyerId: org.id, actor: { name: 'API' }, items: [{ productId: honey, quantity: 20 }], paymentMethod: 'NET_TERMS' })).ok).toBe(true)
    const before = await prisma.order.count({ where: { buyerId: org.id } })

    const fields = { token: page.token, deliveryAddressId: page.addresses[0].id, requestedDeliveryDate: page.dates.max, paymentMethod: 'NET_TERMS' }
    const refused = await checkout(browser, fields)
    expect(refused.status).toBe(400)
    expect(refused.data).toEqual({
      problems: [],
      fieldErrors: {
        paymentMethod: {
          key: 'errors:order.paymentMethod.creditLimit',
          values: { limit: vi(10_000_000n), open: vi(7_875_000n), available: vi(2_125_000n), requested: vi(HONEY_10) },
        },
      },
      values: { deliveryAddressId: page.addresses[0].id, requestedDeliveryDate: page.dates.max, paymentMethod: 'NET_TERMS' },
    })
    expect(await prisma.order.count({ where: { buyerId: org.id } })).toBe(before)
    expect(await cartLineCount(org.id)).toBe(1)

    // The page again: the message by the choice, now disabled with its reason; the address and the date kept.
    const again = await checkoutPage(browser)
    expect(again.payment.options).toContainEqual({ method: 'NET_TERMS', available: false, why: 'overLimit' })
    const html = await renderPage(checkoutRoute.default, '/vi/checkout', ':lang/checkout', again, 'vi', refused.data)
    expect(html).toContain(`vượt hạn mức tín dụng ${vi(10_000_000n)}: chỉ còn ${vi(2_125_000n)}`)
    expect(html).toContain(`tổng ${vi(HONEY_10)} vượt phần hạn mức còn lại (${vi(2_125_000n)})`)
    expect(html).toMatch(/<input[^>]*id="payment-NET_TERMS"[^>]*disabled=""/)
    expect(html).toMatch(new RegExp(`<input[^>]*checked=""[^>]*value="${page.addresses[0].id}"`))
    expect(html).toMatch(new RegExp(`<input[^>]*name="requestedDeliveryDate"[^>]*value="${page.dates.max}"`))
    expect(html).not.toMatch(untranslated)

    // Bank transfer still works with the same page.
    const byTransfer = await checkout(browser, { ...fields, paymentMethod: 'BANK_TRANSFER' })
    expect(byTransfer.status).toBe(302)
    expect(await prisma.order.count({ where: { buyerId: org.id, paymentMethod: 'BANK_TRANSFER' } })).toBe(1)
  })

  test('an unverified buyer sees terms disabled with the reason; a forged choice, and card without Stripe, are refused', async () => {
    const { org, browser } = await buyerOnTerms('Siêu thị Mới', 10_000_000n, false)
    await addToCart(org.id, honey, 10)
    const page = await checkoutPage(browser)
    expect(page.payment.options).toEqual([
      { method: 'BANK_TRANSFER', available: true },
      { method: 'NET_TERMS', available: false, why: 'notVerified' },
    ])
    const html = await renderPage(checkoutRoute.default, '/vi/checkout', ':lang/checkout', page, 'vi')
    expect(html).toMatch(/<input[^>]*id="payment-NET_TERMS"[^>]*disabled=""/)
    expect(html).toContain('tổ chức của bạn cần được sàn xác minh trước')
    expect(html).not.toContain('payment-CARD')

    const base = { token: page.token, deliveryAddressId: page.addresses[0].id }
    const terms = await checkout(browser, { ...base, paymentMethod: 'NET_TERMS' })
    expect(terms.status).toBe(400)
    expect(terms.data).toMatchObject({ fieldErrors: { paymentMethod: { key: 'errors:order.paymentMethod.unavailable' } }, values: { paymentMethod: 'NET_TERMS' } })
    const card = await checkout(browser, { ...base, paymentMethod: 'CARD' })
    expect(card.data).toMatchObject({ fieldErrors: { paymentMethod: { key: 'errors:order.paymentMethod.unavailable' } } })
    const cash = await checkout(browser, { ...base, paymentMethod: 'CASH' })
    expect(cash.data).toMatchObject({ problems: [{ key: 'cart:checkout.paymentInvalid' }] })
    expect(await prisma.order.count({ where: { buyerId: org.id } })).toBe(0)
  })

  test('a buyer without terms is offered bank transfer only', async () => {
    const { org, browser } = await buyerOnTerms('Siêu thị Trả Trước', null)
    await addToCart(org.id, honey, 10)
    expect((await checkoutPage(browser)).payment).toEqual({ options: [{ method: 'BANK_TRANSFER', available: true }], terms: null })
  })
})

describe('the operators’ credit page', () => {
  const PATH = '/vi/operator/credit'
  const list = (browser: Browser, query = '') => callRoute(creditRoute.loader, browser.get(`${PATH}${query}`), { lang: 'vi' })
  const save = (browser: Browser, fields: Record<string, string>, query = '') =>
    callRoute(creditRoute.action, browser.post(`${PATH}${query}`, { intent: 'save', ...fields }), { lang: 'vi' })
  const termsOf = (id: string) => prisma.organization.findUniqueOrThrow({ where: { id }, select: { netTermsDays: true, creditLimitVnd: true } })
  const audits = (slug: string) => prisma.auditLog.findMany({ where: { target: `organization:${slug}` }, orderBy: { id: 'asc' } })

  test('buyers and producers get a 404 on the page and its form, and change nothing', async () => {
    const { org, browser } = await buyerOnTerms('Siêu thị Tò Mò', 1_000_000n)
    for (const outsider of [browser, producerBrowser]) {
      expect((await list(outsider)).status).toBe(404)
      expect((await save(outsider, { buyerId: org.id, terms: '60', creditLimit: '900000000' })).status).toBe(404)
      expect((await callRoute(creditRoute.action, outsider.post(PATH, { intent: 'remove', buyerId: org.id }), { lang: 'vi' })).status).toBe(404)
    }
    expect(await termsOf(org.id)).toEqual({ netTermsDays: 30, creditLimitVnd: 1_000_000n })
    expect(await audits(org.slug)).toHaveLength(0)
    // Without the CSRF token even an operator is refused.
    expect((await callRoute(creditRoute.action, operatorBrowser.post(PATH, { intent: 'remove', buyerId: org.id }, { csrf: false }), { lang: 'vi' })).status).toBe(403)
  })

  test('lists buyers with verification, terms, limit, open and available; searches by name, tax code and slug; pages', async () => {
    const { org } = await buyerOnTerms('Chuỗi Đà Lạt Xanh', 8_000_000n)
    await invoiced(org.id)
    const found = (await list(operatorBrowser, '?q=%C4%91%C3%A0%20l%E1%BA%A1t%20xanh')).data as CreditData // "đà lạt xanh"
    expect(found.buyers).toEqual([
      expect.objectContaining({
        id: org.id,
        verificationStatus: 'VERIFIED',
        termDays: 30,
        creditLimitVnd: '8000000',
        openVnd: HONEY_10.toString(),
        availableVnd: (8_000_000n - HONEY_10).toString(),
        usable: true,
      }),
    ])
    expect(((await list(operatorBrowser, `?q=${org.taxCode}`)).data as CreditData).buyers.map((b) => b.id)).toEqual([org.id])
    expect(((await list(operatorBrowser, `?q=${org.slug}`)).data as CreditData).buyers.map((b) => b.id)).toEqual([org.id])
    // Producers are never listed.
    expect(((await list(operatorBrowser, '?q=M%C3%A8o%20V%E1%BA%A1c')).data as CreditData).total).toBe(0)

    for (let i = 0; i < 22; i++) await buyerWithAddress(`Đại lý Phân Trang ${String(i).padStart(2, '0')}`)
    const first = (await list(operatorBrowser, '?q=Ph%C3%A2n%20Trang')).data as CreditData
    const second = (await list(operatorBrowser, '?q=Ph%C3%A2n%20Trang&page=2')).data as CreditData
    expect([first.total, first.buyers.length, second.buyers.length]).toEqual([22, 20, 2])
    expect(second.buyers.map((b) => b.displayName)).toEqual(['Đại lý Phân Trang 20', 'Đại lý Phân Trang 21'])
  })

  test('sets terms (audited, the search kept), refuses bad input keeping it, and removes them', async () => {
    const buyer = await buyerWithAddress('Siêu thị Hạn Mức')
    await prisma.organization.update({ where: { id: buyer.id }, data: { verificationStatus: 'VERIFIED' } })
    const set = await save(operatorBrowser, { buyerId: buyer.id, terms: '60', creditLimit: '500.000.000' }, '?q=H%E1%BA%A1n%20M%E1%BB%A9c')
    expect(set.status).toBe(302)
    expect(set.location).toBe(`${PATH}?q=H%E1%BA%A1n%20M%E1%BB%A9c`)
    expect(await toastOf(set)).toEqual({ key: 'terms:credit.toast.set', values: { name: 'Siêu thị Hạn Mức', days: '60', limit: vi(500_000_000n) } })
    expect(await termsOf(buyer.id)).toEqual({ netTermsDays: 60, creditLimitVnd: 500_000_000n })
    const [audit] = await audits(buyer.slug)
    expect(audit).toMatchObject({
      action: 'credit.set-terms',
      details: { before: { termDays: null, creditLimitVnd: null }, after: { termDays: 60, creditLimitVnd: '500000000' }, verificationStatus: 'VERIFIED' },
    })
    expect(audit.actor).toMatch(/^user:/)

    const refusals: [Record<string, string>, { field: string; key: string }[]][] = [
      [{ terms: '45', creditLimit: '1000000' }, [{ field: 'terms', key: 'terms:credit.error.terms' }]],
      [{ terms: '30', creditLimit: '' }, [{ field: 'creditLimit', key: 'terms:credit.error.limitRequired' }]],
      [{ terms: '30', creditLimit: '-5' }, [{ field: 'creditLimit', key: 'terms:credit.error.limitInvalid' }]],
      [{ terms: '30', creditLimit: '1.000,50' }, [{ field: 'creditLimit', key: 'terms:credit.error.limitInvalid' }]],
      [{ terms: '30', creditLimit: 'nhiều' }, [{ field: 'creditLimit', key: 'terms:credit.error.limitInvalid' }]],
      [{ terms: '30', creditLimit: '200.000.000.000' }, [{ field: 'creditLimit', key: 'terms:credit.error.limitTooLarge' }]],
      [
        { terms: 'x', creditLimit: '-1' },
        [
          { field: 'terms', key: 'terms:credit.error.terms' },
          { field: 'creditLimit', key: 'terms:credit.error.limitInvalid' },
        ],
      ],
    ]
    for (const [fields, errors] of refusals) {
      const res = await save(operatorBrowser, { buyerId: buyer.id, ...fields })
      expect(res.status, JSON.stringify(fields)).toBe(400)
      expect(res.data).toEqual({ buyerId: buyer.id, values: fields, errors })
    }
    expect(await termsOf(buyer.id)).toEqual({ netTermsDays: 60, creditLimitVnd: 500_000_000n })
    expect(await audits(buyer.slug)).toHaveLength(1)

    // The form again with what was typed and the message, in both languages.
    const data = (await list(operatorBrowser, '?q=H%E1%BA%A1n%20M%E1%BB%A9c')).data as CreditData
    const reply = { buyerId: buyer.id, values: { terms: '30', creditLimit: '200.000.000.000' }, errors: [{ field: 'creditLimit', key: 'terms:credit.error.limitTooLarge' }] }
    const html = await renderPage(creditRoute.default, PATH, ':lang/operator/credit', data, 'vi', reply)
    expect(html).toMatch(/name="creditLimit"[^>]*value="200.000.000.000"/)
    expect(html).toMatch(/<option value="30" selected="">30 ngày<\/option>/)
    expect(html).toContain('Hạn mức lớn bất thường')
    expect(html).not.toMatch(untranslated)

    // Unchanged, then a limit of 0 (allowed), then removed with the button.
    expect(await toastOf(await save(operatorBrowser, { buyerId: buyer.id, terms: '60', creditLimit: '500000000' }))).toMatchObject({ key: 'terms:credit.toast.unchanged' })
    expect((await save(operatorBrowser, { buyerId: buyer.id, terms: '30', creditLimit: '0' })).status).toBe(302)
    expect(await termsOf(buyer.id)).toEqual({ netTermsDays: 30, creditLimitVnd: 0n })
    const removed = await callRoute(creditRoute.action, operatorBrowser.post(PATH, { intent: 'remove', buyerId: buyer.id }), { lang: 'vi' })
    expect(await toastOf(removed)).toMatchObject({ key: 'terms:credit.toast.removed' })
    expect(await termsOf(buyer.id)).toEqual({ netTermsDays: null, creditLimitVnd: null })
    // "No terms" in the select removes them too (the limit typed is ignored).
    await save(operatorBrowser, { buyerId: buyer.id, terms: '30', creditLimit: '1000000' })
    await save(operatorBrowser, { buyerId: buyer.id, terms: '', creditLimit: '1000000' })
    expect(await termsOf(buyer.id)).toEqual({ netTermsDays: null, creditLimitVnd: null })
    expect((await audits(buyer.slug)).map((a) => a.action)).toEqual(['credit.set-terms', 'credit.set-terms', 'credit.remove-terms', 'credit.set-terms', 'credit.remove-terms'])

    // A producer's id, or an unknown one, is not a buyer.
    expect((await save(operatorBrowser, { buyerId: producer.id, terms: '30', creditLimit: '1' })).status).toBe(404)
    expect((await save(operatorBrowser, { buyerId: 'nope', terms: '30', creditLimit: '1' })).status).toBe(404)
  })

  test('an unverified buyer may be given terms; the page says it cannot use them until verified', async () => {
    const buyer = await buyerWithAddress('Siêu thị Chờ Xác Minh')
    const res = await save(operatorBrowser, { buyerId: buyer.id, terms: '30', creditLimit: '20000000' })
    expect(await toastOf(res)).toMatchObject({ key: 'terms:credit.toast.setUnverified' })
    const data = (await list(operatorBrowser, '?q=Ch%E1%BB%9D%20X%C3%A1c%20Minh')).data as CreditData
    expect(data.buyers).toMatchObject([{ id: buyer.id, verificationStatus: 'UNVERIFIED', termDays: 30, usable: false }])
    for (const lang of ['vi', 'en'] as const) {
      const html = await renderPage(creditRoute.default, `/${lang}/operator/credit`, ':lang/operator/credit', data, lang)
      expect(html).toContain(lang === 'vi' ? 'chưa thể chọn trả sau khi đặt hàng cho đến khi được xác minh' : 'cannot choose terms at checkout until it is')
      expect(html).toContain('name="csrf" value="csrf-token-123"')
      expect(html).not.toMatch(untranslated)
    }
  })
})

describe('the operators’ open invoices', () => {
  const PATH = '/vi/operator/invoices'
  const list = (browser: Browser, query = '') => callRoute(invoicesRoute.loader, browser.get(`${PATH}${query}`), { lang: 'vi' })

  test('only operators; overdue first then by due date, with days overdue; "overdue only"; paid and cancelled invoices are not there', async () => {
    const { org, browser } = await buyerOnTerms('Siêu thị Nợ Lâu', 100_000_000n)
    const overdue = await invoiced(org.id, new Date(Date.now() - 40 * DAY_MS))
    const older = await invoiced(org.id, new Date(Date.now() - 45 * DAY_MS))
    const notDue = await invoiced(org.id)
    const paid = await invoiced(org.id, new Date(Date.now() - 40 * DAY_MS))
    await expectOk(markTransferReceived({ orderId: paid.id, amountVnd: paid.totalVnd, operator }))
    const cancelled = await invoiced(org.id, new Date(Date.now() - 40 * DAY_MS))
    await expectOk(transitionOrder({ orderId: cancelled.id, actor: buyerActor(org.id), to: 'CANCELLED', note: 'Đặt nhầm' }))

    expect((await list(browser)).status).toBe(404)
    expect((await list(producerBrowser)).status).toBe(404)

    const all = (await list(operatorBrowser)).data as InvoicesData
    const mine = all.invoices.filter((i) => [overdue, older, notDue, paid, cancelled].some((o) => o.id === i.id))
    expect(mine.map((i) => i.number)).toEqual([older.number, overdue.number, notDue.number])
    expect(mine[0]).toMatchObject({ buyer: 'Siêu thị Nợ Lâu', producer: 'HTX Mèo Vạc', total: HONEY_10.toString(), received: '0', termDays: 30, daysOverdue: 15 })
    expect(mine[1].daysOverdue).toBe(10)
    expect(mine[2].daysOverdue).toBe(0)

    const only = (await list(operatorBrowser, '?overdue=1')).data as InvoicesData
    expect(only.overdueOnly).toBe(true)
    expect(only.invoices.map((i) => i.id)).toEqual(expect.arrayContaining([older.id, overdue.id]))
    expect(only.invoices.map((i) => i.id)).not.toContain(notDue.id)
    expect(only.total).toBe(all.overdue)

    for (const lang of ['vi', 'en'] as const) {
      const html = await renderPage(invoicesRoute.default, `/${lang}/operator/invoices`, ':lang/operator/invoices', all, lang)
      expect(html).toContain(`href="/${lang}/operator/payments?q=${older.number}"`)
      expect(html).toContain(lang === 'vi' ? 'Quá hạn' : 'Overdue')
      expect(html).toContain(lang === 'vi' ? '15 ngày' : '15 days')
      expect(html).not.toMatch(untranslated)
    }
  })

  test('the payments desk finds an invoice and records its transfer, which pays it', async () => {
    const { org } = await buyerOnTerms('Siêu thị Trả Nợ', 100_000_000n)
    const order = await invoiced(org.id)
    const found = await callRoute(paymentsRoute.loader, operatorBrowser.get(`/vi/operator/payments?q=${order.number}`), { lang: 'vi' })
    expect(found.data).toMatchObject({ found: { number: order.number, paymentStatus: 'INVOICED', due: order.totalVnd.toString() } })
    const html = await renderPage(paymentsRoute.default, `/vi/operator/payments?q=${order.number}`, ':lang/operator/payments', found.data, 'vi')
    expect(html).toContain(`name="orderId" value="${order.id}"`)
    expect(html).toContain('href="/vi/operator/invoices"')
    expect(html).toContain('href="/vi/operator/credit"')
    const res = await callRoute(
      paymentsRoute.action,
      operatorBrowser.post(`/vi/operator/payments?q=${order.number}`, { intent: 'transfer', form: `found-transfer-${order.id}`, orderId: order.id, amount: order.totalVnd.toString() }),
      { lang: 'vi' },
    )
    expect(res.status).toBe(302)
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ paymentStatus: 'PAID' })
  })
})

describe('orders lists and the order page', () => {
  const listOf = (browser: Browser, slug: string, query = '') => callRoute(listRoute.loader, browser.get(`/vi/orgs/${slug}/orders${query}`), { lang: 'vi', slug })

  test('a buyer’s list shows method, due date and the overdue flag, filters its own overdue invoices only; the producer sees due dates, not the flag', async () => {
    const a = await buyerOnTerms('Siêu thị An', 100_000_000n)
    const b = await buyerOnTerms('Siêu thị Bình', 100_000_000n)
    const aOverdue = await invoiced(a.org.id, new Date(Date.now() - 40 * DAY_MS))
    const aCurrent = await invoiced(a.org.id)
    const bOverdue = await invoiced(b.org.id, new Date(Date.now() - 40 * DAY_MS))

    const all = (await listOf(a.browser, a.org.slug)).data as ListData
    expect(all.orders.map((o) => o.number).sort()).toEqual([aOverdue.number, aCurrent.number].sort())
    expect(all.orders.find((o) => o.number === aOverdue.number)).toMatchObject({
      paymentMethod: 'NET_TERMS',
      paymentDueDate: aOverdue.paymentDueDate!.toISOString().slice(0, 10),
      overdue: true,
    })
    expect(all.orders.find((o) => o.number === aCurrent.number)).toMatchObject({ overdue: false })

    const overdueOnly = (await listOf(a.browser, a.org.slug, '?payment=overdue')).data as ListData
    expect(overdueOnly.orders.map((o) => o.number)).toEqual([aOverdue.number])
    expect(((await listOf(b.browser, b.org.slug, '?payment=overdue')).data as ListData).orders.map((o) => o.number)).toEqual([bOverdue.number])
    const invoicedOnly = (await listOf(a.browser, a.org.slug, '?payment=INVOICED')).data as ListData
    expect(invoicedOnly.orders).toHaveLength(2)
    // Another buyer's list is not reachable.
    expect((await listOf(b.browser, a.org.slug)).status).toBe(404)

    const html = await renderPage(listRoute.default, `/vi/orgs/${a.org.slug}/orders`, ':lang/orgs/:slug/orders', all, 'vi')
    expect(html).toContain(`Trả sau (công nợ) · đến hạn`)
    expect(html).toContain('<option value="overdue">Quá hạn (trả sau)</option>')
    expect(html.match(/badge badge-rejected">Quá hạn</g)).toHaveLength(1)

    // The producer: due dates, no overdue flag, no overdue filter (ignored if sent).
    const producerSlug = producer.slug
    const producerList = (await listOf(producerBrowser, producerSlug, '?payment=overdue')).data as ListData
    expect(producerList.orders.map((o) => o.number)).toEqual(expect.arrayContaining([aOverdue.number, aCurrent.number, bOverdue.number]))
    const producerHtml = await renderPage(listRoute.default, `/vi/orgs/${producerSlug}/orders`, ':lang/orgs/:slug/orders', producerList, 'vi')
    expect(producerHtml).toContain('đã lập hoá đơn, đến hạn')
    expect(producerHtml).not.toContain('badge badge-rejected">Quá hạn<')
    expect(producerHtml).not.toContain('value="overdue"')
  })

  test('the order page’s terms box: due date and overdue for the buyer, "invoiced, due" for the producer, paid and void invoices', async () => {
    const base: OrderTermsProps = { paymentMethod: 'NET_TERMS', paymentStatus: 'INVOICED', paymentTermDays: 30, paymentDueDate: '2026-03-02', side: 'buyer', overdue: true }
    const buyer = await render(OrderTerms, base, 'vi')
    expect(buyer).toContain('Quá hạn')
    expect(buyer).toContain('Đã quá hạn thanh toán (đến hạn 2 tháng 3, 2026)')
    expect(buyer).toContain('Vui lòng chuyển khoản ngay')
    const producerView = await render(OrderTerms, { ...base, side: 'producer' }, 'vi')
    expect(producerView).not.toContain('Quá hạn')
    expect(producerView).toContain('Đã lập hoá đơn trả sau, bên mua thanh toán cho sàn chậm nhất ngày 2 tháng 3, 2026')
    expect(await render(OrderTerms, { ...base, overdue: false }, 'en')).toContain(`Payment due: ${formatDate('2026-03-02T00:00:00+07:00', 'en')}.`)
    expect(await render(OrderTerms, { ...base, paymentStatus: 'UNPAID', paymentDueDate: null, overdue: undefined }, 'en')).toContain('due 30 days later')
    expect(await render(OrderTerms, { ...base, paymentStatus: 'PAID', overdue: undefined }, 'en')).toContain('The invoice is paid')
    expect(await render(OrderTerms, { ...base, paymentStatus: 'UNPAID', overdue: undefined }, 'en')).toContain('The invoice is void')
    expect(await render(OrderTerms, { ...base, paymentMethod: 'BANK_TRANSFER' }, 'vi')).not.toContain('order-terms')
  })

  test('an invoice shipped by its producer stays invoiced and listed as due', async () => {
    const { org, browser } = await buyerOnTerms('Siêu thị Giao Trước', 100_000_000n)
    const order = await invoiced(org.id)
    await expectOk(transitionOrder({ orderId: order.id, actor: producerActor(producer.id), to: 'SHIPPED', carrier: 'GHN', trackingNumber: 'GHN9' }))
    const data = (await listOf(browser, org.slug, '?payment=INVOICED')).data as ListData
    expect(data.orders).toMatchObject([{ number: order.number, overdue: false }])
  })
})
