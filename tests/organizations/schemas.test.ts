import { parseWithZod } from '@conform-to/zod'
import { describe, expect, test } from 'vitest'
import { formatOrgPhone, normalizeOrgPhone } from '~/modules/organizations/phone'
import { InviteSchema, OrganizationSchema, OrganizationUpdateSchema } from '~/modules/organizations/schemas'

const form = (fields: Record<string, string>) => {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.append(k, v)
  return fd
}

const producer = {
  kind: 'PRODUCER',
  legalForm: 'COOPERATIVE',
  legalName: 'Hợp tác xã Chè Shan Tuyết Đồng Văn',
  displayName: 'HTX Chè Shan Tuyết Đồng Văn',
  taxCode: '0100 109 106',
  addressLine: 'Thôn Lũng Cú',
  commune: 'Xã Đồng Văn',
  provinceCode: '08',
  formerProvinceCode: '02',
  regionType: 'MOUNTAIN',
  phone: '0219 385 1234',
  descriptionVi: 'Chè Shan tuyết cổ thụ.',
}

const errorsOf = (fields: Record<string, string>, schema: typeof OrganizationSchema | typeof OrganizationUpdateSchema = OrganizationSchema) => {
  const submission = parseWithZod(form(fields), { schema })
  return submission.status === 'success' ? {} : (submission.reply().error ?? {})
}

describe('organisation phone numbers', () => {
  test.each([
    ['0912 345 678', '+84912345678'],
    ['024 3825 1234', '+842438251234'],
    ['(028) 3822 1234', '+842838221234'],
    ['0219.385.1234', '+842193851234'],
    ['+84 24 3825 1234', '+842438251234'],
  ])('reads %j as %s', (input, e164) => {
    expect(normalizeOrgPhone(input)).toBe(e164)
  })

  test.each([['1900 1234'], ['024 382'], ['0112345678'], ['not a phone']])('refuses %j', (input) => {
    expect(normalizeOrgPhone(input)).toBeNull()
  })

  test('formats landlines by their area code, mobiles as usual', () => {
    expect(formatOrgPhone('+842438251234')).toBe('024 3825 1234')
    expect(formatOrgPhone('+842193851234')).toBe('0219 385 1234')
    expect(formatOrgPhone('+84912345678')).toBe('0912 345 678')
  })
})

describe('OrganizationSchema', () => {
  test('a complete producer parses, with the tax code and phone normalised', () => {
    const submission = parseWithZod(form(producer), { schema: OrganizationSchema })
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value).toMatchObject({ taxCode: '0100109106', phone: '+842193851234', regionType: 'MOUNTAIN' })
  })

  test('required fields report their own message keys', () => {
    expect(errorsOf({})).toMatchObject({
      kind: ['org.kind.required'],
      legalForm: ['org.legalForm.required'],
      legalName: ['org.legalName.required'],
      displayName: ['org.displayName.required'],
      taxCode: ['org.taxCode.required'],
      addressLine: ['org.addressLine.required'],
      commune: ['org.commune.required'],
      provinceCode: ['org.province.required'],
      phone: ['org.phone.required'],
    })
  })

  test('a mistyped tax code is told apart from a wrong format', () => {
    expect(errorsOf({ ...producer, taxCode: '0100109107' }).taxCode).toEqual(['org.taxCode.checkDigit'])
    expect(errorsOf({ ...producer, taxCode: '01001091' }).taxCode).toEqual(['org.taxCode.invalid'])
  })

  test('a 12-digit personal ID is a tax code only for household businesses and individuals', () => {
    expect(errorsOf({ ...producer, taxCode: '002203012345' }).taxCode).toEqual(['org.taxCode.personalIdNotAllowed'])
    expect(errorsOf({ ...producer, legalForm: 'HOUSEHOLD_BUSINESS', taxCode: '002203012345' }).taxCode).toBeUndefined()
  })

  test('the province must be one of the 34, and the former province must lie in it', () => {
    expect(errorsOf({ ...producer, provinceCode: '02' }).provinceCode).toEqual(['org.province.invalid'])
    expect(errorsOf({ ...producer, formerProvinceCode: '15' }).formerProvinceCode).toEqual(['org.formerProvince.mismatch'])
    expect(errorsOf({ ...producer, provinceCode: '15', formerProvinceCode: '15' })).toEqual({})
  })

  test('the payout account is all three fields or none, for producers only', () => {
    expect(errorsOf({ ...producer, bankName: 'Agribank' })).toEqual({
      bankAccountNumber: ['org.bank.incomplete'],
      bankAccountHolder: ['org.bank.incomplete'],
    })
    expect(errorsOf({ ...producer, bankName: 'Agribank', bankAccountNumber: '8300 2050 12345', bankAccountHolder: 'HTX CHE SHAN TUYET' })).toEqual({})
    expect(errorsOf({ ...producer, bankName: 'Agribank', bankAccountNumber: '12AB', bankAccountHolder: 'X' }).bankAccountNumber).toEqual([
      'org.bank.accountNumberInvalid',
    ])
    expect(errorsOf({ ...producer, kind: 'BUYER', bankName: 'Agribank' })).toEqual({})
  })

  test('the update schema has no kind and still checks the payout account', () => {
    const { kind: _kind, ...update } = producer
    expect(errorsOf(update, OrganizationUpdateSchema)).toEqual({})
    expect(errorsOf({ ...update, bankAccountHolder: 'X' }, OrganizationUpdateSchema)).toMatchObject({ bankName: ['org.bank.incomplete'] })
  })

  test('descriptions are at most 5000 characters', () => {
    expect(errorsOf({ ...producer, descriptionEn: 'x'.repeat(5001) }).descriptionEn).toEqual(['org.description.tooLong'])
  })
})

describe('InviteSchema', () => {
  test('takes an email or a mobile and a role', () => {
    expect(parseWithZod(form({ identifier: 'mai@example.com', role: 'MEMBER' }), { schema: InviteSchema }).status).toBe('success')
    const bad = parseWithZod(form({ identifier: 'nope', role: 'ADMIN' }), { schema: InviteSchema })
    expect(bad.status).toBe('error')
    expect(bad.reply().error).toMatchObject({ identifier: ['identifier.invalid'], role: ['org.invite.roleRequired'] })
  })
})
