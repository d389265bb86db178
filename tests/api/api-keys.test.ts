// API keys on the owners' page: who may see, create and revoke them, and that a created key works on the
// API until it is revoked.
import { beforeAll, describe, expect, test } from 'vitest'
import '~/modules/notifications/notifications.server'
import * as meRoute from '~/routes/api/v1/me'
import * as keysPage from '~/routes/orgs/api-keys'
import { prisma } from '~/utils/db.server'
import { callApi, organizationWithKey } from '../utils/api'
import { browserFor, callRoute, createUser } from '../utils/routes'

type Org = Awaited<ReturnType<typeof organizationWithKey>>
type Browser = Awaited<ReturnType<typeof browserFor>>
let a: Org
let b: Org
let ownerA: Browser
let memberA: Browser

beforeAll(async () => {
  ;[a, b] = await Promise.all([organizationWithKey('BUYER', 'Siêu thị A'), organizationWithKey('BUYER', 'Chuỗi B Bí Mật')])
  const member = await createUser({ name: 'Thành Viên A' })
  await prisma.membership.create({ data: { userId: member.id, organizationId: a.organization.id, role: 'MEMBER' } })
  ownerA = await browserFor(a.owner.id)
  memberA = await browserFor(member.id)
})

const pageOf = (org: Org) => `/vi/orgs/${org.organization.slug}/api-keys`
const paramsOf = (org: Org) => ({ lang: 'vi', slug: org.organization.slug })
const keysSnapshot = () => prisma.apiKey.findMany({ orderBy: { id: 'asc' }, omit: { lastUsedAt: true } })

describe('the API keys page', () => {
  test('an owner creates a key: it is shown once in the answer, works on /api/v1/me, and is audited', async () => {
    const res = await callRoute(keysPage.action, ownerA.post(pageOf(a), { intent: 'create', name: 'SAP mua hàng' }), paramsOf(a))
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const { created } = res.data as { created: { name: string; key: string } }
    expect(created.name).toBe('SAP mua hàng')
    expect(created.key).toMatch(/^cvm_/)

    const me = await callApi(meRoute, '/api/v1/me', { key: created.key })
    expect(me.status).toBe(200)
    expect(me.body.slug).toBe(a.organization.slug)

    const page = await callRoute(keysPage.loader, ownerA.get(pageOf(a)), paramsOf(a))
    expect(page.status).toBe(200)
    const keys = (page.data as { keys: { name: string; prefix: string; createdBy: string | null; lastUsedAt: string | null }[] }).keys
    const listed = keys.find((k) => k.name === 'SAP mua hàng')!
    expect(created.key.startsWith(listed.prefix)).toBe(true)
    expect(listed.createdBy).toBe(a.owner.name)
    expect(listed.lastUsedAt).not.toBeNull()
    expect(JSON.stringify(page.data)).not.toContain(created.key)

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'api-key.create' }, orderBy: { id: 'desc' } })
    expect(audit).toMatchObject({ actor: `user:${a.owner.id}`, target: `organization:${a.organization.slug}` })
    expect(JSON.stringify(audit.details)).not.toContain(created.key)
  })

  test('a name is required; the error comes back with status 400 and nothing is created', async () => {
    const before = await prisma.apiKey.count()
    const res = await callRoute(keysPage.action, ownerA.post(pageOf(a), { intent: 'create', name: '   ' }), paramsOf(a))
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.data)).toContain('apiKey.name.required')
    expect(await prisma.apiKey.count()).toBe(before)
  })

  test('an owner revokes a key: it answers 401 from then on; revoking it again only says so', async () => {
    const res = await callRoute(keysPage.action, ownerA.post(pageOf(a), { intent: 'revoke', id: a.apiKey.id }), paramsOf(a))
    expect(res.status).toBe(302)
    expect(res.location).toBe(pageOf(a))
    expect((await callApi(meRoute, '/api/v1/me', { key: a.key })).status).toBe(401)
    expect(await prisma.auditLog.findFirst({ where: { action: 'api-key.revoke', actor: `user:${a.owner.id}` } })).not.toBeNull()

    const again = await callRoute(keysPage.action, ownerA.post(pageOf(a), { intent: 'revoke', id: a.apiKey.id }), paramsOf(a))
    expect(again.status).toBe(302)
  })

  test('an owner of A can neither list nor revoke B\'s keys, by either page (404, nothing changed)', async () => {
    const before = await keysSnapshot()
    const list = await callRoute(keysPage.loader, ownerA.get(pageOf(b)), paramsOf(b))
    expect(list.status).toBe(404)
    expect(JSON.stringify(list.data)).not.toContain('Chuỗi B Bí Mật')

    const viaB = await callRoute(keysPage.action, ownerA.post(pageOf(b), { intent: 'revoke', id: b.apiKey.id }), paramsOf(b))
    expect(viaB.status).toBe(404)
    const viaA = await callRoute(keysPage.action, ownerA.post(pageOf(a), { intent: 'revoke', id: b.apiKey.id }), paramsOf(a))
    expect(viaA.status).toBe(404)
    const createInB = await callRoute(keysPage.action, ownerA.post(pageOf(b), { intent: 'create', name: 'Lén' }), paramsOf(b))
    expect(createInB.status).toBe(404)

    expect(await keysSnapshot()).toEqual(before)
    expect((await callApi(meRoute, '/api/v1/me', { key: b.key })).status).toBe(200)
  })

  test('a MEMBER of A gets 403 on A\'s keys page, for seeing, creating and revoking', async () => {
    const before = await keysSnapshot()
    expect((await callRoute(keysPage.loader, memberA.get(pageOf(a)), paramsOf(a))).status).toBe(403)
    expect((await callRoute(keysPage.action, memberA.post(pageOf(a), { intent: 'create', name: 'Của tôi' }), paramsOf(a))).status).toBe(403)
    const key = await prisma.apiKey.findFirstOrThrow({ where: { organizationId: a.organization.id, revokedAt: null } })
    expect((await callRoute(keysPage.action, memberA.post(pageOf(a), { intent: 'revoke', id: key.id }), paramsOf(a))).status).toBe(403)
    expect(await keysSnapshot()).toEqual(before)
  })

  test('nobody signed in is sent to log in; a post without the CSRF token is refused', async () => {
    const anonymous = await browserFor()
    const res = await callRoute(keysPage.loader, anonymous.get(pageOf(a)), paramsOf(a))
    expect(res.status).toBe(302)
    expect(res.location).toMatch(/^\/vi\/login\?/)
    const before = await keysSnapshot()
    const forged = await callRoute(keysPage.action, ownerA.post(pageOf(a), { intent: 'create', name: 'x' }, { csrf: false }), paramsOf(a))
    expect(forged.status).toBe(403)
    expect(await keysSnapshot()).toEqual(before)
  })
})
