// The order list pages and the product page's "Add to a list" through their real loaders and actions
// (session, CSRF, guards): members of a buyer share its lists; purchasers create, fill and change them and
// add a whole list to the cart (landing on the cart with a report); viewers only read; producers and other
// organisations' members get 404; bad input is refused with its message and the typed values kept.
import { Outlet } from '@remix-run/react'
import { createElement as h, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { cartItems } from '~/modules/cart/cart.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { createOrderList } from '~/modules/order-lists/order-lists.server'
import * as cartRoute from '~/routes/cart/cart'
import * as productRoute from '~/routes/catalog/product'
import * as listRoute from '~/routes/order-lists/list'
import * as listsRoute from '~/routes/order-lists/lists'
import { prisma } from '~/utils/db.server'
import { createI18n, type Language } from '~/utils/i18n'
import { getResources } from '~/utils/i18n.server'
import { takeToast } from '~/utils/toast.server'
import { makeOrg } from '../catalog/fixtures'
import { product } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser, type RouteResult } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = Awaited<ReturnType<typeof makeOrg>>

let buyer: Org
let stranger: Org
let producerA: Org
let producerB: Org
let owner: Browser
let purchaser: Browser
let viewer: Browser
let producerMember: Browser
let strangerMember: Browser
let anonymous: Browser
let ownerId: string
let purchaserId: string
let honey: { id: string; slug: string } // A: MOQ 10, stock 120
let sauce: { id: string; slug: string } // B: SKU NM-40, MOQ 5, stock 30
let otherSauce: string // A: also SKU NM-40

const productRef = async (id: string) => prisma.product.findUniqueOrThrow({ where: { id }, select: { id: true, slug: true } })

/** The toast a redirect carries, as the next page would show it. */
async function toastOf(result: RouteResult) {
  const cookie = result.headers.get('Set-Cookie')?.split(';')[0] ?? ''
  return (await takeToast(new Request('http://localhost:3000/', { headers: { Cookie: cookie } }))).toast
}

const listsPath = (org: Org) => `/vi/orgs/${org.slug}/lists`
const loadLists = (browser: Browser, org: Org) => callRoute(listsRoute.loader, browser.get(listsPath(org)), { lang: 'vi', slug: org.slug })
const postLists = (browser: Browser, org: Org, fields: Record<string, string>, opts?: { csrf?: boolean }) =>
  callRoute(listsRoute.action, browser.post(listsPath(org), fields, opts), { lang: 'vi', slug: org.slug })
const loadList = (browser: Browser, org: Org, id: string) => callRoute(listRoute.loader, browser.get(`${listsPath(org)}/${id}`), { lang: 'vi', slug: org.slug, id })
const postList = (browser: Browser, org: Org, id: string, fields: Record<string, string>) =>
  callRoute(listRoute.action, browser.post(`${listsPath(org)}/${id}`, fields), { lang: 'vi', slug: org.slug, id })

async function newList(name: string, items: { productId: string; quantity: number }[] = []) {
  const result = await createOrderList(buyer.id, ownerId, { name, items })
  if (!result.ok) throw new Error(result.error)
  return result.list.id
}

type ListData = { list: { name: string; items: { productId: string; quantity: number }[] }; canEdit: boolean }

beforeAll(async () => {
  await ensureCategories()
  const [ownerUser, purchaserUser, viewerUser, producerUser, strangerUser] = await Promise.all([
    createUser({ name: 'Chị Lan' }),
    createUser({ name: 'Anh Minh' }),
    createUser(),
    createUser(),
    createUser(),
  ])
  ownerId = ownerUser.id
  purchaserId = purchaserUser.id
  buyer = await makeOrg('BUYER', { name: 'Siêu thị Sài Gòn' })
  await prisma.membership.createMany({
    data: [
      { userId: ownerUser.id, organizationId: buyer.id, role: 'OWNER' },
      { userId: purchaserUser.id, organizationId: buyer.id, role: 'PURCHASER' },
      { userId: viewerUser.id, organizationId: buyer.id, role: 'VIEWER' },
    ],
  })
  stranger = await makeOrg('BUYER', { name: 'Chuỗi khác', memberId: strangerUser.id })
  producerA = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc', memberId: producerUser.id })
  producerB = await makeOrg('PRODUCER', { name: 'HTX Phú Quốc' })
  honey = await productRef(await product(producerA.id, { sku: 'MO-500' }))
  sauce = await productRef(await product(producerB.id, { sku: 'NM-40', nameVi: 'Nước mắm Phú Quốc', moq: 5, stock: 30, tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }] }))
  otherSauce = await product(producerA.id, { sku: 'NM-40', nameVi: 'Nước mắm khác' })
  owner = await browserFor(ownerUser.id)
  purchaser = await browserFor(purchaserUser.id)
  viewer = await browserFor(viewerUser.id)
  producerMember = await browserFor(producerUser.id)
  strangerMember = await browserFor(strangerUser.id)
  anonymous = await browserFor()
})

beforeEach(async () => {
  await prisma.cartItem.deleteMany({})
  await prisma.orderList.deleteMany({})
})

describe('who sees the lists', () => {
  test('members of the buyer see its lists (viewers read only); producers and other organisations get 404; visitors sign in', async () => {
    await newList('Hàng tuần', [{ productId: honey.id, quantity: 20 }])
    const asOwner = await loadLists(owner, buyer)
    expect(asOwner.status).toBe(200)
    expect(asOwner.data).toMatchObject({ canEdit: true, lists: [{ name: 'Hàng tuần', itemCount: 1, createdBy: 'Chị Lan' }] })
    expect((await loadLists(purchaser, buyer)).data).toMatchObject({ canEdit: true, lists: [{ name: 'Hàng tuần' }] })
    expect((await loadLists(viewer, buyer)).data).toMatchObject({ canEdit: false, lists: [{ name: 'Hàng tuần' }] })

    expect((await loadLists(producerMember, producerA)).status).toBe(404)
    expect((await loadLists(strangerMember, buyer)).status).toBe(404)
    const visitor = await loadLists(anonymous, buyer)
    expect(visitor.status).toBe(302)
    expect(visitor.location).toMatch(/^\/vi\/login\?/)
  })

  test('a list is shared: another member opens it; another organisation cannot, even under its own address', async () => {
    const id = await newList('Hàng tuần', [{ productId: honey.id, quantity: 20 }])
    const asPurchaser = await loadList(purchaser, buyer, id)
    expect(asPurchaser.status).toBe(200)
    expect((asPurchaser.data as ListData).list).toMatchObject({ name: 'Hàng tuần', items: [{ productId: honey.id, quantity: 20 }] })
    expect((await loadList(viewer, buyer, id)).data).toMatchObject({ canEdit: false })

    expect((await loadList(strangerMember, buyer, id)).status).toBe(404)
    expect((await loadList(strangerMember, stranger, id)).status).toBe(404)
    expect((await postList(strangerMember, stranger, id, { intent: 'rename', name: 'Của tôi' })).status).toBe(404)
    expect((await postList(strangerMember, stranger, id, { intent: 'toCart' })).status).toBe(404)
    expect((await postList(strangerMember, stranger, id, { intent: 'delete' })).status).toBe(404)
    expect((await loadList(owner, buyer, 'no-such-list')).status).toBe(404)
    expect(await prisma.orderList.findUnique({ where: { id }, select: { name: true } })).toEqual({ name: 'Hàng tuần' })
    expect(await prisma.cartItem.count({ where: { buyerId: stranger.id } })).toBe(0)
  })

  test('a viewer posting any change gets 403; a missing CSRF token is refused; nothing changes', async () => {
    const id = await newList('Hàng tuần', [{ productId: honey.id, quantity: 20 }])
    expect((await postLists(viewer, buyer, { intent: 'create', name: 'Mới' })).status).toBe(403)
    const changes: Record<string, string>[] = [
      { intent: 'rename', name: 'Mới' },
      { intent: 'add', sku: 'MO-500', quantity: '5' },
      { intent: 'update', productId: honey.id, quantity: '50' },
      { intent: 'remove', productId: honey.id },
      { intent: 'toCart' },
      { intent: 'delete' },
    ]
    for (const fields of changes) {
      expect((await postList(viewer, buyer, id, fields)).status, fields.intent).toBe(403)
    }
    expect((await postLists(owner, buyer, { intent: 'create', name: 'Mới' }, { csrf: false })).status).toBe(403)
    expect((await postLists(producerMember, producerA, { intent: 'create', name: 'Mới' })).status).toBe(404)
    expect(await prisma.orderList.findMany({ select: { name: true, items: { select: { quantity: true } } } })).toEqual([{ name: 'Hàng tuần', items: [{ quantity: 20 }] }])
    expect(await prisma.cartItem.count()).toBe(0)
  })
})

describe('making and changing a list', () => {
  test('a purchaser creates a list and lands on it; a missing or taken name is refused with the name kept', async () => {
    const result = await postLists(purchaser, buyer, { intent: 'create', name: ' Hàng tuần – DC Củ Chi ' })
    expect(result.status).toBe(302)
    const list = await prisma.orderList.findFirstOrThrow({ where: { buyerId: buyer.id }, select: { id: true, name: true, createdById: true } })
    expect(list).toMatchObject({ name: 'Hàng tuần – DC Củ Chi', createdById: purchaserId })
    expect(result.location).toBe(`${listsPath(buyer)}/${list.id}`)
    expect(await toastOf(result)).toEqual({ key: 'lists:toast.created', values: { name: 'Hàng tuần – DC Củ Chi' } })

    let refused = await postLists(owner, buyer, { intent: 'create', name: '   ' })
    expect(refused.status).toBe(400)
    expect(refused.data).toEqual({ name: '   ', errors: ['lists:errors.name.required'] })
    refused = await postLists(owner, buyer, { intent: 'create', name: 'hàng tuần – dc củ chi' })
    expect(refused.data).toEqual({ name: 'hàng tuần – dc củ chi', errors: ['lists:errors.name.taken'] })
    refused = await postLists(owner, buyer, { intent: 'create', name: 'x'.repeat(101) })
    expect(refused.data).toEqual({ name: 'x'.repeat(101), errors: ['lists:errors.name.tooLong'] })
    expect(await prisma.orderList.count()).toBe(1)
  })

  test('adding by SKU: alone when unique, "producer-slug/SKU" when not; bad input keeps what was typed', async () => {
    const id = await newList('Hàng tuần')
    let result = await postList(purchaser, buyer, id, { intent: 'add', sku: 'mo-500', quantity: '20' })
    expect(result.status).toBe(302)
    expect(result.location).toBe(`${listsPath(buyer)}/${id}`)
    expect(await toastOf(result)).toEqual({
      key: 'lists:toast.itemAdded',
      values: { quantity: '20 chai', product: 'Mật ong bạc hà Hà Giang', inList: '20 chai' },
    })

    result = await postList(purchaser, buyer, id, { intent: 'add', sku: 'NM-40', quantity: '3' })
    expect(result.status).toBe(400)
    expect(result.data).toMatchObject({
      intent: 'add',
      fields: { sku: 'NM-40', quantity: '3' },
      errors: { sku: { key: 'lists:errors.sku.ambiguous', values: { producers: expect.arrayContaining([producerA.slug, producerB.slug]) } } },
    })
    result = await postList(purchaser, buyer, id, { intent: 'add', sku: `${producerB.slug}/NM-40`, quantity: '3' })
    expect(result.status).toBe(302)

    result = await postList(purchaser, buyer, id, { intent: 'add', sku: 'KHONG-CO', quantity: '1,5' })
    expect(result.status).toBe(400)
    expect(result.data).toEqual({
      intent: 'add',
      fields: { sku: 'KHONG-CO', quantity: '1,5' },
      errors: { sku: { key: 'lists:errors.sku.notFound', values: { producers: undefined } }, quantity: { key: 'lists:errors.quantity.invalid' } },
    })
    // More of a product already there adds up.
    result = await postList(purchaser, buyer, id, { intent: 'add', sku: 'MO-500', quantity: '5' })
    expect(await toastOf(result)).toMatchObject({ key: 'lists:toast.itemIncreased', values: { inList: '25 chai' } })

    const items = await prisma.orderListItem.findMany({ where: { listId: id }, orderBy: { position: 'asc' }, select: { productId: true, quantity: true } })
    expect(items).toEqual([
      { productId: honey.id, quantity: 25 },
      { productId: sauce.id, quantity: 3 },
    ])
    expect(items.some((i) => i.productId === otherSauce)).toBe(false)
  })

  test('quantities are changed and products removed; a bad quantity keeps what was typed; rename and delete', async () => {
    const id = await newList('Hàng tuần', [
      { productId: honey.id, quantity: 20 },
      { productId: sauce.id, quantity: 5 },
    ])
    let result = await postList(owner, buyer, id, { intent: 'update', productId: honey.id, quantity: '0' })
    expect(result.status).toBe(400)
    expect(result.data).toEqual({ intent: 'update', productId: honey.id, fields: { quantity: '0' }, errors: { quantity: { key: 'lists:errors.quantity.invalid' } } })
    result = await postList(owner, buyer, id, { intent: 'update', productId: honey.id, quantity: '60' })
    expect(result.status).toBe(302)
    expect(await toastOf(result)).toEqual({ key: 'lists:toast.itemUpdated' })
    result = await postList(owner, buyer, id, { intent: 'remove', productId: sauce.id })
    expect(await toastOf(result)).toEqual({ key: 'lists:toast.itemRemoved' })
    result = await postList(owner, buyer, id, { intent: 'remove', productId: sauce.id })
    expect(await toastOf(result)).toMatchObject({ key: 'lists:errors.item.notFound', type: 'error' })
    const loaded = (await loadList(owner, buyer, id)).data as ListData
    expect(loaded.list.items.map((i) => [i.productId, i.quantity])).toEqual([[honey.id, 60]])

    await newList('Hàng tháng')
    result = await postList(owner, buyer, id, { intent: 'rename', name: 'HÀNG THÁNG' })
    expect(result.status).toBe(400)
    expect(result.data).toEqual({ intent: 'rename', fields: { name: 'HÀNG THÁNG' }, errors: { name: { key: 'lists:errors.name.taken' } } })
    result = await postList(owner, buyer, id, { intent: 'rename', name: 'Hàng tuần – Củ Chi' })
    expect(await toastOf(result)).toEqual({ key: 'lists:toast.renamed', values: { name: 'Hàng tuần – Củ Chi' } })

    result = await postList(purchaser, buyer, id, { intent: 'delete' })
    expect(result.status).toBe(302)
    expect(result.location).toBe(listsPath(buyer))
    expect(await toastOf(result)).toEqual({ key: 'lists:toast.deleted', values: { name: 'Hàng tuần – Củ Chi' } })
    expect((await loadList(owner, buyer, id)).status).toBe(404)
    expect((await postList(owner, buyer, id, { intent: 'delete' })).status).toBe(404)
  })
})

describe('"Add all to cart"', () => {
  test('fills the cart of the list\'s organisation, lands on the cart and reports every adjusted or skipped line', async () => {
    // The owner belongs to a second buyer, active in the session: the list's organisation becomes active.
    const second = await makeOrg('BUYER', { name: 'Chuỗi thứ hai', memberId: ownerId })
    await prisma.session.updateMany({ where: { userId: ownerId }, data: { activeOrganizationId: second.id } })
    const gone = await product(producerA.id, { nameVi: 'Miến dong' })
    const id = await newList('Hàng tuần', [
      { productId: honey.id, quantity: 4 },
      { productId: sauce.id, quantity: 10 },
      { productId: gone, quantity: 10 },
    ])
    await prisma.product.update({ where: { id: gone }, data: { status: 'ARCHIVED' } })

    const result = await postList(owner, buyer, id, { intent: 'toCart' })
    expect(result.status).toBe(302)
    expect(result.location).toBe('/vi/cart')
    expect(await toastOf(result)).toEqual({
      key: 'lists:toast.addedSome',
      values: {
        name: 'Hàng tuần',
        count: '2',
        total: '3',
        details: 'Mật ong bạc hà Hà Giang: nâng từ 4 chai lên 10 chai cho đủ mức tối thiểu; Miến dong: bỏ qua, sản phẩm không còn bán',
      },
    })
    expect(Object.fromEntries((await cartItems(buyer.id)).map((i) => [i.productId, i.quantity]))).toEqual({ [honey.id]: 10, [sauce.id]: 10 })
    expect(await prisma.cartItem.count({ where: { buyerId: second.id } })).toBe(0)
    const cart = await callRoute(cartRoute.loader, owner.get('/vi/cart'), { lang: 'vi' })
    expect(cart.data).toMatchObject({ state: 'buyer', organization: { id: buyer.id }, cart: { lineCount: 2 } })
    await prisma.membership.deleteMany({ where: { organizationId: second.id } })
  })

  test('all as saved: a short summary; nothing addable: back to the list with the reasons', async () => {
    const id = await newList('Hàng tuần', [{ productId: honey.id, quantity: 20 }])
    let result = await postList(purchaser, buyer, id, { intent: 'toCart' })
    expect(result.location).toBe('/vi/cart')
    expect(await toastOf(result)).toMatchObject({ key: 'lists:toast.addedAll', values: { name: 'Hàng tuần', count: '1' } })

    await prisma.product.update({ where: { id: sauce.id }, data: { stock: 0 } })
    const soldOut = await newList('Hết hàng', [{ productId: sauce.id, quantity: 10 }])
    result = await postList(purchaser, buyer, soldOut, { intent: 'toCart' })
    expect(result.location).toBe(`${listsPath(buyer)}/${soldOut}`)
    expect(await toastOf(result)).toEqual({
      key: 'lists:toast.addedNone',
      type: 'error',
      values: { name: 'Hết hàng', count: '0', total: '1', details: 'Nước mắm Phú Quốc: bỏ qua, đã hết hàng' },
    })
    await prisma.product.update({ where: { id: sauce.id }, data: { stock: 30 } })

    const empty = await newList('Trống')
    result = await postList(purchaser, buyer, empty, { intent: 'toCart' })
    expect(await toastOf(result)).toEqual({ key: 'lists:errors.empty', type: 'error' })
  })
})

describe('the product page\'s "Add to a list"', () => {
  test('offers the organisation\'s lists to members who may order, and adds to a list chosen or named', async () => {
    const path = `/vi/p/${honey.slug}`
    const params = { lang: 'vi', slug: honey.slug }
    const offer = async (browser: Browser) => ((await callRoute(productRoute.loader, browser.get(path), params)).data as { orderLists: unknown }).orderLists
    expect(await offer(owner)).toEqual({ organizationSlug: buyer.slug, lists: [] })
    expect(await offer(viewer)).toBeNull()
    expect(await offer(producerMember)).toBeNull()
    expect(await offer(anonymous)).toBeNull()

    let result = await callRoute(productRoute.action, owner.post(path, { intent: 'addToList', newName: 'Hàng Tết', quantity: '12' }), params)
    expect(result.status).toBe(302)
    expect(result.location).toBe(path)
    expect(await toastOf(result)).toEqual({
      key: 'lists:toast.addedToNewList',
      values: { quantity: '12 chai', product: 'Mật ong bạc hà Hà Giang', list: 'Hàng Tết', inList: '12 chai' },
    })
    const list = await prisma.orderList.findFirstOrThrow({ where: { buyerId: buyer.id }, select: { id: true } })
    expect(await offer(purchaser)).toEqual({ organizationSlug: buyer.slug, lists: [{ id: list.id, name: 'Hàng Tết' }] })

    result = await callRoute(productRoute.action, purchaser.post(path, { intent: 'addToList', listId: list.id, newName: '', quantity: '8' }), params)
    expect(await toastOf(result)).toEqual({
      key: 'lists:toast.addedToList',
      values: { quantity: '8 chai', product: 'Mật ong bạc hà Hà Giang', list: 'Hàng Tết', inList: '20 chai' },
    })

    // Bad input: the typed values come back with the messages.
    result = await callRoute(productRoute.action, purchaser.post(path, { intent: 'addToList', listId: list.id, newName: 'x'.repeat(101), quantity: 'abc' }), params)
    expect(result.status).toBe(400)
    expect(result.data).toEqual({
      intent: 'addToList',
      fields: { listId: list.id, newName: 'x'.repeat(101), quantity: 'abc' },
      errors: { quantity: { key: 'lists:errors.quantity.invalid' }, newName: { key: 'lists:errors.name.tooLong' } },
    })
    // Another organisation's list id is not found.
    const theirs = await createOrderList(stranger.id, null, { name: 'Của họ' })
    if (!theirs.ok) throw new Error(theirs.error)
    result = await callRoute(productRoute.action, purchaser.post(path, { intent: 'addToList', listId: theirs.list.id, quantity: '10' }), params)
    expect(result.status).toBe(400)
    expect(result.data).toMatchObject({ errors: { list: { key: 'lists:errors.notFound' } } })
    expect(await prisma.orderListItem.count({ where: { listId: theirs.list.id } })).toBe(0)

    // Viewers and producers cannot.
    expect((await callRoute(productRoute.action, viewer.post(path, { intent: 'addToList', newName: 'X', quantity: '10' }), params)).status).toBe(403)
    expect((await callRoute(productRoute.action, producerMember.post(path, { intent: 'addToList', newName: 'X', quantity: '10' }), params)).status).toBe(403)
    expect(await prisma.orderListItem.findMany({ where: { listId: list.id }, select: { quantity: true } })).toEqual([{ quantity: 20 }])
  })
})

/**
 * A page's markup as the server renders it, inside a data router: the loader's data, and `reply` as the
 * action's answer (the page after a refused POST) when given.
 */
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

describe('the pages\' markup', () => {
  test('both pages render in Vietnamese and English with every string translated and plain POST forms', async () => {
    const gone = await product(producerA.id, { nameVi: 'Miến dong' })
    const id = await newList('Hàng tuần', [
      { productId: honey.id, quantity: 4 },
      { productId: sauce.id, quantity: 10 },
      { productId: gone, quantity: 1 },
    ])
    await prisma.product.update({ where: { id: gone }, data: { status: 'ARCHIVED' } })
    for (const lang of ['vi', 'en'] as const) {
      const listsData = (await callRoute(listsRoute.loader, owner.get(`/${lang}/orgs/${buyer.slug}/lists`), { lang, slug: buyer.slug })).data
      const listData = (await callRoute(listRoute.loader, owner.get(`/${lang}/orgs/${buyer.slug}/lists/${id}`), { lang, slug: buyer.slug, id })).data
      const index = await renderPage(listsRoute.default, `/${lang}/orgs/${buyer.slug}/lists`, ':lang/orgs/:slug/lists', listsData, lang)
      const detail = await renderPage(listRoute.default, `/${lang}/orgs/${buyer.slug}/lists/${id}`, ':lang/orgs/:slug/lists/:id', listData, lang)
      for (const html of [index, detail]) {
        expect(html).not.toMatch(/lists:|\{\{|catalog:/)
        expect(html).toContain('name="csrf" value="csrf-token-123"')
        expect(html).not.toMatch(/<form(?![^>]*method="post")/)
      }
      expect(index).toContain(`href="/${lang}/orgs/${buyer.slug}/lists/${id}"`)
      expect(detail).toContain('name="intent" value="toCart"')
      expect(detail).toContain(lang === 'vi' ? 'Không còn bán' : 'No longer for sale')
      expect(detail).toContain(lang === 'vi' ? 'Dưới mức tối thiểu: khi thêm vào giỏ sẽ nâng lên 10 chai.' : 'Below the minimum: adding to the cart raises it to 10 bottles.')
    }

    // After a refused POST: the messages beside their fields, the typed values kept.
    const listData = (await callRoute(listRoute.loader, owner.get(`/vi/orgs/${buyer.slug}/lists/${id}`), { lang: 'vi', slug: buyer.slug, id })).data
    const refused = await postList(owner, buyer, id, { intent: 'add', sku: 'NM-40', quantity: '1,5' })
    const html = await renderPage(listRoute.default, `/vi/orgs/${buyer.slug}/lists/${id}`, ':lang/orgs/:slug/lists/:id', listData, 'vi', refused.data)
    expect(html).toContain('value="NM-40"')
    expect(html).toContain('value="1,5"')
    expect(html).toContain('Nhiều nhà sản xuất dùng mã này (')
    expect(html).toContain('Số lượng phải là số nguyên từ 1 đến 1.000.000.')
    expect(html).toMatch(/id="add-sku"[^>]*aria-invalid="true"/)

    // The product page: the "Add to a list" form under the ordering box; a refused add keeps what was typed
    // and leaves the add-to-cart form alone.
    const productPath = `/vi/p/${honey.slug}`
    const productData = (await callRoute(productRoute.loader, owner.get(productPath), { lang: 'vi', slug: honey.slug })).data
    const productRefused = await callRoute(productRoute.action, owner.post(productPath, { intent: 'addToList', listId: id, newName: '', quantity: '0' }), {
      lang: 'vi',
      slug: honey.slug,
    })
    for (const reply of [undefined, productRefused.data]) {
      const page = await renderPage(productRoute.default, productPath, ':lang/p/:slug', productData, 'vi', reply)
      expect(page).toContain('name="intent" value="addToList"')
      expect(page).toContain(`<option value="${id}" selected="">Hàng tuần</option>`)
      expect(page).toContain('name="intent" value="add"')
      expect(page).not.toMatch(/lists:|\{\{/)
      if (reply) {
        expect(page).toMatch(/id="list-quantity"[^>]*aria-invalid="true"[^>]*value="0"/)
        expect(page).toContain('Số lượng phải là số nguyên từ 1 đến 1.000.000.')
        expect(page).not.toMatch(/id="add-quantity"[^>]*aria-invalid/)
      }
    }

    // A viewer sees no forms but the list.
    const viewerData = (await callRoute(listRoute.loader, viewer.get(`/vi/orgs/${buyer.slug}/lists/${id}`), { lang: 'vi', slug: buyer.slug, id })).data
    const readOnly = await renderPage(listRoute.default, `/vi/orgs/${buyer.slug}/lists/${id}`, ':lang/orgs/:slug/lists/:id', viewerData, 'vi')
    expect(readOnly).not.toContain('<form')
    expect(readOnly).toContain('Vai trò của bạn chỉ cho phép xem danh sách.')
  })
})
