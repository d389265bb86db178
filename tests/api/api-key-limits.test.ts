// An owner sets a key's limit per order (and whether it may approve orders) on the organisation's API keys
// page; orders placed with the key above the limit then wait for approval. Bad amounts are refused with a
// translated message and the form keeps what was typed; nobody else changes a key.
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { Outlet } from '@remix-run/react'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { beforeAll, describe, expect, test } from 'vitest'
import '~/modules/notifications/notifications.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import * as ordersRoute from '~/routes/api/v1/orders'
import * as keysPage from '~/routes/orgs/api-keys'
import { prisma } from '~/utils/db.server'
import { createI18n, type Language } from '~/utils/i18n'
import { getResources } from '~/utils/i18n.server'
import { product } from '../orders/order-fixtures'
import { callApi, organizationWithKey } from '../utils/api'
import { browserFor, callRoute, createUser } from '../utils/routes'

type Org = Awaited<ReturnType<typeof organizationWithKey>>
type Browser = Awaited<ReturnType<typeof browserFor>>
let a: Org
let b: Org
let producer: Org
let ownerA: Browser
let memberA: Browser
let ownerP: Browser
let honey: string

beforeAll(async () => {
  await ensureCategories()
  ;[a, b, producer] = await Promise.all([organizationWithKey('BUYER', 'Siêu thị A'), organizationWithKey('BUYER', 'Chuỗi B'), organizationWithKey('PRODUCER', 'HTX P')])
  await prisma.deliveryAddress.create({
    data: {
      organizationId: a.organization.id,
      label: 'DC Củ Chi',
      recipientName: 'Kho nhận hàng',
      phone: '+842837901234',
      addressLine: 'Lô C5, KCN Tây Bắc',
      commune: 'Xã Tân An Hội',
      provinceCode: '79',
      isDefault: true,
    },
  })
  const member = await createUser({ name: 'Thành Viên A' })
  await prisma.membership.create({ data: { userId: member.id, organizationId: a.organization.id, role: 'MEMBER' } })
  ownerA = await browserFor(a.owner.id)
  memberA = await browserFor(member.id)
  ownerP = await browserFor(producer.owner.id)
  honey = await product(producer.organization.id, { stock: 1000 }) // 10 bottles: 2,625,000 VAT included
})

const pageOf = (org: Org) => `/vi/orgs/${org.organization.slug}/api-keys`
const paramsOf = (org: Org) => ({ lang: 'vi', slug: org.organization.slug })
const keyRow = (id: string) => prisma.apiKey.findUniqueOrThrow({ where: { id }, select: { orderLimitVnd: true, canApproveOrders: true } })
const setPurchasing = (browser: Browser, org: Org, fields: Record<string, string>) =>
  callRoute(keysPage.action, browser.post(pageOf(org), { intent: 'purchasing', ...fields }), paramsOf(org))

type Listed = { id: string; orderLimitVnd: string | null; canApproveOrders: boolean }
async function listed(org: Org, browser: Browser) {
  const page = await callRoute(keysPage.loader, browser.get(pageOf(org)), paramsOf(org))
  expect(page.status).toBe(200)
  return page.data as { organization: { kind: string }; keys: Listed[] }
}

type Reply = { result: { status: string; initialValue: Record<string, unknown>; error: Record<string, string[]> } }

describe('setting a key\'s limit and approval', () => {
  test('an owner sets a limit as typed ("2.000.000 đ") and allows approving; the list shows both; each change is audited', async () => {
    const res = await setPurchasing(ownerA, a, { id: a.apiKey.id, orderLimit: '2.000.000 đ', canApproveOrders: 'on' })
    expect(res.status).toBe(302)
    expect(res.location).toBe(pageOf(a))
    expect(await keyRow(a.apiKey.id)).toEqual({ orderLimitVnd: 2_000_000n, canApproveOrders: true })

    const page = await listed(a, ownerA)
    expect(page.keys.find((k) => k.id === a.apiKey.id)).toMatchObject({ orderLimitVnd: '2000000', canApproveOrders: true })
    const audits = await prisma.auditLog.findMany({ where: { actor: `user:${a.owner.id}`, action: { in: ['api-key.limit', 'api-key.approver'] } }, orderBy: { id: 'asc' } })
    expect(audits.map((r) => [r.action, r.target, r.details])).toEqual([
      ['api-key.limit', `organization:${a.organization.slug}`, { apiKeyId: a.apiKey.id, from: null, to: '2000000' }],
      ['api-key.approver', `organization:${a.organization.slug}`, { apiKeyId: a.apiKey.id, canApproveOrders: true }],
    ])

    // Saving the same again changes nothing and audits nothing.
    const count = await prisma.auditLog.count()
    expect((await setPurchasing(ownerA, a, { id: a.apiKey.id, orderLimit: '2000000', canApproveOrders: 'on' })).status).toBe(302)
    expect(await prisma.auditLog.count()).toBe(count)
  })

  test('API orders above the limit wait for approval; once the limit is cleared they are placed', async () => {
    await setPurchasing(ownerA, a, { id: a.apiKey.id, orderLimit: '2,000,000' })
    const place = (quantity: number) => callApi(ordersRoute, '/api/v1/orders', { method: 'POST', key: a.key, json: { items: [{ productId: honey, quantity }] } })

    const above = await place(10)
    expect(above.status, above.text).toBe(201)
    expect(above.body.data[0]).toMatchObject({ status: 'PENDING_APPROVAL', approval: { requiredBecause: 'API_KEY_LIMIT', limit: { amount: '2000000', currency: 'VND' } } })

    // An empty field and no checkbox: no limit, no approving.
    const cleared = await setPurchasing(ownerA, a, { id: a.apiKey.id, orderLimit: '' })
    expect(cleared.status).toBe(302)
    expect(await keyRow(a.apiKey.id)).toEqual({ orderLimitVnd: null, canApproveOrders: false })
    expect((await listed(a, ownerA)).keys.find((k) => k.id === a.apiKey.id)).toMatchObject({ orderLimitVnd: null, canApproveOrders: false })

    const after = await place(10)
    expect(after.status, after.text).toBe(201)
    expect(after.body.data[0]).toMatchObject({ status: 'PLACED', approval: null })
  })

  test('bad amounts: 400 with the translated message key, the typed text kept, nothing changed', async () => {
    await setPurchasing(ownerA, a, { id: a.apiKey.id, orderLimit: '5000000' })
    const cases: [string, string][] = [
      ['năm triệu', 'orgs:apiKeys.errors.orderLimitInvalid'],
      ['1,5', 'orgs:apiKeys.errors.orderLimitInvalid'],
      ['0', 'orgs:apiKeys.errors.orderLimitNotPositive'],
      ['-100000', 'orgs:apiKeys.errors.orderLimitNotPositive'],
      ['2.000.000.000.000', 'orgs:apiKeys.errors.orderLimitTooLarge'],
    ]
    const before = await prisma.auditLog.count()
    for (const [typed, message] of cases) {
      const res = await setPurchasing(ownerA, a, { id: a.apiKey.id, orderLimit: typed, canApproveOrders: 'on' })
      expect(res.status, typed).toBe(400)
      const { result } = res.data as Reply
      expect(result.error.orderLimit, typed).toEqual([message])
      expect(result.initialValue).toMatchObject({ intent: 'purchasing', id: a.apiKey.id, orderLimit: typed, canApproveOrders: 'on' })
    }
    expect(await keyRow(a.apiKey.id)).toEqual({ orderLimitVnd: 5_000_000n, canApproveOrders: false })
    expect(await prisma.auditLog.count()).toBe(before)
  })

  test('the messages exist in Vietnamese and English', async () => {
    const vi = (await import('~/locales/vi/orgs.json')).default.apiKeys.errors
    const en = (await import('~/locales/en/orgs.json')).default.apiKeys.errors
    for (const name of ['orderLimitInvalid', 'orderLimitNotPositive', 'orderLimitTooLarge'] as const) {
      expect(vi[name]).toMatch(/đồng/)
      expect(en[name]).toMatch(/đồng/)
      expect(vi[name]).not.toBe(en[name])
    }
  })

  test('a key is created with a limit; a bad limit refuses the creation and keeps the name', async () => {
    const res = await callRoute(keysPage.action, ownerA.post(pageOf(a), { intent: 'create', name: 'SAP mua hàng', orderLimit: '10.000.000' }), paramsOf(a))
    expect(res.status).toBe(200)
    const created = await prisma.apiKey.findFirstOrThrow({ where: { organizationId: a.organization.id, name: 'SAP mua hàng' } })
    expect(created).toMatchObject({ orderLimitVnd: 10_000_000n, canApproveOrders: false })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'api-key.create' }, orderBy: { id: 'desc' } })
    expect(audit.details).toMatchObject({ apiKeyId: created.id, orderLimitVnd: '10000000' })

    const count = await prisma.apiKey.count()
    const bad = await callRoute(keysPage.action, ownerA.post(pageOf(a), { intent: 'create', name: 'SAP kho', orderLimit: '10 triệu' }), paramsOf(a))
    expect(bad.status).toBe(400)
    const { result } = bad.data as Reply
    expect(result.error.orderLimit).toEqual(['orgs:apiKeys.errors.orderLimitInvalid'])
    expect(result.initialValue).toMatchObject({ name: 'SAP kho', orderLimit: '10 triệu' })
    expect(await prisma.apiKey.count()).toBe(count)
  })
})

describe('who may change a key', () => {
  test('a MEMBER gets 403; another organisation\'s key is 404 through either page; nothing changes', async () => {
    const before = await keyRow(b.apiKey.id)
    const mine = await keyRow(a.apiKey.id)
    expect((await setPurchasing(memberA, a, { id: a.apiKey.id, orderLimit: '1', canApproveOrders: 'on' })).status).toBe(403)
    expect((await setPurchasing(ownerA, a, { id: b.apiKey.id, orderLimit: '1', canApproveOrders: 'on' })).status).toBe(404)
    expect((await setPurchasing(ownerA, b, { id: b.apiKey.id, orderLimit: '1', canApproveOrders: 'on' })).status).toBe(404)
    expect((await setPurchasing(ownerA, a, { id: 'khong-co', orderLimit: '1' })).status).toBe(404)
    expect(await keyRow(b.apiKey.id)).toEqual(before)
    expect(await keyRow(a.apiKey.id)).toEqual(mine)
  })

  test('a revoked key cannot be changed: the owner is told, nothing changes', async () => {
    const { id } = await prisma.apiKey.create({
      data: { organizationId: a.organization.id, name: 'Cũ', prefix: 'cvm_old123', keyHash: `hash-${Date.now()}`, revokedAt: new Date() },
    })
    const res = await setPurchasing(ownerA, a, { id, orderLimit: '1000000', canApproveOrders: 'on' })
    expect(res.status).toBe(302)
    expect(await keyRow(id)).toEqual({ orderLimitVnd: null, canApproveOrders: false })
  })

  test('a producer\'s keys take no limit: the page says it is a producer and refuses the form (404); a limit sent on creation is ignored', async () => {
    const page = await listed(producer, ownerP)
    expect(page.organization.kind).toBe('PRODUCER')
    expect((await setPurchasing(ownerP, producer, { id: producer.apiKey.id, orderLimit: '1000000', canApproveOrders: 'on' })).status).toBe(404)
    expect(await keyRow(producer.apiKey.id)).toEqual({ orderLimitVnd: null, canApproveOrders: false })
    const res = await callRoute(keysPage.action, ownerP.post(pageOf(producer), { intent: 'create', name: 'Kho HTX', orderLimit: '1000000' }), paramsOf(producer))
    expect(res.status).toBe(200)
    expect(await prisma.apiKey.findFirstOrThrow({ where: { organizationId: producer.organization.id, name: 'Kho HTX' } })).toMatchObject({ orderLimitVnd: null })
  })
})

/**
 * The page as the server renders it, with the loader's data (and an action's answer) as Remix would give
 * them: inside a root route that provides the CSRF token, at /:lang/orgs/:slug/api-keys.
 */
async function renderPage(org: Org, browser: Browser, lang: Language, actionResult?: { status: number; data: unknown }) {
  const loaded = await callRoute(keysPage.loader, browser.get(pageOf(org).replace('/vi/', `/${lang}/`)), { lang, slug: org.organization.slug })
  const routes = [
    {
      id: 'root',
      path: '/',
      loader: () => ({ csrfToken: 'csrf-token-123' }),
      Component: Outlet,
      children: [
        {
          id: 'api-keys',
          path: ':lang/orgs/:slug/api-keys',
          loader: () => loaded.data as Record<string, unknown>,
          action: () => new Response(JSON.stringify(actionResult?.data), { status: actionResult?.status ?? 200, headers: { 'Content-Type': 'application/json' } }),
          Component: keysPage.default,
        },
      ],
    },
  ]
  const handler = createStaticHandler(routes)
  const url = `http://localhost/${lang}/orgs/${org.organization.slug}/api-keys`
  const request = actionResult ? new Request(url, { method: 'POST', body: new URLSearchParams({ intent: 'x' }) }) : new Request(url)
  const context = await handler.query(request)
  if (context instanceof Response) throw new Error('unexpected redirect')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToString(h(I18nextProvider, { i18n: createI18n(lang, getResources(lang)) }, h(StaticRouterProvider, { router, context, hydrate: false })))
}

describe('the page', () => {
  test('a buyer\'s owner sees each key\'s limit and approval, and a plain form per active key (vi and en)', async () => {
    await setPurchasing(ownerA, a, { id: a.apiKey.id, orderLimit: '7.500.000', canApproveOrders: 'on' })
    const vi = await renderPage(a, ownerA, 'vi')
    expect(vi).toContain('Hạn mức mỗi đơn: 7.500.000')
    expect(vi).toContain('Được duyệt đơn')
    expect(vi).toContain('Hạn mức và quyền duyệt của các khóa')
    // The key's form: a POST with the CSRF token, its id, the limit as the owner would type it, the box ticked.
    const form = vi.slice(vi.indexOf(`id="api-key-${a.apiKey.id}"`) - 200, vi.indexOf('Lưu</button>', vi.indexOf(`id="api-key-${a.apiKey.id}"`)))
    expect(form).toContain('method="post"')
    expect(form).toContain('name="csrf" value="csrf-token-123"')
    expect(form).toContain('name="intent" value="purchasing"')
    expect(form).toContain(`value="${a.apiKey.id}"`)
    expect(form).toMatch(/name="orderLimit"[^>]*value="7\.500\.000"|value="7\.500\.000"[^>]*name="orderLimit"/)
    expect(form).toMatch(/type="checkbox"[^>]*checked=""|checked=""[^>]*type="checkbox"/)
    expect(form).toContain('<label for=')
    expect(vi).not.toMatch(/apiKeys\.|orgs:/)

    const en = await renderPage(a, ownerA, 'en')
    expect(en).toContain('Limit per order (đồng, VAT included)')
    expect(en).toContain('This key may approve or refuse orders waiting for approval')
    expect(en).not.toMatch(/apiKeys\.|orgs:/)
  })

  test('a refused amount is shown translated next to the field, which keeps what was typed', async () => {
    const refused = await setPurchasing(ownerA, a, { id: a.apiKey.id, orderLimit: 'bảy triệu', canApproveOrders: 'on' })
    expect(refused.status).toBe(400)
    const html = await renderPage(a, ownerA, 'vi', refused)
    expect(html).toContain('Nhập số tiền nguyên theo đồng, ví dụ 50.000.000, hoặc để trống nếu không giới hạn.')
    expect(html).toContain('value="bảy triệu"')
    expect(html).toMatch(/<details class="card" open="">/)
  })

  test('a producer\'s page has no limits: no column, no limit field, no forms', async () => {
    const html = await renderPage(producer, ownerP, 'vi')
    expect(html).toContain('Tạo khóa')
    expect(html).not.toContain('name="orderLimit"')
    expect(html).not.toContain('Hạn mức')
  })
})
