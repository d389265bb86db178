// The buyer's delivery addresses page (/:lang/orgs/:slug/addresses) through its real loader and action (guards,
// CSRF, Conform validation, toasts): add, edit, make default, delete, the limit, redirectTo, and who may do what.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { DELIVERY_ADDRESS_LIMIT } from '~/modules/delivery-addresses/schemas'
import * as addressesRoute from '~/routes/orgs/addresses'
import { prisma } from '~/utils/db.server'
import { sessionStorage } from '~/utils/session.server'
import { makeOrg } from '../catalog/fixtures'
import { browserFor, callRoute, createUser, type RouteResult } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = Awaited<ReturnType<typeof makeOrg>>
type Reply = { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> }
type PageData = {
  addresses: { id: string; label: string; phone: string; province: string; isDefault: boolean }[]
  can: { create: boolean; update: boolean; delete: boolean }
  full: boolean
  editId: string | null
  redirectTo: string | null
}

let buyer: Org
let producer: Org
let otherBuyer: Org
let owner: Browser
let member: Browser
let viewer: Browser
let producerOwner: Browser
let stranger: Browser

const pathOf = (org: Org, query = '') => `/vi/orgs/${org.slug}/addresses${query}`
const paramsOf = (org: Org) => ({ lang: 'vi', slug: org.slug })
const load = (browser: Browser, org: Org = buyer, query = '') => callRoute(addressesRoute.loader, browser.get(pathOf(org, query)), paramsOf(org))
const post = (browser: Browser, fields: Record<string, string>, org: Org = buyer, opts: { csrf?: boolean } = {}) =>
  callRoute(addressesRoute.action, browser.post(pathOf(org), fields, opts), paramsOf(org))

/** A complete address form as the browser posts it (the checkbox is absent when unticked). */
function addressForm(overrides: Record<string, string> = {}) {
  return {
    intent: 'create',
    label: 'DC Củ Chi',
    recipientName: 'Nguyễn Văn Kho',
    phone: '0912 345 678',
    addressLine: 'Lô B2, KCN Tân Phú Trung',
    commune: 'Xã Tân An Hội',
    province: '79',
    ...overrides,
  }
}

const addressesOf = (org: Org) =>
  prisma.deliveryAddress.findMany({ where: { organizationId: org.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })

/** The one-time message the redirect carries. */
async function toastOf(res: { headers: Headers }) {
  const setCookie = res.headers.get('Set-Cookie') ?? ''
  const session = await sessionStorage().getSession(setCookie.split(';')[0])
  return session.get('toast') as { key: string; values?: Record<string, string>; type?: string } | undefined
}

const locales = Object.fromEntries(
  ['vi', 'en'].flatMap((lang) =>
    ['errors', 'addresses'].map((ns) => [`${lang}:${ns}`, JSON.parse(readFileSync(path.resolve(`app/locales/${lang}/${ns}.json`), 'utf8')) as unknown]),
  ),
)

/** The text of a key such as 'deliveryAddress.phone.invalid' (errors) or 'addresses:toast.created', or undefined. */
function translate(lang: 'vi' | 'en', key: string): string | undefined {
  const [ns, rest] = key.includes(':') ? key.split(':') : ['errors', key]
  let node: unknown = locales[`${lang}:${ns}`]
  for (const part of rest.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  return typeof node === 'string' ? node : undefined
}

function expectTranslated(key: string) {
  expect(translate('vi', key), `${key} in vi`).toBeTruthy()
  expect(translate('en', key), `${key} in en`).toBeTruthy()
}

/** A 400 whose `field` carries the translated `key` and whose initialValue keeps what was typed. */
function expectFieldError(res: RouteResult, field: string, key: string, typed: Record<string, string>) {
  expect(res.status).toBe(400)
  const reply = (res.data as { result: Reply }).result
  expect(reply.status).toBe('error')
  expect(reply.error?.[field], `errors on ${field}: ${JSON.stringify(reply.error)}`).toContain(key)
  expectTranslated(key)
  for (const [name, value] of Object.entries(typed)) expect(reply.initialValue?.[name], `initialValue.${name}`).toBe(value)
}

beforeAll(async () => {
  const [ownerUser, memberUser, viewerUser, producerUser, strangerUser] = await Promise.all([
    createUser(),
    createUser(),
    createUser(),
    createUser(),
    createUser(),
  ])
  buyer = await makeOrg('BUYER', { memberId: ownerUser.id })
  producer = await makeOrg('PRODUCER', { memberId: producerUser.id })
  otherBuyer = await makeOrg('BUYER', { memberId: strangerUser.id })
  await prisma.membership.createMany({
    data: [
      { organizationId: buyer.id, userId: memberUser.id, role: 'MEMBER' },
      { organizationId: buyer.id, userId: viewerUser.id, role: 'VIEWER' },
    ],
  })
  owner = await browserFor(ownerUser.id)
  member = await browserFor(memberUser.id)
  viewer = await browserFor(viewerUser.id)
  producerOwner = await browserFor(producerUser.id)
  stranger = await browserFor(strangerUser.id)
})

beforeEach(async () => {
  await prisma.deliveryAddress.deleteMany({ where: { organizationId: { in: [buyer.id, otherBuyer.id] } } })
})

describe('the owner of a buyer organisation', () => {
  test('sees an empty list and may do everything', async () => {
    const res = await load(owner)
    expect(res.status).toBe(200)
    const page = res.data as PageData
    expect(page.addresses).toEqual([])
    expect(page.can).toEqual({ create: true, update: true, delete: true })
    expect(page.full).toBe(false)
    expect(page.redirectTo).toBeNull()
  })

  test('adds a first address, which becomes the default; the list shows it formatted', async () => {
    const res = await post(owner, addressForm())
    expect(res.status).toBe(302)
    expect(res.location).toBe(pathOf(buyer))
    expect(await toastOf(res)).toEqual({ key: 'addresses:toast.created', values: { label: 'DC Củ Chi' } })
    expectTranslated('addresses:toast.created')

    const [saved] = await addressesOf(buyer)
    expect(saved).toMatchObject({ label: 'DC Củ Chi', phone: '+84912345678', provinceCode: '79', isDefault: true })

    const page = (await load(owner)).data as PageData
    expect(page.addresses).toEqual([expect.objectContaining({ id: saved.id, phone: '0912 345 678', province: 'TP. Hồ Chí Minh', isDefault: true })])
  })

  test('adds a second address, not the default unless ticked; ticking moves the default', async () => {
    await post(owner, addressForm())
    expect((await post(owner, addressForm({ label: 'Kho lạnh Long Biên', province: '01', phone: '024 3825 1234' }))).status).toBe(302)
    let rows = await addressesOf(buyer)
    expect(rows.map((r) => [r.label, r.isDefault, r.phone])).toEqual([
      ['DC Củ Chi', true, '+84912345678'],
      ['Kho lạnh Long Biên', false, '+842438251234'],
    ])

    expect((await post(owner, addressForm({ label: 'DC Bình Dương', isDefault: 'on' }))).status).toBe(302)
    rows = await addressesOf(buyer)
    expect(rows.filter((r) => r.isDefault).map((r) => r.label)).toEqual(['DC Bình Dương'])
    // The default comes first on the page.
    const page = (await load(owner)).data as PageData
    expect(page.addresses[0]).toMatchObject({ label: 'DC Bình Dương', isDefault: true })
    expect(page.addresses.find((a) => a.label === 'Kho lạnh Long Biên')?.phone).toBe('024 3825 1234')
  })

  test('a bad phone keeps what was typed, with a translated error; nothing is saved', async () => {
    const typed = addressForm({ phone: '12345' })
    const res = await post(owner, typed)
    expectFieldError(res, 'phone', 'deliveryAddress.phone.invalid', {
      label: typed.label,
      recipientName: typed.recipientName,
      phone: '12345',
      commune: typed.commune,
    })
    expect(await addressesOf(buyer)).toEqual([])
  })

  test('an unknown or missing province is refused with a translated error', async () => {
    const res = await post(owner, addressForm({ province: '02' }))
    expectFieldError(res, 'province', 'deliveryAddress.province.invalid', { province: '02', label: 'DC Củ Chi' })
    const missing = await post(owner, addressForm({ province: '', label: '' }))
    expectFieldError(missing, 'province', 'deliveryAddress.province.required', { recipientName: 'Nguyễn Văn Kho' })
    expectFieldError(missing, 'label', 'deliveryAddress.label.required', {})
    expect(await addressesOf(buyer)).toEqual([])
  })

  test('edits an address through ?edit=<id>; an emptied field is refused, not skipped', async () => {
    await post(owner, addressForm())
    const [address] = await addressesOf(buyer)
    expect(((await load(owner, buyer, `?edit=${address.id}`)).data as PageData).editId).toBe(address.id)
    expect(((await load(owner, buyer, '?edit=nope')).data as PageData).editId).toBeNull()

    const emptied = await post(owner, addressForm({ intent: 'update', id: address.id, label: '', commune: 'Phường Mới' }))
    expectFieldError(emptied, 'label', 'deliveryAddress.label.required', { commune: 'Phường Mới' })
    expect(emptied.data).toMatchObject({ intent: 'update', id: address.id })
    expect((await addressesOf(buyer))[0].label).toBe('DC Củ Chi')

    const res = await post(owner, addressForm({ intent: 'update', id: address.id, label: 'DC Củ Chi (mới)', phone: '0987654321' }))
    expect(res.status).toBe(302)
    expect(await toastOf(res)).toEqual({ key: 'addresses:toast.updated', values: { label: 'DC Củ Chi (mới)' } })
    expect((await addressesOf(buyer))[0]).toMatchObject({ label: 'DC Củ Chi (mới)', phone: '+84987654321', isDefault: true })
  })

  test('"make default" moves the badge', async () => {
    await post(owner, addressForm({ label: 'A' }))
    await post(owner, addressForm({ label: 'B' }))
    const [a, b] = await addressesOf(buyer)
    const res = await post(owner, { intent: 'setDefault', id: b.id })
    expect(res.status).toBe(302)
    expect(await toastOf(res)).toEqual({ key: 'addresses:toast.defaultSet', values: { label: 'B' } })
    const page = (await load(owner)).data as PageData
    expect(page.addresses.map((x) => [x.id, x.isDefault])).toEqual([
      [b.id, true],
      [a.id, false],
    ])
  })

  test('deletes an address; deleting the default makes the newest remaining one the default', async () => {
    await post(owner, addressForm({ label: 'A' }))
    await post(owner, addressForm({ label: 'B' }))
    await post(owner, addressForm({ label: 'C' }))
    const [a, b, c] = await addressesOf(buyer)

    const plain = await post(owner, { intent: 'delete', id: b.id })
    expect(plain.status).toBe(302)
    expect(await toastOf(plain)).toEqual({ key: 'addresses:toast.deleted', values: { label: 'B' } })

    const ofDefault = await post(owner, { intent: 'delete', id: a.id })
    expect(await toastOf(ofDefault)).toEqual({ key: 'addresses:toast.deletedNewDefault', values: { label: 'A', newDefault: 'C' } })
    expectTranslated('addresses:toast.deletedNewDefault')
    expect((await addressesOf(buyer)).map((r) => [r.id, r.isDefault])).toEqual([[c.id, true]])

    const last = await post(owner, { intent: 'delete', id: c.id })
    expect(await toastOf(last)).toEqual({ key: 'addresses:toast.deleted', values: { label: 'C' } })
    expect(await addressesOf(buyer)).toEqual([])
  })

  test("another organisation's address is not found through this page and stays as it was", async () => {
    await post(stranger, addressForm({ label: 'Kho của người khác' }), otherBuyer)
    const [theirs] = await addressesOf(otherBuyer)
    for (const fields of [
      { intent: 'delete', id: theirs.id },
      { intent: 'setDefault', id: theirs.id },
      addressForm({ intent: 'update', id: theirs.id, label: 'Đã bị sửa' }),
    ]) {
      const res = await post(owner, fields)
      expect(res.status).toBe(302)
      expect(res.location).toBe(pathOf(buyer))
      expect(await toastOf(res)).toEqual({ key: 'addresses:errors.notFound', type: 'error' })
    }
    expectTranslated('addresses:errors.notFound')
    expect(await addressesOf(otherBuyer)).toEqual([theirs])
  })

  test('a post without the CSRF token or with an unknown intent changes nothing', async () => {
    expect((await post(owner, addressForm(), buyer, { csrf: false })).status).toBe(403)
    expect((await post(owner, addressForm({ intent: 'wipe' }))).status).toBe(400)
    expect(await addressesOf(buyer)).toEqual([])
  })
})

describe('redirectTo', () => {
  test('after an add, the buyer goes back to the page that sent them (checkout)', async () => {
    const page = (await load(owner, buyer, '?redirectTo=/vi/checkout')).data as PageData
    expect(page.redirectTo).toBe('/vi/checkout')
    const res = await post(owner, addressForm({ redirectTo: '/vi/checkout' }))
    expect(res.status).toBe(302)
    expect(res.location).toBe('/vi/checkout')
    expect(await addressesOf(buyer)).toHaveLength(1)
  })

  test('other changes stay on this page, keeping where to return', async () => {
    await post(owner, addressForm())
    const [address] = await addressesOf(buyer)
    const res = await post(owner, { intent: 'delete', id: address.id, redirectTo: '/vi/checkout' })
    expect(res.location).toBe(`${pathOf(buyer)}?redirectTo=%2Fvi%2Fcheckout`)
  })

  test.each(['https://evil.example/phish', '//evil.example/phish', '/\\evil.example'])('an external redirectTo (%s) is ignored', async (target) => {
    expect(((await load(owner, buyer, `?${new URLSearchParams({ redirectTo: target })}`)).data as PageData).redirectTo).toBeNull()
    const res = await post(owner, addressForm({ redirectTo: target }))
    expect(res.status).toBe(302)
    expect(res.location).toBe(pathOf(buyer))
  })
})

describe('the limit', () => {
  test(`at ${DELIVERY_ADDRESS_LIMIT} addresses the page says so and an add is refused with a translated message`, async () => {
    await prisma.deliveryAddress.createMany({
      data: Array.from({ length: DELIVERY_ADDRESS_LIMIT }, (_, i) => ({
        organizationId: buyer.id,
        label: `Kho ${i + 1}`,
        recipientName: 'Thủ kho',
        phone: '+84912345678',
        addressLine: `Số ${i + 1}`,
        commune: 'Phường Bến Thành',
        provinceCode: '79',
        isDefault: i === 0,
      })),
    })
    expect(((await load(owner)).data as PageData).full).toBe(true)
    const res = await post(owner, addressForm({ label: 'Một kho nữa' }))
    expect(res.status).toBe(400)
    const reply = (res.data as { result: Reply }).result
    expect(reply.error?.['']).toEqual(['addresses:errors.limitReached'])
    expect(reply.initialValue?.label).toBe('Một kho nữa')
    expectTranslated('addresses:errors.limitReached')
    expectTranslated('addresses:limitReached')
    expect(await prisma.deliveryAddress.count({ where: { organizationId: buyer.id } })).toBe(DELIVERY_ADDRESS_LIMIT)
  })
})

describe('who may see and change the addresses', () => {
  test('a MEMBER may add', async () => {
    const res = await post(member, addressForm())
    expect(res.status).toBe(302)
    expect(await addressesOf(buyer)).toHaveLength(1)
  })

  test('a VIEWER reads the list without the actions, and every change is a 403', async () => {
    await post(owner, addressForm({ label: 'A' }))
    await post(owner, addressForm({ label: 'B' }))
    const [, b] = await addressesOf(buyer)
    const res = await load(viewer, buyer, `?edit=${b.id}`)
    expect(res.status).toBe(200)
    const page = res.data as PageData
    expect(page.addresses).toHaveLength(2)
    expect(page.can).toEqual({ create: false, update: false, delete: false })
    expect(page.editId).toBeNull()

    const before = await addressesOf(buyer)
    for (const fields of [
      addressForm({ label: 'C' }),
      addressForm({ intent: 'update', id: b.id, label: 'Đã bị sửa' }),
      { intent: 'setDefault', id: b.id },
      { intent: 'delete', id: b.id },
    ]) {
      expect((await post(viewer, fields)).status, fields.intent).toBe(403)
    }
    expect(await addressesOf(buyer)).toEqual(before)
  })

  test("a producer organisation has no addresses page: 404, even for its owner", async () => {
    expect((await load(producerOwner, producer)).status).toBe(404)
    expect((await post(producerOwner, addressForm(), producer)).status).toBe(404)
    expect(await prisma.deliveryAddress.count({ where: { organizationId: producer.id } })).toBe(0)
  })

  test('a non-member gets a 404 and changes nothing', async () => {
    await post(owner, addressForm())
    const [address] = await addressesOf(buyer)
    expect((await load(stranger)).status).toBe(404)
    expect((await post(stranger, addressForm({ label: 'Kho lạ' }))).status).toBe(404)
    expect((await post(stranger, { intent: 'delete', id: address.id })).status).toBe(404)
    expect(await addressesOf(buyer)).toEqual([address])
  })

  test('signed out: the page sends to login and comes back', async () => {
    const res = await load(await browserFor())
    expect(res.status).toBe(302)
    expect(res.location).toBe(`/vi/login?${new URLSearchParams({ redirectTo: pathOf(buyer) })}`)
  })
})
