// `npm run bench:web`: Lighthouse 12 (mobile profile: a mid-range phone on a slow 4G connection, simulated)
// against the built app for the home page, a category page and a product page. Prints each page's scores and
// the JavaScript a product page sends, and exits 1 when a target is missed:
//   performance ≥ 90, accessibility ≥ 95, best practices ≥ 95, SEO ≥ 95, product-page JavaScript ≤ 150 KiB gzip.
//
// Steps: build (`remix vite:build`, skipped with --no-build), prepare a database in DATA_DIR (default
// data/bench: `db:migrate` + `seed` the first time, again with --reseed), start `node server.js` on PORT
// (default 4500), find a product and its category through /sitemap.xml, run Lighthouse in Debian's Chromium.
// Options: --runs=N (median of N runs per page, default 3: scores move a few points from run to run), --url=<origin> (an app already running: no build,
// no database, no server), --json=<file> (write the figures).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(root)

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=')
    return [k, v.length ? v.join('=') : 'true'] as const
  }),
)
const runs = Math.max(1, Number(args.get('runs') ?? 3) || 3)
const port = Number(process.env.BENCH_PORT ?? 4500)
const dataDir = process.env.BENCH_DATA_DIR ?? 'data/bench'
const external = args.get('url')
const origin = external?.replace(/\/$/, '') ?? `http://localhost:${port}`

const TARGETS = { performance: 90, accessibility: 95, 'best-practices': 95, seo: 95 } as const
const JS_BUDGET_KIB = 150
type Category = keyof typeof TARGETS
const categories = Object.keys(TARGETS) as Category[]

// The same Chromium and flags as the browser tests (playwright.config.ts).
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function step(what: string, command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env) {
  console.log(`bench:web: ${what}…`)
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env })
  if (result.status !== 0) {
    console.error(`bench:web: ${what} failed (exit code ${result.status ?? result.signal}).`)
    process.exit(1)
  }
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url}/healthz did not answer within ${timeoutMs / 1000} s`)
}

/** CPU time (user + system, clock ticks) the process has used, from /proc (Linux). */
function cpuTicks(pid: number) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return null
  }
}

/**
 * Waits until the server has been idle for three seconds in a row: after seeding, its background worker
 * encodes the AVIF variants (seconds per photo), which would otherwise compete with Chromium for the CPU.
 */
async function waitForIdle(pid: number, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs
  let last = cpuTicks(pid)
  let quiet = 0
  let announced = false
  while (last !== null && Date.now() < deadline && quiet < 3) {
    await new Promise((r) => setTimeout(r, 1000))
    const now = cpuTicks(pid)
    if (now === null) return
    // Under 5 % of one core (clock ticks are 1/100 s).
    quiet = now - last <= 5 ? quiet + 1 : 0
    if (!quiet && !announced) {
      console.log('bench:web: waiting for the server to finish its background work (AVIF variants)…')
      announced = true
    }
    last = now
  }
}

/** A product page, its category page (from the product page's breadcrumb), the home page and a search. */
async function pagesToMeasure() {
  const sitemap = await (await fetch(`${origin}/sitemap.xml`)).text()
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(/^https?:\/\/[^/]+/, ''))
  const product = locs.find((l) => l.startsWith('/vi/p/'))
  let category = locs.find((l) => l.startsWith('/vi/c/'))
  if (product) {
    const html = await (await fetch(`${origin}${product}`)).text()
    const crumbs = [...html.matchAll(/href="(\/vi\/c\/[^"?#]+)"/g)].map((m) => m[1])
    category = crumbs[crumbs.length - 1] ?? category
  } else {
    console.warn('bench:web: the sitemap lists no public product; measuring the home and a category page only.')
  }
  return [
    { name: 'home', path: '/vi' },
    ...(category ? [{ name: 'category', path: category }] : []),
    ...(product ? [{ name: 'product', path: product }] : []),
    // Results pages are noindex on purpose (endless filter combinations), which Lighthouse's SEO category
    // counts against them: no SEO target there.
    { name: 'search', path: '/vi/search?q=mat+ong&regionType=MOUNTAIN', noSeoTarget: true },
  ]
}

type Result = { scores: Record<Category, number>; scriptKiB: number; lcpMs: number; tbtMs: number; failedAudits: string[] }

async function measure(url: string, chromePort: number): Promise<Result> {
  const runner = await lighthouse(url, { port: chromePort, output: 'json', logLevel: 'error', onlyCategories: categories })
  if (!runner) throw new Error(`Lighthouse returned nothing for ${url}`)
  const lhr = runner.lhr
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
  const scores = Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<Category, number>
  // transferSize is what came over the wire: gzip, as server.js compresses responses.
  const items = (lhr.audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items ?? []
  const scriptBytes = items.find((i) => i.resourceType === 'script')?.transferSize ?? 0
  const failedAudits = categories.flatMap((c) =>
    (lhr.categories[c]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < 0.9)
      .map((a) => `${c}: ${a.id} (${a.displayValue ?? Math.round((a.score ?? 0) * 100)})`),
  )
  return {
    scores,
    scriptKiB: scriptBytes / 1024,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
    failedAudits: [...new Set(failedAudits)],
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

let server: ChildProcess | undefined
let chrome: chromeLauncher.LaunchedChrome | undefined
async function cleanUp() {
  await chrome?.kill()
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await new Promise((r) => server!.once('exit', r))
  }
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)))

try {
  if (!external) {
    if (args.get('build') !== 'false' && !args.has('no-build')) step('building the app', 'npx', ['remix', 'vite:build'])
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), APP_URL: origin, NODE_ENV: 'production' }
    delete env.DATABASE_URL
    if (args.has('reseed') || !existsSync(path.join(dataDir, 'pgdata'))) {
      mkdirSync(dataDir, { recursive: true })
      step(`migrating ${dataDir}`, 'npm', ['run', '--silent', 'db:migrate'], env)
      step(`seeding ${dataDir}`, 'npm', ['run', '--silent', 'seed'], env)
    }
    const started = spawn('node', ['server.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
    server = started
    await waitForHealth(origin, started)
    if (started.pid) await waitForIdle(started.pid)
  }

  const pages = await pagesToMeasure()
  chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS, logLevel: 'error' })
  // A first visit warms the server (template caches, the database's pages) so runs compare like with like.
  for (const page of pages) await fetch(`${origin}${page.path}`)

  const results: { name: string; path: string; noSeoTarget?: boolean; result: Result }[] = []
  for (const page of pages) {
    const all: Result[] = []
    for (let i = 0; i < runs; i++) all.push(await measure(`${origin}${page.path}`, chrome.port))
    const pick = (f: (r: Result) => number) => median(all.map(f))
    results.push({
      ...page,
      result: {
        scores: Object.fromEntries(categories.map((c) => [c, pick((r) => r.scores[c])])) as Record<Category, number>,
        scriptKiB: pick((r) => r.scriptKiB),
        lcpMs: pick((r) => r.lcpMs),
        tbtMs: pick((r) => r.tbtMs),
        failedAudits: [...new Set(all.flatMap((r) => r.failedAudits))],
      },
    })
  }

  const misses: string[] = []
  console.log(`\nLighthouse ${runs > 1 ? `(median of ${runs} runs) ` : ''}mobile profile, ${origin}`)
  console.log('page       perf  a11y  best  seo   JS (KiB gzip)  LCP (ms)  TBT (ms)  path')
  for (const { name, path: pagePath, result: r, noSeoTarget } of results) {
    console.log(
      [
        name.padEnd(9),
        ...categories.map((c) => String(r.scores[c]).padStart(5)),
        r.scriptKiB.toFixed(1).padStart(14),
        Math.round(r.lcpMs).toString().padStart(9),
        Math.round(r.tbtMs).toString().padStart(9),
        ` ${pagePath}`,
      ].join(' '),
    )
    for (const c of categories) {
      if (c === 'seo' && noSeoTarget) continue
      if (r.scores[c] < TARGETS[c]) misses.push(`${name}: ${c} ${r.scores[c]} < ${TARGETS[c]}`)
    }
    if (r.failedAudits.length) console.log(`           audits below 90: ${r.failedAudits.join('; ')}`)
  }
  const product = results.find((r) => r.name === 'product')
  if (product) {
    console.log(`\nJavaScript transferred for the product page: ${product.result.scriptKiB.toFixed(1)} KiB gzip (budget ${JS_BUDGET_KIB} KiB)`)
    if (product.result.scriptKiB > JS_BUDGET_KIB) misses.push(`product: JavaScript ${product.result.scriptKiB.toFixed(1)} KiB > ${JS_BUDGET_KIB} KiB`)
  } else {
    misses.push('product: no public product to measure (seed the catalogue)')
  }
  if (args.has('json')) writeFileSync(String(args.get('json')), JSON.stringify({ origin, runs, results }, null, 2))

  await cleanUp()
  if (misses.length) {
    console.error(`\nbench:web: targets missed:\n  ${misses.join('\n  ')}`)
    process.exit(1)
  }
  console.log('\nbench:web: every target met.')
} catch (error) {
  await cleanUp()
  console.error(`bench:web: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
