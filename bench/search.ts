// npm run bench:search — the embedded search engine against plain SQL on the same catalogue, in one run.
//
// For each size (default 10,000 and 100,000 products, generated deterministically by bench/search-catalogue.ts)
// it measures the embedded engine's full index build (replaceAll, as `npm run search:reindex` does: time,
// documents/second, memory kept by the index including the documents it holds) and the latency p50/p95/p99
// of each query kind of a fixed mix of what buyers type; then loads the same products into a scratch
// PostgreSQL database (unaccent + pg_trgm when the extensions exist) and times the same queries there (the
// page, the total and, where asked, the facet counts). Each goal of issue 5 is marked met or missed.
//
// Measuring the search itself: every query runs twice before timing (JIT warm-up), the kinds are interleaved
// round by round so that a burst of load on the machine (other processes) spreads over all of them instead of
// landing on one, and the collector runs between sizes, not between samples (a search's own garbage is part
// of its cost). The machine's load average is printed: on a shared machine, compare runs with similar loads.
// Options: --sizes=10000,100000 (or BENCH_SEARCH_SIZES), --iterations=300 per query kind (or
// BENCH_SEARCH_ITERATIONS), BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; the
// scratch database is dropped at the end). Without a reachable PostgreSQL the SQL column is skipped.
import os from 'node:os'
import v8 from 'node:v8'
import vm from 'node:vm'
import pg from 'pg'
import { EmbeddedSearchEngine } from '~/modules/search/embedded-engine.server'
import { facetFields, priceRanges, type SearchDocument, type SearchQuery } from '~/modules/search/engine'
import { fold } from '~/modules/search/fold'
import { generateCatalogue } from './search-catalogue'

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const SIZES = (arg('sizes') ?? process.env.BENCH_SEARCH_SIZES ?? '10000,100000').split(',').map(Number)
const ITERATIONS = Number(arg('iterations') ?? process.env.BENCH_SEARCH_ITERATIONS ?? 300)
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Issue 5, on a 2-core machine at 100,000 products. */
const GOALS = { p95Ms: 30, buildS: 60, memoryBytes: 1024 ** 3 }

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

// ---------------------------------------------------------------------------------------------------------
// The query mix: what buyers type, without diacritics, with one typo, word by word, with filters, or nothing
// at all (the search page opened from a category or a facet link).

type Kind = 'diacritic-free' | 'one typo' | 'prefix' | 'facet-filtered' | 'empty + facets'
const allFacets = [...facetFields]
const words = (list: string[]) => list.map((q): SearchQuery => ({ q }))
const mix: Record<Kind, SearchQuery[]> = {
  'diacritic-free': words([
    'mat ong',
    'ca phe',
    'che shan tuyet',
    'nuoc mam phu quoc',
    'hat dieu binh phuoc',
    'gao st25',
    'sam ngoc linh',
    'tieu',
    'hat de trung khanh',
    'ca phe buon ma thuot',
    'mat ong rung',
    'thit trau gac bep',
    'yen sao khanh hoa',
    'toi ly son',
  ]),
  // One typo each (a wrong letter, a missing or doubled one, two letters swapped) in a word of 4 letters or more.
  'one typo': words([
    'che shan tuyst',
    'ca phe buon ma thout',
    'hat de trung khamh',
    'sam ngoc linj',
    'nuoc mam phu qouc',
    'mat ong rnug',
    'hat dieu binh phuco',
    'xaoi yen chau',
    'yen sao khahn hoa',
    'mien dong cao bnag',
    'hoi lang sonn',
    'vai thieu luc ngna',
  ]),
  // Search as you type: the last word is a prefix of 1 to 4 letters.
  prefix: words(['mat o', 'gao s', 'ca ph', 'che sh', 'hat d', 'nuoc ma', 'xoa', 'tie', 'mien do', 'sam ng', 'yen s', 'hat di', 'ca phe bu', 'thit tr']),
  'facet-filtered': [
    { q: 'mat ong', filters: { regionType: ['ISLAND'] } },
    { q: 'tieu', filters: { province: ['91'], ocopMin: 4 } },
    { q: 'ca phe', filters: { certification: ['organic'], minPrice: 100_000, maxPrice: 400_000 } },
    { q: 'toi', filters: { regionType: ['ISLAND', 'NONE'], exportReady: true } },
    { q: 'gao', filters: { category: ['rice'] }, page: 2 },
    { q: 'che', filters: { ocopMin: 3 }, sort: 'price_asc' },
    { q: 'hat dieu', filters: { exportReady: true } },
    { q: 'nuoc mam', filters: { province: ['91', '68'], certification: ['geographical-indication'] } },
  ].map((query): SearchQuery => ({ ...query, facets: allFacets }) as SearchQuery),
  'empty + facets': [
    { q: '' },
    { q: '', filters: { category: ['spices'] } },
    { q: '', filters: { regionType: ['MOUNTAIN'], ocopMin: 4 }, sort: 'price_asc' },
    { q: '', filters: { province: ['66'] }, page: 3 },
    { q: '', filters: { regionType: ['ISLAND'], certification: ['ocop'] }, sort: 'newest' },
    { q: '', filters: { minPrice: 1_000_000 }, sort: 'price_desc' },
  ].map((query): SearchQuery => ({ ...query, facets: allFacets }) as SearchQuery),
}
const kinds = Object.keys(mix) as Kind[]

type Latency = { p50: number; p95: number; p99: number; hits: number }

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
  return { p50: at(50), p95: at(95), p99: at(99) }
}

/** Latency per kind of `run` (which returns the total found), the kinds interleaved round by round. */
async function measure(run: (query: SearchQuery) => Promise<number>): Promise<Record<Kind, Latency>> {
  const totals = new Map<SearchQuery, number>()
  for (let pass = 0; pass < 2; pass++) for (const kind of kinds) for (const q of mix[kind]) totals.set(q, await run(q))
  gc()
  const samples = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<Kind, number[]>
  for (let i = 0; i < ITERATIONS; i++) {
    for (const kind of kinds) {
      const queries = mix[kind]
      const started = performance.now()
      await run(queries[i % queries.length])
      samples[kind].push(performance.now() - started)
    }
  }
  const out = {} as Record<Kind, Latency>
  for (const kind of kinds) {
    const hits = Math.round(mix[kind].reduce((sum, q) => sum + totals.get(q)!, 0) / mix[kind].length)
    out[kind] = { ...percentiles(samples[kind]), hits }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// SQL: what a plain implementation would do. Every word must appear as a whole word (the last one as the start
// of a word) in the folded name, producer or description; no synonyms; a typo through pg_trgm's word
// similarity on the names; ordered by relevance as "name matches first, newest first".

type Sql = { client: pg.Client; trigram: boolean; unaccent: boolean; drop: () => Promise<void> }

async function openSql(): Promise<Sql | null> {
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  try {
    await admin.connect()
  } catch (error) {
    console.log(`PostgreSQL not reachable at ${DATABASE_URL} (${(error as Error).message}): SQL comparison skipped.`)
    return null
  }
  const name = `cvm_search_bench_${process.pid}`
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(DATABASE_URL)
  url.pathname = `/${name}`
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  const tryExtension = async (ext: string) =>
    client.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`).then(
      () => true,
      () => false,
    )
  const unaccent = await tryExtension('unaccent')
  const trigram = await tryExtension('pg_trgm')
  return {
    client,
    trigram,
    unaccent,
    drop: async () => {
      await client.end()
      await admin.query(`DROP DATABASE IF EXISTS ${name}`)
      await admin.end()
    },
  }
}

async function loadSql(sql: Sql, docs: SearchDocument[]) {
  const { client } = sql
  await client.query('DROP TABLE IF EXISTS products')
  await client.query(`CREATE TABLE products (
    id text PRIMARY KEY, name_vi text NOT NULL, name_en text NOT NULL, producer text NOT NULL, description text NOT NULL,
    name_folded text, doc_folded text, categories text[] NOT NULL, province text NOT NULL, region_type text NOT NULL,
    certifications text[] NOT NULL, ocop int NOT NULL, campaign_labels text[] NOT NULL, export_ready boolean NOT NULL,
    price bigint NOT NULL, published_at timestamptz NOT NULL)`)
  const columns = 14
  for (let start = 0; start < docs.length; start += 1000) {
    const batch = docs.slice(start, start + 1000)
    const values: unknown[] = []
    const rows = batch.map((d, i) => {
      values.push(
        d.id,
        d.nameVi,
        d.nameEn,
        d.producerName,
        `${d.descriptionVi}\n${d.descriptionEn}`,
        d.categorySlugs,
        d.provinceCode,
        d.regionType,
        d.certifications,
        d.ocopStars,
        d.campaignLabels,
        d.exportReady,
        d.priceVnd,
        new Date(d.publishedAt),
      )
      return `(${Array.from({ length: columns }, (_, k) => `$${i * columns + k + 1}`).join(',')})`
    })
    await client.query(
      `INSERT INTO products (id, name_vi, name_en, producer, description, categories, province, region_type, certifications, ocop,
       campaign_labels, export_ready, price, published_at) VALUES ${rows.join(',')}`,
      values,
    )
  }
  // The folded text, as search matches it (unaccent folds đ too).
  const folded = (text: string) => (sql.unaccent ? `lower(unaccent(${text}))` : `lower(${text})`)
  await client.query(
    `UPDATE products SET name_folded = ${folded("name_vi || ' ' || name_en")},
     doc_folded = ${folded("name_vi || ' ' || name_en || ' ' || producer || ' ' || description")}`,
  )
  if (sql.trigram) {
    await client.query('CREATE INDEX products_name_trgm ON products USING gin (name_folded gin_trgm_ops)')
    await client.query('CREATE INDEX products_doc_trgm ON products USING gin (doc_folded gin_trgm_ops)')
  }
  await client.query('CREATE INDEX products_published ON products (published_at DESC, id)')
  await client.query('CREATE INDEX products_price ON products (price, id)')
  await client.query('ANALYZE products')
}

const escapeRegex = (word: string) => word.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')

/** The same query in SQL: the page, the total and the facet counts when asked. Returns the total. */
async function runSql(sql: Sql, query: SearchQuery, typo: boolean) {
  const where: string[] = []
  const params: unknown[] = []
  const param = (v: unknown) => {
    params.push(v)
    return `$${params.length}`
  }
  const folded = fold(query.q)
  const terms = folded.split(/\s+/).filter(Boolean)
  let relevance = ''
  if (typo && sql.trigram) {
    // pg_trgm's word similarity is the closest SQL has to typo tolerance.
    const p = param(folded)
    where.push(`${p} <% name_folded`)
    relevance = `word_similarity(${p}, name_folded) DESC,`
  } else if (terms.length > 0) {
    // \m and \M: start and end of a word; the last word is a prefix.
    const patterns = terms.map((t, i) => param(`\\m${escapeRegex(t)}${i === terms.length - 1 ? '' : '\\M'}`))
    for (const p of patterns) where.push(`doc_folded ~ ${p}`)
    relevance = `(${patterns.map((p) => `name_folded ~ ${p}`).join(' AND ')}) DESC,`
  }
  const f = query.filters ?? {}
  if (f.category?.length) where.push(`categories && ${param(f.category)}::text[]`)
  if (f.province?.length) where.push(`province = ANY(${param(f.province)}::text[])`)
  if (f.regionType?.length) where.push(`region_type = ANY(${param(f.regionType)}::text[])`)
  if (f.certification?.length) where.push(`certifications && ${param(f.certification)}::text[]`)
  if (f.campaignLabel?.length) where.push(`campaign_labels && ${param(f.campaignLabel)}::text[]`)
  if (f.ocopMin !== undefined) where.push(`ocop >= ${param(f.ocopMin)}`)
  if (f.minPrice !== undefined) where.push(`price >= ${param(f.minPrice)}`)
  if (f.maxPrice !== undefined) where.push(`price <= ${param(f.maxPrice)}`)
  if (f.exportReady !== undefined) where.push(`export_ready = ${param(f.exportReady)}`)
  const orders: Record<string, string> = {
    relevance: `${relevance} published_at DESC, id`,
    price_asc: 'price, id',
    price_desc: 'price DESC, id',
    newest: 'published_at DESC, id',
    ocop_desc: 'ocop DESC, id',
  }
  const order = orders[query.sort ?? 'relevance']
  const pageSize = query.pageSize ?? 20
  const offset = ((query.page ?? 1) - 1) * pageSize
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const { client } = sql
  await client.query(`SELECT id, name_vi FROM products ${w} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${offset}`, params)
  const total = Number((await client.query(`SELECT count(*) AS n FROM products ${w}`, params)).rows[0].n)
  if (query.facets?.length) {
    const bucket = `CASE ${priceRanges.map((r) => (r.max === null ? `ELSE '${r.key}'` : `WHEN price < ${r.max} THEN '${r.key}'`)).join(' ')} END`
    await client.query(
      `SELECT province, region_type, ocop, export_ready, ${bucket} AS price_range, count(*) FROM products ${w}
       GROUP BY GROUPING SETS ((province), (region_type), (ocop), (export_ready), (${bucket}))`,
      params,
    )
    for (const column of ['categories', 'certifications', 'campaign_labels']) {
      await client.query(`SELECT v, count(*) FROM products, unnest(${column}) AS v ${w} GROUP BY v`, params)
    }
  }
  return total
}

// ---------------------------------------------------------------------------------------------------------

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const ms = (n: number) => n.toFixed(1).padStart(7)
const mark = (met: boolean) => (met ? 'met' : 'MISSED')
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
const memory = () => {
  const m = process.memoryUsage()
  return { rss: m.rss, heap: m.heapUsed + m.external }
}

async function* batchesOf(docs: SearchDocument[], size: number) {
  for (let start = 0; start < docs.length; start += size) yield docs.slice(start, start + size)
}

console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${load()}`)
const sql = await openSql()
try {
  if (sql) console.log(`PostgreSQL: unaccent ${sql.unaccent ? 'yes' : 'no'}, pg_trgm ${sql.trigram ? 'yes' : 'no'}`)
  for (const size of SIZES) {
    const perKind = kinds.map((k) => `${k} ${mix[k].length}`).join(', ')
    console.log(`\n=== ${size.toLocaleString('en')} products; ${ITERATIONS} runs per query kind over distinct queries (${perKind}) ===`)
    // Memory is measured from before the documents exist: the index keeps them, they are part of its cost.
    gc()
    const before = memory()
    let docs: SearchDocument[] | null = generateCatalogue(size)
    const engine = new EmbeddedSearchEngine()
    const started = performance.now()
    await engine.replaceAll(batchesOf(docs, 1000))
    const buildMs = performance.now() - started
    docs = null
    // What stays: collect, give the heap a moment to hand freed pages back to the system, collect again.
    gc()
    await new Promise((resolve) => setTimeout(resolve, 2000))
    gc()
    const after = memory()
    const grown = Math.max(after.rss - before.rss, after.heap - before.heap)
    console.log(
      `embedded build (replaceAll, batches of 1,000): ${(buildMs / 1000).toFixed(2)} s, ` +
        `${Math.round(size / (buildMs / 1000)).toLocaleString('en')} docs/s — goal ≤ ${GOALS.buildS} s: ${mark(buildMs / 1000 <= GOALS.buildS)}`,
    )
    console.log(
      `embedded memory (index + documents): RSS +${mb(after.rss - before.rss)}, heap + external +${mb(after.heap - before.heap)} ` +
        `(RSS now ${mb(after.rss)}) — goal ≤ 1 GiB: ${mark(grown <= GOALS.memoryBytes)}`,
    )
    const loadBefore = load()
    const embedded = await measure(async (q) => (await engine.search(q)).total)
    console.log(`load average during the embedded runs: ${loadBefore} → ${load()}`)
    await engine.clear()

    let sqlResults: Record<Kind, Latency> | null = null
    if (sql) {
      const loadStarted = performance.now()
      await loadSql(sql, generateCatalogue(size))
      console.log(`PostgreSQL load + index: ${((performance.now() - loadStarted) / 1000).toFixed(2)} s`)
      const typoQueries = new Set(mix['one typo'])
      sqlResults = await measure((q) => runSql(sql, q, typoQueries.has(q)))
    }

    console.log(`\nlatency in ms; hits = average total found per query`)
    console.log(`${'query kind'.padEnd(16)} | embedded p50     p95     p99    hits | SQL p50     p95     p99    hits | goal p95 ≤ ${GOALS.p95Ms} ms`)
    for (const kind of kinds) {
      const e = embedded[kind]
      const s = sqlResults?.[kind]
      console.log(
        `${kind.padEnd(16)} | ${ms(e.p50)} ${ms(e.p95)} ${ms(e.p99)} ${String(e.hits).padStart(7)} |` +
          (s ? ` ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)} ${String(s.hits).padStart(7)}` : `${'–'.padStart(32)}`) +
          ` | ${mark(e.p95 <= GOALS.p95Ms)}`,
      )
    }
  }
} finally {
  await sql?.drop()
}
