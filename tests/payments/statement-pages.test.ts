// The operators' bank statement pages through their real loaders and actions (guard, multipart upload, CSRF):
// only operators reach them; an uploaded statement pays the order it matches and reports MATCHED; a bad file
// names its problems and creates nothing; the same file again applies nothing twice; an unmatched line can be
// assigned to an order by hand, and a wrong order number is refused keeping what was typed.
import { Outlet } from '@remix-run/react'
import { createElement as h, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import * as reportRoute from '~/routes/operator/statement'
import * as statementsRoute from '~/routes/operator/statements'
import { prisma } from '~/utils/db.server'
import { createI18n, type Language } from '~/utils/i18n'
import { getResources } from '~/utils/i18n.server'
import { sessionStorage } from '~/utils/session.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerWithAddress, confirm, expectOk, placeOne, product } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>
type ListData = Awaited<ReturnType<typeof statementsRoute.loader>>['data']
type ReportData = Awaited<ReturnType<typeof reportRoute.loader>>['data']
type UploadReply = { fileName: string | null; columns: Record<string, string>; problems: { line: number | null; key: string }[] }
type ResolveReply = { lineId: string; order: string; error: string }

const PATH = '/vi/operator/statements'
const params = { lang: 'vi' }

let operatorBrowser: Browser
let memberBrowser: Browser
let buyer: { id: string; displayName: string }
let producerId: string
let productId: string

/** 10 × 250,000 ₫ at 5% VAT: 2,625,000 ₫ once confirmed. */
async function confirmedOrder() {
  const orderId = await placeOne(buyer.id, [{ productId, quantity: 10 }])
  await expectOk(confirm(orderId, producerId))
  return prisma.order.findUniqueOrThrow({ where: { id: orderId } })
}

const csv = (rows: string[][], header = 'date,amount,description,transactionId') => [header, ...rows.map((r) => r.join(','))].join('\n')
let txn = 0
const transactionId = () => `FT26331${String(++txn).padStart(6, '0')}`

/** The upload form as a browser sends it: multipart, with the CSRF token, the file and the column names. */
function upload(browser: Browser, text: string, fields: Record<string, string> = {}, fileName = 'vcb-2711.csv') {
  const body = new FormData()
  body.append('csrf', browser.csrfToken)
  for (const [key, value] of Object.entries(fields)) body.append(key, value)
  body.append('file', new File([text], fileName, { type: 'text/csv' }))
  return callRoute(statementsRoute.action, new Request(`http://localhost:3000${PATH}`, { method: 'POST', body, headers: { Cookie: browser.cookie } }), params)
}

/** Uploads a statement that must be accepted; returns the report page's data. */
async function uploaded(text: string) {
  const res = await upload(operatorBrowser, text)
  expect(res.status).toBe(302)
  const id = res.location!.split('/').pop()!
  expect(res.location).toBe(`${PATH}/${id}`)
  return { res, id, report: await report(id) }
}

async function report(id: string) {
  const res = await callRoute(reportRoute.loader, operatorBrowser.get(`${PATH}/${id}`), { ...params, id })
  expect(res.status).toBe(200)
  return res.data as ReportData
}

const resolve = (browser: Browser, statementId: string, lineId: string, order: string) =>
  callRoute(reportRoute.action, browser.post(`${PATH}/${statementId}`, { intent: 'resolve', lineId, order }), { ...params, id: statementId })

async function toastOf(res: { headers: Headers }) {
  const session = await sessionStorage().getSession((res.headers.get('Set-Cookie') ?? '').split(';')[0])
  return session.get('toast')
}

const paymentOf = (orderId: string) => prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { paymentStatus: true, amountReceivedVnd: true } })

beforeAll(async () => {
  await ensureCategories()
  const [op, member] = await Promise.all([createUser({ name: 'Nguyễn Minh Châu' }), createUser()])
  await prisma.user.update({ where: { id: op.id }, data: { platformRoles: ['OPERATOR'] } })
  const producer = await makeOrg('PRODUCER', { name: 'HTX Mật ong Bắc Kạn', verificationStatus: 'VERIFIED', memberId: member.id })
  producerId = producer.id
  buyer = await buyerWithAddress('Siêu thị Co.op')
  productId = await product(producerId, { stock: 1000 })
  operatorBrowser = await browserFor(op.id)
  memberBrowser = await browserFor(member.id)
})

describe('who may see them', () => {
  test('a signed-in user without the OPERATOR role gets a 404 on both pages and both forms; nothing is created', async () => {
    const order = await confirmedOrder()
    const { id } = await uploaded(csv([['2026-11-27', '1000', 'CHUYEN TIEN', transactionId()]]))
    const line = (await report(id)).lines[0]

    expect((await callRoute(statementsRoute.loader, memberBrowser.get(PATH), params)).status).toBe(404)
    expect((await callRoute(reportRoute.loader, memberBrowser.get(`${PATH}/${id}`), { ...params, id })).status).toBe(404)
    const before = await prisma.bankStatement.count()
    expect((await upload(memberBrowser, csv([['2026-11-27', order.totalVnd.toString(), order.paymentReference, transactionId()]]))).status).toBe(404)
    expect(await prisma.bankStatement.count()).toBe(before)
    expect((await resolve(memberBrowser, id, line.id, order.number)).status).toBe(404)
    expect(await paymentOf(order.id)).toEqual({ paymentStatus: 'UNPAID', amountReceivedVnd: 0n })
  })

  test('an unknown statement is a 404 for operators too', async () => {
    expect((await callRoute(reportRoute.loader, operatorBrowser.get(`${PATH}/nope`), { ...params, id: 'nope' })).status).toBe(404)
  })

  test('an upload without the CSRF token is refused before anything is read', async () => {
    const body = new FormData()
    body.append('file', new File([csv([['2026-11-27', '1000', 'x', transactionId()]])], 'a.csv'))
    const before = await prisma.bankStatement.count()
    const res = await callRoute(statementsRoute.action, new Request(`http://localhost:3000${PATH}`, { method: 'POST', body, headers: { Cookie: operatorBrowser.cookie } }), params)
    expect(res.status).toBe(403)
    expect(await prisma.bankStatement.count()).toBe(before)
  })
})

describe('uploading', () => {
  test('a line with a confirmed order’s reference and the exact amount pays it; the report says MATCHED; the list shows the statement', async () => {
    const order = await confirmedOrder()
    const text = csv([['27/11/2026', '2.625.000', `CK THANH TOAN ${order.paymentReference.toLowerCase()} COOP`, transactionId()]])
    const { res, id, report: data } = await uploaded(text)

    expect(await paymentOf(order.id)).toEqual({ paymentStatus: 'PAID', amountReceivedVnd: 2_625_000n })
    expect(data.counts).toEqual({ MATCHED: 1 })
    expect(data.lines).toMatchObject([{ lineNumber: 2, bookedOn: '2026-11-27', amount: '2625000', outcome: 'MATCHED', order: { number: order.number, buyerName: 'Siêu thị Co.op', paymentStatus: 'PAID' } }])
    expect(await toastOf(res)).toMatchObject({ key: 'statements:toast.uploaded', values: { lines: '1', matched: '1', partial: '0', open: '0', skipped: '0' } })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'statements.upload', target: `statement:${id}` } })
    expect(audit.details).toMatchObject({ counts: { MATCHED: 1 } })

    const list = (await callRoute(statementsRoute.loader, operatorBrowser.get(PATH), params)).data as ListData
    expect(list.statements[0]).toMatchObject({ id, fileName: 'vcb-2711.csv', uploadedByName: 'Nguyễn Minh Châu', lines: 1, unmatched: 0 })
  })

  test('another bank’s column names are mapped from the form', async () => {
    const order = await confirmedOrder()
    const text = csv([['27/11/2026', '2625000', order.paymentReference, transactionId()]], 'Ngày GD;Số tiền;Nội dung;Số bút toán').replaceAll(',', ';')
    const res = await upload(operatorBrowser, text, { 'column-date': 'Ngày GD', 'column-amount': 'Số tiền', 'column-description': 'Nội dung', 'column-transactionId': 'Số bút toán' })
    expect(res.status).toBe(302)
    expect(await paymentOf(order.id)).toMatchObject({ paymentStatus: 'PAID' })
  })

  test('a malformed file names every problem with its line, keeps the typed columns, and creates no statement', async () => {
    const order = await confirmedOrder()
    const before = await prisma.bankStatement.count()
    const text = csv([
      ['27/11/2026', order.totalVnd.toString(), order.paymentReference, transactionId()],
      ['31/02/2026', '12.5', 'x', ''],
    ])
    const res = await upload(operatorBrowser, text, { 'column-date': '', 'column-amount': 'amount' })
    expect(res.status).toBe(400)
    const reply = res.data as UploadReply
    expect(reply.problems).toEqual([
      { line: 3, key: 'statements:problem.date' },
      { line: 3, key: 'statements:problem.amount' },
      { line: 3, key: 'statements:problem.transactionId' },
    ])
    expect(reply.columns).toMatchObject({ date: '', amount: 'amount' })
    expect(await prisma.bankStatement.count()).toBe(before)
    expect(await paymentOf(order.id)).toEqual({ paymentStatus: 'UNPAID', amountReceivedVnd: 0n })

    const missing = await upload(operatorBrowser, 'a,b\n1,2')
    expect((missing.data as UploadReply).problems).toMatchObject([{ line: null, key: 'statements:problem.missingColumns', values: { columns: 'date, amount, description, transactionId' } }])
    const noFile = await upload(operatorBrowser, '', {}, '')
    expect(noFile.status).toBe(400)
    expect((noFile.data as UploadReply).problems).toMatchObject([{ key: 'statements:upload.fileRequired' }])
    expect(await prisma.bankStatement.count()).toBe(before)
  })

  test('a file over the size limit is refused with a translated problem', async () => {
    const before = await prisma.bankStatement.count()
    const res = await upload(operatorBrowser, 'x'.repeat(2 * 1024 * 1024 + 1))
    expect(res.status).toBe(413)
    expect((res.data as UploadReply).problems).toMatchObject([{ key: 'statements:problem.tooLarge', values: { mb: 2 } }])
    expect(await prisma.bankStatement.count()).toBe(before)
  })

  test('the same file uploaded again applies nothing: ALREADY_APPLIED, the amount received unchanged', async () => {
    const order = await confirmedOrder()
    const text = csv([['2026-11-27', '1000000', order.paymentReference, transactionId()]])
    const first = await uploaded(text)
    expect(first.report.counts).toEqual({ PARTIAL: 1 })
    expect(await paymentOf(order.id)).toEqual({ paymentStatus: 'UNPAID', amountReceivedVnd: 1_000_000n })

    const again = await uploaded(text)
    expect(again.id).not.toBe(first.id)
    expect(again.report.counts).toEqual({ ALREADY_APPLIED: 1 })
    expect(again.report.lines[0]).toMatchObject({ outcome: 'ALREADY_APPLIED', order: null })
    expect(await paymentOf(order.id)).toEqual({ paymentStatus: 'UNPAID', amountReceivedVnd: 1_000_000n })
  })
})

describe('resolving a line by hand', () => {
  test('an UNMATCHED line assigned to an order by its number pays it; the line becomes MATCHED; audited; then no form', async () => {
    const order = await confirmedOrder()
    const { id, report: data } = await uploaded(csv([['2026-11-27', '2625000', 'CK TIEN HANG THANG 11', transactionId()]]))
    expect(data.lines[0]).toMatchObject({ outcome: 'UNMATCHED', order: null })
    const list = (await callRoute(statementsRoute.loader, operatorBrowser.get(PATH), params)).data as ListData
    expect(list.statements.find((s) => s.id === id)).toMatchObject({ unmatched: 1 })

    const res = await resolve(operatorBrowser, id, data.lines[0].id, ` ${order.number.toLowerCase()} `)
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${PATH}/${id}`)
    expect(await toastOf(res)).toMatchObject({ key: 'statements:toast.resolved', values: { line: '2', number: order.number, outcome: 'Khớp' } })
    expect(await paymentOf(order.id)).toEqual({ paymentStatus: 'PAID', amountReceivedVnd: 2_625_000n })
    const after = await report(id)
    expect(after.counts).toEqual({ MATCHED: 1 })
    expect(after.lines[0]).toMatchObject({ outcome: 'MATCHED', order: { number: order.number } })
    expect(after.lines[0].resolvedAt).not.toBeNull()
    expect(await prisma.auditLog.count({ where: { action: 'statements.resolve', target: `statement:${id}` } })).toBe(1)

    // The line is applied now: assigning it again is refused and changes nothing.
    const twice = await resolve(operatorBrowser, id, data.lines[0].id, order.number)
    expect(twice.status).toBe(400)
    expect((twice.data as ResolveReply).error).toBe('statements:resolve.lineApplied')
    expect(await paymentOf(order.id)).toEqual({ paymentStatus: 'PAID', amountReceivedVnd: 2_625_000n })
  })

  test('a wrong order number, an empty one, or an order that cannot take money: an error keeping what was typed', async () => {
    const placed = await placeOne(buyer.id, [{ productId, quantity: 10 }])
    const placedOrder = await prisma.order.findUniqueOrThrow({ where: { id: placed } })
    const { id, report: data } = await uploaded(csv([['2026-11-27', '2625000', 'KHONG CO MA', transactionId()]]))
    const lineId = data.lines[0].id

    const wrong = await resolve(operatorBrowser, id, lineId, 'DH-0000-999999')
    expect(wrong.status).toBe(400)
    expect(wrong.data).toEqual({ lineId, order: 'DH-0000-999999', error: 'statements:resolve.orderNotFound' })
    const empty = await resolve(operatorBrowser, id, lineId, '   ')
    expect((empty.data as ResolveReply).error).toBe('statements:resolve.orderRequired')
    const notPayable = await resolve(operatorBrowser, id, lineId, placedOrder.paymentReference)
    expect(notPayable.data).toEqual({ lineId, order: placedOrder.paymentReference, error: 'statements:resolve.orderNotPayable' })

    expect((await report(id)).lines[0]).toMatchObject({ outcome: 'UNMATCHED', order: null })
    expect(await paymentOf(placed)).toEqual({ paymentStatus: 'UNPAID', amountReceivedVnd: 0n })
  })

  test('a line of another statement is a 404 on this statement’s page', async () => {
    const a = await uploaded(csv([['2026-11-27', '1000', 'A', transactionId()]]))
    const b = await uploaded(csv([['2026-11-27', '1000', 'B', transactionId()]]))
    const order = await confirmedOrder()
    expect((await resolve(operatorBrowser, a.id, b.report.lines[0].id, order.number)).status).toBe(404)
  })
})

/** A page's markup as the server renders it; `reply` is the action's answer (the page after a refused POST). */
async function renderPage(page: ComponentType, path: string, routePath: string, loaderData: unknown, lang: Language, reply?: unknown) {
  const routes = [
    {
      id: 'root',
      path: '/',
      loader: () => ({ csrfToken: 'csrf-token-123', lang }),
      Component: Outlet,
      children: [{ id: 'page', path: routePath, loader: () => loaderData as object, action: () => (reply ?? null) as object | null, Component: page }],
    },
  ]
  const handler = createStaticHandler(routes)
  const request = reply ? new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams({ intent: 'x' }) }) : new Request(`http://localhost${path}`)
  const context = await handler.query(request)
  if (context instanceof Response) throw new Error('unexpected redirect')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToString(h(I18nextProvider, { i18n: createI18n(lang, getResources(lang)) }, h(StaticRouterProvider, { router, context, hydrate: false })))
}

describe("the pages' markup", () => {
  test('both pages render in Vietnamese and English: translated problems, outcomes, a no-JS resolve form keeping what was typed', async () => {
    const { id } = await uploaded(csv([['2026-11-27', '1000', 'KHONG CO MA', transactionId()]]))
    const problems = (await upload(operatorBrowser, csv([['31/02/2026', '1000', 'x', 'FT1']]), { 'column-amount': 'amount' })).data
    for (const lang of ['vi', 'en'] as const) {
      const list = (await callRoute(statementsRoute.loader, operatorBrowser.get(`/${lang}/operator/statements`), { lang })).data
      const listHtml = await renderPage(statementsRoute.default, `/${lang}/operator/statements`, ':lang/operator/statements', list, lang, problems)
      expect(listHtml).toMatch(/<form[^>]*method="post"[^>]*enctype="multipart\/form-data"/i)
      expect(listHtml).toContain('name="csrf" value="csrf-token-123"')
      expect(listHtml).toContain(`href="/${lang}/operator/statements/${id}"`)
      expect(listHtml).toContain(lang === 'vi' ? 'Cột của ngân hàng khác' : 'Another bank')
      expect(listHtml).toContain(lang === 'vi' ? 'Ngày giao dịch không hợp lệ' : 'Invalid transaction date')
      expect(listHtml).toMatch(/name="column-amount"[^>]*value="amount"/)

      const data = (await callRoute(reportRoute.loader, operatorBrowser.get(`/${lang}/operator/statements/${id}`), { lang, id })).data as ReportData
      const reply = { lineId: data.lines[0].id, order: 'DH-9', error: 'statements:resolve.orderNotFound' }
      const html = await renderPage(reportRoute.default, `/${lang}/operator/statements/${id}`, ':lang/operator/statements/:id', data, lang, reply)
      expect(html).toContain(lang === 'vi' ? 'Chưa khớp' : 'Unmatched')
      expect(html).toContain(lang === 'vi' ? 'Gán cho đơn' : 'Assign to order')
      expect(html).toContain('value="DH-9"')
      expect(html).toContain(lang === 'vi' ? 'Không có đơn hàng nào có số hoặc mã thanh toán này.' : 'No order has this number or payment reference.')
      expect(html).not.toMatch(/statements:|outcome\.|resolve\./)
    }
  })
})
