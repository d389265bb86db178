// Product CSV import, export and template (docs/csv-products.md): the layout read in Vietnamese and
// English, Excel's encodings and separators, all-or-nothing with every bad row reported, update by SKU,
// export → import changes nothing, and the limits.
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from '~/modules/catalog/csv-columns'
import { exportProductsCsv, importProductsCsv, productsCsvTemplate, type CsvImportResult } from '~/modules/catalog/csv.server'
import { prisma } from '~/utils/db.server'
import { organizationWithKey } from '../utils/api'

type Org = Awaited<ReturnType<typeof organizationWithKey>>
let producer: Org
let other: Org

beforeAll(async () => {
  await ensureCategories()
  ;[producer, other] = await Promise.all([organizationWithKey('PRODUCER', 'HTX Chè Shan Tuyết'), organizationWithKey('PRODUCER', 'HTX Khác')])
})

const BOM = '\ufeff'
const utf8 = (text: string) => new TextEncoder().encode(text)
const importAs = (org: Org, text: string | Uint8Array) =>
  importProductsCsv(org.organization.id, typeof text === 'string' ? utf8(text) : text, { actor: `user:${org.owner.id}`, organizationSlug: org.organization.slug })

function expectOk(result: CsvImportResult) {
  if (!result.ok) throw new Error(`Import failed: ${JSON.stringify(result.problems)}`)
  return result
}
function expectProblems(result: CsvImportResult) {
  if (result.ok) throw new Error('Import succeeded but should have failed')
  return result.problems
}

const productsOf = (org: Org) =>
  prisma.product.findMany({
    where: { producerId: org.organization.id },
    orderBy: { sku: 'asc' },
    include: { tierPrices: { orderBy: { minQuantity: 'asc' } }, certifications: { orderBy: { id: 'asc' } }, category: true },
  })

const viHeader = [
  'Mã SKU',
  'Tên (tiếng Việt)',
  'Tên (tiếng Anh)',
  'Mô tả (tiếng Việt)',
  'Danh mục',
  'Đơn vị',
  'Quy cách',
  'Đặt tối thiểu (MOQ)',
  'Bậc giá (VND)',
  'Giá USD',
  'Thuế GTGT',
  'Làm theo đơn',
  'Tồn kho',
  'Thời gian chuẩn bị (ngày)',
  'Tháng thu hoạch',
  'Tỉnh/thành',
  'Tỉnh cũ',
  'Loại vùng',
  'Mã HS',
  'Sẵn sàng xuất khẩu',
  'Chứng nhận',
  'Trạng thái',
]

describe('import', () => {
  test('Excel UTF-8 with BOM, CRLF and Vietnamese headers: products are created with every value read right', async () => {
    const lines = [
      viHeader.join(','),
      [
        'VI-MO-500',
        'Mật ong bạc hà',
        'Mint honey',
        '"Mật ong hoa bạc hà, thu hoạch trên cao nguyên đá."',
        'flower-honey',
        'chai',
        'Chai 500 ml',
        '10',
        '10:180.000;50:165000;200:150000',
        '"7,50"',
        '5%',
        'không',
        '400',
        '',
        '10-12',
        'Tuyên Quang',
        'Hà Giang',
        'miền núi',
        '409.00',
        'có',
        '"OCOP:4:0123/QĐ-UBND:UBND tỉnh Hà Giang:01/03/2025|VIETGAP::VG-1:Trung tâm:2024-06-01:2026-06-01"',
        'đang bán',
      ].join(','),
      ['VI-CHE-1KG', 'Chè Shan tuyết', '', 'Chè cổ thụ.', 'tea', 'kg', 'Túi 1 kg', '5', '5:650000', '', 'KCT', 'có', '', '14', '"3,4"', '', '', '', '', '', '', ''].join(','),
    ]
    const result = expectOk(await importAs(producer, BOM + lines.join('\r\n') + '\r\n'))
    expect(result).toMatchObject({ created: 2, updated: 0, unchanged: 0 })
    expect(result.rows).toEqual([
      { line: 2, sku: 'VI-MO-500', action: 'created' },
      { line: 3, sku: 'VI-CHE-1KG', action: 'created' },
    ])

    const [che, honey] = await productsOf(producer)
    expect(honey).toMatchObject({
      sku: 'VI-MO-500',
      nameVi: 'Mật ong bạc hà',
      nameEn: 'Mint honey',
      descriptionVi: 'Mật ong hoa bạc hà, thu hoạch trên cao nguyên đá.',
      unit: 'BOTTLE',
      packSize: 'Chai 500 ml',
      moq: 10,
      priceVnd: 180000n,
      usdPriceCents: 750n,
      vatRate: 'FIVE',
      madeToOrder: false,
      stock: 400,
      harvestMonths: [10, 11, 12],
      provinceCode: '08',
      formerProvinceCode: '02',
      regionType: 'MOUNTAIN',
      hsCode: '040900',
      exportReady: true,
      status: 'PUBLISHED',
    })
    expect(honey.publishedAt).not.toBeNull()
    expect(honey.category.slug).toBe('flower-honey')
    expect(honey.tierPrices.map((t) => [t.minQuantity, t.unitPriceVnd])).toEqual([
      [10, 180000n],
      [50, 165000n],
      [200, 150000n],
    ])
    expect(honey.certifications.map((c) => ({ type: c.type, stars: c.stars, number: c.number, issuedAt: c.issuedAt?.toISOString().slice(0, 10), expiresAt: c.expiresAt?.toISOString().slice(0, 10) }))).toEqual([
      // OCOP without an expiry date: 36 months from its issue date.
      { type: 'OCOP', stars: 4, number: '0123/QĐ-UBND', issuedAt: '2025-03-01', expiresAt: '2028-03-01' },
      { type: 'VIETGAP', stars: null, number: 'VG-1', issuedAt: '2024-06-01', expiresAt: '2026-06-01' },
    ])
    // Empty province and region type: the organisation's (79, MOUNTAIN); no status: a draft.
    expect(che).toMatchObject({ sku: 'VI-CHE-1KG', nameEn: null, unit: 'KG', vatRate: 'EXEMPT', madeToOrder: true, stock: null, leadTimeDays: 14, provinceCode: '79', regionType: 'MOUNTAIN', status: 'DRAFT', harvestMonths: [3, 4] })

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'product.import' }, orderBy: { id: 'desc' } })
    expect(audit).toMatchObject({ actor: `user:${producer.owner.id}`, target: `organization:${producer.organization.slug}`, details: { created: 2, updated: 0, unchanged: 0 } })
  })

  test('English headers (any case, no diacritics) with ";" as Excel writes it in a Vietnamese locale', async () => {
    const csv = [
      'sku;NAME_VI;name (english);description (vietnamese);category;unit;moq;tier prices;vat;stock;province;region type',
      'EN-TOI-1;Tỏi Lý Sơn;Ly Son garlic;Tỏi cô đơn.;vegetables;tan;1;1:90000000;0;3;51;hai dao',
      'EN-TIEU-1;Hồ tiêu Phú Quốc;;"Tiêu đen; phơi nắng.";spices;bag;2;2:2.500.000;10;8;91;NONE',
    ].join('\n')
    expectOk(await importAs(other, csv))
    const [pepper, garlic] = await productsOf(other)
    expect(garlic).toMatchObject({ sku: 'EN-TOI-1', unit: 'TONNE', vatRate: 'ZERO', provinceCode: '51', regionType: 'ISLAND', priceVnd: 90000000n })
    expect(pepper).toMatchObject({ sku: 'EN-TIEU-1', descriptionVi: 'Tiêu đen; phơi nắng.', unit: 'BAG', vatRate: 'TEN', regionType: null, priceVnd: 2500000n })
  })

  test('tab-separated UTF-16 ("Unicode Text" from Excel) is read too', async () => {
    const text = 'sku\tname_vi\tdescription_vi\tcategory\tunit\tmoq\ttiers\tvat\tstock\nU16-1\tMiến dong Na Rì\tMiến dong làm thủ công.\tnoodles\tgói\t20\t20:45000\t5\t100\n'
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])
    const result = expectOk(await importAs(other, bytes))
    expect(result.created).toBe(1)
    expect(await prisma.product.findFirstOrThrow({ where: { producerId: other.organization.id, sku: 'U16-1' } })).toMatchObject({ nameVi: 'Miến dong Na Rì', unit: 'PACK' })
  })

  test('a file with one bad row imports nothing and names the line, SKU, column and reason', async () => {
    const before = await prisma.product.count()
    const csv = [
      'sku,name_vi,description_vi,category,unit,moq,tiers,vat,stock',
      'OK-1,Na Chi Lăng,Na dai.,fruit,kg,10,10:40000,KCT,50',
      'BAD-1,Xoài Yên Châu,Xoài tròn.,fruit,kg,10,10:40000;20:45000,KCT,50',
      'OK-2,Mận Bắc Hà,Mận hậu.,fruit,kg,10,10:30000,KCT,50',
    ].join('\n')
    const problems = expectProblems(await importAs(producer, csv))
    expect(problems).toEqual([{ line: 3, sku: 'BAD-1', column: 'tiers', item: 2, message: 'product.tiers.priceOrder' }])
    expect(await prisma.product.count()).toBe(before)
  })

  test('every bad row is reported, each with its own reasons, and unreadable cells say why', async () => {
    const csv = [
      'sku,name_vi,description_vi,category,unit,moq,tiers,vat,stock,usd_price,certifications,status',
      ',Không mã,Mô tả.,fruit,kg,1,1:1000,5,1,,,',
      'R-3,,Mô tả.,no-such-category,litre,0,abc,7,-1,6.5.0,"OCOP:6",maybe',
      'R-4,Tên,Mô tả.,fruit,kg,5,1:1000,5,,,"VIETGAP:4",',
      'R-3,Trùng,Mô tả.,fruit,kg,1,1:1000,5,1,,,',
    ].join('\n')
    const problems = expectProblems(await importAs(producer, csv))
    const byLine = (line: number) => problems.filter((p) => p.line === line).map((p) => `${p.column ?? ''}${p.item ? `#${p.item}` : ''}:${p.message}`)
    expect(byLine(2)).toEqual(['sku:product.sku.required'])
    expect(byLine(3)).toEqual(
      expect.arrayContaining([
        'tiers#1:csv.tiers.format',
        'usd_price:product.usdPrice.invalid',
        'name_vi:product.nameVi.required',
        'category:product.category.invalid',
        'unit:product.unit.invalid',
        'moq:product.moq.min',
        'vat:product.vatRate.invalid',
        'stock:product.stock.min',
        'certifications#1:product.certification.ocopStars',
        'status:csv.status.invalid',
      ]),
    )
    // The unreadable tiers cell is reported once, not again as "no tiers".
    expect(byLine(3)).not.toContain('tiers:product.tiers.required')
    expect(byLine(4)).toEqual(expect.arrayContaining(['tiers#1:product.tiers.firstIsMoq', 'stock:product.stock.required', 'certifications#1:product.certification.starsOnlyOcop']))
    expect(problems.filter((p) => p.line === 5)).toEqual([{ line: 5, sku: 'R-3', column: 'sku', message: 'csv.sku.duplicate', values: { line: 3 } }])
    expect(await prisma.product.count({ where: { sku: { in: ['R-3', 'R-4'] } } })).toBe(0)
  })

  test('a bad status, an unknown or repeated header, a missing SKU column and a value under no header are refused', async () => {
    const status = expectProblems(await importAs(producer, 'sku,status\nVI-CHE-1KG,sold\n'))
    expect(status).toEqual([{ line: 2, sku: 'VI-CHE-1KG', column: 'status', message: 'csv.status.invalid', values: { value: 'sold' } }])

    const unknown = expectProblems(await importAs(producer, 'sku,Tồn kho,Ghi chú,stock\nVI-CHE-1KG,1,x,2\n'))
    expect(unknown).toEqual([
      { line: 1, message: 'csv.header.unknown', values: { header: 'Ghi chú' } },
      { line: 1, column: 'stock', message: 'csv.header.duplicate', values: { header: 'stock' } },
    ])
    expect(expectProblems(await importAs(producer, 'name_vi,stock\nChè,1\n'))).toEqual([{ line: 1, message: 'csv.header.skuMissing' }])
    expect(expectProblems(await importAs(producer, 'sku,stock\nVI-MO-500,5,extra\n'))).toEqual([
      { line: 2, sku: 'VI-MO-500', message: 'csv.row.cellWithoutHeader', values: { position: 3 } },
    ])
    expect(expectProblems(await importAs(producer, ''))).toEqual([{ line: null, message: 'csv.file.empty' }])
    expect(expectProblems(await importAs(producer, BOM + 'sku,stock\r\n'))).toEqual([{ line: null, message: 'csv.file.noRows' }])
    expect(expectProblems(await importAs(producer, 'sku,name_vi\n"VI-1,Chè\n'))).toEqual([{ line: expect.any(Number), message: 'csv.file.malformed' }])
  })

  test('rows are matched by SKU: a file with only some columns updates those and keeps the rest', async () => {
    const before = await prisma.product.findFirstOrThrow({ where: { producerId: producer.organization.id, sku: 'VI-MO-500' }, include: { tierPrices: true, certifications: true } })
    const result = expectOk(await importAs(producer, 'Mã SKU;Tồn kho\nVI-MO-500;123\n'))
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 0 })
    const after = await prisma.product.findFirstOrThrow({ where: { id: before.id }, include: { tierPrices: true, certifications: true } })
    expect(after.stock).toBe(123)
    expect({ ...after, stock: 0, updatedAt: null, tierPrices: after.tierPrices.length, certifications: after.certifications.length }).toEqual({
      ...before,
      stock: 0,
      updatedAt: null,
      tierPrices: before.tierPrices.length,
      certifications: before.certifications.length,
    })
    expect(after.slug).toBe(before.slug)
  })

  test("another producer's file never touches this producer's products with the same SKU", async () => {
    const mine = await prisma.product.findFirstOrThrow({ where: { producerId: producer.organization.id, sku: 'VI-CHE-1KG' } })
    const csv = 'sku,name_vi,description_vi,category,unit,moq,tiers,vat,stock\nVI-CHE-1KG,Chè của HTX khác,Mô tả.,tea,kg,1,1:100000,KCT,9\n'
    expect(expectOk(await importAs(other, csv))).toMatchObject({ created: 1, updated: 0 })
    expect(await prisma.product.findUniqueOrThrow({ where: { id: mine.id } })).toEqual(mine)
  })
})

describe('export and template', () => {
  test('the export imports back without changing anything (round trip), in either language', async () => {
    const snapshot = async () => JSON.stringify(await productsOf(producer), (_k, v) => (typeof v === 'bigint' ? v.toString() : v))
    const before = await snapshot()
    for (const lang of ['vi', 'en'] as const) {
      const csv = await exportProductsCsv(producer.organization.id, lang)
      expect(csv.startsWith(BOM)).toBe(true)
      const result = expectOk(await importAs(producer, csv))
      expect(result.created + result.updated).toBe(0)
      expect(result.unchanged).toBe((await productsOf(producer)).length)
    }
    const semicolons = await exportProductsCsv(producer.organization.id, 'vi', ';')
    expect(semicolons.split('\r\n')[0]).toContain('Mã SKU;Tên (tiếng Việt);')
    expect(expectOk(await importAs(producer, semicolons)).updated).toBe(0)
    expect(await snapshot()).toBe(before)
  })

  test('the export has one header line in the page language and one line per product, archived ones too', async () => {
    const vi = await exportProductsCsv(producer.organization.id, 'vi')
    const lines = vi.slice(1).trimEnd().split('\r\n')
    expect(lines[0].startsWith('Mã SKU,Tên (tiếng Việt),Tên (tiếng Anh),Mô tả (tiếng Việt)')).toBe(true)
    expect(lines).toHaveLength(1 + (await prisma.product.count({ where: { producerId: producer.organization.id } })))
    expect(vi).toContain('VI-MO-500,Mật ong bạc hà,Mint honey,"Mật ong hoa bạc hà, thu hoạch trên cao nguyên đá."')
    expect(vi).toContain('OCOP:4:0123/QĐ-UBND:UBND tỉnh Hà Giang:2025-03-01:2028-03-01|VIETGAP::VG-1:Trung tâm:2024-06-01:2026-06-01')
    const en = await exportProductsCsv(producer.organization.id, 'en')
    expect(en.slice(1).split('\r\n')[0].startsWith('SKU,Name (Vietnamese),Name (English)')).toBe(true)
    expect(en).toContain(',bottle,')
  })

  test('a certificate part holding ":" or "|" survives the round trip (escaped with a backslash)', async () => {
    const csv = 'sku,name_vi,description_vi,category,unit,moq,tiers,vat,stock,certifications\nESC-1,Chè,Mô tả.,tea,kg,1,1:1000,5,1,"HACCP::A\\:1:Sở Y tế \\| Hà Nội:2024-01-01:2027-01-01"\n'
    expectOk(await importAs(producer, csv))
    const product = await prisma.product.findFirstOrThrow({ where: { producerId: producer.organization.id, sku: 'ESC-1' }, include: { certifications: true } })
    expect(product.certifications[0]).toMatchObject({ type: 'HACCP', number: 'A:1', issuer: 'Sở Y tế | Hà Nội' })
    expect(expectOk(await importAs(producer, await exportProductsCsv(producer.organization.id, 'vi'))).updated).toBe(0)
  })

  test('the template has a BOM, the headers and two example rows that import cleanly', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const template = productsCsvTemplate(lang)
      expect(template.startsWith(BOM)).toBe(true)
      const lines = template.slice(1).trimEnd().split('\r\n')
      expect(lines).toHaveLength(3)
      const fresh = await organizationWithKey('PRODUCER')
      expect(expectOk(await importAs(fresh, template))).toMatchObject({ created: 2 })
    }
  })
})

describe('limits', () => {
  test(`a file over ${CSV_MAX_BYTES / 1024 / 1024} MB is refused before it is read`, async () => {
    const big = new Uint8Array(CSV_MAX_BYTES + 1).fill(0x61)
    expect(expectProblems(await importAs(producer, big))).toEqual([{ line: null, message: 'csv.file.tooLarge', values: { max: 2 } }])
  })

  test(`more than ${CSV_MAX_ROWS} product rows are refused with the count`, async () => {
    const rows = Array.from({ length: CSV_MAX_ROWS + 1 }, (_, i) => `LIM-${i},1`)
    const problems = expectProblems(await importAs(producer, ['sku,stock', ...rows].join('\n')))
    expect(problems).toEqual([{ line: null, message: 'csv.file.tooManyRows', values: { max: CSV_MAX_ROWS, count: CSV_MAX_ROWS + 1 } }])
  })
})
