import { describe, expect, test } from 'vitest'
import { formatPhone, normalizeEmail, normalizePhone, parseIdentifier } from '~/modules/accounts/identifier'

describe('normalizePhone', () => {
  test.each([
    ['0912345678'],
    ['+84 912 345 678'],
    ['84912345678'],
    ['0912.345.678'],
    ['0912-345-678'],
    ['(+84) 912 345 678'],
    ['  0912 345 678  '],
  ])('reads the mobile number %j as +84912345678', (input) => {
    expect(normalizePhone(input)).toBe('+84912345678')
  })

  test.each([['0312345678'], ['0512345678'], ['0712345678'], ['0812345678'], ['0987654321']])(
    'accepts the mobile prefix of %j',
    (input) => {
      expect(normalizePhone(input)).toBe(`+84${input.slice(1)}`)
    },
  )

  test.each([
    ['02438251234', 'a Hà Nội landline'],
    ['+842438251234', 'a landline in international form'],
    ['0112345678', 'an unassigned prefix'],
    ['0412345678', 'an unassigned prefix'],
    ['091234567', 'one digit short'],
    ['09123456789', 'one digit long'],
    ['84912345', 'too short after 84'],
    ['849123456789', 'too long after 84'],
    ['912345678', 'no leading 0 or country code'],
    ['+1 415 555 0100', 'a foreign number'],
    ['0912abc678', 'letters'],
    ['', 'empty'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizePhone(input)).toBeNull()
  })
})

describe('normalizeEmail', () => {
  test('lower-cases and trims', () => {
    expect(normalizeEmail('  Mua.Hang@Coopmart.VN ')).toBe('mua.hang@coopmart.vn')
  })

  test.each([['no-at-sign.vn'], ['a@b'], ['a@b.c'], ['two words@example.com'], ['@example.com'], ['a@@example.com']])(
    'refuses %j',
    (input) => {
      expect(normalizeEmail(input)).toBeNull()
    },
  )

  test('refuses addresses longer than 254 characters', () => {
    expect(normalizeEmail(`${'a'.repeat(250)}@example.com`)).toBeNull()
  })
})

describe('parseIdentifier', () => {
  test('an email address becomes { email }', () => {
    expect(parseIdentifier('HTX.Che@Example.com')).toEqual({ email: 'htx.che@example.com' })
  })

  test('a mobile number becomes { phone } in E.164', () => {
    expect(parseIdentifier(' 0912 345 678 ')).toEqual({ phone: '+84912345678' })
    expect(parseIdentifier('+84 912 345 678')).toEqual({ phone: '+84912345678' })
  })

  test.each([['hello'], ['0243 825 1234'], ['not an email@'], ['   '], ['12345'], ['user@localhost']])(
    'refuses %j',
    (input) => {
      expect(parseIdentifier(input)).toBeNull()
    },
  )
})

describe('formatPhone', () => {
  test('shows an E.164 number in the national form people read', () => {
    expect(formatPhone('+84912345678')).toBe('0912 345 678')
  })
})
