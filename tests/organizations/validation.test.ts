// Bad input through the real actions: a 400 with a translated error key on the right field, what the
// user typed handed back to the form, and nothing written.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import '~/modules/notifications/notifications.server'
import { createOrganization } from '~/modules/organizations/organizations.server'
import { OrganizationSchema } from '~/modules/organizations/schemas'
import * as signupRoute from '~/routes/auth/signup'
import * as membersRoute from '~/routes/orgs/members'
import * as newRoute from '~/routes/orgs/new'
import * as settingsRoute from '~/routes/orgs/settings'
import { prisma } from '~/utils/db.server'
import { browserFor, callRoute, createUser, type RouteResult } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Reply = { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> }

const locales = Object.fromEntries(
  ['vi', 'en'].map((lang) => [lang, JSON.parse(readFileSync(path.resolve(`app/locales/${lang}/errors.json`), 'utf8')) as unknown]),
)

/** The text of an `errors` key such as 'org.taxCode.invalid', or undefined when the key is missing. */
function translate(lang: 'vi' | 'en', key: string): string | undefined {
  let node: unknown = locales[lang]
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  return typeof node === 'string' ? node : undefined
}

/** A 400 whose `field` carries `key` (translated in both languages) and whose initialValue keeps what was typed. */
function expectFieldError(res: RouteResult, field: string, key: string, typed?: Record<string, string>) {
  expect(res.status).toBe(400)
  const reply = res.data as Reply
  expect(reply.status).toBe('error')
  expect(reply.error?.[field], `errors on ${field}: ${JSON.stringify(reply.error)}`).toContain(key)
  expect(translate('vi', key), `errors:${key} in vi`).toBeTruthy()
  expect(translate('en', key), `errors:${key} in en`).toBeTruthy()
  // Conform leaves an empty field out of initialValue; the form then shows it empty, as it was sent.
  for (const [name, value] of Object.entries(typed ?? {})) expect(reply.initialValue?.[name] ?? '', `initialValue.${name}`).toBe(value)
}

test('the key helper resolves nested keys and misses unknown ones', () => {
  expect(translate('en', 'org.taxCode.invalid')).toMatch(/10 digits/)
  expect(translate('vi', 'org.taxCode.invalid')).toBeTruthy()
  expect(translate('en', 'org.taxCode.nope')).toBeUndefined()
  expect(translate('en', 'org.taxCode')).toBeUndefined()
})

// ── The organisation forms ──────────────────────────────────────────────────────────────────────────

const validCreate: Record<string, string> = {
  kind: 'PRODUCER',
  legalForm: 'COOPERATIVE',
  legalName: 'Hợp tác xã Mật ong Bạc hà Mèo Vạc',
  displayName: 'HTX Mật ong Mèo Vạc',
  taxCode: '0100109106',
  addressLine: 'Thôn Pả Vi Hạ',
  commune: 'Xã Mèo Vạc',
  provinceCode: '08',
  formerProvinceCode: '02',
  regionType: 'BORDER',
  phone: '0912 345 678',
  descriptionVi: 'Mật ong bạc hà.',
  bankName: 'Agribank',
  bankAccountNumber: '8300205012345',
  bankAccountHolder: 'HTX MAT ONG MEO VAC',
}

/** [what, fields changed, field with the error, expected key] — shared by the create and settings forms. */
const badOrganizationInput: [string, Record<string, string>, string, string][] = [
  ['an empty legal name', { legalName: '' }, 'legalName', 'org.legalName.required'],
  ['a legal name of spaces only', { legalName: '    ' }, 'legalName', 'org.legalName.required'],
  ['an empty display name', { displayName: '' }, 'displayName', 'org.displayName.required'],
  ['an empty commune', { commune: '' }, 'commune', 'org.commune.required'],
  ['no province', { provinceCode: '', formerProvinceCode: '' }, 'provinceCode', 'org.province.required'],
  ['a display name of 101 characters', { displayName: 'Đ'.repeat(101) }, 'displayName', 'org.displayName.tooLong'],
  ['a description of 5001 characters', { descriptionVi: 'ạ'.repeat(5001) }, 'descriptionVi', 'org.description.tooLong'],
  ['a phone number "12345"', { phone: '12345' }, 'phone', 'org.phone.invalid'],
  ['a phone number "0912"', { phone: '0912' }, 'phone', 'org.phone.invalid'],
  ['a tax code "123"', { taxCode: '123' }, 'taxCode', 'org.taxCode.invalid'],
  ['a tax code with a wrong check digit', { taxCode: '0100109107' }, 'taxCode', 'org.taxCode.checkDigit'],
  ['a branch tax code with a two-digit suffix', { taxCode: '0100109106-01' }, 'taxCode', 'org.taxCode.invalid'],
  ['a 12-digit personal ID for a cooperative', { legalForm: 'COOPERATIVE', taxCode: '002203012345' }, 'taxCode', 'org.taxCode.personalIdNotAllowed'],
  ['an unknown province code "99"', { provinceCode: '99', formerProvinceCode: '' }, 'provinceCode', 'org.province.invalid'],
]

describe('the create form (orgs/new)', () => {
  let browser: Browser
  let userId: string
  beforeAll(async () => {
    userId = (await createUser()).id
    browser = await browserFor(userId)
  })
  const post = (fields: Record<string, string>, opts?: { csrf?: boolean }) =>
    callRoute(newRoute.action, browser.post('/vi/orgs/new', fields, opts), { lang: 'vi' })
  const counts = async () => ({ organizations: await prisma.organization.count(), memberships: await prisma.membership.count() })

  test('the valid form used below does create an organisation (so each failure below is caused by its one change)', async () => {
    const res = await post({ ...validCreate, taxCode: '0100109113', displayName: 'HTX Hợp Lệ' })
    expect(res.status).toBe(302)
    expect(await prisma.organization.count({ where: { taxCode: '0100109113' } })).toBe(1)
  })

  for (const [what, change, field, key] of badOrganizationInput) {
    test(`${what}: 400, ${key} on ${field}, the form keeps what was typed, nothing written`, async () => {
      const before = await counts()
      const fields = { ...validCreate, ...change }
      const res = await post(fields)
      expectFieldError(res, field, key, { [field]: fields[field], legalName: fields.legalName, phone: fields.phone, taxCode: fields.taxCode })
      expect(await counts()).toEqual(before)
    })
  }

  test('several mistakes at once are all reported, each on its field', async () => {
    const res = await post({ ...validCreate, legalName: '', phone: '0912', taxCode: '123' })
    expectFieldError(res, 'legalName', 'org.legalName.required')
    expectFieldError(res, 'phone', 'org.phone.invalid', { phone: '0912' })
    expectFieldError(res, 'taxCode', 'org.taxCode.invalid', { taxCode: '123' })
  })

  test('a missing CSRF token is a 403 and nothing is written', async () => {
    const before = await counts()
    const res = await post({ ...validCreate, taxCode: '0100109120', displayName: 'HTX Không CSRF' }, { csrf: false })
    expect(res.status).toBe(403)
    expect(await counts()).toEqual(before)
    expect(await prisma.organization.count({ where: { displayName: 'HTX Không CSRF' } })).toBe(0)
  })
})

describe('the settings form', () => {
  let browser: Browser
  let org: { id: string; slug: string }
  const validUpdate: Record<string, string> = { ...validCreate, intent: 'profile', taxCode: '0100109138' }
  delete validUpdate.kind
  beforeAll(async () => {
    const owner = await createUser()
    const created = await createOrganization(owner.id, OrganizationSchema.parse({ ...validCreate, taxCode: '0100109138', displayName: 'HTX Cài Đặt' }))
    if (!created.ok) throw new Error(created.error)
    org = created.organization
    browser = await browserFor(owner.id)
  })
  const post = (fields: Record<string, string>, opts?: { csrf?: boolean }) =>
    callRoute(settingsRoute.action, browser.post(`/vi/orgs/${org.slug}/settings`, fields, opts), { lang: 'vi', slug: org.slug })
  const row = () => prisma.organization.findUniqueOrThrow({ where: { id: org.id }, omit: { logoWebp: true } })

  for (const [what, change, field, key] of badOrganizationInput) {
    test(`${what}: 400, ${key} on ${field}, the form keeps what was typed, the organisation is unchanged`, async () => {
      const before = await row()
      const fields = { ...validUpdate, ...change }
      const res = await post(fields)
      expect((res.data as { intent?: string }).intent).toBe('profile')
      expectFieldError({ ...res, data: (res.data as { result: unknown }).result }, field, key, { [field]: fields[field], commune: fields.commune })
      expect(await row()).toEqual(before)
    })
  }

  test('a missing CSRF token is a 403 and the organisation is unchanged', async () => {
    const before = await row()
    const res = await post({ ...validUpdate, displayName: 'Đổi tên không CSRF' }, { csrf: false })
    expect(res.status).toBe(403)
    expect(await row()).toEqual(before)
  })

  test('the same form, valid, does save (so each failure above is caused by its one change)', async () => {
    const res = await post({ ...validUpdate, displayName: 'HTX Đã Đổi Tên' })
    expect(res.status).toBe(302)
    expect((await row()).displayName).toBe('HTX Đã Đổi Tên')
  })
})

describe('the invite form', () => {
  let browser: Browser
  let org: { id: string; slug: string }
  beforeAll(async () => {
    const owner = await createUser()
    const created = await createOrganization(owner.id, OrganizationSchema.parse({ ...validCreate, taxCode: '0100109145', displayName: 'HTX Mời' }))
    if (!created.ok) throw new Error(created.error)
    org = created.organization
    browser = await browserFor(owner.id)
  })
  const post = (fields: Record<string, string>, opts?: { csrf?: boolean }) =>
    callRoute(membersRoute.action, browser.post(`/vi/orgs/${org.slug}/members`, { intent: 'invite', ...fields }, opts), { lang: 'vi', slug: org.slug })
  const counts = async () => ({ invitations: await prisma.invitation.count(), outbox: await prisma.outboxMessage.count() })

  for (const [what, identifier, key] of [
    ['a malformed email "a@b"', 'a@b', 'identifier.invalid'],
    ['a malformed phone "0123"', '0123', 'identifier.invalid'],
    ['an empty identifier', '', 'identifier.required'],
  ] as const) {
    test(`${what}: 400, ${key}, kept in the form, no invitation and no message queued`, async () => {
      const before = await counts()
      const res = await post({ identifier, role: 'MEMBER' })
      expectFieldError(res, 'identifier', key, identifier ? { identifier, role: 'MEMBER' } : { role: 'MEMBER' })
      expect(await counts()).toEqual(before)
    })
  }

  test('an unknown role: 400 with its key, nothing queued', async () => {
    const before = await counts()
    expectFieldError(await post({ identifier: 'ok@example.com', role: 'ADMIN' }), 'role', 'org.invite.roleRequired', { identifier: 'ok@example.com' })
    expect(await counts()).toEqual(before)
  })

  test('a missing CSRF token is a 403 and nothing is queued', async () => {
    const before = await counts()
    expect((await post({ identifier: 'ok@example.com', role: 'MEMBER' }, { csrf: false })).status).toBe(403)
    expect(await counts()).toEqual(before)
  })

  test('a valid invitation does go through (so each failure above is caused by its input)', async () => {
    const res = await post({ identifier: 'ok@example.com', role: 'MEMBER' })
    expect(res.status).toBe(302)
    expect(await prisma.invitation.count({ where: { organizationId: org.id } })).toBe(1)
    expect(await prisma.outboxMessage.count()).toBeGreaterThan(0)
  })
})

// ── Sign-up ─────────────────────────────────────────────────────────────────────────────────────────

describe('the signup form', () => {
  const validSignup = { name: 'Lò Văn Tâm', identifier: 'tam.lo@example.com', password: 'mat-khau-an-toan', confirmPassword: 'mat-khau-an-toan' }
  const post = async (fields: Record<string, string>, opts?: { csrf?: boolean }) =>
    callRoute(signupRoute.action, (await browserFor()).post('/vi/signup', fields, opts), { lang: 'vi' })

  for (const [what, change, field, key] of [
    ['an empty name', { name: '' }, 'name', 'name.required'],
    ['a name of 101 characters', { name: 'Ơ'.repeat(101) }, 'name', 'name.tooLong'],
    ['a malformed email "a@b"', { identifier: 'a@b' }, 'identifier', 'identifier.invalid'],
    ['a malformed phone "0123"', { identifier: '0123' }, 'identifier', 'identifier.invalid'],
    ['a password of 7 characters', { password: 'ngan123', confirmPassword: 'ngan123' }, 'password', 'password.tooShort'],
    ['a confirmation that does not match', { confirmPassword: 'mat-khau-khac' }, 'confirmPassword', 'password.mismatch'],
  ] as const) {
    test(`${what}: 400, ${key} on ${field}, name and identifier kept, passwords not echoed, no user`, async () => {
      const fields: Record<string, string> = { ...validSignup, ...change }
      const before = await prisma.user.count()
      const res = await post(fields)
      expectFieldError(res, field, key, { name: fields.name, identifier: fields.identifier })
      const initialValue = (res.data as Reply).initialValue ?? {}
      expect(initialValue.password).toBeUndefined()
      expect(initialValue.confirmPassword).toBeUndefined()
      expect(await prisma.user.count()).toBe(before)
    })
  }

  test('a missing CSRF token is a 403 and no user is created', async () => {
    const before = await prisma.user.count()
    expect((await post(validSignup, { csrf: false })).status).toBe(403)
    expect(await prisma.user.count()).toBe(before)
    expect(await prisma.user.count({ where: { email: validSignup.identifier } })).toBe(0)
  })

  test('the valid form does create the account (so each failure above is caused by its one change)', async () => {
    const res = await post(validSignup)
    expect(res.status).toBe(302)
    expect(await prisma.user.count({ where: { email: 'tam.lo@example.com' } })).toBe(1)
  })
})
