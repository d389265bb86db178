// Every order change tells the other party: the `order.changed` outbox handler writes a message to each of
// its members in the member's language (kept in the dev mailbox here), once even if the handler runs again.
import { beforeAll, expect, test } from 'vitest'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { notifyOrderChange } from '~/modules/orders/notifications.server'
import { markTransferReceived, recordCardPayment, transitionOrder, type OrderChangedPayload } from '~/modules/orders/transitions.server'
import { drainOutbox } from '~/modules/outbox/outbox.server'
import { prisma } from '~/utils/db.server'
import { formatVnd } from '~/utils/format'
import { makeOrg } from '../catalog/fixtures'
import { buyerActor, buyerWithAddress, confirm, expectOk, operator, placeOne, producerActor, product } from './order-fixtures'

beforeAll(() => ensureCategories())

async function member(organizationId: string, user: { name: string; email?: string; phone?: string; locale: string }) {
  await prisma.user.create({ data: { ...user, passwordHash: 'x', memberships: { create: { organizationId, role: 'MEMBER' } } } })
}

async function drain() {
  while ((await drainOutbox(50, 'fast')) > 0);
}

const mailTo = (to: string) => prisma.devMessage.findMany({ where: { to }, orderBy: { createdAt: 'asc' } })

test('the buyer hears of the confirmation in each member’s language, the producer of the cancellation, nobody twice', async () => {
  const producer = await makeOrg('PRODUCER', { name: 'HTX Mèo Vạc' })
  const buyer = await buyerWithAddress('Siêu thị Sài Gòn')
  await member(buyer.id, { name: 'Lan', email: 'lan@sieuthi.vn', locale: 'vi' })
  await member(buyer.id, { name: 'John', phone: '+84901234567', locale: 'en' })
  await member(producer.id, { name: 'Sùng A Páo', email: 'pao@htx.vn', locale: 'vi' })
  const honey = await product(producer.id, { stock: 100 })
  const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 50 }])
  const number = (await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).number
  const [line] = await prisma.orderItem.findMany({ where: { orderId } })

  await expectOk(confirm(orderId, producer.id, { quantities: { [line.id]: 40 }, shippingFeeVnd: 150_000n, note: 'Mất mùa' }))
  await drain()
  const [vi] = await mailTo('lan@sieuthi.vn')
  expect(vi.channel).toBe('EMAIL')
  expect(vi.subject).toBe(`Đơn hàng ${number} đã được xác nhận`)
  // 40 × 230,000 = 9,200,000 + 5% VAT 460,000 + 150,000 shipping
  expect(vi.text).toContain('Chào Lan,')
  expect(vi.text).toContain(`Tổng cộng (gồm VAT và phí vận chuyển): ${formatVnd(9_810_000n, 'vi')}`)
  expect(vi.text).toContain('- Mật ong bạc hà Hà Giang: 50 → 40')
  expect(vi.text).toContain(`Vui lòng chuyển khoản ${formatVnd(9_810_000n, 'vi')}`)
  expect(vi.text).toContain('Ghi chú: Mất mùa')
  // The link opens the order on the buyer's side, in the member's language.
  expect(vi.text).toContain(`http://localhost:3000/vi/orgs/${buyer.slug}/orders/${number}`)
  const [en] = await mailTo('+84901234567')
  expect(en.channel).toBe('SMS')
  expect(en.subject).toBe(`Order ${number} is confirmed`)
  expect(en.text).toContain('- Hà Giang mint honey: 50 → 40')
  expect(en.text).toContain(`Total (VAT and shipping included): ${formatVnd(9_810_000n, 'en')}`)
  expect(en.text).toContain(`http://localhost:3000/en/orgs/${buyer.slug}/orders/${number}`)
  // The producer heard of the new order, and is not told about its own confirmation.
  const [placed] = await mailTo('pao@htx.vn')
  expect(placed.subject).toContain(number)
  expect(await mailTo('pao@htx.vn')).toHaveLength(1)

  // Running the handler again for the same event sends nothing more.
  const message = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: 'order.changed' }, orderBy: { id: 'desc' } })
  await notifyOrderChange(message.payload as OrderChangedPayload)
  await drain()
  expect(await mailTo('lan@sieuthi.vn')).toHaveLength(1)

  await expectOk(transitionOrder({ orderId, actor: buyerActor(buyer.id), to: 'CANCELLED', note: 'Đổi nhà cung cấp' }))
  await drain()
  const cancelled = (await mailTo('pao@htx.vn'))[1]
  expect(cancelled.subject).toBe(`Đơn hàng ${number} đã bị hủy`)
  expect(cancelled.text).toContain('Siêu thị Sài Gòn đã hủy đơn hàng')
  expect(cancelled.text).toContain('Lý do: Đổi nhà cung cấp')
  expect(cancelled.text).toContain(`/vi/orgs/${producer.slug}/orders/${number}`)
  expect(await mailTo('lan@sieuthi.vn')).toHaveLength(1)
})

test('payments: the buyer sees what was received and what is left; both parties hear when it is paid', async () => {
  const producer = await makeOrg('PRODUCER')
  const buyer = await buyerWithAddress()
  await member(buyer.id, { name: 'Mai', email: 'mai@buyer.vn', locale: 'en' })
  await member(producer.id, { name: 'Hùng', email: 'hung@htx.vn', locale: 'vi' })
  const honey = await product(producer.id, { stock: 100 })
  const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }]) // 2,625,000
  // The message about a new order, ready for placeOrders to queue (it does not yet).
  const placed = await prisma.orderEvent.findFirstOrThrow({ where: { orderId, toStatus: 'PLACED' } })
  await notifyOrderChange({ orderId, eventId: placed.id, recipients: ['producer'] })
  await drain()
  const [newOrder] = await mailTo('hung@htx.vn')
  expect(newOrder.subject).toMatch(/^Đơn hàng mới DH-\d{4}-\d{6} từ Siêu thị \d+$/)
  expect(newOrder.text).toContain(`tổng cộng ${formatVnd(2_625_000n, 'vi')} (gồm VAT)`)
  await expectOk(confirm(orderId, producer.id))
  await drain()
  await expectOk(markTransferReceived({ orderId, amountVnd: 1_000_000n, operator }))
  await drain()
  const partial = (await mailTo('mai@buyer.vn')).at(-1)!
  expect(partial.subject).toMatch(/^Payment received for order DH-/)
  expect(partial.text).toContain(`Received in all: ${formatVnd(1_000_000n, 'en')} of ${formatVnd(2_625_000n, 'en')}`)
  expect(partial.text).toContain(`Please transfer ${formatVnd(1_625_000n, 'en')}`)
  expect(await mailTo('hung@htx.vn')).toHaveLength(1) // only the new order: an underpayment is the buyer's business

  await expectOk(markTransferReceived({ orderId, amountVnd: 1_625_000n, operator }))
  await drain()
  expect((await mailTo('mai@buyer.vn')).at(-1)!.text).toContain(`The order is paid in full (${formatVnd(2_625_000n, 'en')})`)
  const paid = (await mailTo('hung@htx.vn')).at(-1)!
  expect(await mailTo('hung@htx.vn')).toHaveLength(2)
  expect(paid.subject).toMatch(/^Đã nhận thanh toán cho đơn hàng DH-/)

  // Shipping and automatic steps: the buyer is told of the carrier and tracking number.
  await expectOk(transitionOrder({ orderId, actor: producerActor(producer.id), to: 'SHIPPED', carrier: 'Viettel Post', trackingNumber: 'VTP42' }))
  await drain()
  const shipped = (await mailTo('mai@buyer.vn')).at(-1)!
  expect(shipped.subject).toMatch(/has shipped$/)
  expect(shipped.text).toContain('Carrier: Viettel Post\nTracking number: VTP42')
})

test('a card payment: both parties hear it in their language, with what was received', async () => {
  const producer = await makeOrg('PRODUCER')
  const buyer = await buyerWithAddress()
  await member(buyer.id, { name: 'Tan', email: 'tan@export.sg', locale: 'en' })
  await member(producer.id, { name: 'Páo', email: 'pao@card-htx.vn', locale: 'vi' })
  const honey = await product(producer.id, { stock: 100 })
  // The message follows the payment's event (Stripe's, recorded by card.server.ts), whatever method was chosen.
  const orderId = await placeOne(buyer.id, [{ productId: honey, quantity: 10 }])
  await expectOk(confirm(orderId, producer.id))
  await expectOk(recordCardPayment({ orderId, amountVnd: 2_625_000n, paymentIntentId: 'pi_mail_test' }))
  await drain()
  const buyerMail = (await mailTo('tan@export.sg')).at(-1)!
  expect(buyerMail.subject).toMatch(/^Card payment received for order DH-/)
  expect(buyerMail.text).toContain(`card payment of ${formatVnd(2_625_000n, 'en')}`)
  expect(buyerMail.text).toContain(`The order is paid in full (${formatVnd(2_625_000n, 'en')})`)
  // The producer had the new order's mail too; the payment's is the other one.
  const producerMails = await mailTo('pao@card-htx.vn')
  expect(producerMails).toHaveLength(2)
  const producerMail = producerMails.find((m) => !m.subject.startsWith('Đơn hàng mới'))!
  expect(producerMail.subject).toMatch(/^Đã nhận thanh toán thẻ cho đơn hàng DH-/)
  expect(`${buyerMail.subject}${buyerMail.text}${producerMail.subject}${producerMail.text}`).not.toContain('mail:')
})
