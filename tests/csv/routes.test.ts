// The producer's CSV pages: the import form (multipart, CSRF, who may use it) and the export and template
// downloads (what Excel needs: text/csv, an attachment, a byte-order mark).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { CSV_MAX_BYTES } from '~/modules/catalog/csv-columns'
import * as exportRoute from '~/routes/producer/product-export'
import * as importPage from '~/routes/producer/product-import'
import * as templateRoute from '~/routes/producer/product-template'
import { prisma } from '~/utils/db.server'
import { organizationWithKey } from '../utils/api'
import { browserFor, callRoute, createUser } from '../utils/routes'

type Org = Awaited<ReturnType<typeof organizationWithKey>>
type Browser = Awaited<ReturnType<typeof browserFor>>
let producer: Org
let otherProducer: Org
let buyer: Org
let owner: Browser
let buyerOwner: Browser
let stranger: Browser

beforeAll(async () => {
  await ensureCategories()
  ;[producer, otherProducer, buyer] = await Promise.all([
    organizationWithKey('PRODUCER', 'HTX Mật Ong Mèo Vạc'),
    organizationWithKey('PRODUCER', 'HTX Bí Mật'),
    organizationWithKey('BUYER', 'Siêu thị A'),
  ])
  owner = await browserFor(producer.owner.id)
  buyerOwner = await browserFor(buyer.owner.id)
  stranger = await browserFor((await createUser()).id)
})

const BASE = 'http://localhost:3000'
const paramsOf = (org: Org) => ({ lang: 'vi', slug: org.organization.slug })
const importUrl = (org: Org) => `/vi/orgs/${org.organization.slug}/products/import`

const GOOD = '\ufeffMã SKU,Tên (tiếng Việt),Mô tả (tiếng Việt),Danh mục,Đơn vị,Đặt tối thiểu (MOQ),Bậc giá (VND),Thuế GTGT,Tồn kho\r\nPAGE-1,Mật ong bạc hà,Mật ong hoa bạc hà.,flower-honey,chai,10,10:180000;50:165000,5,40\r\n'

/** A multipart upload as the page's form sends it. */
function upload(browser: Browser, org: Org, file: Blob | null, options: { csrf?: boolean; name?: string } = {}) {
  const form = new FormData()
  if (options.csrf !== false) form.append('csrf', browser.csrfToken)
  if (file) form.append('file', file, options.name ?? 'san-pham.csv')
  return new Request(`${BASE}${importUrl(org)}`, { method: 'POST', body: form, headers: { Cookie: browser.cookie } })
}
const csvFile = (text: string) => new Blob([text], { type: 'text/csv' })

describe('the import page', () => {
  test('a producer uploads a CSV: the products are created and the page reports each row', async () => {
    const page = await callRoute(importPage.loader, owner.get(importUrl(producer)), paramsOf(producer))
    expect(page.status).toBe(200)

    const res = await callRoute(importPage.action, upload(owner, producer, csvFile(GOOD)), paramsOf(producer))
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ fileName: 'san-pham.csv', result: { ok: true, created: 1, rows: [{ line: 2, sku: 'PAGE-1', action: 'created' }] } })
    expect(await prisma.product.findFirst({ where: { producerId: producer.organization.id, sku: 'PAGE-1' } })).toMatchObject({ unit: 'BOTTLE', status: 'DRAFT' })
  })

  test('a file with an error: 400 with every problem, nothing written', async () => {
    const before = await prisma.product.count()
    const bad = GOOD + 'PAGE-2,Chè,Mô tả.,tea,kg,0,1:1000,5,1\r\n'
    const res = await callRoute(importPage.action, upload(owner, producer, csvFile(bad.replace('PAGE-1', 'PAGE-3'))), paramsOf(producer))
    expect(res.status).toBe(400)
    const { problems } = (res.data as { result: { problems: { line: number; sku: string; column: string; message: string }[] } }).result
    expect(problems).toContainEqual({ line: 3, sku: 'PAGE-2', column: 'moq', message: 'product.moq.min' })
    expect(problems.every((p) => p.line === 3)).toBe(true)
    expect(await prisma.product.count()).toBe(before)
  })

  test('no file, a file over the limit, or no CSRF token: refused, nothing written', async () => {
    const before = await prisma.product.count()
    const none = await callRoute(importPage.action, upload(owner, producer, null), paramsOf(producer))
    expect(none.status).toBe(400)
    expect(none.data).toMatchObject({ result: { ok: false, problems: [{ message: 'csv.file.required' }] } })

    const huge = await callRoute(importPage.action, upload(owner, producer, csvFile('x'.repeat(CSV_MAX_BYTES + 10))), paramsOf(producer))
    expect(huge.status).toBe(413)
    expect(huge.data).toMatchObject({ result: { ok: false, problems: [{ message: 'csv.file.tooLarge', values: { max: 2 } }] } })

    const forged = await callRoute(importPage.action, upload(owner, producer, csvFile(GOOD.replace('PAGE-1', 'FORGED'))), paramsOf(producer))
    expect(forged.status).toBe(200) // same cookie and token: this is the control
    const noToken = await callRoute(importPage.action, upload(owner, producer, csvFile(GOOD.replace('PAGE-1', 'NO-TOKEN')), { csrf: false }), paramsOf(producer))
    expect(noToken.status).toBe(403)
    expect(await prisma.product.count({ where: { sku: 'NO-TOKEN' } })).toBe(0)
    expect(await prisma.product.count()).toBe(before + 1)
  })

  test('a buyer organisation, a non-member and another producer\'s owner get 404; nobody signed in is sent to log in', async () => {
    expect((await callRoute(importPage.loader, buyerOwner.get(importUrl(buyer)), paramsOf(buyer))).status).toBe(404)
    expect((await callRoute(importPage.action, upload(buyerOwner, buyer, csvFile(GOOD)), paramsOf(buyer))).status).toBe(404)
    expect((await callRoute(importPage.loader, stranger.get(importUrl(producer)), paramsOf(producer))).status).toBe(404)
    const intoOther = await callRoute(importPage.action, upload(owner, otherProducer, csvFile(GOOD.replace('PAGE-1', 'INTRUDER'))), paramsOf(otherProducer))
    expect(intoOther.status).toBe(404)
    expect(await prisma.product.count({ where: { sku: 'INTRUDER' } })).toBe(0)
    const anonymous = await browserFor()
    const res = await callRoute(importPage.loader, anonymous.get(importUrl(producer)), paramsOf(producer))
    expect(res.status).toBe(302)
    expect(res.location).toMatch(/^\/vi\/login\?/)
  })
})

async function download(route: { loader: unknown }, browser: Browser, org: Org, path: string, lang = 'vi') {
  const request = browser.get(`/${lang}/orgs/${org.organization.slug}/products/${path}`)
  try {
    return await (route.loader as (args: LoaderFunctionArgs) => Promise<Response>)({ request, params: { lang, slug: org.organization.slug }, context: {} })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

describe('the downloads', () => {
  test('export.csv: the producer\'s products as a UTF-8 CSV attachment with a byte-order mark', async () => {
    const res = await download(exportRoute, owner, producer, 'export.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="${producer.organization.slug}-products-\\d{4}-\\d{2}-\\d{2}\\.csv"$`))
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('Mã SKU,')
    expect(text).toContain('PAGE-1,Mật ong bạc hà')

    const semicolon = await download(exportRoute, owner, producer, 'export.csv?delimiter=semicolon')
    expect(await semicolon.text()).toContain('Mã SKU;')
  })

  test('template.csv: headers and two examples, in the page language', async () => {
    const vi = await download(templateRoute, owner, producer, 'template.csv')
    expect(vi.status).toBe(200)
    expect(vi.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(vi.headers.get('Content-Disposition')).toBe('attachment; filename="mau-san-pham.csv"')
    const bytes = new Uint8Array(await vi.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes).trimEnd().split('\r\n')).toHaveLength(3)
    const en = await download(templateRoute, owner, producer, 'template.csv', 'en')
    expect(await en.text()).toContain('SKU,Name (Vietnamese)')
  })

  test('another producer\'s export, and a buyer organisation\'s, are not found', async () => {
    expect((await download(exportRoute, owner, otherProducer, 'export.csv')).status).toBe(404)
    expect((await download(exportRoute, buyerOwner, buyer, 'export.csv')).status).toBe(404)
    expect((await download(templateRoute, stranger, producer, 'template.csv')).status).toBe(404)
  })
})
