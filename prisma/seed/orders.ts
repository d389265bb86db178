// Demo orders: the demo buyers' (buyer@, export@, both@) orders with several producers, in every status, made
// through the real services (placeOrders, transitionOrder, markTransferReceived, markRefunded) at times spread
// over the past weeks, so timelines, stock reservations and money are what the app itself would have made.
// Also every demo buyer's delivery addresses and a few lines in buyer@'s cart.
//
// Safe to run again: addresses only for buyers with none, orders only while the demo buyers have none, cart
// lines only while buyer@'s cart is empty. Orders waiting on the buyer or the producer are recent enough that
// the automatic jobs (cancel unpaid, deliver after shipment) leave them alone.
import type { Prisma } from '~/generated/prisma/client'
import { DeliveryAddressCreateSchema, type DeliveryAddressCreateInput } from '~/modules/delivery-addresses/schemas'
import { publicProductWhere } from '~/modules/catalog/products.server'
import { todayInHcm } from '~/modules/catalog/certifications'
import { placeOrders } from '~/modules/orders/place-orders.server'
import {
  markRefunded,
  markTransferReceived,
  ORDER_CHANGED_TOPIC,
  transitionOrder,
  type OperatorActor,
  type OrderTransitionActor,
} from '~/modules/orders/transitions.server'
import { prisma } from '~/utils/db.server'
import { normalizeEmail } from '~/modules/accounts/identifier'
import { buyers } from './organizations'
import { demoLogins, type DemoPerson } from './users'

export type OrdersSeedResult = {
  /** The demo buyers' orders now in the database, and how many of them this run placed. */
  orders: number
  created: number
  addresses: number
  cartItems: number
}

const DAY_MS = 24 * 60 * 60 * 1000
/** A line's value stays within what a buyer would order on the platform (no tonne of pepper in the demo). */
const LINE_BUDGET_VND = 60_000_000n

// ---------------------------------------------------------------------------------------------------------
// Delivery addresses: the three demo buyers have their own warehouses; the others receive at their office.

const demoAddresses: Record<string, DeliveryAddressCreateInput[]> = {
  'saigon-co-op': [
    {
      label: 'Trung tâm phân phối Củ Chi',
      recipientName: 'Kho nhận hàng Co.op (ca sáng)',
      phone: '028 3790 1234',
      addressLine: 'Lô C5, Khu công nghiệp Tây Bắc Củ Chi',
      commune: 'xã Tân An Hội',
      province: '79',
      isDefault: true,
    },
    {
      label: 'Kho lạnh Sóng Thần',
      recipientName: 'Nguyễn Văn Lộc',
      phone: '0908 112 358',
      addressLine: 'Đường số 9, Khu công nghiệp Sóng Thần 2',
      commune: 'phường Dĩ An',
      province: '79',
    },
  ],
  'dac-san-ba-mien': [
    {
      label: 'Kho Hòa Khánh',
      recipientName: 'Lê Văn Tín',
      phone: '0905 246 810',
      addressLine: 'Lô 12, Khu công nghiệp Hòa Khánh',
      commune: 'phường Hòa Khánh',
      province: '48',
      isDefault: true,
    },
  ],
  'harvest-link-singapore': [
    {
      label: 'Kho ngoại quan Cát Lái',
      recipientName: 'Harvest Link – Export desk',
      phone: '028 3742 6611',
      addressLine: 'Cảng Cát Lái, số 1295B đường Nguyễn Thị Định',
      commune: 'phường Cát Lái',
      province: '79',
      isDefault: true,
    },
  ],
}

function addressesOf(buyer: (typeof buyers)[number]): DeliveryAddressCreateInput[] {
  const raw = demoAddresses[buyer.slug] ?? [
    {
      label: 'Kho nhận hàng',
      recipientName: buyer.owner.name,
      phone: buyer.phone,
      addressLine: buyer.addressLine,
      commune: buyer.commune,
      province: buyer.provinceCode,
      isDefault: true,
    },
  ]
  // Checked with the schema of the address form and API, so the demo holds nothing a buyer could not enter.
  return raw.map((a) => {
    const parsed = DeliveryAddressCreateSchema.safeParse(a)
    if (!parsed.success) throw new Error(`demo delivery address "${a.label}" of ${buyer.slug} is refused: ${parsed.error.issues.map((i) => i.message).join(', ')}`)
    return parsed.data
  })
}

async function seedAddresses() {
  const orgs = await prisma.organization.findMany({
    where: { slug: { in: buyers.map((b) => b.slug) } },
    select: { id: true, slug: true, createdAt: true, _count: { select: { deliveryAddresses: true } } },
  })
  let created = 0
  for (const org of orgs) {
    if (org._count.deliveryAddresses > 0) continue
    const addresses = addressesOf(buyers.find((b) => b.slug === org.slug)!)
    await prisma.deliveryAddress.createMany({
      data: addresses.map((a, i) => ({
        organizationId: org.id,
        label: a.label,
        recipientName: a.recipientName,
        phone: a.phone,
        addressLine: a.addressLine,
        commune: a.commune,
        provinceCode: a.province,
        isDefault: a.isDefault === true,
        // Added the day the organisation joined.
        createdAt: new Date(org.createdAt.getTime() + (i + 1) * 60_000),
      })),
    })
    created += addresses.length
  }
  return created
}

// ---------------------------------------------------------------------------------------------------------
// The orders. Times are days before the seed runs; every step comes after the one before it.

type BuyerKey = 'buyer' | 'export' | 'both'

type Step = { at: number } & (
  | { do: 'confirm'; shippingFee?: number; reduce?: boolean; note?: string }
  | { do: 'reject'; reason: string }
  | { do: 'cancel'; reason: string }
  | { do: 'pay'; part?: 'half' }
  | { do: 'ship'; carrier: string; beforePayment?: boolean }
  | { do: 'deliver' }
  | { do: 'refund' }
)

type Scenario = {
  buyer: BuyerKey
  producer: string
  placed: number
  /** Each line's quantity as a multiple of the product's MOQ. */
  lines: number[]
  /** Deliver to the buyer's second address. */
  second?: boolean
  /** Placed on net terms (the buyer's own, from organizations.ts): invoiced at confirmation, due after the term. */
  terms?: boolean
  steps: Step[]
}

const SHAN = 'htx-che-shan-tuyet-hoang-su-phi' // producer@
const QUE = 'htx-que-tra-my' // both@ is a member
const MAT = 'htx-mat-ong-bac-ha-meo-vac'
const GAO = 'htx-gao-tam-muong-thanh'
const VAI = 'htx-vai-thieu-phuong-son'
const MIEN = 'htx-mien-dong-na-ri'
const MAM = 'nuoc-mam-phu-quoc-hung-thinh'
const TIEU = 'htx-ho-tieu-chu-se'
const HOI = 'hoa-hoi-xu-lang'
const CAPHE = 'htx-ca-phe-cau-dat'

const VTP = 'Viettel Post'
const GHN = 'Giao Hàng Nhanh (GHN)'
const NTL = 'Nhất Tín Logistics'
const COLD = 'Xe lạnh Hợp tác xã'

/** Confirmed with a shipping fee, then paid in full. */
const paid = (confirm: number, fee: number, pay: number): Step[] => [
  { at: confirm, do: 'confirm', shippingFee: fee },
  { at: pay, do: 'pay' },
]
/** … then shipped. */
const shipped = (confirm: number, fee: number, pay: number, ship: number, carrier: string): Step[] => [...paid(confirm, fee, pay), { at: ship, do: 'ship', carrier }]
/** … then delivered: a paid order completes when the buyer confirms delivery. */
const completed = (confirm: number, fee: number, pay: number, ship: number, carrier: string, deliver: number): Step[] => [
  ...shipped(confirm, fee, pay, ship, carrier),
  { at: deliver, do: 'deliver' },
]

export const demoOrderScenarios: Scenario[] = [
  // Completed, over the past weeks.
  { buyer: 'buyer', producer: GAO, placed: 34, lines: [2, 1], steps: completed(33.5, 1_200_000, 32, 31, NTL, 29) },
  { buyer: 'buyer', producer: MAM, placed: 30, lines: [1, 2], second: true, steps: completed(29.6, 800_000, 28.5, 28, VTP, 25) },
  {
    buyer: 'buyer',
    producer: SHAN,
    placed: 26,
    lines: [3, 1],
    steps: [
      { at: 25.5, do: 'confirm', shippingFee: 600_000, reduce: true, note: 'Chè xuân năm nay hái được ít do rét đậm, hợp tác xã giao trước phần có sẵn.' },
      { at: 24, do: 'pay' },
      { at: 23, do: 'ship', carrier: VTP },
      { at: 21, do: 'deliver' },
    ],
  },
  { buyer: 'buyer', producer: MIEN, placed: 21, lines: [2, 1, 1], steps: completed(20.7, 0, 20, 19, GHN, 16) },
  {
    buyer: 'buyer',
    producer: VAI,
    placed: 17,
    lines: [1, 1],
    // Shipped before payment, paid after delivery: completes with the payment.
    steps: [
      { at: 16.5, do: 'confirm', shippingFee: 900_000 },
      { at: 15, do: 'ship', carrier: COLD, beforePayment: true },
      { at: 12, do: 'deliver' },
      { at: 10, do: 'pay' },
    ],
  },
  { buyer: 'both', producer: MAT, placed: 14, lines: [1, 1], steps: completed(13.6, 650_000, 12.8, 12, GHN, 9) },
  { buyer: 'export', producer: TIEU, placed: 11, lines: [2, 1], steps: completed(10.5, 2_500_000, 9.8, 9, NTL, 6) },

  // Rejected and cancelled.
  {
    buyer: 'buyer',
    producer: VAI,
    placed: 15,
    lines: [1],
    steps: [{ at: 14.5, do: 'reject', reason: 'Vải sấy vụ này đã giao hết theo hợp đồng bao tiêu; hợp tác xã sẽ báo lại khi có lô mới.' }],
  },
  {
    buyer: 'both',
    producer: GAO,
    placed: 7,
    lines: [1],
    steps: [{ at: 6.6, do: 'reject', reason: 'Gạo vụ mới chưa xay xát xong, không kịp giao đúng ngày yêu cầu. Mong quý khách đặt lại vào tuần sau.' }],
  },
  { buyer: 'buyer', producer: MAM, placed: 13, lines: [1], steps: [{ at: 12.8, do: 'cancel', reason: 'Đặt trùng với đơn đã gửi qua kênh khác, xin hủy.' }] },
  {
    buyer: 'export',
    producer: HOI,
    placed: 9,
    lines: [1],
    steps: [
      { at: 8.7, do: 'confirm', shippingFee: 3_500_000 },
      { at: 8, do: 'cancel', reason: 'The shipping fee is above our budget for this lot; we will reorder a larger quantity next month.' },
    ],
  },
  // Paid, then cancelled: the money has to go back (REFUND_PENDING), and one that went back already.
  {
    buyer: 'buyer',
    producer: QUE,
    placed: 8,
    lines: [1, 1],
    steps: [
      { at: 7.6, do: 'confirm', shippingFee: 1_100_000 },
      { at: 6.5, do: 'pay' },
      { at: 5, do: 'cancel', reason: 'Tuần lễ đặc sản vùng miền bị lùi lịch, xin hủy đơn và hoàn tiền.' },
    ],
  },
  {
    buyer: 'both',
    producer: MIEN,
    placed: 13,
    lines: [2],
    steps: [
      { at: 12.5, do: 'confirm' },
      { at: 11.8, do: 'pay' },
      { at: 11, do: 'cancel', reason: 'Khách sạn đối tác hủy tiệc nên chúng tôi không cần lô hàng này nữa.' },
      { at: 9, do: 'refund' },
    ],
  },

  // Delivered but not paid yet (shipped before payment): paying completes them.
  {
    buyer: 'buyer',
    producer: MIEN,
    placed: 12,
    lines: [1, 1],
    second: true,
    steps: [
      { at: 11.5, do: 'confirm', shippingFee: 450_000 },
      { at: 10, do: 'ship', carrier: GHN, beforePayment: true },
      { at: 7, do: 'deliver' },
    ],
  },
  {
    buyer: 'both',
    producer: MAM,
    placed: 10,
    lines: [1],
    steps: [
      { at: 9.5, do: 'confirm', shippingFee: 700_000 },
      { at: 8, do: 'ship', carrier: VTP, beforePayment: true },
      { at: 5, do: 'deliver' },
    ],
  },

  // Shipped, on the way (within the days before delivery counts automatically).
  { buyer: 'buyer', producer: GAO, placed: 9, lines: [1, 2], steps: shipped(8.6, 1_500_000, 7.5, 4, NTL) },
  { buyer: 'both', producer: VAI, placed: 8, lines: [1], steps: shipped(7.5, 500_000, 6.8, 3, COLD) },
  { buyer: 'export', producer: CAPHE, placed: 7, lines: [1, 1], steps: shipped(6.5, 2_000_000, 5.5, 2, NTL) },
  {
    buyer: 'buyer',
    producer: MAM,
    placed: 6,
    lines: [2],
    steps: [
      { at: 5.6, do: 'confirm', shippingFee: 750_000 },
      { at: 2, do: 'ship', carrier: VTP, beforePayment: true },
    ],
  },

  // Confirmed and paid, waiting to be shipped.
  { buyer: 'buyer', producer: QUE, placed: 6, lines: [1], steps: paid(5.5, 800_000, 4) },
  { buyer: 'both', producer: SHAN, placed: 4, lines: [1, 1], steps: paid(3.7, 350_000, 2.5) },
  { buyer: 'export', producer: HOI, placed: 5, lines: [2], steps: paid(4.6, 1_800_000, 3) },
  { buyer: 'buyer', producer: MAT, placed: 3, lines: [1, 1], second: true, steps: paid(2.8, 0, 1.5) },

  // Confirmed, waiting for the buyer's transfer (confirmed recently: unpaid orders are cancelled after some days).
  {
    buyer: 'buyer',
    producer: SHAN,
    placed: 2.5,
    lines: [2, 1],
    steps: [{ at: 1.8, do: 'confirm', shippingFee: 450_000, reduce: true, note: 'Hộp 100 g chỉ còn đủ một nửa số lượng; phần còn lại hợp tác xã sẽ báo khi có mẻ mới.' }],
  },
  { buyer: 'buyer', producer: GAO, placed: 2, lines: [1, 1], steps: [{ at: 1.2, do: 'confirm', shippingFee: 1_500_000 }] },
  { buyer: 'export', producer: QUE, placed: 3, lines: [1, 1], steps: [{ at: 2.6, do: 'confirm', shippingFee: 2_200_000 }] },
  { buyer: 'both', producer: VAI, placed: 2, lines: [1], steps: [{ at: 0.9, do: 'confirm', shippingFee: 400_000 }] },
  { buyer: 'buyer', producer: TIEU, placed: 1.5, lines: [1, 1], steps: [{ at: 0.6, do: 'confirm' }] },
  // Underpaid: part of the amount arrived, the order stays unpaid with the amount received shown.
  {
    buyer: 'buyer',
    producer: MAT,
    placed: 3.5,
    lines: [2],
    steps: [
      { at: 2.9, do: 'confirm', shippingFee: 550_000 },
      { at: 1, do: 'pay', part: 'half' },
    ],
  },

  // On Saigon Co.op's 30-day terms: invoiced at confirmation and shipped unpaid. One is overdue (delivered,
  // due some days ago), one is not due yet (on the way), one was paid on time after delivery (completed).
  {
    buyer: 'buyer',
    producer: TIEU,
    placed: 37,
    lines: [2, 1],
    terms: true,
    steps: [
      { at: 36.6, do: 'confirm', shippingFee: 1_300_000 },
      { at: 35, do: 'ship', carrier: NTL },
      { at: 32, do: 'deliver' },
    ],
  },
  {
    buyer: 'buyer',
    producer: CAPHE,
    placed: 28,
    lines: [1, 1],
    terms: true,
    steps: [
      { at: 27.6, do: 'confirm', shippingFee: 950_000 },
      { at: 26, do: 'ship', carrier: GHN },
      { at: 23, do: 'deliver' },
      { at: 3.5, do: 'pay' },
    ],
  },
  {
    buyer: 'buyer',
    producer: HOI,
    placed: 10,
    lines: [1, 1],
    second: true,
    terms: true,
    steps: [
      { at: 9.6, do: 'confirm', shippingFee: 700_000 },
      { at: 4.5, do: 'ship', carrier: VTP },
    ],
  },

  // Placed, waiting for the producer (producer@ has three).
  { buyer: 'buyer', producer: SHAN, placed: 0.8, lines: [1, 1], steps: [] },
  { buyer: 'export', producer: SHAN, placed: 0.4, lines: [2], steps: [] },
  { buyer: 'both', producer: SHAN, placed: 1.2, lines: [1], steps: [] },
  { buyer: 'buyer', producer: MIEN, placed: 0.3, lines: [1, 2], steps: [] },
  { buyer: 'both', producer: MAT, placed: 0.6, lines: [1], steps: [] },
  { buyer: 'export', producer: CAPHE, placed: 0.2, lines: [1], steps: [] },
]

/** Buyer@'s cart: a few lines from two producers, so the cart page has something to show. */
const cartProducers = ['htx-toi-ly-son', TIEU]

const demoBuyerLogins: Record<BuyerKey, string> = { buyer: demoLogins.buyer, export: demoLogins.exportBuyer, both: demoLogins.both }

const emailOf = (p: DemoPerson) => (p.email ? normalizeEmail(p.email) : null)

/** The demo buyer organisation a login owns. */
function demoBuyerSlug(key: BuyerKey) {
  const login = normalizeEmail(demoBuyerLogins[key])
  const org = buyers.find((b) => emailOf(b.owner) === login)
  if (!org) throw new Error(`no demo buyer organisation is owned by ${demoBuyerLogins[key]}`)
  return org.slug
}

export const demoOrderBuyerSlugs = (['buyer', 'export', 'both'] as const).map(demoBuyerSlug)

// ---------------------------------------------------------------------------------------------------------
// Running the scenarios

type Candidate = { id: string; sku: string; moq: number; stock: number; priceVnd: bigint; publishedAt: Date }

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** A stable number from a string (for tracking numbers and bank transaction ids). */
function code(text: string, digits: number) {
  let h = 0x811c9dc5
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
  return String(h % 10 ** digits).padStart(digits, '0')
}

function trackingNumber(carrier: string, number: string) {
  const digits = code(`${carrier}/${number}`, 9)
  if (carrier === VTP) return `VTP${digits}`
  if (carrier === GHN) return `GHN${digits.slice(0, 8)}`
  if (carrier === NTL) return `NTL${digits}`
  return `XL-${digits.slice(0, 6)}`
}

/** A Vietcombank-style transaction id: FT, the date (yyddd) and a number. */
function bankTransactionId(at: Date, number: string) {
  const day = Math.floor((at.getTime() - Date.UTC(at.getUTCFullYear(), 0, 0)) / DAY_MS)
  return `FT${String(at.getUTCFullYear()).slice(2)}${String(day).padStart(3, '0')}${code(number, 5)}`
}

function fail(what: string, result: { ok: false; error: string }): never {
  throw new Error(`demo order: ${what} failed (${JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))})`)
}

async function ownerOf(slug: string) {
  const membership = await prisma.membership.findFirst({
    where: { organization: { slug }, role: 'OWNER' },
    orderBy: { createdAt: 'asc' },
    select: { organization: { select: { id: true, createdAt: true } }, user: { select: { id: true, name: true } } },
  })
  if (!membership) throw new Error(`demo organisation "${slug}" has no owner in the database`)
  return { organizationId: membership.organization.id, joinedAt: membership.organization.createdAt, userId: membership.user.id, name: membership.user.name }
}

/** The products each producer can sell in the demo: public, held in stock, with their MOQ and first-tier price. */
async function candidates(producerSlugs: string[], now: Date) {
  const rows = await prisma.product.findMany({
    where: { ...publicProductWhere(now), madeToOrder: false, stock: { gt: 0 }, producer: { slug: { in: producerSlugs } } },
    select: { id: true, sku: true, moq: true, stock: true, priceVnd: true, publishedAt: true, createdAt: true, producer: { select: { slug: true } } },
    orderBy: { sku: 'asc' },
  })
  const byProducer = new Map<string, { list: Candidate[]; next: number }>()
  for (const r of rows) {
    const entry = byProducer.get(r.producer.slug) ?? { list: [], next: 0 }
    entry.list.push({ id: r.id, sku: r.sku, moq: r.moq, stock: r.stock ?? 0, priceVnd: r.priceVnd, publishedAt: r.publishedAt ?? r.createdAt })
    byProducer.set(r.producer.slug, entry)
  }
  return byProducer
}

/**
 * Picks a product for each line, taking turns through the producer's list: one listed before `at`, with
 * enough stock left for `multiple` × its MOQ and within the line budget.
 */
function pickLines(pool: Map<string, { list: Candidate[]; next: number }>, producer: string, multiples: number[], at: Date) {
  const entry = pool.get(producer)
  if (!entry || entry.list.length === 0) throw new Error(`demo order: producer "${producer}" has no product in stock`)
  const lines: { productId: string; quantity: number }[] = []
  for (const multiple of multiples) {
    let picked: Candidate | undefined
    for (let tries = 0; tries < entry.list.length && !picked; tries++) {
      const c = entry.list[entry.next++ % entry.list.length]
      const quantity = c.moq * multiple
      if (c.publishedAt < at && c.stock >= quantity && c.priceVnd * BigInt(quantity) <= LINE_BUDGET_VND && !lines.some((l) => l.productId === c.id)) picked = c
    }
    if (!picked) throw new Error(`demo order: producer "${producer}" has no product left for a line of ${multiple} × MOQ`)
    picked.stock -= picked.moq * multiple
    lines.push({ productId: picked.id, quantity: picked.moq * multiple })
  }
  return lines
}

async function seedCart(buyerId: string, now: Date) {
  if ((await prisma.cartItem.count({ where: { buyerId } })) > 0) return 0
  const pool = await candidates(cartProducers, now)
  const lines = [...pickLines(pool, cartProducers[0], [1, 2], now), ...pickLines(pool, cartProducers[1], [1, 1], now)]
  await prisma.cartItem.createMany({
    data: lines.map((l, i) => ({ buyerId, productId: l.productId, quantity: l.quantity, createdAt: new Date(now.getTime() - (lines.length - i) * 3_600_000) })),
  })
  return lines.length
}

/** When the scenario's order is placed: a few minutes apart for orders placed the same day, so no two share a time. */
const placedTime = (s: Scenario, index: number, now: Date) => new Date(now.getTime() - s.placed * DAY_MS - index * 3 * 60_000)

async function runScenario(
  s: Scenario,
  index: number,
  ctx: {
    now: Date
    pool: Map<string, { list: Candidate[]; next: number }>
    buyers: Record<BuyerKey, Awaited<ReturnType<typeof ownerOf>> & { addresses: string[] }>
    producers: Map<string, Awaited<ReturnType<typeof ownerOf>>>
    operator: OperatorActor
  },
) {
  const at = (daysAgo: number) => new Date(ctx.now.getTime() - daysAgo * DAY_MS)
  const buyer = ctx.buyers[s.buyer]
  const producer = ctx.producers.get(s.producer)!
  const placedAt = placedTime(s, index, ctx.now)
  if (placedAt.getTime() < buyer.joinedAt.getTime() + DAY_MS / 4) throw new Error(`demo order ${index}: placed before its buyer had joined`)
  let previous = s.placed
  for (const step of s.steps) {
    if (!(step.at < previous && step.at > 0)) throw new Error(`demo order ${index}: its steps are not in order`)
    previous = step.at
  }

  const placed = await placeOrders({
    buyerId: buyer.organizationId,
    actor: { userId: buyer.userId, name: buyer.name },
    items: pickLines(ctx.pool, s.producer, s.lines, placedAt),
    deliveryAddressId: s.second ? buyer.addresses[1] : buyer.addresses[0],
    requestedDeliveryDate: addDays(todayInHcm(placedAt), s.buyer === 'export' ? 14 : 7),
    paymentMethod: s.terms ? 'NET_TERMS' : undefined,
    now: placedAt,
  })
  if (!placed.ok) fail(`placing order ${index}`, placed)
  const orderId = placed.orderIds[0]
  const producerActor: OrderTransitionActor = { kind: 'producer', organizationId: producer.organizationId, userId: producer.userId, name: producer.name }
  const buyerActor: OrderTransitionActor = { kind: 'buyer', organizationId: buyer.organizationId, userId: buyer.userId, name: buyer.name }

  for (const step of s.steps) {
    const now = at(step.at)
    const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { items: { orderBy: { id: 'asc' } } } })
    let result: { ok: true } | { ok: false; error: string }
    switch (step.do) {
      case 'confirm': {
        const today = todayInHcm(now)
        const requested = order.requestedDeliveryDate?.toISOString().slice(0, 10)
        const deliveryDate = requested && requested > today ? requested : addDays(today, 3)
        // A harvest shortfall: the first line is cut to half (the unit price stays the one ordered).
        const first = order.items[0]
        const quantities = step.reduce ? { [first.id]: Math.max(1, Math.floor(first.quantity / 2)) } : undefined
        result = await transitionOrder({
          orderId,
          actor: producerActor,
          to: 'CONFIRMED',
          shippingFeeVnd: BigInt(step.shippingFee ?? 0),
          deliveryDate,
          quantities,
          note: step.note,
          now,
        })
        break
      }
      case 'reject':
        result = await transitionOrder({ orderId, actor: producerActor, to: 'REJECTED', note: step.reason, now })
        break
      case 'cancel':
        result = await transitionOrder({ orderId, actor: buyerActor, to: 'CANCELLED', note: step.reason, now })
        break
      case 'ship':
        result = await transitionOrder({
          orderId,
          actor: producerActor,
          to: 'SHIPPED',
          carrier: step.carrier,
          trackingNumber: trackingNumber(step.carrier, order.number),
          shipBeforePayment: step.beforePayment,
          now,
        })
        break
      case 'deliver':
        result = await transitionOrder({ orderId, actor: buyerActor, to: 'DELIVERED', now })
        break
      case 'pay': {
        const due = order.totalVnd - order.amountReceivedVnd
        // Half, in round thousands, as a buyer paying a deposit would send.
        const amountVnd = step.part === 'half' ? ((due / 2n) / 1000n) * 1000n : due
        result = await markTransferReceived({ orderId, amountVnd, operator: ctx.operator, note: bankTransactionId(now, order.number), now })
        break
      }
      case 'refund':
        result = await markRefunded({ orderId, operator: ctx.operator, note: bankTransactionId(now, `${order.number}/refund`), now })
        break
    }
    if (!result.ok) fail(`step "${step.do}" of order ${index}`, result)
  }
}

async function seedOrders(buyerIds: Record<BuyerKey, string>, now: Date) {
  const buyerKeys = ['buyer', 'export', 'both'] as const
  const buyerCtx = {} as Record<BuyerKey, Awaited<ReturnType<typeof ownerOf>> & { addresses: string[] }>
  for (const key of buyerKeys) {
    const owner = await ownerOf(demoBuyerSlug(key))
    const addresses = await prisma.deliveryAddress.findMany({
      where: { organizationId: buyerIds[key] },
      orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }],
      select: { id: true },
    })
    buyerCtx[key] = { ...owner, addresses: [addresses[0].id, (addresses[1] ?? addresses[0]).id] }
  }
  const producerSlugs = [...new Set(demoOrderScenarios.map((s) => s.producer))]
  const producers = new Map<string, Awaited<ReturnType<typeof ownerOf>>>()
  for (const slug of producerSlugs) producers.set(slug, await ownerOf(slug))
  const operatorUser = await prisma.user.findUnique({ where: { email: normalizeEmail(demoLogins.operator)! }, select: { id: true, name: true } })
  if (!operatorUser) throw new Error('the demo operator is not in the database')
  const pool = await candidates(producerSlugs, now)

  // The history happened before anyone watched: nobody is mailed about it (stock changes still reach search).
  const lastMessage = (await prisma.outboxMessage.aggregate({ _max: { id: true } }))._max.id ?? 0n

  // Oldest first, so order numbers follow the dates.
  const ordered = demoOrderScenarios
    .map((s, i) => ({ s, i, placedAt: placedTime(s, i, now).getTime() }))
    .sort((a, b) => a.placedAt - b.placedAt)
  for (const { s, i } of ordered) {
    await runScenario(s, i, { now, pool, buyers: buyerCtx, producers, operator: { userId: operatorUser.id, name: operatorUser.name } })
  }

  const waiting = await seedPendingApproval(buyerIds.buyer, buyerCtx.buyer.addresses[0], pool, now)

  const where: Prisma.OutboxMessageWhereInput = { id: { gt: lastMessage }, topic: ORDER_CHANGED_TOPIC, status: 'PENDING' }
  await prisma.outboxMessage.updateMany({ where, data: { status: 'DONE', processedAt: now } })
  return demoOrderScenarios.length + waiting
}

/**
 * Saigon Co.op's purchaser (limit 20 million đồng an order) ordered rice for a regional-specialties week
 * this morning, above the limit: the order waits in the approver's queue, its stock held.
 */
async function seedPendingApproval(buyerId: string, addressId: string, pool: Map<string, { list: Candidate[]; next: number }>, now: Date) {
  const purchaser = await prisma.membership.findFirst({
    where: { organizationId: buyerId, role: 'PURCHASER', orderLimitVnd: { not: null } },
    select: { userId: true, orderLimitVnd: true, user: { select: { name: true } } },
  })
  if (!purchaser?.orderLimitVnd) return 0
  // After every other demo order, so the order numbers still follow the dates.
  const at = new Date(now.getTime() - 6 * 3_600_000)
  const above = purchaser.orderLimitVnd + 1_000_000n
  const pick = (pool.get(GAO)?.list ?? []).find((c) => {
    const quantity = Math.max(c.moq, Number(above / c.priceVnd) + 1)
    return c.publishedAt < at && quantity <= c.stock && c.priceVnd * BigInt(quantity) <= LINE_BUDGET_VND
  })
  if (!pick) throw new Error('demo order: no product for the order waiting for approval')
  const quantity = Math.max(pick.moq, Number(above / pick.priceVnd) + 1)
  pick.stock -= quantity
  const result = await placeOrders({
    buyerId,
    actor: { userId: purchaser.userId, name: purchaser.user.name },
    items: [{ productId: pick.id, quantity }],
    deliveryAddressId: addressId,
    now: at,
  })
  if (!result.ok) fail('the order waiting for approval', result)
  return 1
}

/** Addresses, orders and buyer@'s cart; see the top of this file for what a second run does. */
export async function seedDemoOrders(now = new Date()): Promise<OrdersSeedResult> {
  const addresses = await seedAddresses()
  const buyerOrgs = await prisma.organization.findMany({ where: { slug: { in: demoOrderBuyerSlugs } }, select: { id: true, slug: true } })
  if (buyerOrgs.length !== demoOrderBuyerSlugs.length) throw new Error('the demo buyers are not all in the database')
  const idOf = (key: BuyerKey) => buyerOrgs.find((o) => o.slug === demoBuyerSlug(key))!.id
  const buyerIds = { buyer: idOf('buyer'), export: idOf('export'), both: idOf('both') }
  const existing = await prisma.order.count({ where: { buyerId: { in: Object.values(buyerIds) } } })
  const created = existing === 0 ? await seedOrders(buyerIds, now) : 0
  const cartItems = await seedCart(buyerIds.buyer, now)
  return { orders: existing + created, created, addresses, cartItems }
}
