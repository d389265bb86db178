import { describe, expect, test } from 'vitest'
import * as loginRoute from '~/routes/auth/login'
import { changePassword, login, requestPasswordReset, resetPassword, signup } from '~/modules/accounts/accounts.server'
import { drainOutbox } from '~/modules/outbox/outbox.server'
import '~/modules/notifications/notifications.server'
import { prisma } from '~/utils/db.server'
import { browserFor, callRoute, createUser } from '../utils/routes'

const formErrors = (data: unknown) => (data as { error?: Record<string, string[]> }).error?.[''] ?? []

describe('sign up', () => {
  test('with an email or a mobile number, normalised; the same identifier twice is refused', async () => {
    const a = await signup({ name: 'Lò Thị Mai', identifier: ' Mai.Lo@Example.COM ', password: 'mat-khau-an-toan', locale: 'vi' })
    expect(a.ok).toBe(true)
    expect((await prisma.user.findFirstOrThrow({ where: { name: 'Lò Thị Mai' } })).email).toBe('mai.lo@example.com')
    expect(await signup({ name: 'Other', identifier: 'mai.lo@example.com', password: 'mat-khau-an-toan', locale: 'vi' })).toEqual({
      ok: false,
      error: 'identifier.taken',
    })
    const b = await signup({ name: 'Vàng A Páo', identifier: '0912 345 678', password: 'mat-khau-an-toan', locale: 'en' })
    expect(b.ok).toBe(true)
    const user = await prisma.user.findFirstOrThrow({ where: { name: 'Vàng A Páo' } })
    expect(user).toMatchObject({ phone: '+84912345678', email: null, locale: 'en' })
    expect(user.passwordHash).toMatch(/^\$argon2id\$/)
  })
})

describe('log in', () => {
  test('email and phone both log in; a wrong identifier and a wrong password get the same error', async () => {
    await createUser({ email: 'buyer@example.com', password: 'right password' })
    await createUser({ phone: '+84987654321', password: 'right password' })
    expect((await login({ identifier: 'BUYER@example.com', password: 'right password', clientIp: '10.0.0.1' })).ok).toBe(true)
    expect((await login({ identifier: '098 765 4321', password: 'right password', clientIp: '10.0.0.1' })).ok).toBe(true)

    const browser = await browserFor()
    const wrongPassword = await callRoute(loginRoute.action, browser.post('/vi/login', { identifier: 'buyer@example.com', password: 'nope' }), { lang: 'vi' })
    const unknownUser = await callRoute(loginRoute.action, browser.post('/vi/login', { identifier: 'ghost@example.com', password: 'nope' }), { lang: 'vi' })
    expect(wrongPassword.status).toBe(400)
    expect(unknownUser.status).toBe(400)
    expect(formErrors(wrongPassword.data)).toEqual(['login.invalid'])
    expect(formErrors(unknownUser.data)).toEqual(formErrors(wrongPassword.data))
  })

  test('a successful login sets a signed, httpOnly, SameSite=Lax session cookie', async () => {
    await createUser({ email: 'cookie@example.com', password: 'right password' })
    const browser = await browserFor()
    const res = await callRoute(loginRoute.action, browser.post('/vi/login', { identifier: 'cookie@example.com', password: 'right password', redirectTo: '/vi/account' }), { lang: 'vi' })
    expect(res.status).toBe(302)
    expect(res.location).toBe('/vi/account')
    const cookie = res.headers.get('Set-Cookie')!
    expect(cookie).toMatch(/^__session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
  })

  test('an off-site redirectTo is ignored', async () => {
    await createUser({ email: 'redirect@example.com', password: 'right password' })
    const browser = await browserFor()
    const res = await callRoute(loginRoute.action, browser.post('/vi/login', { identifier: 'redirect@example.com', password: 'right password', redirectTo: '//evil.example/' }), { lang: 'vi' })
    expect(res.location).toBe('/vi')
  })

  test('attempts are limited per account, even with the right password afterwards', async () => {
    await createUser({ email: 'target@example.com', password: 'right password' })
    for (let i = 0; i < 5; i++) {
      expect(await login({ identifier: 'target@example.com', password: `guess ${i}`, clientIp: `10.1.0.${i}` })).toMatchObject({ error: 'login.invalid' })
    }
    const blocked = await login({ identifier: 'target@example.com', password: 'right password', clientIp: '10.1.0.99' })
    expect(blocked).toMatchObject({ ok: false, error: 'login.rateLimited' })
  })

  test('attempts are limited per IP across accounts', async () => {
    for (let i = 0; i < 30; i++) await login({ identifier: `nobody${i}@example.com`, password: 'x', clientIp: '10.2.0.1' })
    await createUser({ email: 'innocent@example.com', password: 'right password' })
    expect(await login({ identifier: 'innocent@example.com', password: 'right password', clientIp: '10.2.0.1' })).toMatchObject({ error: 'login.rateLimited' })
    expect((await login({ identifier: 'innocent@example.com', password: 'right password', clientIp: '10.2.0.2' })).ok).toBe(true)
  })

  test('the rate-limited answer is 429 through the form', async () => {
    const browser = await browserFor()
    let last
    for (let i = 0; i < 6; i++) last = await callRoute(loginRoute.action, browser.post('/vi/login', { identifier: 'spam@example.com', password: 'x' }), { lang: 'vi' })
    expect(last!.status).toBe(429)
    expect(formErrors(last!.data)).toEqual(['login.rateLimited'])
  })

  test('a post without the CSRF token is refused before anything happens', async () => {
    await createUser({ email: 'csrf@example.com', password: 'right password' })
    const browser = await browserFor()
    const before = await prisma.session.count()
    const res = await callRoute(loginRoute.action, browser.post('/vi/login', { identifier: 'csrf@example.com', password: 'right password' }, { csrf: false }), { lang: 'vi' })
    expect(res.status).toBe(403)
    expect(await prisma.session.count()).toBe(before)
  })

  test('bad input is refused with field errors and the identifier kept', async () => {
    const browser = await browserFor()
    const res = await callRoute(loginRoute.action, browser.post('/vi/login', { identifier: 'someone@example.com', password: '' }), { lang: 'vi' })
    expect(res.status).toBe(400)
    const reply = res.data as { error: Record<string, string[]>; initialValue: Record<string, string> }
    expect(reply.error.password).toEqual(['password.required'])
    expect(reply.initialValue.identifier).toBe('someone@example.com')
    expect(reply.initialValue.password).toBeUndefined()
  })
})

describe('password reset and change', () => {
  test('a reset link arrives through the outbox, works once, and ends every session', async () => {
    const user = await createUser({ email: 'forgot@example.com', password: 'old password' })
    await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 60_000) } })
    await requestPasswordReset('forgot@example.com', 'en')
    await requestPasswordReset('nobody-here@example.com', 'en') // says nothing, sends nothing
    expect(await prisma.outboxMessage.count()).toBe(1)
    await drainOutbox()
    const mail = await prisma.devMessage.findFirstOrThrow({ where: { to: 'forgot@example.com' } })
    expect(mail.subject).toMatch(/reset/i)
    const token = /token=([\w-]+)/.exec(mail.text)![1]

    expect(await resetPassword(token, 'brand new password')).toMatchObject({ ok: true })
    expect(await resetPassword(token, 'another password')).toMatchObject({ ok: false, error: 'reset.invalidToken' })
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect((await login({ identifier: 'forgot@example.com', password: 'brand new password', clientIp: '10.3.0.1' })).ok).toBe(true)
    expect((await login({ identifier: 'forgot@example.com', password: 'old password', clientIp: '10.3.0.1' })).ok).toBe(false)
  })

  test('a phone-only account gets its reset link by SMS', async () => {
    await createUser({ phone: '+84971112233' })
    await requestPasswordReset('0971 112 233', 'vi')
    await drainOutbox()
    const sms = await prisma.devMessage.findFirstOrThrow({ where: { to: '+84971112233' } })
    expect(sms.channel).toBe('SMS')
    expect(sms.text).toContain('/vi/reset-password?token=')
  })

  test('changing the password needs the current one and signs out other sessions', async () => {
    const user = await createUser({ password: 'current password' })
    const keep = await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 60_000) } })
    await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 60_000) } })
    expect(await changePassword({ userId: user.id, sessionId: keep.id, currentPassword: 'wrong', password: 'new password 1' })).toMatchObject({ ok: false })
    expect(await changePassword({ userId: user.id, sessionId: keep.id, currentPassword: 'current password', password: 'new password 1' })).toMatchObject({ ok: true })
    expect(await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([{ id: keep.id }])
  })
})
