// npm run bench:orders — placing orders from many concurrent clients against real PostgreSQL, beside bare
// single-row inserts through the same connection pool in the same run.
//
// Creates a scratch database (cvm_bench_orders_<pid>) on the PostgreSQL server, migrates it with the project's
// migration runner, and opens it through the app's own client (app/utils/db.server.ts, whose pool size the
// figures depend on: it is printed, with the peak number of connections seen on the server). Setup: buyers
// with a default delivery address, verified producers with published products (createProduct) and ample stock.
// Then, each with C concurrent clients that loop until the shared count is done:
//   1. baseline: bare single-row INSERTs into a scratch table (prisma.$executeRaw, one statement, autocommit);
//   2. baseline: the same INSERT inside an interactive transaction, as placeOrders runs (BEGIN … COMMIT);
//   3. checkouts through placeOrders: 1–3 lines from 1–2 producers, 1–10 units each, a random buyer;
//   4. hot row: every client orders the same product, whose stock covers about 80 % of the demand.
// Afterwards every product's starting stock must equal its stock plus the units reserved by its order lines,
// stock must be ≥ 0, an OUT_OF_STOCK refusal must only happen when the stock left is really smaller than the
// quantity asked, and the outbox must hold one message per order and per checkout (no worker runs here, they
// just accumulate). Any violation exits 1. The database is dropped at the end, also on failure or Ctrl-C.
// Options: --clients=32 (BENCH_ORDERS_CLIENTS), --orders=2000 checkouts (BENCH_ORDERS_COUNT), --hot=600 attempts
// on the hot product (BENCH_ORDERS_HOT), --buyers=64, --producers=8; BENCH_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres, the server where the scratch database is created).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { applyMigrations } from '../scripts/lib/schema-engine'

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const option = (name: string, envName: string, fallback: number) => {
  const value = Number(arg(name) ?? process.env[envName] ?? fallback)
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got ${arg(name) ?? process.env[envName]})`)
  return value
}
const CLIENTS = option('clients', 'BENCH_ORDERS_CLIENTS', 32)
const CHECKOUTS = option('orders', 'BENCH_ORDERS_COUNT', 2000)
const HOT_ATTEMPTS = option('hot', 'BENCH_ORDERS_HOT', 600)
const BUYERS = option('buyers', 'BENCH_ORDERS_BUYERS', 64)
const PRODUCERS = option('producers', 'BENCH_ORDERS_PRODUCERS', 8)
const PRODUCTS_PER_PRODUCER = 5
const AMPLE_STOCK = 1_000_000
/** What app/utils/db.server.ts gets: PrismaPg with only a connection string, so pg-pool's default `max`. */
const POOL_MAX = 10
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

// ---------------------------------------------------------------------------------------------------------
// The scratch database, the app's environment pointed at it, and a clean-up that runs whatever happens.

const dbName = `cvm_bench_orders_${process.pid}`
const admin = new pg.Client({ connectionString: SERVER_URL })
try {
  await admin.connect()
} catch (error) {
  console.error(`bench:orders: PostgreSQL not reachable at ${SERVER_URL} (${(error as Error).message}); set BENCH_DATABASE_URL.`)
  process.exit(1)
}
const dbUrl = new URL(SERVER_URL)
dbUrl.pathname = `/${dbName}`
// Nothing here may touch the real data directory (the environment keeps a session secret there).
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cvm-bench-orders-'))
process.env.DATA_DIR = dataDir
process.env.DATABASE_URL = dbUrl.toString()
delete process.env.MEILI_URL

let created = false
/** Set once the app's database module is loaded. */
const app: { close?: () => Promise<void> } = {}
let cleaned: Promise<void> | undefined
let interrupted = false
function cleanUp() {
  cleaned ??= (async () => {
    await app.close?.().catch(() => {})
    if (created) await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((e) => console.error(`bench:orders: could not drop ${dbName}: ${e}`))
    await admin.end().catch(() => {})
    rmSync(dataDir, { recursive: true, force: true })
  })()
  return cleaned
}

// db.server.ts closes the pool and exits on SIGINT/SIGTERM; here the scratch database must go first.
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') }
const { prisma, closeDatabase } = await import('~/utils/db.server')
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.removeListener(signal, listener)
  // npm and the terminal both forward Ctrl-C: a second signal must not cut the clean-up short.
  process.on(signal, () => {
    if (interrupted) return
    interrupted = true
    console.error(`\nbench:orders: ${signal}, dropping ${dbName}…`)
    void cleanUp().finally(() => process.exit(130))
  })
}
app.close = closeDatabase
const { ensureCategories } = await import('~/modules/catalog/categories.server')
const { createProduct } = await import('~/modules/catalog/products.server')
const { ProductInputSchema } = await import('~/modules/catalog/product-schemas')
const { placeOrders } = await import('~/modules/orders/place-orders.server')
type OrderLineInput = import('~/modules/orders/place-orders.server').OrderLineInput

// ---------------------------------------------------------------------------------------------------------
// Measuring.

/** A seeded generator, so every run places the same orders. */
function generator(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN)
  return { p50: at(50), p95: at(95), p99: at(99) }
}

/** Connections to the scratch database, sampled on the server while a scenario runs. */
function connectionSampler() {
  let peak = 0
  let busy = false
  const timer = setInterval(() => {
    if (busy) return
    busy = true
    admin
      .query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [dbName])
      .then((r) => (peak = Math.max(peak, Number(r.rows[0].n))))
      .catch(() => {})
      .finally(() => (busy = false))
  }, 25)
  return () => {
    clearInterval(timer)
    return peak
  }
}

type Outcome = { ok: boolean; orders: number }
type Run = { name: string; calls: number; ok: number; refused: number; orders: number; seconds: number; latencies: number[]; peakConnections: number }

/** `clients` loops, each taking the next call number until `total` calls have been made. */
async function runClients(name: string, total: number, call: (n: number, client: number) => Promise<Outcome>): Promise<Run> {
  let next = 0
  const latencies: number[] = []
  let ok = 0
  let orders = 0
  const stopSampling = connectionSampler()
  const started = performance.now()
  await Promise.all(
    Array.from({ length: Math.min(CLIENTS, total) }, async (_, client) => {
      for (let n = next++; n < total; n = next++) {
        const t = performance.now()
        const outcome = await call(n, client)
        latencies.push(performance.now() - t)
        if (outcome.ok) ok++
        orders += outcome.orders
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return { name, calls: total, ok, refused: total - ok, orders, seconds, latencies, peakConnections: stopSampling() }
}

// ---------------------------------------------------------------------------------------------------------
// Setup: buyers, producers and products, through the app's own code where it has any.

async function setUp() {
  await ensureCategories()
  const buyers: string[] = []
  for (let i = 1; i <= BUYERS; i++) {
    const buyer = await prisma.organization.create({
      data: {
        slug: `bench-buyer-${i}`,
        kind: 'BUYER',
        legalForm: 'COMPANY',
        legalName: `Công ty TNHH Siêu thị Bench ${i}`,
        displayName: `Siêu thị Bench ${i}`,
        taxCode: `03${String(i).padStart(8, '0')}`,
        addressLine: '12 Nguyễn Huệ',
        commune: 'Phường Sài Gòn',
        provinceCode: '79',
        phone: '+842838001234',
        verificationStatus: 'VERIFIED',
        deliveryAddresses: {
          create: {
            label: 'Kho Củ Chi',
            recipientName: 'Kho nhận hàng',
            phone: '+842837901234',
            addressLine: 'Lô C5, KCN Tây Bắc',
            commune: 'Xã Tân An Hội',
            provinceCode: '79',
            isDefault: true,
          },
        },
      },
      select: { id: true },
    })
    buyers.push(buyer.id)
  }
  const producers: { id: string; products: string[] }[] = []
  for (let i = 1; i <= PRODUCERS + 1; i++) {
    const producer = await prisma.organization.create({
      data: {
        slug: `bench-htx-${i}`,
        kind: 'PRODUCER',
        legalForm: 'COOPERATIVE',
        legalName: `Hợp tác xã Bench ${i}`,
        displayName: `HTX Bench ${i}`,
        taxCode: `05${String(i).padStart(8, '0')}`,
        addressLine: 'Thôn Lũng Cú',
        commune: 'Xã Đồng Văn',
        provinceCode: '08',
        regionType: 'MOUNTAIN',
        phone: '+84912000111',
        verificationStatus: 'VERIFIED',
      },
      select: { id: true },
    })
    producers.push({ id: producer.id, products: [] })
  }
  // The last producer holds only the hot product.
  const hotProducer = producers.pop()!
  const product = async (producerId: string, sku: string, stock: number) => {
    const input = ProductInputSchema.parse({
      sku,
      nameVi: `Mật ong bạc hà ${sku}`,
      nameEn: `Mint honey ${sku}`,
      descriptionVi: 'Mật ong hoa bạc hà Cao nguyên đá Đồng Văn.',
      categorySlug: 'flower-honey',
      unit: 'BOTTLE',
      packSize: 'Chai 500 ml',
      moq: 1,
      tierPrices: [
        { minQuantity: 1, unitPriceVnd: 250_000n },
        { minQuantity: 6, unitPriceVnd: 230_000n },
      ],
      vatRate: 'FIVE',
      madeToOrder: false,
      stock,
      harvestMonths: [11, 12],
      provinceCode: '08',
      regionType: 'MOUNTAIN',
      certifications: [],
      exportReady: false,
    })
    const result = await createProduct(producerId, input, { status: 'PUBLISHED' })
    if (!result.ok) throw new Error(`createProduct: ${result.error}`)
    return result.product.id
  }
  for (const [i, producer] of producers.entries()) {
    for (let k = 1; k <= PRODUCTS_PER_PRODUCER; k++) producer.products.push(await product(producer.id, `B${i + 1}-${k}`, AMPLE_STOCK))
  }
  // About 80 % of the hot demand (1–3 units per attempt, 2 on average) can be served; the rest must be refused.
  const hotStock = Math.max(1, Math.floor(HOT_ATTEMPTS * 2 * 0.8))
  const hotProduct = await product(hotProducer.id, 'HOT-1', hotStock)
  return { buyers, producers, hotProduct, hotStock }
}

/** 1–3 lines from 1–2 producers, 1–10 units each. */
function basket(random: () => number, producers: { products: string[] }[]): OrderLineInput[] {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
  const first = pick(producers)
  const second = random() < 0.4 ? pick(producers.filter((p) => p !== first)) : undefined
  const lineCount = 1 + Math.floor(random() * 3)
  const lines = new Map<string, number>()
  for (let i = 0; i < lineCount; i++) {
    const from = second && i % 2 === 1 ? second : first
    lines.set(pick(from.products), 1 + Math.floor(random() * 10))
  }
  return [...lines].map(([productId, quantity]) => ({ productId, quantity }))
}

// ---------------------------------------------------------------------------------------------------------

const problems: string[] = []

async function outboxCount() {
  return prisma.outboxMessage.count()
}

/** Starting stock = stock now + units reserved by the order lines (no order here is rejected or cancelled). */
async function checkStock(startingStock: Map<string, number>) {
  const products = await prisma.product.findMany({ select: { id: true, sku: true, stock: true } })
  const reserved = await prisma.orderItem.groupBy({ by: ['productId'], _sum: { reservedQuantity: true } })
  const reservedOf = new Map(reserved.map((r) => [r.productId, r._sum.reservedQuantity ?? 0]))
  for (const p of products) {
    const start = startingStock.get(p.id)
    const stock = p.stock ?? 0
    if (start === undefined) continue
    if (stock < 0) problems.push(`${p.sku}: stock ${stock} < 0`)
    if (stock + (reservedOf.get(p.id) ?? 0) !== start) {
      problems.push(`${p.sku}: stock ${stock} + reserved ${reservedOf.get(p.id) ?? 0} ≠ starting stock ${start}`)
    }
  }
  return { products: products.length, reservedUnits: [...reservedOf.values()].reduce((a, b) => a + b, 0) }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–')
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')

let exitCode = 0
try {
  const started = performance.now()
  const server = await admin.query<{ version: string; max_connections: string; synchronous_commit: string }>(
    "SELECT current_setting('server_version') AS version, current_setting('max_connections') AS max_connections, current_setting('synchronous_commit') AS synchronous_commit",
  )
  const s = server.rows[0]
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${load()}`)
  console.log(`PostgreSQL ${s.version} at ${dbUrl.host} (max_connections ${s.max_connections}, synchronous_commit ${s.synchronous_commit}), scratch database ${dbName}`)
  console.log(
    `App pool (app/utils/db.server.ts: PrismaPg with only the connection string): pg-pool max ${POOL_MAX} connections; ` +
      `${CLIENTS} concurrent clients share it, so up to ${Math.max(0, CLIENTS - POOL_MAX)} wait for a connection at any moment.`,
  )

  await admin.query(`CREATE DATABASE "${dbName}"`)
  created = true
  await applyMigrations({ kind: 'postgres', url: dbUrl.toString() })
  const { buyers, producers, hotProduct, hotStock } = await setUp()
  const startingStock = new Map<string, number>([...producers.flatMap((p) => p.products.map((id) => [id, AMPLE_STOCK] as const)), [hotProduct, hotStock]])
  await prisma.$executeRawUnsafe('CREATE TABLE bench_insert (id bigserial PRIMARY KEY, client int NOT NULL, n int NOT NULL, at timestamptz NOT NULL DEFAULT now())')
  console.log(
    `Setup: migrated, ${BUYERS} buyers with a default address, ${PRODUCERS} producers × ${PRODUCTS_PER_PRODUCER} published products ` +
      `(stock ${AMPLE_STOCK.toLocaleString('en')}) + 1 hot product (stock ${hotStock}) in ${fmt((performance.now() - started) / 1000)} s`,
  )

  const insert = (n: number, client: number) => prisma.$executeRaw`INSERT INTO bench_insert (client, n) VALUES (${client}, ${n})`.then(() => ({ ok: true, orders: 0 }))
  const insertInTransaction = (n: number, client: number) =>
    prisma.$transaction((tx) => tx.$executeRaw`INSERT INTO bench_insert (client, n) VALUES (${client}, ${n})`).then(() => ({ ok: true, orders: 0 }))
  const random = generator(20261127)
  const unexpected = new Map<string, number>()
  const checkout = async (_n: number, client: number): Promise<Outcome> => {
    const result = await placeOrders({ buyerId: buyers[Math.floor(random() * buyers.length)], actor: { name: `Bench client ${client + 1}` }, items: basket(random, producers) })
    if (result.ok) return { ok: true, orders: result.orderIds.length }
    unexpected.set(result.error, (unexpected.get(result.error) ?? 0) + 1)
    return { ok: false, orders: 0 }
  }

  // Warm-up at the same concurrency: the pool's connections, the server's plans and caches, the JIT.
  await runClients('warm-up', CLIENTS * 2, insert)
  await runClients('warm-up', CLIENTS * 2, insertInTransaction)
  const outboxBefore = await outboxCount()
  const warm = await runClients('warm-up', CLIENTS * 2, checkout)
  console.log(`Warm-up: ${CLIENTS * 2} inserts, ${CLIENTS * 2} inserts in a transaction, ${CLIENTS * 2} checkouts (not counted below). Load average ${load()}\n`)

  const runs: Run[] = []
  runs.push({ ...(await runClients('bare INSERT (baseline)', CHECKOUTS, insert)) })
  runs.push({ ...(await runClients('INSERT in a transaction', CHECKOUTS, insertInTransaction)) })
  const spread = await runClients('placeOrders, spread', CHECKOUTS, checkout)
  runs.push(spread)
  if (unexpected.size) problems.push(`spread checkouts refused: ${[...unexpected].map(([e, n]) => `${e} ×${n}`).join(', ')}`)

  // Hot row: one product, every client, 1–3 units per attempt.
  const refusedWanting: number[] = []
  const hotRandom = generator(7)
  const hot = await runClients('placeOrders, hot row', HOT_ATTEMPTS, async (_n, client) => {
    const quantity = 1 + Math.floor(hotRandom() * 3)
    const result = await placeOrders({ buyerId: buyers[client % buyers.length], actor: { name: `Bench client ${client + 1}` }, items: [{ productId: hotProduct, quantity }] })
    if (result.ok) return { ok: true, orders: result.orderIds.length }
    if (result.error === 'OUT_OF_STOCK') refusedWanting.push(quantity)
    else problems.push(`hot row: unexpected refusal ${result.error}`)
    return { ok: false, orders: 0 }
  })
  runs.push(hot)

  // Consistency: stock, reservations, refusals, orders, outbox.
  const stock = await checkStock(startingStock)
  const hotLeft = (await prisma.product.findUniqueOrThrow({ where: { id: hotProduct }, select: { stock: true } })).stock ?? 0
  const wrongRefusals = refusedWanting.filter((q) => q <= hotLeft).length
  if (wrongRefusals) problems.push(`hot row: ${wrongRefusals} attempt(s) refused OUT_OF_STOCK while ${hotLeft} units are still on hand`)
  if (refusedWanting.length === 0) problems.push('hot row: no attempt was refused, so the sell-out was not exercised (raise --hot)')
  const ordersPlaced = warm.orders + spread.orders + hot.orders
  const ordersInDb = await prisma.order.count()
  if (ordersInDb !== ordersPlaced) problems.push(`orders: ${ordersInDb} in the database, ${ordersPlaced} reported placed`)
  const orderEvents = await prisma.orderEvent.count()
  if (orderEvents !== ordersPlaced) problems.push(`order events: ${orderEvents}, expected one per order (${ordersPlaced})`)
  // One "order changed" message per order and one search sync per successful checkout (stock changed).
  const outboxAdded = (await outboxCount()) - outboxBefore
  const outboxExpected = ordersPlaced + warm.ok + spread.ok + hot.ok
  if (outboxAdded !== outboxExpected) problems.push(`outbox: ${outboxAdded} messages added, expected ${outboxExpected}`)

  const baseline = runs[0]
  console.log(`${CLIENTS} concurrent clients, pool max ${POOL_MAX}; latency in ms per call (a checkout is one placeOrders call; it makes one order per producer)`)
  const header = ['scenario'.padEnd(24), 'calls', '   ok', 'refused', 'orders', ' time s', ' calls/s', 'orders/s', '    p50', '    p95', '    p99', 'conns', 'p95 vs INSERT']
  console.log(header.join(' | '))
  console.log(header.map((h) => '-'.repeat(h.length)).join('-|-'))
  for (const r of runs) {
    const { p50, p95, p99 } = percentiles(r.latencies)
    const base = percentiles(baseline.latencies).p95
    const isOrders = r.orders > 0 || r.name.startsWith('placeOrders')
    console.log(
      [
        r.name.padEnd(24),
        String(r.calls).padStart(5),
        String(r.ok).padStart(5),
        String(r.refused).padStart(7),
        (isOrders ? String(r.orders) : '–').padStart(6),
        fmt(r.seconds, 2).padStart(7),
        fmt(r.calls / r.seconds, 0).padStart(8),
        (isOrders ? fmt(r.orders / r.seconds, 0) : '–').padStart(8),
        fmt(p50).padStart(7),
        fmt(p95).padStart(7),
        fmt(p99).padStart(7),
        String(r.peakConnections).padStart(5),
        r === baseline ? '1×'.padStart(13) : `${fmt(p95 / base)}×`.padStart(13),
      ].join(' | '),
    )
  }
  const spreadRate = spread.ok / spread.seconds
  const baseRate = baseline.calls / baseline.seconds
  console.log(
    `\nCheckouts reach ${fmt(spreadRate, 0)}/s (${fmt(spread.orders / spread.seconds, 0)} orders/s) against ${fmt(baseRate, 0)} bare INSERTs/s: ` +
      `${fmt(baseRate / spreadRate)}× fewer per second; each checkout is one interactive transaction of 15–23 statements (1 line: 15, 3 lines from 2 producers: 23).`,
  )
  console.log(
    `Hot row: starting stock ${hotStock}, ${hot.ok} attempts placed, ${refusedWanting.length} refused OUT_OF_STOCK, ${hotLeft} units left ` +
      `(every refusal asked for more than that). conns = peak connections to the scratch database seen on the server.`,
  )
  console.log(
    `Checked: ${stock.products} products, starting stock = stock + reserved units on every one (${stock.reservedUnits.toLocaleString('en')} units reserved), ` +
      `stock ≥ 0; ${ordersInDb} orders with one event each; ${outboxAdded} outbox messages added and left pending (no worker runs here).`,
  )
  console.log(`Load average at the end ${load()}; total ${fmt(process.uptime(), 0)} s`)
  if (problems.length) {
    console.error(`\nbench:orders: FAILED:\n  ${problems.join('\n  ')}`)
    exitCode = 1
  } else {
    console.log('\nbench:orders: no oversell, stock and reservations consistent.')
  }
} catch (error) {
  // After Ctrl-C the pool closes under the running clients: their errors are not the news.
  if (!interrupted) console.error(`bench:orders: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  exitCode = 1
} finally {
  await cleanUp()
}
process.exit(exitCode)
