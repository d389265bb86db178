// Saved order lists on the platform API: a buyer's key lists, creates (idempotently), reads, changes and
// deletes its organisation's lists; producer keys are refused (403), another organisation's list does not
// exist (404), and bad input is refused with every failing field named.
import type { OpenAPIV3_1 } from 'openapi-types'
import { beforeAll, describe, expect, test } from 'vitest'
import { openApiDocument } from '~/modules/api/document.server'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { ORDER_LIMITS } from '~/modules/orders/order-rules'
import * as listRoute from '~/routes/api/v1/order-list'
import * as listsRoute from '~/routes/api/v1/order-lists'
import { prisma } from '~/utils/db.server'
import { product } from '../orders/order-fixtures'
import { callApi, organizationWithKey, type ApiRequest, type ApiResponse } from '../utils/api'

type Org = Awaited<ReturnType<typeof organizationWithKey>>
let buyerA: Org
let buyerB: Org
let producer: Org
let honey: string // MOQ 10, 250,000 ₫ from 10, 230,000 ₫ from 50, stock 120
let draft: string

const lists = (org: Org, options: ApiRequest & { query?: string } = {}) => callApi(listsRoute, `/api/v1/order-lists${options.query ?? ''}`, { key: org.key, ...options })
const create = (org: Org, json: unknown, headers: Record<string, string> = {}) => lists(org, { method: 'POST', json, headers })
const one = (org: Org, id: string, options: ApiRequest = {}) => callApi(listRoute, `/api/v1/order-lists/${id}`, { key: org.key, params: { id }, ...options })

function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.body.error.code).toBe(code)
  expect(res.body.error.message.length).toBeGreaterThan(0)
}

beforeAll(async () => {
  await ensureCategories()
  ;[buyerA, buyerB, producer] = await Promise.all([
    organizationWithKey('BUYER', 'Siêu thị Sài Gòn'),
    organizationWithKey('BUYER', 'Chuỗi Bí Mật'),
    organizationWithKey('PRODUCER', 'HTX Mèo Vạc'),
  ])
  honey = await product(producer.organization.id, { sku: 'MO-500' })
  draft = await product(producer.organization.id)
  await prisma.product.update({ where: { id: draft }, data: { status: 'DRAFT' } })
})

describe('order lists on the API', () => {
  test('a buyer\'s key creates a list (201) and lists its organisation\'s lists with their items', async () => {
    const res = await create(buyerA, { name: 'Hàng tuần', items: [{ productId: honey, quantity: 60 }] })
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({
      name: 'Hàng tuần',
      createdBy: null,
      items: [
        {
          productId: honey,
          sku: 'MO-500',
          name: { vi: 'Mật ong bạc hà Hà Giang', en: 'Hà Giang mint honey' },
          producer: { slug: producer.organization.slug, name: 'HTX Mèo Vạc' },
          unit: 'BOTTLE',
          moq: 10,
          quantity: 60,
          unitPrice: { amount: '230000', currency: 'VND' },
          lineTotal: { amount: '13800000', currency: 'VND' },
          availability: 'IN_STOCK',
          stock: 120,
        },
      ],
    })
    const empty = await create(buyerA, { name: 'Bổ sung' })
    expect(empty.status).toBe(201)
    expect(empty.body.items).toEqual([])

    const listed = await lists(buyerA)
    expect(listed.status).toBe(200)
    expect(listed.body).toMatchObject({ page: 1, pageSize: 20, total: 2 })
    expect(listed.body.data.map((l: { name: string }) => l.name)).toEqual(['Bổ sung', 'Hàng tuần'])
    expect((await lists(buyerA, { query: '?pageSize=1&page=2' })).body.data.map((l: { name: string }) => l.name)).toEqual(['Hàng tuần'])
    // Another organisation sees none of them.
    expect((await lists(buyerB)).body).toMatchObject({ data: [], total: 0 })
  })

  test('Idempotency-Key: a retry answers the first list without making another; the same key with another body is refused', async () => {
    const headers = { 'Idempotency-Key': 'list-retry-1' }
    const first = await create(buyerA, { name: 'Một lần', items: [{ productId: honey, quantity: 10 }] }, headers)
    expect(first.status).toBe(201)
    const again = await create(buyerA, { name: 'Một lần', items: [{ productId: honey, quantity: 10 }] }, headers)
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body.id).toBe(first.body.id)
    expectError(await create(buyerA, { name: 'Khác' }, headers), 422, 'IDEMPOTENCY_KEY_REUSED')
    expect(await prisma.orderList.count({ where: { buyerId: buyerA.organization.id, name: 'Một lần' } })).toBe(1)
  })

  test('bad input: 400 naming every failing field; a taken name is 409; nothing is created', async () => {
    const before = await prisma.orderList.count()
    let res = await create(buyerA, { name: '', items: [{ productId: honey, quantity: 0 }, { productId: honey, quantity: 1.5 }], extra: true })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(Object.keys(res.body.error.details).sort()).toEqual(['extra', 'items.0.quantity', 'items.1.productId', 'items.1.quantity', 'name'])
    expect(res.body.error.details.name).toEqual(['Hãy nhập tên danh sách.'])
    expect(res.body.error.details['items.0.quantity']).toEqual(['Số lượng phải là số nguyên từ 1 đến 1.000.000.'])

    res = await create(buyerA, { name: 'x'.repeat(101) }, { 'Accept-Language': 'en' })
    expect(res.body.error.details).toEqual({ name: ['A list\'s name has at most 100 characters.'] })

    res = await create(buyerA, { name: 'Sai', items: [{ productId: honey, quantity: 5 }, { productId: draft, quantity: 5 }, { productId: 'nope', quantity: 5 }] })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(res.body.error.details).toEqual({
      'items.1.productId': ['Sản phẩm này không có hoặc không còn bán.'],
      'items.2.productId': ['Sản phẩm này không có hoặc không còn bán.'],
    })

    const many = Array.from({ length: ORDER_LIMITS.linesMax + 1 }, (_, i) => ({ productId: `p-${i}`, quantity: 1 }))
    res = await create(buyerA, { name: 'Quá dài', items: many })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(res.body.error.details.items).toEqual(['Một danh sách có tối đa 200 sản phẩm. Hãy tách thành nhiều danh sách.'])

    await create(buyerA, { name: 'Trùng tên' })
    expectError(await create(buyerA, { name: 'TRÙNG TÊN' }), 409, 'NAME_TAKEN')
    expect(await prisma.orderList.count()).toBe(before + 1)
  })

  test('by id: read, rename and replace the items, delete; another organisation\'s list is 404 for every method', async () => {
    const created = await create(buyerA, { name: 'Hàng tháng', items: [{ productId: honey, quantity: 5 }] })
    const id = created.body.id as string
    expect((await one(buyerA, id)).body).toMatchObject({ id, name: 'Hàng tháng', items: [{ quantity: 5, unitPrice: { amount: '250000' }, lineTotal: { amount: '2500000' } }] })

    expectError(await one(buyerB, id), 404, 'NOT_FOUND')
    expectError(await one(buyerB, id, { method: 'PATCH', json: { name: 'Của tôi' } }), 404, 'NOT_FOUND')
    expectError(await one(buyerB, id, { method: 'DELETE' }), 404, 'NOT_FOUND')
    expectError(await one(buyerA, 'no-such-list'), 404, 'NOT_FOUND')

    let res = await one(buyerA, id, { method: 'PATCH', json: { name: 'Hàng tháng – DC', items: [{ productId: honey, quantity: 80 }] } })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ name: 'Hàng tháng – DC', items: [{ productId: honey, quantity: 80, unitPrice: { amount: '230000' } }] })
    res = await one(buyerA, id, { method: 'PATCH', json: { items: [{ productId: draft, quantity: 1 }] } })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(Object.keys(res.body.error.details)).toEqual(['items.0.productId'])
    res = await one(buyerA, id, { method: 'PATCH', json: { items: [{ productId: honey, quantity: 1 }, { productId: honey, quantity: 2 }] } })
    expect(res.body.error.details).toEqual({ 'items.1.productId': ['Sản phẩm này đã có ở một dòng khác của danh sách.'] })
    expect((await one(buyerA, id)).body).toMatchObject({ name: 'Hàng tháng – DC', items: [{ quantity: 80 }] })

    res = await one(buyerA, id, { method: 'DELETE' })
    expect(res.status).toBe(204)
    expectError(await one(buyerA, id), 404, 'NOT_FOUND')
  })

  test('a producer\'s key gets 403 saying lists are for buyers; no key is 401', async () => {
    for (const res of [
      await lists(producer),
      await create(producer, { name: 'Hàng tuần' }),
      await one(producer, 'anything'),
      await one(producer, 'anything', { method: 'PATCH', json: { name: 'X' } }),
      await one(producer, 'anything', { method: 'DELETE' }),
    ]) {
      expectError(res, 403, 'FORBIDDEN')
      expect(res.body.error.message).toBe('Chỉ tổ chức mua hàng mới có danh sách đặt hàng. Khóa API này thuộc về một nhà sản xuất.')
    }
    expectError(await callApi(listsRoute, '/api/v1/order-lists'), 401, 'UNAUTHENTICATED')
    expect(await prisma.orderList.count({ where: { buyerId: producer.organization.id } })).toBe(0)
  })

  test('is documented: the order-list operations, with Idempotency-Key on POST', () => {
    const doc = openApiDocument()
    const collection = doc.paths!['/api/v1/order-lists']!
    const item = doc.paths!['/api/v1/order-lists/{id}']!
    expect(collection.get?.operationId).toBe('listOrderLists')
    expect(collection.post?.operationId).toBe('createOrderList')
    expect((collection.post?.parameters as OpenAPIV3_1.ParameterObject[]).map((p) => p.name)).toContain('Idempotency-Key')
    expect(Object.keys(collection.post!.responses)).toEqual(expect.arrayContaining(['201', '400', '403', '409']))
    expect([item.get?.operationId, item.patch?.operationId, item.delete?.operationId]).toEqual(['getOrderList', 'updateOrderList', 'deleteOrderList'])
  })
})
