// Tier pricing and certificate expiry: pure rules shared by pages, the API and (later) orders.
import { describe, expect, test } from 'vitest'
import { activeCertifications, addMonths, isCertificationActive, todayInHcm } from '~/modules/catalog/certifications'
import { lineTotalFor, unitPriceFor } from '~/modules/catalog/pricing'

describe('unitPriceFor', () => {
  const tiers = [
    { minQuantity: 50, unitPriceVnd: 230_000n },
    { minQuantity: 10, unitPriceVnd: 250_000n },
    { minQuantity: 200, unitPriceVnd: 200_000n },
  ]

  test('below the MOQ there is no price', () => {
    expect(unitPriceFor(tiers, 9)).toBeNull()
    expect(unitPriceFor(tiers, 0)).toBeNull()
  })

  test("a tier's price applies to the whole quantity, from its break up to the next", () => {
    expect(unitPriceFor(tiers, 10)).toBe(250_000n)
    expect(unitPriceFor(tiers, 49)).toBe(250_000n)
    expect(unitPriceFor(tiers, 50)).toBe(230_000n)
    expect(unitPriceFor(tiers, 199)).toBe(230_000n)
    expect(unitPriceFor(tiers, 200)).toBe(200_000n)
    expect(unitPriceFor(tiers, 1_000_000)).toBe(200_000n)
    expect(lineTotalFor(tiers, 50)).toBe(11_500_000n)
  })

  test('quantities are whole numbers', () => {
    expect(unitPriceFor(tiers, 10.5)).toBeNull()
    expect(unitPriceFor([], 10)).toBeNull()
  })
})

describe('certificate expiry at midnight in Asia/Ho_Chi_Minh', () => {
  const cert = { expiresAt: new Date('2026-05-01T00:00:00Z') } // as Prisma reads a @db.Date

  test('a certificate expiring on 1 May 2026 counts until 23:59:59 on 30 April, Vietnam time', () => {
    expect(isCertificationActive(cert, new Date('2026-04-30T16:59:59Z'))).toBe(true)
    expect(isCertificationActive(cert, new Date('2026-04-30T17:00:00Z'))).toBe(false)
    expect(isCertificationActive(cert, new Date('2026-05-01T12:00:00Z'))).toBe(false)
  })

  test('the same from a date string or a serialised Date', () => {
    expect(isCertificationActive({ expiresAt: '2026-05-01' }, new Date('2026-04-30T16:59:59Z'))).toBe(true)
    expect(isCertificationActive({ expiresAt: '2026-05-01' }, new Date('2026-04-30T17:00:00Z'))).toBe(false)
    expect(isCertificationActive({ expiresAt: '2026-05-01T00:00:00.000Z' }, new Date('2026-04-30T17:00:00Z'))).toBe(false)
  })

  test('no expiry date: active', () => {
    expect(isCertificationActive({ expiresAt: null })).toBe(true)
  })

  test('activeCertifications keeps the valid ones in order', () => {
    const list = [
      { type: 'OCOP', expiresAt: '2026-05-01' },
      { type: 'VIETGAP', expiresAt: null },
      { type: 'ORGANIC', expiresAt: '2026-04-30' },
    ]
    expect(activeCertifications(list, new Date('2026-04-29T17:00:00Z')).map((c) => c.type)).toEqual(['OCOP', 'VIETGAP'])
  })

  test("today's date is Vietnam's", () => {
    expect(todayInHcm(new Date('2026-04-30T16:59:59Z'))).toBe('2026-04-30')
    expect(todayInHcm(new Date('2026-04-30T17:00:00Z'))).toBe('2026-05-01')
  })

  test('months are added on the calendar', () => {
    expect(addMonths('2023-05-01', 36)).toBe('2026-05-01')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2024-11-15', 2)).toBe('2025-01-15')
  })
})
