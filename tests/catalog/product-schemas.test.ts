// The rules of a product listing, as the form (through Conform), the CSV import and the API apply them.
import { parseWithZod } from '@conform-to/zod'
import { describe, expect, test } from 'vitest'
import { ProductFormSchema, ProductInputSchema, QuickEditSchema, parseUsdCents, parseVnd, vatRateCode, vatRateFromCode } from '~/modules/catalog/product-schemas'

/** A valid product as the API would send it. */
const valid = () => ({
  sku: 'MO-BH-500',
  nameVi: 'Mật ong bạc hà Hà Giang',
  nameEn: 'Hà Giang mint honey',
  descriptionVi: 'Mật ong hoa bạc hà Cao nguyên đá Đồng Văn.',
  categorySlug: 'flower-honey',
  unit: 'BOTTLE',
  packSize: 'Chai 500 ml',
  moq: 10,
  tierPrices: [
    { minQuantity: 10, unitPriceVnd: 250_000n },
    { minQuantity: 50, unitPriceVnd: 230_000n },
  ],
  vatRate: 'FIVE',
  madeToOrder: false,
  stock: 120,
  harvestMonths: [11, 12, 1],
  provinceCode: '08',
  formerProvinceCode: '02',
  regionType: 'MOUNTAIN',
  certifications: [] as unknown[],
  exportReady: false,
})

/** Field path → messages of a failed parse. */
function errorsOf(input: unknown) {
  const result = ProductInputSchema.safeParse(input)
  expect(result.success).toBe(false)
  const errors: Record<string, string[]> = {}
  for (const issue of result.error!.issues) (errors[issue.path.join('.')] ??= []).push(issue.message)
  return errors
}

const parse = (input: unknown) => {
  const result = ProductInputSchema.safeParse(input)
  if (!result.success) throw new Error(JSON.stringify(result.error.issues))
  return result.data
}

describe('a valid product', () => {
  test('parses, with harvest months sorted and the stock kept', () => {
    const product = parse(valid())
    expect(product.harvestMonths).toEqual([1, 11, 12])
    expect(product.stock).toBe(120)
    expect(product.tierPrices).toEqual([
      { minQuantity: 10, unitPriceVnd: 250_000n },
      { minQuantity: 50, unitPriceVnd: 230_000n },
    ])
  })

  test('a made-to-order product needs a lead time and keeps no stock', () => {
    expect(errorsOf({ ...valid(), madeToOrder: true, stock: undefined })).toEqual({ leadTimeDays: ['product.leadTime.required'] })
    const product = parse({ ...valid(), madeToOrder: true, stock: 5, leadTimeDays: 14 })
    expect(product.stock).toBeUndefined()
    expect(product.leadTimeDays).toBe(14)
  })

  test('a product in stock needs its stock figure (0 is fine)', () => {
    expect(errorsOf({ ...valid(), stock: undefined })).toEqual({ stock: ['product.stock.required'] })
    expect(parse({ ...valid(), stock: 0 }).stock).toBe(0)
    expect(errorsOf({ ...valid(), stock: -1 })).toEqual({ stock: ['product.stock.min'] })
  })
})

describe('prices', () => {
  test('a negative or zero price is refused', () => {
    expect(errorsOf({ ...valid(), tierPrices: [{ minQuantity: 10, unitPriceVnd: 0n }] })).toEqual({
      'tierPrices.0.unitPriceVnd': ['product.tiers.price.positive'],
    })
    expect(errorsOf({ ...valid(), tierPrices: [{ minQuantity: 10, unitPriceVnd: -5000n }] })).toEqual({
      'tierPrices.0.unitPriceVnd': ['product.tiers.price.positive'],
    })
    expect(errorsOf({ ...valid(), usdPriceCents: 0n })).toEqual({ usdPriceCents: ['product.usdPrice.positive'] })
  })

  test('tier quantities must strictly increase', () => {
    const tiers = [
      { minQuantity: 10, unitPriceVnd: 250_000n },
      { minQuantity: 10, unitPriceVnd: 240_000n },
    ]
    expect(errorsOf({ ...valid(), tierPrices: tiers })).toEqual({ 'tierPrices.1.minQuantity': ['product.tiers.quantityOrder'] })
    const down = [
      { minQuantity: 10, unitPriceVnd: 250_000n },
      { minQuantity: 100, unitPriceVnd: 240_000n },
      { minQuantity: 50, unitPriceVnd: 230_000n },
    ]
    expect(errorsOf({ ...valid(), tierPrices: down })).toEqual({ 'tierPrices.2.minQuantity': ['product.tiers.quantityOrder'] })
  })

  test('a larger quantity may not cost more per unit; the same price is fine', () => {
    const up = [
      { minQuantity: 10, unitPriceVnd: 250_000n },
      { minQuantity: 50, unitPriceVnd: 260_000n },
    ]
    expect(errorsOf({ ...valid(), tierPrices: up })).toEqual({ 'tierPrices.1.unitPriceVnd': ['product.tiers.priceOrder'] })
    const flat = [
      { minQuantity: 10, unitPriceVnd: 250_000n },
      { minQuantity: 50, unitPriceVnd: 250_000n },
    ]
    expect(parse({ ...valid(), tierPrices: flat }).tierPrices).toHaveLength(2)
  })

  test('the first tier starts at the MOQ', () => {
    expect(errorsOf({ ...valid(), moq: 5 })).toEqual({ 'tierPrices.0.minQuantity': ['product.tiers.firstIsMoq'] })
  })

  test('at least one tier', () => {
    expect(errorsOf({ ...valid(), tierPrices: [] })).toEqual({ tierPrices: ['product.tiers.required'] })
  })

  test('prices are typed the way people write them', () => {
    expect(parseVnd('120.000')).toBe(120_000n)
    expect(parseVnd('120,000 đ')).toBe(120_000n)
    expect(parseVnd('1 250 000₫')).toBe(1_250_000n)
    expect(parseVnd('120000 VND')).toBe(120_000n)
    expect(parseVnd('120000.5')).toBeNull()
    expect(parseVnd('abc')).toBeNull()
    expect(parseUsdCents('12.50')).toBe(1250n)
    expect(parseUsdCents('12,5')).toBe(1250n)
    expect(parseUsdCents('$1,234.56')).toBe(123_456n)
    expect(parseUsdCents('7')).toBe(700n)
    expect(parseUsdCents('1.234')).toBeNull()
  })
})

describe('quantities', () => {
  test('the MOQ is at least 1', () => {
    expect(errorsOf({ ...valid(), moq: 0, tierPrices: [{ minQuantity: 1, unitPriceVnd: 1000n }] })).toEqual({ moq: ['product.moq.min'] })
  })

  test('quantities are whole numbers of the sale unit', () => {
    expect(errorsOf({ ...valid(), moq: 2.5 })).toEqual({ moq: ['product.moq.whole'] })
    expect(errorsOf({ ...valid(), moq: '10,5' })).toEqual({ moq: ['product.moq.whole'] })
    expect(
      errorsOf({
        ...valid(),
        tierPrices: [
          { minQuantity: 10, unitPriceVnd: 250_000n },
          { minQuantity: 20.5, unitPriceVnd: 240_000n },
        ],
      }),
    ).toEqual({ 'tierPrices.1.minQuantity': ['product.tiers.quantity.whole'] })
    expect(errorsOf({ ...valid(), stock: 1.5 })).toEqual({ stock: ['product.stock.whole'] })
  })

  test('thousands separators are read as thousands', () => {
    const product = parse({ ...valid(), moq: '1.000', tierPrices: [{ minQuantity: '1,000', unitPriceVnd: '95.000' }], stock: '12 000' })
    expect(product.moq).toBe(1000)
    expect(product.tierPrices).toEqual([{ minQuantity: 1000, unitPriceVnd: 95_000n }])
    expect(product.stock).toBe(12_000)
  })
})

describe('names, category, origin, codes', () => {
  test('the Vietnamese name is required; the English one is not', () => {
    expect(errorsOf({ ...valid(), nameVi: '   ' })).toEqual({ nameVi: ['product.nameVi.required'] })
    const { nameVi: _omit, ...withoutName } = valid()
    expect(errorsOf(withoutName)).toEqual({ nameVi: ['product.nameVi.required'] })
    expect(parse({ ...valid(), nameEn: '' }).nameEn).toBeUndefined()
  })

  test('the category must be one of the tree', () => {
    expect(errorsOf({ ...valid(), categorySlug: 'gold' })).toEqual({ categorySlug: ['product.category.invalid'] })
    expect(parse({ ...valid(), categorySlug: 'Honey' }).categorySlug).toBe('honey')
  })

  test('a former province belongs to the chosen province', () => {
    expect(errorsOf({ ...valid(), formerProvinceCode: '15' })).toEqual({ formerProvinceCode: ['product.formerProvince.mismatch'] })
    expect(parse({ ...valid(), provinceCode: 8, formerProvinceCode: '2' }).provinceCode).toBe('08')
  })

  test('no region type is allowed', () => {
    expect(parse({ ...valid(), regionType: undefined }).regionType).toBeUndefined()
    expect(parse({ ...valid(), regionType: 'NONE' }).regionType).toBeUndefined()
    expect(errorsOf({ ...valid(), regionType: 'DESERT' })).toEqual({ regionType: ['product.regionType.invalid'] })
  })

  test('VAT: exempt (KCT) is not 0%', () => {
    expect(parse({ ...valid(), vatRate: 'KCT' }).vatRate).toBe('EXEMPT')
    expect(parse({ ...valid(), vatRate: '0' }).vatRate).toBe('ZERO')
    expect(parse({ ...valid(), vatRate: '8%' }).vatRate).toBe('EIGHT')
    expect(vatRateCode.EXEMPT).toBe('KCT')
    expect(vatRateCode.ZERO).toBe('0')
    expect(vatRateFromCode['10']).toBe('TEN')
  })

  test('HS codes are digits; an export-ready product has one', () => {
    expect(parse({ ...valid(), hsCode: '0409.00' }).hsCode).toBe('040900')
    expect(errorsOf({ ...valid(), hsCode: '04A9' })).toEqual({ hsCode: ['product.hsCode.invalid'] })
    expect(errorsOf({ ...valid(), hsCode: '04090' })).toEqual({ hsCode: ['product.hsCode.invalid'] })
    expect(errorsOf({ ...valid(), exportReady: true })).toEqual({ hsCode: ['product.hsCode.requiredForExport'] })
  })

  test('SKU characters', () => {
    expect(errorsOf({ ...valid(), sku: 'mật ong' })).toEqual({ sku: ['product.sku.invalid'] })
    expect(errorsOf({ ...valid(), sku: 'x'.repeat(65) })).toEqual({ sku: ['product.sku.tooLong'] })
  })

  test('harvest months are 1–12', () => {
    expect(parse({ ...valid(), harvestMonths: '3; 4, 4 5' }).harvestMonths).toEqual([3, 4, 5])
    expect(errorsOf({ ...valid(), harvestMonths: [13] })).toEqual({ 'harvestMonths.0': ['product.harvestMonths.invalid'] })
  })
})

describe('certifications', () => {
  const ocop = { type: 'OCOP', stars: 4, number: '123/QĐ-UBND', issuer: 'UBND tỉnh Tuyên Quang', issuedAt: '2024-03-15' }

  test('OCOP expires 36 months after its issue date unless given', () => {
    expect(parse({ ...valid(), certifications: [ocop] }).certifications).toEqual([{ ...ocop, expiresAt: '2027-03-15', name: undefined }])
    expect(parse({ ...valid(), certifications: [{ ...ocop, expiresAt: '2026-12-31' }] }).certifications[0].expiresAt).toBe('2026-12-31')
    // 29 February + 36 months has no 29th: the month's last day.
    expect(parse({ ...valid(), certifications: [{ ...ocop, issuedAt: '2024-02-29' }] }).certifications[0].expiresAt).toBe('2027-02-28')
  })

  test('OCOP needs 3, 4 or 5 stars and an issue date', () => {
    expect(errorsOf({ ...valid(), certifications: [{ ...ocop, stars: undefined }] })).toEqual({
      'certifications.0.stars': ['product.certification.ocopStars'],
    })
    expect(errorsOf({ ...valid(), certifications: [{ ...ocop, stars: 6 }] })).toEqual({
      'certifications.0.stars': ['product.certification.ocopStars'],
    })
    expect(errorsOf({ ...valid(), certifications: [{ ...ocop, stars: 2 }] })).toEqual({
      'certifications.0.stars': ['product.certification.ocopStars'],
    })
    expect(errorsOf({ ...valid(), certifications: [{ ...ocop, issuedAt: undefined }] })).toEqual({
      'certifications.0.issuedAt': ['product.certification.ocopIssuedRequired'],
    })
  })

  test('stars belong to OCOP only; one OCOP per product', () => {
    expect(errorsOf({ ...valid(), certifications: [{ type: 'VIETGAP', stars: 4 }] })).toEqual({
      'certifications.0.stars': ['product.certification.starsOnlyOcop'],
    })
    expect(errorsOf({ ...valid(), certifications: [ocop, ocop] })).toEqual({
      'certifications.1.type': ['product.certification.ocopDuplicate'],
    })
  })

  test('the expiry date comes after the issue date', () => {
    expect(errorsOf({ ...valid(), certifications: [{ type: 'VIETGAP', issuedAt: '2025-06-01', expiresAt: '2025-06-01' }] })).toEqual({
      'certifications.0.expiresAt': ['product.certification.expiryBeforeIssue'],
    })
    expect(errorsOf({ ...valid(), certifications: [{ type: 'VIETGAP', issuedAt: '2025-06-01', expiresAt: '2024-06-01' }] })).toEqual({
      'certifications.0.expiresAt': ['product.certification.expiryBeforeIssue'],
    })
  })

  test('dates must be real; Vietnamese d/m/yyyy is read', () => {
    expect(errorsOf({ ...valid(), certifications: [{ type: 'VIETGAP', issuedAt: '2025-02-30' }] })).toEqual({
      'certifications.0.issuedAt': ['product.certification.dateInvalid'],
    })
    expect(parse({ ...valid(), certifications: [{ type: 'ORGANIC', issuedAt: '5/6/2025' }] }).certifications[0].issuedAt).toBe('2025-06-05')
  })

  test('a geographical indication is named; types are read from their slugs', () => {
    expect(errorsOf({ ...valid(), certifications: [{ type: 'geographical-indication' }] })).toEqual({
      'certifications.0.name': ['product.certification.nameRequired'],
    })
    expect(parse({ ...valid(), certifications: [{ type: 'iso-22000' }] }).certifications[0].type).toBe('ISO_22000')
  })
})

describe('the producer form, through Conform', () => {
  const errorOf = (submission: { status?: string }) => ('error' in submission ? submission.error : undefined)
  function formData(fields: Record<string, string | string[]>) {
    const data = new FormData()
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v)
    return data
  }
  const base = {
    sku: 'GAO-ST25-5',
    nameVi: 'Gạo Séng Cù',
    nameEn: '',
    descriptionVi: 'Gạo đặc sản Lào Cai.',
    descriptionEn: '',
    categorySlug: 'rice',
    unit: 'BAG',
    packSize: 'Túi 5 kg',
    moq: '20',
    'tierPrices[0].minQuantity': '20',
    'tierPrices[0].unitPriceVnd': '150.000',
    'tierPrices[1].minQuantity': '',
    'tierPrices[1].unitPriceVnd': '',
    'tierPrices[2].minQuantity': '100',
    'tierPrices[2].unitPriceVnd': '140.000',
    'tierPrices[3].minQuantity': '',
    'tierPrices[3].unitPriceVnd': '',
    usdPrice: '6.20',
    vatRate: 'EXEMPT',
    stock: '500',
    leadTimeDays: '',
    harvestMonths: '10',
    provinceCode: '15',
    formerProvinceCode: '',
    regionType: 'MOUNTAIN',
    'certifications[0].type': 'OCOP',
    'certifications[0].stars': '3',
    'certifications[0].name': '',
    'certifications[0].number': 'OCOP-2024-17',
    'certifications[0].issuer': 'UBND tỉnh Lào Cai',
    'certifications[0].issuedAt': '2024-09-01',
    'certifications[0].expiresAt': '',
    'certifications[1].type': '',
    'certifications[1].stars': '',
    'certifications[1].issuedAt': '',
    'certifications[1].expiresAt': '',
    shelfLifeDays: '365',
    storage: '',
    packaging: '',
    hsCode: '',
  }

  test('blank tier and certification rows are ignored; money and checkboxes are read', () => {
    const submission = parseWithZod(formData(base), { schema: ProductFormSchema })
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value.tierPrices).toEqual([
      { minQuantity: 20, unitPriceVnd: 150_000n },
      { minQuantity: 100, unitPriceVnd: 140_000n },
    ])
    expect(submission.value.usdPriceCents).toBe(620n)
    expect(submission.value.harvestMonths).toEqual([10])
    expect(submission.value.madeToOrder).toBe(false)
    expect(submission.value.vatRate).toBe('EXEMPT')
    expect(submission.value.certifications).toEqual([
      {
        type: 'OCOP',
        stars: 3,
        number: 'OCOP-2024-17',
        issuer: 'UBND tỉnh Lào Cai',
        issuedAt: '2024-09-01',
        expiresAt: '2027-09-01',
        name: undefined,
      },
    ])
  })

  test('a half-filled row names the missing part; errors keep their row', () => {
    const submission = parseWithZod(
      formData({ ...base, 'tierPrices[1].unitPriceVnd': '145.000', 'certifications[1].number': 'X-1', madeToOrder: 'on' }),
      { schema: ProductFormSchema },
    )
    expect(submission.status).toBe('error')
    expect(errorOf(submission)).toMatchObject({
      'tierPrices[1].minQuantity': ['product.tiers.quantity.required'],
      'certifications[1].type': ['product.certification.typeRequired'],
    })
  })

  test('made to order: the lead time is required', () => {
    const submission = parseWithZod(formData({ ...base, madeToOrder: 'on' }), { schema: ProductFormSchema })
    expect(errorOf(submission)).toEqual({ leadTimeDays: ['product.leadTime.required'] })
  })

  test('the quick edit needs a stock or a price', () => {
    expect(errorOf(parseWithZod(formData({ productId: 'p1', stock: '', priceVnd: '' }), { schema: QuickEditSchema }))).toEqual({
      '': ['product.quickEdit.empty'],
    })
    const ok = parseWithZod(formData({ productId: 'p1', stock: '7', priceVnd: '99.000' }), { schema: QuickEditSchema })
    expect(ok.status === 'success' && ok.value).toEqual({ productId: 'p1', stock: 7, priceVnd: 99_000n })
  })
})
