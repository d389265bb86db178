// Quick order: reading pasted lines and CSV files, finding each line's product (a SKU is unique per producer
// only), and the page, through its real loader and action: the good lines go into the cart, every failing
// line is reported with why, and only members of a buyer organisation who may order can use it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { cartItems, quantityInCart } from '~/modules/cart/cart.server'
import {
  addQuickOrderToCart,
  parseQuickOrderCsv,
  parseQuickOrderText,
  parseQuickQuantity,
  resolveQuickOrderLines,
  type QuickOrderLine,
  type QuickOrderReport,
} from '~/modules/cart/quick-order.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import * as quickOrderRoute from '~/routes/cart/quick-order'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerWithAddress, product } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser, type RouteResult } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>
type Org = Awaited<ReturnType<typeof makeOrg>>
type Answer = { source: string; text: string; fileName: string | null; error: string | null; report: QuickOrderReport | null }

let buyer: Org
let producerA: Org
let producerB: Org
let owner: Browser
let viewer: Browser
let producerMember: Browser
let honey: string // A, MO-500: MOQ 10, stock 120
let coffeeA: string // A, CF-1 (B sells a CF-1 too)
let coffeeB: string // B, CF-1: MOQ 5, stock 40
let sauce: string // B, NM-40N: MOQ 5, stock 30
let hidden: string // B, OLD-1: unpublished

const parsed = (text: string) => {
  const result = parseQuickOrderText(text)
  if (!result.ok) throw new Error(`expected lines, got ${result.error}`)
  return result.lines
}
const brief = (lines: QuickOrderLine[]) => lines.map((l) => [l.line, l.sku, l.quantity, l.producer])
const csv = (text: string) => parseQuickOrderCsv(new TextEncoder().encode(text))

function pastePost(browser: Browser, lines: string) {
  return callRoute(quickOrderRoute.action, browser.post('/vi/quick-order', { lines }), { lang: 'vi' })
}
function filePost(browser: Browser, content: string, name = 'don-hang.csv') {
  const form = new FormData()
  form.append('csrf', browser.csrfToken)
  form.append('file', new File([content], name, { type: 'text/csv' }))
  const request = new Request('http://localhost:3000/vi/quick-order', { method: 'POST', body: form, headers: { Cookie: browser.cookie } })
  return callRoute(quickOrderRoute.action, request, { lang: 'vi' })
}
const answerOf = (result: RouteResult) => result.data as Answer
const outcomes = (result: RouteResult) => answerOf(result).report!.lines.map((l) => [l.line, l.outcome.code === 'cart' ? l.outcome.failure.error : l.outcome.code])

beforeAll(async () => {
  await ensureCategories()
  const [ownerUser, viewerUser, producerUser] = await Promise.all([createUser(), createUser(), createUser()])
  buyer = await buyerWithAddress('Siêu thị Sài Gòn')
  await prisma.membership.createMany({
    data: [
      { userId: ownerUser.id, organizationId: buyer.id, role: 'OWNER' },
      { userId: viewerUser.id, organizationId: buyer.id, role: 'VIEWER' },
    ],
  })
  producerA = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc', memberId: producerUser.id })
  producerB = await makeOrg('PRODUCER', { name: 'HTX Phú Quốc' })
  honey = await product(producerA.id, { sku: 'MO-500' })
  coffeeA = await product(producerA.id, { sku: 'CF-1', nameVi: 'Cà phê Mèo Vạc', moq: 1, tierPrices: [{ minQuantity: 1, unitPriceVnd: 180_000 }] })
  coffeeB = await product(producerB.id, { sku: 'CF-1', nameVi: 'Cà phê Phú Quốc', moq: 5, stock: 40, tierPrices: [{ minQuantity: 5, unitPriceVnd: 150_000 }] })
  sauce = await product(producerB.id, { sku: 'NM-40N', nameVi: 'Nước mắm Phú Quốc', moq: 5, stock: 30, tierPrices: [{ minQuantity: 5, unitPriceVnd: 95_000 }] })
  hidden = await product(producerB.id, { sku: 'OLD-1' })
  await prisma.product.update({ where: { id: hidden }, data: { status: 'UNPUBLISHED' } })
  // A draft has never been shown to buyers: its SKU is as unknown as any other.
  await prisma.product.create({
    data: { producerId: producerA.id, sku: 'DR-1', slug: 'dr-1-draft', nameVi: 'Nháp', categoryId: (await prisma.category.findFirstOrThrow()).id, unit: 'BOX', priceVnd: 1000n, vatRate: 'FIVE', provinceCode: '08' },
  })
  owner = await browserFor(ownerUser.id)
  viewer = await browserFor(viewerUser.id)
  producerMember = await browserFor(producerUser.id)
})

beforeEach(async () => {
  await prisma.cartItem.deleteMany({})
})

describe('reading pasted lines', () => {
  test('tabs (an Excel copy), spaces, commas and semicolons separate the SKU, the quantity and the producer', () => {
    expect(brief(parsed('MO-500\t20\nCF-1\t5\tHTX-B\n'))).toEqual([
      [1, 'MO-500', 20, null],
      [2, 'CF-1', 5, 'HTX-B'],
    ])
    expect(brief(parsed('MO-500, 20\nCF-1;5;htx-b\nNM-40N   12 \n  OLD-1 ,\t3'))).toEqual([
      [1, 'MO-500', 20, null],
      [2, 'CF-1', 5, 'htx-b'],
      [3, 'NM-40N', 12, null],
      [4, 'OLD-1', 3, null],
    ])
  })

  test('quantities may group thousands with dots; commas, decimals, zero and words are refused', () => {
    expect(parseQuickQuantity('1.000')).toBe(1000)
    expect(parseQuickQuantity('12.500')).toBe(12500)
    expect(parseQuickQuantity('1.000.000')).toBe(1_000_000)
    expect(parseQuickQuantity(' 250 ')).toBe(250)
    for (const bad of ['1,000', '1.5', '10.00', '1.0000', '0', '-3', 'mười', '', '1e3', '1.000.001'])
      expect(parseQuickQuantity(bad), bad).toBeNull()
    // Split on its comma, "1,000" would read as 1 from a producer "000": the line is refused instead.
    expect(brief(parsed('MO-500 1,000\nMO-500\t1.000'))).toEqual([
      [1, 'MO-500', null, null],
      [2, 'MO-500', 1000, null],
    ])
  })

  test('a first header line and blank lines are skipped; line numbers are those of the box, CRLF or not', () => {
    expect(brief(parsed('SKU\tSố lượng\tNhà sản xuất\r\n\r\nMO-500\t20\r\n   \r\nCF-1\t5\thtx-b\r\n'))).toEqual([
      [3, 'MO-500', 20, null],
      [5, 'CF-1', 5, 'htx-b'],
    ])
    expect(brief(parsed('\n\nmã hàng, số lượng\nMO-500, 20'))).toEqual([[4, 'MO-500', 20, null]])
    // Only the first line can be a header; later, "SKU 20" is a line like any other.
    expect(brief(parsed('MO-500 20\nsku 20'))).toEqual([
      [1, 'MO-500', 20, null],
      [2, 'sku', 20, null],
    ])
  })

  test('a line with more than three cells is not read; a missing quantity is a bad quantity', () => {
    const lines = parsed('MO-500 20 htx-a extra\nMO-500')
    expect(lines.map((l) => [l.unreadable, l.quantity])).toEqual([
      [true, 20],
      [false, null],
    ])
    expect(lines[0].typed).toBe('MO-500 20 htx-a extra')
  })

  test('nothing to read, too many lines or too many bytes refuses the whole input', () => {
    expect(parseQuickOrderText('')).toEqual({ ok: false, error: 'empty' })
    expect(parseQuickOrderText('SKU\tSố lượng\n\n')).toEqual({ ok: false, error: 'empty' })
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `SKU-${i} 1`).join('\n')
    expect(parseQuickOrderText(lines(200)).ok).toBe(true)
    expect(parseQuickOrderText(lines(201))).toEqual({ ok: false, error: 'tooManyLines' })
    expect(parseQuickOrderText(`MO-500 1\n${' '.repeat(100 * 1024)}`)).toEqual({ ok: false, error: 'tooLarge' })
  })
})

describe('reading a CSV file', () => {
  test('columns are found by their header, in any order and either language; other columns are ignored', () => {
    const result = csv('\uFEFFGhi chú;Số lượng;Mã SKU;Nhà sản xuất\r\nmật ong;"1.000";MO-500;\r\n;5;CF-1;htx-b\r\n')
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(brief(result.lines)).toEqual([
      [2, 'MO-500', 1000, null],
      [3, 'CF-1', 5, 'htx-b'],
    ])
    expect(result.lines[1].typed).toBe('CF-1 5 htx-b')
  })

  test('without a header the columns are sku, quantity, producer; blank rows are skipped', () => {
    const result = csv('MO-500,20\n\nCF-1,5,htx-b\nA,1,b,c\n')
    expect(result.ok && result.lines.map((l) => [l.line, l.sku, l.quantity, l.producer, l.unreadable])).toEqual([
      [1, 'MO-500', 20, null, false],
      [3, 'CF-1', 5, 'htx-b', false],
      [4, 'A', 1, 'b', true],
    ])
  })

  test('a header without a quantity column, an empty file and a broken file are refused', () => {
    expect(csv('sku,producer\nMO-500,htx-a\n')).toEqual({ ok: false, error: 'fileColumns' })
    expect(csv('\n\n')).toEqual({ ok: false, error: 'empty' })
    expect(csv('sku,quantity\n"MO-500,20\n')).toEqual({ ok: false, error: 'fileMalformed' })
  })
})

describe('finding the products', () => {
  const resolve = async (text: string) => resolveQuickOrderLines(parsed(text))

  test('a SKU one public product has is found, whatever its letter case', async () => {
    const [exact, lower] = await resolve('MO-500 20\nmo-500 20')
    expect([exact.problem, exact.product?.id]).toEqual([null, honey])
    expect([lower.problem, lower.product?.id]).toEqual([null, honey])
    expect(exact.product).toMatchObject({ sku: 'MO-500', moq: 10, producer: { slug: producerA.slug, displayName: 'HTX Mèo Vạc' } })
  })

  test('a SKU several producers sell is ambiguous until the producer is given', async () => {
    const [ambiguous, atB, atA] = await resolve(`CF-1 5\nCF-1 5 ${producerB.slug.toUpperCase()}\nCF-1 5 ${producerA.slug}`)
    expect(ambiguous.product).toBeNull()
    expect(ambiguous.problem).toEqual({
      code: 'ambiguous',
      producers: [
        { slug: producerA.slug, displayName: 'HTX Mèo Vạc' },
        { slug: producerB.slug, displayName: 'HTX Phú Quốc' },
      ],
    })
    expect([atB.problem, atB.product?.id]).toEqual([null, coffeeB])
    expect([atA.problem, atA.product?.id]).toEqual([null, coffeeA])
  })

  test('unknown SKUs, unknown producers, a SKU the producer lacks, products not for sale, and bad quantities', async () => {
    const lines = await resolve(`XX-9 5\nMO-500 5 htx-khong-co\nNM-40N 5 ${producerA.slug}\nOLD-1 5\nDR-1 5\nMO-500 1,5\nMO-500 0`)
    expect(lines.map((l) => l.problem?.code ?? null)).toEqual(['unknownSku', 'unknownProducer', 'notAtProducer', 'notForSale', 'unknownSku', 'quantityInvalid', 'quantityInvalid'])
    // What could be identified is shown in the report.
    expect(lines[3].product?.id).toBe(hidden)
    expect(lines[5].product?.id).toBe(honey)
    expect(lines[4].product).toBeNull()
  })

  test('below the MOQ, the cart refuses the line with the MOQ; the other lines still go in', async () => {
    const report = await addQuickOrderToCart(buyer.id, parsed('MO-500 9\nNM-40N 5'))
    expect(report.lines.map((l) => l.outcome)).toEqual([
      { code: 'cart', failure: { error: 'cart.belowMoq', values: { moq: 10 } } },
      { code: 'added', quantity: 5, inCart: 5, available: null },
    ])
    expect(await cartItems(buyer.id)).toEqual([{ productId: sauce, quantity: 5 }])
  })

  test('two lines for one product add up; more than the stock is added and flagged, as the cart does', async () => {
    const report = await addQuickOrderToCart(buyer.id, parsed('NM-40N 20\nNM-40N 15'))
    expect(report.lines.map((l) => l.outcome)).toEqual([
      { code: 'added', quantity: 20, inCart: 20, available: null },
      { code: 'added', quantity: 15, inCart: 35, available: 30 },
    ])
    expect(await quantityInCart(buyer.id, sauce)).toBe(35)
  })
})

describe('the quick order page', () => {
  test('a buyer who may order gets the page; a pasted list fills the cart and the report links to it', async () => {
    const loaded = await callRoute(quickOrderRoute.loader, owner.get('/vi/quick-order'), { lang: 'vi' })
    expect(loaded.status).toBe(200)
    expect(loaded.data).toMatchObject({ state: 'buyer', organization: { id: buyer.id }, limits: { linesMax: 200, maxKb: 100 } })

    const result = await pastePost(owner, `SKU\tSố lượng\tNhà sản xuất\nMO-500\t1.000\nCF-1\t10\t${producerB.slug}\n`)
    expect(result.status).toBe(200)
    expect(answerOf(result)).toMatchObject({ source: 'paste', error: null, text: '', report: { added: 2, failed: 0 } })
    expect(outcomes(result)).toEqual([
      [2, 'added'],
      [3, 'added'],
    ])
    expect(answerOf(result).report!.lines[0].outcome).toEqual({ code: 'added', quantity: 1000, inCart: 1000, available: 120 })
    expect(await cartItems(buyer.id)).toEqual([
      { productId: honey, quantity: 1000 },
      { productId: coffeeB, quantity: 10 },
    ])
  })

  test('failing lines are reported with why while the others are added; the box keeps only the failed lines', async () => {
    const text = 'MO-500 20\nXX-9 5\nCF-1 5\nNM-40N 2\nNM-40N 5'
    const result = await pastePost(owner, text)
    expect(result.status).toBe(200)
    expect(outcomes(result)).toEqual([
      [1, 'added'],
      [2, 'unknownSku'],
      [3, 'ambiguous'],
      [4, 'cart.belowMoq'],
      [5, 'added'],
    ])
    expect(answerOf(result)).toMatchObject({ report: { added: 2, failed: 3 }, text: 'XX-9 5\nCF-1 5\nNM-40N 2' })
    expect(await cartItems(buyer.id)).toEqual([
      { productId: honey, quantity: 20 },
      { productId: sauce, quantity: 5 },
    ])
  })

  test('when nothing can be added, or the input is refused, the box keeps exactly what was typed', async () => {
    const failing = 'SKU quantity\nXX-9 5\n\nMO-500 1,5\n'
    const none = await pastePost(owner, failing)
    expect(none.status).toBe(400)
    expect(answerOf(none)).toMatchObject({ text: failing, report: { added: 0, failed: 2 } })

    const tooMany = Array.from({ length: 201 }, () => 'MO-500 10').join('\n')
    const refused = await pastePost(owner, tooMany)
    expect(refused.status).toBe(400)
    expect(answerOf(refused)).toEqual({ source: 'paste', text: tooMany, fileName: null, error: 'tooManyLines', report: null })

    const empty = await pastePost(owner, '  \n')
    expect(answerOf(empty)).toMatchObject({ error: 'empty', text: '  \n' })
    expect(await cartItems(buyer.id)).toEqual([])
  })

  test('a CSV upload fills the cart the same way; a file without the columns is refused', async () => {
    const result = await filePost(owner, `sku;quantity;producer\nMO-500;"1.000";\nCF-1;5;${producerB.slug}\nCF-1;5;\n`)
    expect(result.status).toBe(200)
    expect(answerOf(result)).toMatchObject({ source: 'file', fileName: 'don-hang.csv', report: { added: 2, failed: 1 }, text: 'CF-1 5' })
    expect(outcomes(result)).toEqual([
      [2, 'added'],
      [3, 'added'],
      [4, 'ambiguous'],
    ])
    expect(await quantityInCart(buyer.id, honey)).toBe(1000)
    expect(await quantityInCart(buyer.id, coffeeB)).toBe(5)

    const noColumns = await filePost(owner, 'sku,giá\nMO-500,1\n')
    expect(noColumns.status).toBe(400)
    expect(answerOf(noColumns)).toMatchObject({ source: 'file', error: 'fileColumns', fileName: 'don-hang.csv' })
    const tooLarge = await filePost(owner, `sku,quantity\n${'MO-500,1\n'.repeat(12_000)}`)
    expect(tooLarge.status).toBe(413)
    expect(answerOf(tooLarge)).toMatchObject({ error: 'tooLarge' })
  })

  test('a VIEWER gets 403; a producer organisation gets the buyers-only answer; the CSRF token is required', async () => {
    expect((await callRoute(quickOrderRoute.loader, viewer.get('/vi/quick-order'), { lang: 'vi' })).status).toBe(403)
    expect((await pastePost(viewer, 'MO-500 20')).status).toBe(403)
    expect((await filePost(viewer, 'MO-500,20')).status).toBe(403)

    const page = await callRoute(quickOrderRoute.loader, producerMember.get('/vi/quick-order'), { lang: 'vi' })
    expect(page.status).toBe(200)
    expect(page.data).toMatchObject({ state: 'notBuyer', activeOrganization: { kind: 'PRODUCER', displayName: 'HTX Mèo Vạc' } })
    const post = await pastePost(producerMember, 'MO-500 20')
    expect(post.status).toBe(403)
    expect(post.data).toEqual({ notBuyer: true })

    const noToken = await callRoute(quickOrderRoute.action, owner.post('/vi/quick-order', { lines: 'MO-500 20' }, { csrf: false }), { lang: 'vi' })
    expect(noToken.status).toBe(403)
    expect(await prisma.cartItem.count()).toBe(0)
  })
})

describe('the words', () => {
  const load = (lang: string) => JSON.parse(readFileSync(path.resolve(`app/locales/${lang}/quick-order.json`), 'utf8')) as Record<string, unknown>
  const keys = (node: unknown, prefix = ''): string[] =>
    node && typeof node === 'object'
      ? Object.entries(node).flatMap(([k, v]) => keys(v, `${prefix}${prefix ? '.' : ''}${k}`))
      : [prefix.replace(/_(one|other)$/, '')]

  test('Vietnamese and English have the same keys, and every result and input error has its sentence', () => {
    const vi = [...new Set(keys(load('vi')))].sort()
    const en = [...new Set(keys(load('en')))].sort()
    expect(en).toEqual(vi)
    const codes = ['added', 'aboveStock', 'unreadable', 'skuMissing', 'quantityInvalid', 'unknownSku', 'unknownProducer', 'notAtProducer', 'ambiguous', 'notForSale']
    for (const code of codes) expect(vi).toContain(`result.${code}`)
    for (const error of ['empty', 'tooLarge', 'tooManyLines', 'fileRequired', 'fileMalformed', 'fileColumns']) expect(vi).toContain(`errors.${error}`)
  })
})
