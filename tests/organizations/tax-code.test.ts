import { describe, expect, test } from 'vitest'
import { hasTaxCodeShape, isValidTaxCode, normalizeTaxCode, taxCodeKind } from '~/modules/organizations/tax-code'

describe('normalizeTaxCode', () => {
  test('strips the spaces people type between groups of digits', () => {
    expect(normalizeTaxCode(' 0100 109 106 ')).toBe('0100109106')
    expect(normalizeTaxCode('0100109106 - 001')).toBe('0100109106-001')
  })
})

describe('isValidTaxCode', () => {
  test.each([['0100109106'], ['0300588569'], ['0100 109 106'], ['0100109106-001'], ['0300588569-999']])(
    'accepts %j (its check digit matches)',
    (code) => {
      expect(isValidTaxCode(code)).toBe(true)
    },
  )

  test.each([['0100109105'], ['0100109107'], ['0300588560']])('refuses %j: wrong check digit', (code) => {
    expect(hasTaxCodeShape(code)).toBe(true)
    expect(isValidTaxCode(code)).toBe(false)
  })

  test('refuses every 10th digit when the weighted sum is a multiple of 11 (the check would be 10)', () => {
    // 0·31 + … = 0, and 10 − 0 = 10 has no digit.
    for (let d = 0; d <= 9; d++) expect(isValidTaxCode(`000000000${d}`)).toBe(false)
  })

  test('a branch code needs a valid parent code and a unit number 001–999', () => {
    expect(isValidTaxCode('0100109107-001')).toBe(false)
    expect(isValidTaxCode('0100109106-000')).toBe(false)
    expect(isValidTaxCode('0100109106-01')).toBe(false)
    expect(isValidTaxCode('0100109106-0001')).toBe(false)
  })

  test('accepts a 12-digit personal ID number (household businesses since July 2025)', () => {
    expect(isValidTaxCode('001203012345')).toBe(true)
    expect(taxCodeKind('001 203 012 345')).toBe('personalId')
  })

  test.each([[''], ['010010910'], ['01001091061'], ['0100109106-'], ['01001O9106'], ['0100109106/001'], ['+84100109106'], ['1234567890123']])(
    'refuses %j: not a tax code shape',
    (code) => {
      expect(hasTaxCodeShape(code)).toBe(false)
      expect(isValidTaxCode(code)).toBe(false)
    },
  )
})

describe('taxCodeKind', () => {
  test('tells enterprise, branch and personal ID apart', () => {
    expect(taxCodeKind('0100109106')).toBe('enterprise')
    expect(taxCodeKind('0100109106-002')).toBe('branch')
    expect(taxCodeKind('079203012345')).toBe('personalId')
    expect(taxCodeKind('0100109107')).toBeNull()
  })
})
