// A purchaser's monthly limit holds when two checkouts run at once: they cannot both fit under what is left.
import { beforeAll, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { placeOrders } from '~/modules/orders/place-orders.server'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerWithAddress, product } from './order-fixtures'

beforeAll(() => ensureCategories())

test('two checkouts at once by one purchaser: one fits the monthly limit, the other waits for approval', async () => {
  const producer = await makeOrg('PRODUCER')
  const buyer = await buyerWithAddress()
  const purchaser = await prisma.user.create({
    data: {
      name: 'Lê Quang Vinh',
      email: `vinh-${Date.now()}@buyer.vn`,
      passwordHash: 'x',
      // 20 × 250,000 + 5% VAT = 5,250,000 an order: one fits under 8 million, two do not.
      memberships: { create: { organizationId: buyer.id, role: 'PURCHASER', monthlyLimitVnd: 8_000_000n } },
    },
  })
  // Two different products, so the two checkouts share no stock row that would make them wait for each other.
  const tea = await product(producer.id, { stock: 1000 })
  const honey = await product(producer.id, { stock: 1000 })
  const place = (productId: string) => placeOrders({ buyerId: buyer.id, actor: { userId: purchaser.id, name: 'Lê Quang Vinh' }, items: [{ productId, quantity: 20 }] })

  for (let round = 0; round < 3; round++) {
    const results = await Promise.all([place(tea), place(honey)])
    expect(results.every((r) => r.ok)).toBe(true)
    const orders = await prisma.order.findMany({ where: { buyerId: buyer.id }, orderBy: { createdAt: 'asc' } })
    const open = orders.filter((o) => o.status === 'PLACED')
    const waiting = orders.filter((o) => o.status === 'PENDING_APPROVAL')
    expect(open).toHaveLength(1)
    expect(waiting).toHaveLength(1)
    expect(waiting[0]).toMatchObject({ approvalRequiredBecause: 'MONTHLY_LIMIT', approvalLimitVnd: 8_000_000n })
    expect(open[0].totalVnd).toBe(5_250_000n)
    // Start again from an empty month: cancelled orders do not count.
    await prisma.order.updateMany({ where: { buyerId: buyer.id }, data: { status: 'CANCELLED' } })
    await prisma.order.deleteMany({ where: { buyerId: buyer.id } })
  }
})
