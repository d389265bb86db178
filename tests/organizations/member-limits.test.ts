// Members' roles and spending limits on the members page (issue 7), through its real loader and action: the
// owner sets a member's role and limits per order and per month (whole đồng, VAT included, empty = none),
// bad amounts are refused with a translated message keeping what was typed, purchasing roles exist only in
// buyer organisations, the last owner stays an owner, and the limits then decide which orders wait.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { MemberRole } from '~/generated/prisma/enums'
import { ensureCategories } from '~/modules/catalog/categories.server'
import '~/modules/notifications/notifications.server'
import { placeOrders } from '~/modules/orders/place-orders.server'
import * as membersRoute from '~/routes/orgs/members'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerWithAddress, product } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser, type RouteResult } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = Awaited<ReturnType<typeof makeOrg>>
type Reply = { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> }
type PageData = Awaited<ReturnType<typeof membersRoute.loader>>

const locales = Object.fromEntries(
  ['vi', 'en'].flatMap((lang) =>
    ['orgs', 'errors'].map((ns) => [`${lang}:${ns}`, JSON.parse(readFileSync(path.resolve(`app/locales/${lang}/${ns}.json`), 'utf8')) as unknown]),
  ),
)

/** The text of a key as the page's ErrorList reads it: 'orgs:members.errors.x', or an `errors` key. */
function translate(lang: 'vi' | 'en', key: string): string | undefined {
  const [ns, rest] = key.includes(':') ? key.split(':') : ['errors', key]
  let node: unknown = locales[`${lang}:${ns}`]
  for (const part of rest.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  return typeof node === 'string' ? node : undefined
}

let buyer: Org
let producer: Org
let ownerBrowser: Browser
let producerOwner: Browser
const memberships: Record<string, string> = {}
const browsers: Record<string, Browser> = {}
const users: Record<string, string> = {}

async function join(key: string, organizationId: string, role: MemberRole, name: string) {
  const user = await createUser({ name })
  const membership = await prisma.membership.create({ data: { userId: user.id, organizationId, role } })
  memberships[key] = membership.id
  users[key] = user.id
  browsers[key] = await browserFor(user.id)
  return browsers[key]
}

const post = (browser: Browser, org: Org, fields: Record<string, string>) =>
  callRoute(membersRoute.action, browser.post(`/vi/orgs/${org.slug}/members`, fields), { lang: 'vi', slug: org.slug })
const update = (browser: Browser, org: Org, key: string, fields: Record<string, string>) => post(browser, org, { intent: 'update', id: memberships[key], ...fields })
const page = async (browser: Browser, org: Org) => (await callRoute(membersRoute.loader, browser.get(`/vi/orgs/${org.slug}/members`), { lang: 'vi', slug: org.slug })).data as PageData
const membershipOf = (key: string) => prisma.membership.findUniqueOrThrow({ where: { id: memberships[key] } })

/** A 400 whose `field` carries `key` (translated in both languages) and whose initialValue keeps what was typed. */
function expectFieldError(res: RouteResult, field: string, key: string, typed: Record<string, string>) {
  expect(res.status).toBe(400)
  const reply = res.data as Reply
  expect(reply.error?.[field], `errors on ${field}: ${JSON.stringify(reply.error)}`).toContain(key)
  expect(translate('vi', key), `${key} in vi`).toBeTruthy()
  expect(translate('en', key), `${key} in en`).toBeTruthy()
  for (const [name, value] of Object.entries(typed)) expect(reply.initialValue?.[name], `initialValue.${name}`).toBe(value)
}

beforeAll(async () => {
  await ensureCategories()
  buyer = await buyerWithAddress('Siêu thị Sài Gòn')
  producer = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc' })
  ownerBrowser = await join('owner', buyer.id, 'OWNER', 'Chị Mai')
  await join('minh', buyer.id, 'MEMBER', 'Anh Minh')
  await join('hoa', buyer.id, 'APPROVER', 'Chị Hoa')
  await join('viewer', buyer.id, 'VIEWER', 'Kế toán Lan')
  producerOwner = await join('producerOwner', producer.id, 'OWNER', 'Anh Sùng')
  await join('producerMember', producer.id, 'MEMBER', 'Chị Dí')
})

describe('the owner sets roles and limits', () => {
  test('purchaser with limits typed "50.000.000" and "200000000": saved as whole đồng and shown in the list', async () => {
    const res = await update(ownerBrowser, buyer, 'minh', { role: 'PURCHASER', orderLimit: '50.000.000', monthlyLimit: '200000000' })
    expect(res.status).toBe(302)
    expect(res.location).toBe(`/vi/orgs/${buyer.slug}/members`)
    expect(await membershipOf('minh')).toMatchObject({ role: 'PURCHASER', orderLimitVnd: 50_000_000n, monthlyLimitVnd: 200_000_000n })

    const data = await page(ownerBrowser, buyer)
    expect(data.canManage).toBe(true)
    expect(data.roles).toEqual(['OWNER', 'MEMBER', 'VIEWER', 'PURCHASER', 'APPROVER'])
    expect(data.members.find((m) => m.id === memberships.minh)).toMatchObject({ role: 'PURCHASER', orderLimitVnd: '50000000', monthlyLimitVnd: '200000000' })
    // Other members see the roles and limits too, without the forms.
    const asViewer = await page(browsers.viewer, buyer)
    expect(asViewer.canManage).toBe(false)
    expect(asViewer.members.find((m) => m.id === memberships.minh)?.orderLimitVnd).toBe('50000000')
  })

  test('emptying a limit removes it; other spellings of an amount are read the same', async () => {
    expect((await update(ownerBrowser, buyer, 'minh', { role: 'PURCHASER', orderLimit: '1 500 000 đ', monthlyLimit: '' })).status).toBe(302)
    expect(await membershipOf('minh')).toMatchObject({ orderLimitVnd: 1_500_000n, monthlyLimitVnd: null })
    expect((await update(ownerBrowser, buyer, 'minh', { role: 'APPROVER' })).status).toBe(302)
    expect(await membershipOf('minh')).toMatchObject({ role: 'APPROVER', orderLimitVnd: null, monthlyLimitVnd: null })
  })

  for (const [what, typed, key] of [
    ['zero', '0', 'orgs:members.errors.limitNotPositive'],
    ['a negative amount', '-50.000', 'orgs:members.errors.limitNotPositive'],
    ['a fraction', '1,5', 'orgs:members.errors.limitInvalid'],
    ['a fraction with thousands', '50.000.000,5', 'orgs:members.errors.limitInvalid'],
    ['words', 'năm triệu', 'orgs:members.errors.limitInvalid'],
    ['an absurd amount', '1.000.000.000.001', 'orgs:members.errors.limitTooLarge'],
  ] as const) {
    test(`${what} ("${typed}") is refused with a translated message, what was typed is kept, nothing changes`, async () => {
      const before = await membershipOf('hoa')
      const monthly = await update(ownerBrowser, buyer, 'hoa', { role: 'PURCHASER', orderLimit: '2.000.000', monthlyLimit: typed })
      expectFieldError(monthly, 'monthlyLimit', key, { role: 'PURCHASER', orderLimit: '2.000.000', monthlyLimit: typed })
      const perOrder = await update(ownerBrowser, buyer, 'hoa', { role: 'PURCHASER', orderLimit: typed })
      expectFieldError(perOrder, 'orderLimit', key, { orderLimit: typed })
      expect(await membershipOf('hoa')).toEqual(before)
    })
  }

  test('an unknown role or member is refused', async () => {
    expectFieldError(await update(ownerBrowser, buyer, 'hoa', { role: 'ADMIN' }), 'role', 'org.invite.roleRequired', { role: 'ADMIN' })
    const res = await post(ownerBrowser, buyer, { intent: 'update', id: memberships.producerMember, role: 'VIEWER' })
    // Another organisation's membership is not found here, and is left alone.
    expect(res.status).toBe(302)
    expect((await membershipOf('producerMember')).role).toBe('MEMBER')
  })
})

describe('who may change roles and limits', () => {
  test('members who are not owners get 403, and nothing changes', async () => {
    for (const key of ['hoa', 'viewer', 'minh']) {
      const before = await membershipOf('viewer')
      const res = await update(browsers[key], buyer, 'viewer', { role: 'OWNER', orderLimit: '' })
      expect(res.status, key).toBe(403)
      expect(await membershipOf('viewer')).toEqual(before)
    }
    expect((await page(browsers.hoa, buyer)).canManage).toBe(false)
  })

  test('an owner of another organisation: 404', async () => {
    const res = await update(producerOwner, buyer, 'viewer', { role: 'OWNER' })
    expect(res.status).toBe(404)
    expect((await membershipOf('viewer')).role).toBe('VIEWER')
  })

  test('the last owner cannot stop being one; with a second owner it can', async () => {
    const res = await update(ownerBrowser, buyer, 'owner', { role: 'MEMBER' })
    expectFieldError(res, 'role', 'orgs:members.errors.lastOwner', { role: 'MEMBER' })
    expect((await membershipOf('owner')).role).toBe('OWNER')
    expect((await update(ownerBrowser, buyer, 'viewer', { role: 'OWNER' })).status).toBe(302)
    expect((await update(ownerBrowser, buyer, 'owner', { role: 'APPROVER' })).status).toBe(302)
    expect((await membershipOf('owner')).role).toBe('APPROVER')
    // Now an approver, no longer allowed to manage members; the new owner puts things back.
    expect((await update(ownerBrowser, buyer, 'owner', { role: 'OWNER' })).status).toBe(403)
    expect((await update(browsers.viewer, buyer, 'owner', { role: 'OWNER' })).status).toBe(302)
  })
})

describe('a producer organisation', () => {
  test('offers no purchasing roles and refuses them, in the role form and in an invitation', async () => {
    const data = await page(producerOwner, producer)
    expect(data.roles).toEqual(['OWNER', 'MEMBER', 'VIEWER'])
    for (const role of ['PURCHASER', 'APPROVER']) {
      const res = await update(producerOwner, producer, 'producerMember', { role })
      expectFieldError(res, 'role', 'orgs:members.errors.roleBuyerOnly', { role })
      const invite = await post(producerOwner, producer, { intent: 'invite', identifier: 'moi@htx.vn', role })
      expectFieldError(invite, 'role', 'orgs:members.errors.roleBuyerOnly', { identifier: 'moi@htx.vn', role })
    }
    expect((await membershipOf('producerMember')).role).toBe('MEMBER')
    expect(await prisma.invitation.count({ where: { organizationId: producer.id } })).toBe(0)
    // Its members' roles still change; limits are not theirs (producers do not place orders).
    expect((await update(producerOwner, producer, 'producerMember', { role: 'VIEWER', orderLimit: '5.000.000' })).status).toBe(302)
    expect(await membershipOf('producerMember')).toMatchObject({ role: 'VIEWER', orderLimitVnd: null })
  })
})

test('the limits the owner sets decide which of the member’s orders wait for approval', async () => {
  const seller = await makeOrg('PRODUCER')
  const honey = await product(seller.id, { stock: 1000 }) // 10 jars: 2,625,000 with VAT
  expect((await update(ownerBrowser, buyer, 'minh', { role: 'PURCHASER', orderLimit: '2.625.000' })).status).toBe(302)
  const place = async (jars: number) => {
    const result = await placeOrders({ buyerId: buyer.id, actor: { userId: users.minh, name: 'Anh Minh' }, items: [{ productId: honey, quantity: jars }] })
    if (!result.ok) throw new Error(result.error)
    return (await prisma.order.findUniqueOrThrow({ where: { id: result.orderIds[0] } })).status
  }
  expect(await place(10)).toBe('PLACED')
  expect(await place(11)).toBe('PENDING_APPROVAL')
  expect((await update(ownerBrowser, buyer, 'minh', { role: 'PURCHASER', orderLimit: '' })).status).toBe(302)
  expect(await place(11)).toBe('PLACED')
})
