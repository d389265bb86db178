// The cart, checkout and product pages through their real loaders and actions (session, CSRF, guards):
// a buyer adds from the product page, changes and removes lines, and checks out into one order per
// producer; a failing line creates nothing; producers and read-only members cannot use a cart.
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { addToCart, cartLineCount, quantityInCart } from '~/modules/cart/cart.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import * as root from '~/root'
import * as cartRoute from '~/routes/cart/cart'
import * as checkoutRoute from '~/routes/cart/checkout'
import * as productRoute from '~/routes/catalog/product'
import { prisma } from '~/utils/db.server'
import { takeToast } from '~/utils/toast.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerWithAddress, product } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser, type RouteResult } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = Awaited<ReturnType<typeof makeOrg>>

let buyer: Org
let producerA: Org
let producerB: Org
let owner: Browser
let viewer: Browser
let producerMember: Browser
let anonymous: Browser
let honey: { id: string; slug: string } // A: MOQ 10, 250,000 ₫ from 10, 230,000 ₫ from 50, stock 120
let sauce: { id: string; slug: string } // B: MOQ 5, 95,000 ₫, stock 30

const productRef = async (id: string) => prisma.product.findUniqueOrThrow({ where: { id }, select: { id: true, slug: true } })

/** The toast a redirect carries, as the next page would show it. */
async function toastOf(result: RouteResult) {
  const cookie = result.headers.get('Set-Cookie')?.split(';')[0] ?? ''
  return (await takeToast(new Request('http://localhost:3000/', { headers: { Cookie: cookie } }))).toast
}

const ordersOf = (buyerId: string) => prisma.order.findMany({ where: { buyerId }, include: { items: true }, orderBy: { producerName: 'asc' } })

beforeAll(async () => {
  await ensureCategories()
  const [ownerUser, viewerUser, producerUser] = await Promise.all([createUser({ name: 'Chị Lan' }), createUser(), createUser()])
  buyer = await buyerWithAddress('Siêu thị Sài Gòn')
  await prisma.membership.createMany({
    data: [
      { userId: ownerUser.id, organizationId: buyer.id, role: 'OWNER' },
      { userId: viewerUser.id, organizationId: buyer.id, role: 'VIEWER' },
    ],
  })
  producerA = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc', memberId: producerUser.id })
  producerB = await makeOrg('PRODUCER', { name: 'HTX Phú Quốc' })
  honey = await productRef(await product(producerA.id))
  sauce = await productRef(await product(producerB.id, { nameVi: 'Nước mắm Phú Quốc', moq: 5, stock: 30, tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }] }))
  owner = await browserFor(ownerUser.id)
  viewer = await browserFor(viewerUser.id)
  producerMember = await browserFor(producerUser.id)
  anonymous = await browserFor()
})

beforeEach(async () => {
  await prisma.cartItem.deleteMany({})
  await prisma.product.update({ where: { id: honey.id }, data: { stock: 120 } })
  await prisma.product.update({ where: { id: sauce.id }, data: { stock: 30 } })
})

describe('the product page', () => {
  test('offers the add form to a buyer who may order, a sign-in link to visitors, nothing to producers, a note to viewers', async () => {
    const offer = async (browser: Browser) =>
      ((await callRoute(productRoute.loader, browser.get(`/vi/p/${honey.slug}`), { lang: 'vi', slug: honey.slug })).data as { cart: unknown }).cart
    expect(await offer(owner)).toEqual({ state: 'buyer', inCart: 0 })
    expect(await offer(anonymous)).toEqual({ state: 'anonymous' })
    expect(await offer(producerMember)).toEqual({ state: 'none', hasOrganization: true })
    expect(await offer(viewer)).toEqual({ state: 'viewer' })
  })

  test('"add to cart" adds to the active buyer\'s cart and stays on the product page with a toast', async () => {
    const path = `/vi/p/${honey.slug}`
    let result = await callRoute(productRoute.action, owner.post(path, { intent: 'add', quantity: '20' }), { lang: 'vi', slug: honey.slug })
    expect(result.status).toBe(302)
    expect(result.location).toBe(path)
    expect(await toastOf(result)).toEqual({ key: 'cart:toast.added', values: { quantity: '20 chai', name: 'Mật ong bạc hà Hà Giang', inCart: '20 chai' } })
    result = await callRoute(productRoute.action, owner.post(path, { intent: 'add', quantity: '5' }), { lang: 'vi', slug: honey.slug })
    expect(result.status).toBe(302)
    expect(await quantityInCart(buyer.id, honey.id)).toBe(25)

    const loaded = await callRoute(productRoute.loader, owner.get(path), { lang: 'vi', slug: honey.slug })
    expect((loaded.data as { cart: unknown }).cart).toEqual({ state: 'buyer', inCart: 25 })
    // The header's count.
    const shell = await callRoute(root.loader, owner.get(path), { lang: 'vi', slug: honey.slug })
    expect(shell.data).toMatchObject({ cartCount: 1, activeOrganization: { id: buyer.id } })
  })

  test('a bad quantity is refused with its message and the typed value kept; nothing is added', async () => {
    const path = `/vi/p/${honey.slug}`
    for (const [quantity, error] of [
      ['1,5', 'cart.quantityInvalid'],
      ['0', 'cart.quantityInvalid'],
      ['-3', 'cart.quantityInvalid'],
      ['99999999', 'cart.quantityInvalid'],
      ['9', 'cart.belowMoq'],
    ]) {
      const result = await callRoute(productRoute.action, owner.post(path, { intent: 'add', quantity }), { lang: 'vi', slug: honey.slug })
      expect(result.status).toBe(400)
      expect(result.data).toMatchObject({ quantity, failure: { error } })
    }
    expect(await cartLineCount(buyer.id)).toBe(0)
  })

  test('producers, viewers and visitors cannot add; a missing CSRF token is refused', async () => {
    const path = `/vi/p/${honey.slug}`
    const post = (browser: Browser, opts?: { csrf?: boolean }) =>
      callRoute(productRoute.action, browser.post(path, { intent: 'add', quantity: '20' }, opts), { lang: 'vi', slug: honey.slug })
    expect((await post(producerMember)).status).toBe(403)
    expect((await post(viewer)).status).toBe(403)
    const visitor = await post(anonymous)
    expect(visitor.status).toBe(302)
    expect(visitor.location).toMatch(/^\/vi\/login\?/)
    expect((await post(owner, { csrf: false })).status).toBe(403)
    expect(await prisma.cartItem.count()).toBe(0)
  })
})

describe('the cart page', () => {
  test('shows the lines by producer; update and remove work as plain form posts', async () => {
    await addToCart(buyer.id, honey.id, 10)
    await addToCart(buyer.id, sauce.id, 5)
    const loaded = await callRoute(cartRoute.loader, owner.get('/vi/cart'), { lang: 'vi' })
    expect(loaded.status).toBe(200)
    const data = loaded.data as Extract<Awaited<ReturnType<typeof cartRoute.loader>>, { state: 'buyer' }>
    expect(data.state).toBe('buyer')
    expect(data.cart.groups.map((g) => [g.producer.displayName, g.lines.map((l) => l.quantity)])).toEqual([
      ['HTX Mèo Vạc', [10]],
      ['HTX Phú Quốc', [5]],
    ])

    let result = await callRoute(cartRoute.action, owner.post('/vi/cart', { intent: 'update', productId: honey.id, quantity: '50' }), { lang: 'vi' })
    expect(result.status).toBe(302)
    expect(result.location).toBe('/vi/cart')
    expect(await toastOf(result)).toEqual({ key: 'cart:toast.updated' })
    expect(await quantityInCart(buyer.id, honey.id)).toBe(50)

    result = await callRoute(cartRoute.action, owner.post('/vi/cart', { intent: 'update', productId: honey.id, quantity: '4.5' }), { lang: 'vi' })
    expect(result.status).toBe(400)
    expect(result.data).toMatchObject({ productId: honey.id, quantity: '4.5', failure: { error: 'cart.quantityInvalid' } })
    result = await callRoute(cartRoute.action, owner.post('/vi/cart', { intent: 'update', productId: honey.id, quantity: '3' }), { lang: 'vi' })
    expect(result.data).toMatchObject({ failure: { error: 'cart.belowMoq', values: { moq: 10 } } })
    expect(await quantityInCart(buyer.id, honey.id)).toBe(50)

    result = await callRoute(cartRoute.action, owner.post('/vi/cart', { intent: 'remove', productId: sauce.id }), { lang: 'vi' })
    expect(result.status).toBe(302)
    expect(await toastOf(result)).toEqual({ key: 'cart:toast.removed' })
    expect(await quantityInCart(buyer.id, sauce.id)).toBe(0)
    expect(await cartLineCount(buyer.id)).toBe(1)

    result = await callRoute(cartRoute.action, owner.post('/vi/cart', { intent: 'nonsense' }), { lang: 'vi' })
    expect(result.status).toBe(400)
  })

  test('a producer member gets the "carts are for buyers" page; a visitor is sent to log in', async () => {
    const loaded = await callRoute(cartRoute.loader, producerMember.get('/vi/cart'), { lang: 'vi' })
    expect(loaded.status).toBe(200)
    expect(loaded.data).toMatchObject({ state: 'notBuyer', activeOrganization: { displayName: 'HTX Mèo Vạc', kind: 'PRODUCER' } })
    const posted = await callRoute(cartRoute.action, producerMember.post('/vi/cart', { intent: 'remove', productId: honey.id }), { lang: 'vi' })
    expect(posted.status).toBe(403)
    const checkout = await callRoute(checkoutRoute.loader, producerMember.get('/vi/checkout'), { lang: 'vi' })
    expect(checkout.data).toMatchObject({ state: 'notBuyer' })

    const visitor = await callRoute(cartRoute.loader, anonymous.get('/vi/cart'), { lang: 'vi' })
    expect(visitor.status).toBe(302)
    expect(visitor.location).toBe(`/vi/login?${new URLSearchParams({ redirectTo: '/vi/cart' })}`)
  })

  test('a VIEWER member gets 403 on the cart and on every post, and changes nothing', async () => {
    await addToCart(buyer.id, honey.id, 10)
    expect((await callRoute(cartRoute.loader, viewer.get('/vi/cart'), { lang: 'vi' })).status).toBe(403)
    const update = await callRoute(cartRoute.action, viewer.post('/vi/cart', { intent: 'update', productId: honey.id, quantity: '60' }), { lang: 'vi' })
    expect(update.status).toBe(403)
    const remove = await callRoute(cartRoute.action, viewer.post('/vi/cart', { intent: 'remove', productId: honey.id }), { lang: 'vi' })
    expect(remove.status).toBe(403)
    const place = await callRoute(checkoutRoute.action, viewer.post('/vi/checkout', { token: 'x'.repeat(24), paymentMethod: 'BANK_TRANSFER' }), { lang: 'vi' })
    expect(place.status).toBe(403)
    expect(await quantityInCart(buyer.id, honey.id)).toBe(10)
    expect(await ordersOf(buyer.id)).toHaveLength(0)
  })
})

describe('checkout', () => {
  async function checkoutPage(browser = owner) {
    const loaded = await callRoute(checkoutRoute.loader, browser.get('/vi/checkout'), { lang: 'vi' })
    expect(loaded.status).toBe(200)
    return loaded.data as Extract<Awaited<ReturnType<typeof checkoutRoute.loader>>, { state: 'buyer' }>
  }

  test('a failing line shows every error by name, keeps the choices, and creates nothing', async () => {
    const tea = await productRef(await product(producerB.id, { nameVi: 'Chè Shan tuyết', moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 80_000 }] }))
    await addToCart(buyer.id, honey.id, 60)
    await addToCart(buyer.id, sauce.id, 10)
    await addToCart(buyer.id, tea.id, 2)
    const page = await checkoutPage()
    // Meanwhile: stock sold elsewhere, the producer raised one MOQ and took another product off sale.
    await prisma.product.update({ where: { id: honey.id }, data: { stock: 40 } })
    await prisma.product.update({ where: { id: sauce.id }, data: { moq: 12 } })
    await prisma.productTierPrice.updateMany({ where: { productId: sauce.id }, data: { minQuantity: 12 } })
    await prisma.product.update({ where: { id: tea.id }, data: { status: 'ARCHIVED' } })

    const date = page.dates.min
    const result = await callRoute(
      checkoutRoute.action,
      owner.post('/vi/checkout', { token: page.token, deliveryAddressId: page.addresses[0].id, requestedDeliveryDate: date, paymentMethod: 'BANK_TRANSFER' }),
      { lang: 'vi' },
    )
    // Every failing line in one answer: the rules broken and the stock short.
    expect(result.status).toBe(400)
    expect(result.data).toEqual({
      problems: [
        { subject: 'Nước mắm Phú Quốc', key: 'errors:order.line.belowMoq', values: { moq: '12 chai' } },
        { subject: 'Chè Shan tuyết', key: 'errors:order.line.notFound' },
        { subject: 'Mật ong bạc hà Hà Giang', key: 'errors:order.line.outOfStock', values: { available: '40 chai' } },
      ],
      fieldErrors: {},
      values: { deliveryAddressId: page.addresses[0].id, requestedDeliveryDate: date },
    })

    // Those fixed, the stock still fails: now a conflict (409) on that line alone.
    await prisma.cartItem.update({ where: { buyerId_productId: { buyerId: buyer.id, productId: sauce.id } }, data: { quantity: 12 } })
    await callRoute(cartRoute.action, owner.post('/vi/cart', { intent: 'remove', productId: tea.id }), { lang: 'vi' })
    const again = await callRoute(
      checkoutRoute.action,
      owner.post('/vi/checkout', { token: page.token, deliveryAddressId: page.addresses[0].id, paymentMethod: 'BANK_TRANSFER' }),
      { lang: 'vi' },
    )
    expect(again.status).toBe(409)
    expect(again.data).toMatchObject({ problems: [{ subject: 'Mật ong bạc hà Hà Giang', key: 'errors:order.line.outOfStock', values: { available: '40 chai' } }] })

    expect(await ordersOf(buyer.id)).toHaveLength(0)
    expect(await cartLineCount(buyer.id)).toBe(2)
    expect(await prisma.product.findUniqueOrThrow({ where: { id: sauce.id }, select: { stock: true } })).toEqual({ stock: 30 })
    await prisma.product.update({ where: { id: sauce.id }, data: { moq: 5 } })
    await prisma.productTierPrice.updateMany({ where: { productId: sauce.id }, data: { minQuantity: 5 } })
  })

  test('wrong address, past date, tampered payment method and a missing token are refused with clear errors', async () => {
    await addToCart(buyer.id, honey.id, 10)
    const page = await checkoutPage()
    const post = (fields: Record<string, string>) => callRoute(checkoutRoute.action, owner.post('/vi/checkout', { token: page.token, paymentMethod: 'BANK_TRANSFER', ...fields }), { lang: 'vi' })
    const other = await buyerWithAddress()
    const foreign = await prisma.deliveryAddress.findFirstOrThrow({ where: { organizationId: other.id } })
    expect((await post({ deliveryAddressId: foreign.id })).data).toMatchObject({ fieldErrors: { deliveryAddressId: { key: 'errors:order.address.notFound' } } })
    expect((await post({ requestedDeliveryDate: '2020-01-01' })).data).toMatchObject({ fieldErrors: { requestedDeliveryDate: { key: 'errors:order.date.past' } } })
    expect((await post({ requestedDeliveryDate: '2026-02-30' })).data).toMatchObject({ fieldErrors: { requestedDeliveryDate: { key: 'errors:order.date.invalid' } } })
    expect((await post({ paymentMethod: 'CASH' })).data).toMatchObject({ problems: [{ key: 'cart:checkout.paymentInvalid' }] })
    expect((await post({ token: '' })).data).toMatchObject({ problems: [{ key: 'cart:checkout.tokenInvalid' }] })
    expect(await ordersOf(buyer.id)).toHaveLength(0)
    expect(await cartLineCount(buyer.id)).toBe(1)
  })

  test('two producers make two orders; the cart empties; submitting the page again places nothing more', async () => {
    await addToCart(buyer.id, honey.id, 50)
    await addToCart(buyer.id, sauce.id, 6)
    const page = await checkoutPage()
    expect(page.cart.groups).toHaveLength(2)
    expect(page.addresses).toMatchObject([{ label: 'DC Củ Chi', isDefault: true, province: expect.any(String) }])

    const form = { token: page.token, deliveryAddressId: page.addresses[0].id, requestedDeliveryDate: '', paymentMethod: 'BANK_TRANSFER' }
    const result = await callRoute(checkoutRoute.action, owner.post('/vi/checkout', form), { lang: 'vi' })
    expect(result.status).toBe(302)
    expect(result.location).toBe(`/vi/orgs/${buyer.slug}/orders`)
    const orders = await ordersOf(buyer.id)
    expect(orders.map((o) => [o.producerName, o.subtotalVnd, o.items.map((i) => i.quantity)])).toEqual([
      ['HTX Mèo Vạc', 11_500_000n, [50]],
      ['HTX Phú Quốc', 570_000n, [6]],
    ])
    expect(orders.every((o) => o.paymentMethod === 'BANK_TRANSFER' && o.requestedDeliveryDate === null)).toBe(true)
    const toast = await toastOf(result)
    expect(toast).toEqual({ key: 'cart:toast.placed.many', values: { count: '2', numbers: expect.any(String) } })
    expect(toast!.values!.numbers.split(', ').sort()).toEqual(orders.map((o) => o.number).sort())
    expect(await cartLineCount(buyer.id)).toBe(0)
    const events = await prisma.orderEvent.findMany({ where: { orderId: { in: orders.map((o) => o.id) } } })
    expect(events.map((e) => e.actorName)).toEqual(['Chị Lan', 'Chị Lan'])

    // The same page posted again (a double click): the first orders are named, no new ones.
    const twice = await callRoute(checkoutRoute.action, owner.post('/vi/checkout', form), { lang: 'vi' })
    expect(twice.status).toBe(302)
    expect(await toastOf(twice)).toMatchObject({ key: 'cart:toast.alreadyPlaced.many' })
    // A fresh page with an empty cart: nothing to order.
    const empty = await checkoutPage()
    expect(empty.cart.lineCount).toBe(0)
    const nothing = await callRoute(checkoutRoute.action, owner.post('/vi/checkout', { ...form, token: empty.token }), { lang: 'vi' })
    expect(nothing.status).toBe(302)
    expect(nothing.location).toBe('/vi/cart')
    expect(await toastOf(nothing)).toEqual({ key: 'cart:toast.nothingToOrder' })
    expect(await ordersOf(buyer.id)).toHaveLength(2)
    expect(await prisma.product.findUniqueOrThrow({ where: { id: honey.id }, select: { stock: true } })).toEqual({ stock: 70 })
    await prisma.order.deleteMany({ where: { buyerId: buyer.id } })
  })

  test('two submits of one page at the same time place one set of orders', async () => {
    await addToCart(buyer.id, honey.id, 10)
    const page = await checkoutPage()
    const form = { token: page.token, deliveryAddressId: page.addresses[0].id, paymentMethod: 'BANK_TRANSFER' }
    const results = await Promise.all([1, 2].map(() => callRoute(checkoutRoute.action, owner.post('/vi/checkout', form), { lang: 'vi' })))
    expect(results.map((r) => r.status)).toEqual([302, 302])
    expect(await ordersOf(buyer.id)).toHaveLength(1)
    await prisma.order.deleteMany({ where: { buyerId: buyer.id } })
  })
})
