// The order page shows the buyer a VietQR code for what is due once the order is confirmed, and nobody else.
import { beforeAll, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { markTransferReceived } from '~/modules/orders/transitions.server'
import * as detailRoute from '~/routes/orders/order'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'
import { buyerWithAddress, confirm, expectOk, operator, placeOne, product } from '../orders/order-fixtures'
import { browserFor, callRoute, createUser } from '../utils/routes'

type DetailData = { bank: { account: string; qrSvg: string | null } | null }

beforeAll(() => ensureCategories())

test('a VietQR code for the amount due: after confirmation, for the buyer only, gone once paid', async () => {
  const producer = await makeOrg('PRODUCER')
  const buyer = await buyerWithAddress()
  const [buyerUser, producerUser] = [await createUser(), await createUser()]
  await prisma.membership.createMany({
    data: [
      { userId: buyerUser.id, organizationId: buyer.id, role: 'MEMBER' },
      { userId: producerUser.id, organizationId: producer.id, role: 'MEMBER' },
    ],
  })
  const [asBuyer, asProducer] = [await browserFor(buyerUser.id), await browserFor(producerUser.id)]
  const honey = await product(producer.id, { stock: 100 })
  const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 20 }])
  const { number } = await prisma.order.findUniqueOrThrow({ where: { id: orderId } })
  const page = async (org: { slug: string }, browser: typeof asBuyer) =>
    (await callRoute(detailRoute.loader, browser.get(`/vi/orgs/${org.slug}/orders/${number}`), { lang: 'vi', slug: org.slug, number })).data as DetailData

  // Placed: the amount is not final, nothing to pay yet.
  expect((await page(buyer, asBuyer)).bank).toBeNull()
  await expectOk(confirm(orderId, producer.id))
  const due = await page(buyer, asBuyer)
  expect(due.bank?.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/)
  expect((await page(producer, asProducer)).bank).toBeNull()

  const { totalVnd } = await prisma.order.findUniqueOrThrow({ where: { id: orderId } })
  await expectOk(markTransferReceived({ orderId, amountVnd: totalVnd, operator }))
  expect((await page(buyer, asBuyer)).bank).toBeNull()
})
