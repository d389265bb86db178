// The order documents and exports through their real loaders: the confirmation and proforma invoice for both
// parties in both languages, the producer's packing slip, the CSV and JSON for the e-invoice provider. Only
// the order's two organisations read them (anyone else gets 404, as for an order that does not exist), a
// VIEWER reads them too, and every amount adds up to the order's total. Plus the amount in words.
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { createElement as h, type ReactElement } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { beforeAll, describe, expect, test } from 'vitest'
import type { MemberRole } from '~/generated/prisma/enums'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { amountInWords, orderCsvColumns, orderExportCsv, type OrderExport, type PackingSlipView, type TradeDocumentView } from '~/modules/orders/documents.server'
import * as confirmationRoute from '~/routes/orders/documents/confirmation'
import { PackingSlip, TradeDocument } from '~/routes/orders/documents/document-parts'
import * as csvRoute from '~/routes/orders/documents/export-csv'
import * as jsonRoute from '~/routes/orders/documents/export-json'
import * as packingSlipRoute from '~/routes/orders/documents/packing-slip'
import * as proformaRoute from '~/routes/orders/documents/proforma'
import { prisma } from '~/utils/db.server'
import { createI18n, type Language } from '~/utils/i18n'
import { getResources } from '~/utils/i18n.server'
import { makeOrg } from '../catalog/fixtures'
import { browserFor, callRoute, createUser } from '../utils/routes'
import { buyerWithAddress, confirm, expectOk, inDays, placeOne, product } from './order-fixtures'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = { id: string; slug: string }

const routes = {
  confirmation: { module: confirmationRoute, path: 'confirmation' },
  proforma: { module: proformaRoute, path: 'proforma' },
  packingSlip: { module: packingSlipRoute, path: 'packing-slip' },
  csv: { module: csvRoute, path: 'export.csv' },
  json: { module: jsonRoute, path: 'export.json' },
}
type RouteName = keyof typeof routes

let producer: Org
let buyer: Org
let otherBuyer: Org
let producerOwner: Browser
let buyerOwner: Browser
let buyerViewer: Browser
let otherBuyerOwner: Browser
let anonymous: Browser
/** Confirmed: honey 50 → 40 at 230,000 (5%), sauce 7 at 95,000 (10%), tea 10 → 0 (KCT); shipping 150,000. */
let confirmed: { id: string; number: string }
/** Still PLACED: tea 10 at 12,345 (KCT), honey 10 at 250,000 (5%). */
let placed: { id: string; number: string }

const SAUCE = 'Nước mắm "Phú Quốc", 40 độ đạm'

async function member(org: Org, role: MemberRole) {
  const user = await createUser()
  await prisma.membership.create({ data: { userId: user.id, organizationId: org.id, role } })
  return browserFor(user.id)
}

function call(name: RouteName, who: Browser, org: Org, number: string, lang: Language = 'vi') {
  const path = `/${lang}/orgs/${org.slug}/orders/${number}/${routes[name].path}`
  return callRoute(routes[name].module.loader, who.get(path), { lang, slug: org.slug, number })
}

async function tradeDoc(name: 'confirmation' | 'proforma', who: Browser, org: Org, number: string, lang: Language = 'vi') {
  const result = await call(name, who, org, number, lang)
  expect(result.status).toBe(200)
  return result.data as { title: string; doc: TradeDocumentView }
}

beforeAll(async () => {
  await ensureCategories()
  producer = await makeOrg('PRODUCER', { name: 'HTX Phú Quốc' })
  buyer = await buyerWithAddress('Siêu thị Sài Gòn')
  otherBuyer = await buyerWithAddress('Siêu thị Hà Nội')
  ;[producerOwner, buyerOwner, buyerViewer, otherBuyerOwner] = await Promise.all([
    member(producer, 'OWNER'),
    member(buyer, 'OWNER'),
    member(buyer, 'VIEWER'),
    member(otherBuyer, 'OWNER'),
  ])
  anonymous = await browserFor()

  const honey = await product(producer.id, { stock: 200 }) // 250,000 from 10, 230,000 from 50; VAT 5%
  const sauce = await product(producer.id, { nameVi: SAUCE, nameEn: 'Phú Quốc fish sauce', vatRate: '10', stock: 30, moq: 5, tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }] })
  const tea = await product(producer.id, { nameVi: 'Chè Shan tuyết', nameEn: '', vatRate: 'KCT', stock: 50, moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 12_345 }] })

  const firstId = await placeOne(buyer.id, [
    { productId: honey, quantity: 50 },
    { productId: sauce, quantity: 7 },
    { productId: tea, quantity: 10 },
  ], { requestedDeliveryDate: inDays(5) })
  const lines = await prisma.orderItem.findMany({ where: { orderId: firstId } })
  const line = (productId: string) => lines.find((l) => l.productId === productId)!.id
  await expectOk(confirm(firstId, producer.id, { shippingFeeVnd: 150_000n, quantities: { [line(honey)]: 40, [line(sauce)]: 7, [line(tea)]: 0 } }))
  await prisma.order.update({ where: { id: firstId }, data: { carrier: 'Viettel Post', trackingNumber: 'VTP123456' } })
  confirmed = await prisma.order.findUniqueOrThrow({ where: { id: firstId }, select: { id: true, number: true } })

  const secondId = await placeOne(buyer.id, [
    { productId: tea, quantity: 10 },
    { productId: honey, quantity: 10 },
  ])
  placed = await prisma.order.findUniqueOrThrow({ where: { id: secondId }, select: { id: true, number: true } })
})

describe('amount in words', () => {
  test.each([
    [0n, 'Không đồng'],
    [5n, 'Năm đồng'],
    [10n, 'Mười đồng'],
    [11n, 'Mười một đồng'],
    [15n, 'Mười lăm đồng'],
    [21n, 'Hai mươi mốt đồng'],
    [24n, 'Hai mươi bốn đồng'],
    [25n, 'Hai mươi lăm đồng'],
    [101n, 'Một trăm linh một đồng'],
    [105n, 'Một trăm linh năm đồng'],
    [110n, 'Một trăm mười đồng'],
    [115n, 'Một trăm mười lăm đồng'],
    [1_000n, 'Một nghìn đồng'],
    [1_000_005n, 'Một triệu không trăm linh năm đồng'],
    [1_005_000n, 'Một triệu không trăm linh năm nghìn đồng'],
    [1_250_000n, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [10_541_500n, 'Mười triệu năm trăm bốn mươi mốt nghìn năm trăm đồng'],
    [21_000_000_000n, 'Hai mươi mốt tỷ đồng'],
    [2_000_001_000n, 'Hai tỷ không trăm linh một nghìn đồng'],
    [1_000_000_000_000n, 'Một nghìn tỷ đồng'],
  ])('%s đồng in Vietnamese', (amount, words) => {
    expect(amountInWords(amount, 'vi')).toBe(words)
  })

  test.each([
    [0n, 'Zero dong'],
    [5n, 'Five dong'],
    [15n, 'Fifteen dong'],
    [21n, 'Twenty-one dong'],
    [101n, 'One hundred and one dong'],
    [105n, 'One hundred and five dong'],
    [1_000_005n, 'One million and five dong'],
    [1_250_000n, 'One million two hundred and fifty thousand dong'],
    [21_000_000_000n, 'Twenty-one billion dong'],
  ])('%s đồng in English', (amount, words) => {
    expect(amountInWords(amount, 'en')).toBe(words)
  })

  test('a negative amount is refused', () => {
    expect(() => amountInWords(-1n, 'vi')).toThrow(RangeError)
  })
})

describe('who reads the documents', () => {
  test('both parties read the confirmation and the proforma, each from its own side', async () => {
    for (const name of ['confirmation', 'proforma'] as const) {
      const asBuyer = await tradeDoc(name, buyerOwner, buyer, confirmed.number)
      const asProducer = await tradeDoc(name, producerOwner, producer, confirmed.number)
      expect(asBuyer.doc).toMatchObject({ kind: name, side: 'buyer', organizationSlug: buyer.slug, number: confirmed.number })
      expect(asProducer.doc).toMatchObject({ kind: name, side: 'producer', organizationSlug: producer.slug, number: confirmed.number })
      expect({ ...asBuyer.doc, side: 'producer', organizationSlug: producer.slug }).toEqual(asProducer.doc)
    }
  })

  test('a VIEWER of the buyer reads every document the buyer may read', async () => {
    for (const name of ['confirmation', 'proforma', 'csv', 'json'] as const) {
      expect((await call(name, buyerViewer, buyer, confirmed.number)).status).toBe(200)
    }
  })

  test('another organisation gets 404, whether it names its own slug or the buyer’s; so does an unknown number', async () => {
    for (const name of Object.keys(routes) as RouteName[]) {
      expect((await call(name, otherBuyerOwner, otherBuyer, confirmed.number)).status).toBe(404)
      expect((await call(name, otherBuyerOwner, buyer, confirmed.number)).status).toBe(404)
      expect((await call(name, producerOwner, producer, 'DH-0000-999999')).status).toBe(404)
    }
  })

  test('the packing slip is the producer’s: the buyer gets 404', async () => {
    expect((await call('packingSlip', buyerOwner, buyer, confirmed.number)).status).toBe(404)
    expect((await call('packingSlip', buyerViewer, buyer, confirmed.number)).status).toBe(404)
    expect((await call('packingSlip', producerOwner, producer, confirmed.number)).status).toBe(200)
  })

  test('signed out: sent to the login page', async () => {
    const result = await call('proforma', anonymous, buyer, confirmed.number)
    expect(result.status).toBe(302)
    expect(result.location).toMatch(/^\/vi\/login/)
  })
})

describe('confirmation and proforma', () => {
  test('the confirmation shows every line, ordered against confirmed quantities, with both tax codes', async () => {
    const { title, doc } = await tradeDoc('confirmation', buyerOwner, buyer, confirmed.number)
    const order = await prisma.order.findUniqueOrThrow({ where: { id: confirmed.id } })
    expect(title).toBe(`Xác nhận đơn hàng ${confirmed.number} – Chợ Vùng Miền`)
    expect(doc).toMatchObject({
      status: 'CONFIRMED',
      paymentStatus: 'UNPAID',
      stage: 'final',
      quantitiesChanged: true,
      seller: { name: 'HTX Phú Quốc', taxCode: order.producerTaxCode, address: 'Thôn Lũng Cú, Xã Đồng Văn, Tuyên Quang' },
      buyer: { name: 'Siêu thị Sài Gòn', taxCode: order.buyerTaxCode },
      deliveryAddress: { label: 'DC Củ Chi', recipientName: 'Kho nhận hàng', phone: '+842837901234', address: 'Lô C5, KCN Tây Bắc, Xã Tân An Hội, TP. Hồ Chí Minh' },
      requestedDeliveryDate: inDays(5, order.createdAt),
      deliveryDate: order.deliveryDate!.toISOString().slice(0, 10),
      payment: { bankName: 'Vietcombank', accountNumber: '0011004455667', accountName: 'CONG TY CHO VUNG MIEN', reference: order.paymentReference, dueVnd: null },
      subtotalVnd: '9865000',
      vatTotalVnd: '526500',
      shippingFeeVnd: '150000',
      totalVnd: '10541500',
      totalInWords: 'Mười triệu năm trăm bốn mươi mốt nghìn năm trăm đồng',
    })
    expect(doc.placedAt).toBe(order.createdAt.toISOString())
    expect(doc.lines.map((l) => [l.lineNo, l.name, l.orderedQuantity, l.quantity, l.unitPriceVnd, l.vatLabel, l.lineTotalVnd, l.vatAmountVnd])).toEqual(
      expect.arrayContaining([
        [expect.any(Number), 'Mật ong bạc hà Hà Giang', 50, 40, '230000', '5%', '9200000', '460000'],
        [expect.any(Number), SAUCE, 7, 7, '95000', '10%', '665000', '66500'],
        [expect.any(Number), 'Chè Shan tuyết', 10, 0, '12345', 'KCT', '0', '0'],
      ]),
    )
    expect(doc.lines.map((l) => l.lineNo)).toEqual([1, 2, 3])
  })

  test('the proforma bills the lines delivered; it is final once confirmed, provisional while placed', async () => {
    const final = (await tradeDoc('proforma', buyerOwner, buyer, confirmed.number)).doc
    expect(final.stage).toBe('final')
    expect(final.lines.map((l) => l.quantity).sort()).toEqual([40, 7].sort())
    expect(final.totalVnd).toBe('10541500')

    const provisional = (await tradeDoc('proforma', buyerOwner, buyer, placed.number)).doc
    expect(provisional).toMatchObject({ status: 'PLACED', stage: 'provisional', quantitiesChanged: false, shippingFeeVnd: '0', subtotalVnd: '2623450', vatTotalVnd: '125000', totalVnd: '2748450' })
    expect(provisional.lines.find((l) => l.sku && l.name === 'Chè Shan tuyết')).toMatchObject({ vatLabel: 'KCT', quantity: 10, lineTotalVnd: '123450', vatAmountVnd: '0' })
  })

  test('an underpaid order shows what is still to pay', async () => {
    await prisma.order.update({ where: { id: placed.id }, data: { amountReceivedVnd: 748_450n } })
    try {
      const { doc } = await tradeDoc('proforma', buyerOwner, buyer, placed.number)
      expect(doc.payment).toMatchObject({ amountReceivedVnd: '748450', dueVnd: '2000000' })
    } finally {
      await prisma.order.update({ where: { id: placed.id }, data: { amountReceivedVnd: 0n } })
    }
  })

  test('in English under /en: English names (with the Vietnamese one), English words', async () => {
    const { title, doc } = await tradeDoc('proforma', buyerOwner, buyer, confirmed.number, 'en')
    expect(title).toBe(`Proforma invoice ${confirmed.number} – Chợ Vùng Miền`)
    expect(doc.totalInWords).toBe('Ten million five hundred and forty-one thousand five hundred dong')
    expect(doc.lines.map((l) => [l.name, l.nameVi])).toEqual(
      expect.arrayContaining([
        ['Hà Giang mint honey', 'Mật ong bạc hà Hà Giang'],
        ['Phú Quốc fish sauce', SAUCE],
      ]),
    )
  })

  test('the page: title, both tax codes, VAT per line, the total in words, the legal note, the toolbar', async () => {
    const { doc } = await tradeDoc('proforma', buyerOwner, buyer, placed.number)
    const html = render(h(TradeDocument, { doc, lang: 'vi' }), 'vi')
    expect(html).toContain('<h1>Hóa đơn chiếu lệ</h1>')
    expect(html).toContain(`MST<!-- -->: <!-- -->${doc.seller.taxCode}`)
    expect(html).toContain(`MST<!-- -->: <!-- -->${doc.buyer.taxCode}`)
    expect(html).toContain('>KCT</td>')
    expect(html).toContain('>5%</td>')
    expect(html).toContain('Bằng chữ: Hai triệu bảy trăm bốn mươi tám nghìn bốn trăm năm mươi đồng.')
    expect(html).toContain('Tạm tính, chờ nhà sản xuất xác nhận')
    expect(html).toContain('không phải là hóa đơn giá trị gia tăng (hóa đơn GTGT)')
    expect(html).toContain(doc.payment.reference)
    expect(html).toMatch(/<nav class="doc-toolbar"/)
    // Without JavaScript there is no Print button that would do nothing, only the hint.
    expect(html).not.toContain('<button')
    expect(html).toContain('Ctrl+P')
    // The buyer is not offered the packing slip.
    expect(html).not.toContain('packing-slip')

    const en = render(h(TradeDocument, { doc: (await tradeDoc('confirmation', producerOwner, producer, confirmed.number, 'en')).doc, lang: 'en' }), 'en')
    expect(en).toContain('<h1>Order confirmation</h1>')
    expect(en).toContain('This is not a legal VAT invoice (hóa đơn GTGT); the seller issues the e-invoice.')
    expect(en).toContain('>Ordered</th>')
    expect(en).toContain('Not delivered')
    expect(en).toContain('packing-slip')
  })
})

test('on paper only the sheet: the site header, footer and toolbar are hidden, A4 margins, rows not split', () => {
  const css = readFileSync('app/styles/order-documents.css', 'utf8')
  const print = css.slice(css.indexOf('@media print'))
  expect(css).toMatch(/@page \{ size: A4; margin: [^}]+\}/)
  expect(print).toMatch(/\.site-header, \.site-footer, \.skip-link, \.toast, \.doc-toolbar \{ display: none !important; \}/)
  expect(print).toMatch(/tr, [^{]*\{ break-inside: avoid; page-break-inside: avoid; \}/)
  expect(print).toContain('display: table-header-group')
  for (const route of [confirmationRoute, proformaRoute, packingSlipRoute]) {
    expect(route.links()).toEqual([{ rel: 'stylesheet', href: expect.any(String) }])
  }
})

describe('packing slip', () => {
  test('the lines to pack, the address with its phone, the carrier; no prices', async () => {
    const result = await call('packingSlip', producerOwner, producer, confirmed.number)
    const { doc } = result.data as { doc: PackingSlipView }
    expect(doc).toMatchObject({
      number: confirmed.number,
      carrier: 'Viettel Post',
      trackingNumber: 'VTP123456',
      deliveryAddress: { recipientName: 'Kho nhận hàng', phone: '+842837901234' },
    })
    expect(doc.lines.map((l) => [l.sku.length > 0, l.name, l.packSize, l.quantity])).toEqual(
      expect.arrayContaining([
        [true, 'Mật ong bạc hà Hà Giang', 'Chai 500 ml', 40],
        [true, SAUCE, 'Chai 500 ml', 7],
      ]),
    )
    expect(doc.lines).toHaveLength(2)
    expect(JSON.stringify(doc)).not.toMatch(/Vnd|price/i)

    const html = render(h(PackingSlip, { doc, lang: 'vi' }), 'vi')
    expect(html).toContain('<h1>Phiếu đóng gói</h1>')
    expect(html.match(/type="checkbox"/g)).toHaveLength(2)
    expect(html).toContain('+842837901234')
    expect(html).toContain('VTP123456')
    expect(html).not.toContain('230.000')
  })
})

describe('exports for the e-invoice provider', () => {
  test('JSON: the order, its billed lines, amounts as strings of whole đồng that add up to the total', async () => {
    const result = await call('json', buyerOwner, buyer, confirmed.number)
    expect(result.status).toBe(200)
    expect(result.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(result.headers.get('Content-Disposition')).toBe(`attachment; filename="${confirmed.number}.json"`)
    expect(result.headers.get('Cache-Control')).toBe('private, no-store')
    const data = result.data as OrderExport
    const order = await prisma.order.findUniqueOrThrow({ where: { id: confirmed.id } })
    expect(data).toMatchObject({
      number: confirmed.number,
      placedAt: order.createdAt.toISOString(),
      currency: 'VND',
      seller: { name: 'HTX Phú Quốc', taxCode: order.producerTaxCode },
      buyer: { name: 'Siêu thị Sài Gòn', taxCode: order.buyerTaxCode, address: 'Thôn Lũng Cú, Xã Đồng Văn, Tuyên Quang' },
      paymentReference: order.paymentReference,
      subtotal: '9865000',
      vatTotal: '526500',
      shippingFee: '150000',
      total: '10541500',
    })
    expect(data.lines).toEqual(
      expect.arrayContaining([
        { lineNo: expect.any(Number), sku: expect.any(String), name: 'Mật ong bạc hà Hà Giang', unit: 'chai', quantity: 40, unitPrice: '230000', vatRate: '5', amount: '9200000', vatAmount: '460000', totalWithVat: '9660000' },
        { lineNo: expect.any(Number), sku: expect.any(String), name: SAUCE, unit: 'chai', quantity: 7, unitPrice: '95000', vatRate: '10', amount: '665000', vatAmount: '66500', totalWithVat: '731500' },
      ]),
    )
    expect(data.lines.map((l) => l.lineNo)).toEqual([1, 2])
    const sum = (key: 'amount' | 'vatAmount' | 'totalWithVat') => data.lines.reduce((s, l) => s + BigInt(l[key]), 0n)
    expect(sum('amount')).toBe(BigInt(data.subtotal))
    expect(sum('vatAmount')).toBe(BigInt(data.vatTotal))
    expect(sum('amount') + sum('vatAmount') + BigInt(data.shippingFee)).toBe(BigInt(data.total))
    expect(sum('totalWithVat') + BigInt(data.shippingFee)).toBe(order.totalVnd)
    for (const line of data.lines) expect(BigInt(line.unitPrice) * BigInt(line.quantity)).toBe(BigInt(line.amount))
  })

  test('CSV: BOM, stable header, one quoted row per billed line repeating the order, sums that match', async () => {
    const result = await call('csv', producerOwner, producer, placed.number)
    expect(result.status).toBe(200)
    expect(result.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(result.headers.get('Content-Disposition')).toBe(`attachment; filename="${placed.number}.csv"`)
    // The body's bytes, BOM included (decoding text drops it, as Excel does).
    const path = `/vi/orgs/${producer.slug}/orders/${placed.number}/export.csv`
    const response = (await csvRoute.loader({ request: producerOwner.get(path), params: { lang: 'vi', slug: producer.slug, number: placed.number }, context: {} })) as Response
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${orderCsvColumns.join(',')}`)
    expect(text.endsWith('\r\n')).toBe(true)
    const rows = parse(text, { bom: true, columns: true }) as Record<(typeof orderCsvColumns)[number], string>[]
    expect(rows).toHaveLength(2)
    const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.id } })
    for (const row of rows) {
      expect(row).toMatchObject({
        order_number: placed.number,
        placed_at: order.createdAt.toISOString(),
        currency: 'VND',
        seller_tax_code: order.producerTaxCode,
        buyer_name: 'Siêu thị Sài Gòn',
        buyer_tax_code: order.buyerTaxCode,
        payment_reference: order.paymentReference,
        order_subtotal: '2623450',
        order_vat_total: '125000',
        order_shipping_fee: '0',
        order_total: '2748450',
      })
    }
    expect(rows.map((r) => [r.line_no, r.name, r.unit, r.quantity, r.unit_price, r.vat_rate, r.amount, r.vat_amount, r.total_with_vat])).toEqual(
      expect.arrayContaining([
        [expect.any(String), 'Chè Shan tuyết', expect.any(String), '10', '12345', 'KCT', '123450', '0', '123450'],
        [expect.any(String), 'Mật ong bạc hà Hà Giang', 'chai', '10', '250000', '5', '2500000', '125000', '2625000'],
      ]),
    )
    const total = rows.reduce((s, r) => s + BigInt(r.amount) + BigInt(r.vat_amount), 0n) + BigInt(rows[0].order_shipping_fee)
    expect(total).toBe(order.totalVnd)
  })

  test('CSV quoting: commas, quotes and formulas typed by a party stay inert text', async () => {
    const confirmedCsv = (await call('csv', buyerOwner, buyer, confirmed.number)).data as string
    expect(confirmedCsv).toContain('"Nước mắm ""Phú Quốc"", 40 độ đạm"')
    const rows = parse(confirmedCsv, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((r) => r.name)).toContain(SAUCE)

    const data: OrderExport = {
      number: 'DH-2611-000001',
      placedAt: '2026-11-02T03:04:05.000Z',
      currency: 'VND',
      seller: { name: '+HTX "Ba Vì"', taxCode: '0101234567' },
      buyer: { name: '=HYPERLINK("http://x.test","Bấm")', taxCode: '0309876543', address: 'Số 1, Phường Bến Thành\nTP. Hồ Chí Minh' },
      paymentReference: 'CVMAB12CD34',
      lines: [{ lineNo: 1, sku: '-SKU', name: '@Sữa chua', unit: 'hộp', quantity: 3, unitPrice: '10000', vatRate: '8', amount: '30000', vatAmount: '2400', totalWithVat: '32400' }],
      subtotal: '30000',
      vatTotal: '2400',
      shippingFee: '0',
      total: '32400',
    }
    const [row] = parse(orderExportCsv(data), { bom: true, columns: true }) as Record<string, string>[]
    expect(row).toMatchObject({
      seller_name: `'+HTX "Ba Vì"`,
      buyer_name: `'=HYPERLINK("http://x.test","Bấm")`,
      buyer_address: 'Số 1, Phường Bến Thành\nTP. Hồ Chí Minh',
      sku: "'-SKU",
      name: "'@Sữa chua",
      quantity: '3',
      vat_rate: '8',
      order_total: '32400',
    })
  })
})

/** Server-rendered markup of a document component with the language's translations. */
function render(element: ReactElement, lang: Language) {
  return renderToString(h(I18nextProvider, { i18n: createI18n(lang, getResources(lang)) }, element))
}
