// npm run bench:search — the embedded search engine against plain SQL on the same catalogue, in one run.
//
// For each size (default 10,000 and 100,000 products, generated deterministically from the specialties in
// DOMAIN.md) it measures the embedded engine's index build (time, documents/second, RSS and heap growth)
// and the latency (p50/p95/p99) of a fixed mix of query kinds; then loads the same products into a scratch
// PostgreSQL database (unaccent + pg_trgm when the extensions exist, lower() + ILIKE otherwise) and times
// the same queries there: the page, the total and, where asked, the facet counts.
// Options: --sizes=10000,100000 (or BENCH_SEARCH_SIZES), --iterations=300 (or BENCH_SEARCH_ITERATIONS),
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; the scratch database is dropped
// at the end). Without a reachable PostgreSQL the SQL column is skipped.
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

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

// ---------------------------------------------------------------------------------------------------------
// The query mix

type Kind = 'diacritic-free' | 'one typo' | 'prefix' | 'facet-filtered' | 'empty + facets'
const allFacets = [...facetFields]
const mix: Record<Kind, SearchQuery[]> = {
  'diacritic-free': ['mat ong', 'che shan tuyet', 'ca phe buon ma thuot', 'nuoc mam phu quoc', 'hat de trung khanh', 'gao seng cu'].map((q) => ({ q })),
  'one typo': ['che shan tuyst', 'ca phe buon ma thout', 'hat de trung khamh', 'sam ngoc linj', 'ho tieu phu qouc', 'mat ong bac hs'].map((q) => ({ q })),
  prefix: ['mat o', 'che sh', 'ca phe bu', 'nuoc ma', 'hat d', 'mien do'].map((q) => ({ q })),
  'facet-filtered': [
    { q: 'mat ong', filters: { regionType: ['ISLAND'] }, facets: allFacets },
    { q: 'tieu', filters: { province: ['91'], ocopMin: 4 }, facets: allFacets },
    { q: 'ca phe', filters: { certification: ['organic'], minPrice: 100_000, maxPrice: 400_000 }, facets: allFacets },
    { q: 'toi', filters: { regionType: ['ISLAND', 'NONE'], exportReady: true }, facets: allFacets },
  ],
  'empty + facets': [
    { q: '', facets: allFacets },
    { q: '', filters: { category: ['spices'] }, facets: allFacets },
    { q: '', filters: { regionType: ['MOUNTAIN'], ocopMin: 4 }, facets: allFacets, sort: 'price_asc' },
  ],
}
const kinds = Object.keys(mix) as Kind[]

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  return { p50: at(50), p95: at(95), p99: at(99) }
}

async function time<T>(run: () => Promise<T>) {
  const started = performance.now()
  const value = await run()
  return { ms: performance.now() - started, value }
}

async function measure(run: (query: SearchQuery) => Promise<unknown>, iterations: number) {
  const out = {} as Record<Kind, ReturnType<typeof percentiles> & { hits: number }>
  for (const kind of kinds) {
    const queries = mix[kind]
    for (const q of queries) await run(q) // warm-up
    const samples: number[] = []
    let hits = 0
    for (let i = 0; i < iterations; i++) {
      const { ms, value } = await time(() => run(queries[i % queries.length]))
      samples.push(ms)
      if (i < queries.length) hits += typeof value === 'number' ? value : 0
    }
    out[kind] = { ...percentiles(samples), hits }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// SQL

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
    id text PRIMARY KEY, name_vi text NOT NULL, name_en text NOT NULL, description text NOT NULL, name_folded text,
    categories text[] NOT NULL, province text NOT NULL, region_type text NOT NULL, certifications text[] NOT NULL,
    ocop int NOT NULL, campaign_labels text[] NOT NULL, export_ready boolean NOT NULL, price bigint NOT NULL,
    published_at timestamptz NOT NULL)`)
  const columns = 13
  for (let start = 0; start < docs.length; start += 1000) {
    const batch = docs.slice(start, start + 1000)
    const values: unknown[] = []
    const rows = batch.map((d, i) => {
      values.push(d.id, d.nameVi, d.nameEn, d.descriptionVi, d.categorySlugs, d.provinceCode, d.regionType, d.certifications, d.ocopStars, d.campaignLabels, d.exportReady, d.priceVnd, new Date(d.publishedAt))
      return `(${Array.from({ length: columns }, (_, k) => `$${i * columns + k + 1}`).join(',')})`
    })
    await client.query(
      `INSERT INTO products (id, name_vi, name_en, description, categories, province, region_type, certifications, ocop, campaign_labels, export_ready, price, published_at) VALUES ${rows.join(',')}`,
      values,
    )
  }
  // The folded name (Vietnamese and English), as search matches it.
  await client.query(`UPDATE products SET name_folded = ${sql.unaccent ? 'lower(unaccent(name_vi || \' \' || name_en))' : "lower(name_vi || ' ' || name_en)"}`)
  if (sql.trigram) await client.query('CREATE INDEX products_name_trgm ON products USING gin (name_folded gin_trgm_ops)')
  await client.query('CREATE INDEX products_published ON products (published_at DESC, id)')
  await client.query('ANALYZE products')
}

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
  let order = 'published_at DESC, id'
  if (typo && sql.trigram) {
    // pg_trgm's word similarity is the closest SQL has to typo tolerance.
    const p = param(folded)
    where.push(`${p} <% name_folded`)
    order = `word_similarity(${p}, name_folded) DESC, id`
  } else {
    for (const t of terms) where.push(`name_folded LIKE ${param(`%${t}%`)}`)
  }
  const f = query.filters ?? {}
  if (f.category?.length) where.push(`categories && ${param(f.category)}::text[]`)
  if (f.province?.length) where.push(`province = ANY(${param(f.province)}::text[])`)
  if (f.regionType?.length) where.push(`region_type = ANY(${param(f.regionType)}::text[])`)
  if (f.certification?.length) where.push(`certifications && ${param(f.certification)}::text[]`)
  if (f.ocopMin !== undefined) where.push(`ocop >= ${param(f.ocopMin)}`)
  if (f.minPrice !== undefined) where.push(`price >= ${param(f.minPrice)}`)
  if (f.maxPrice !== undefined) where.push(`price <= ${param(f.maxPrice)}`)
  if (f.exportReady !== undefined) where.push(`export_ready = ${param(f.exportReady)}`)
  if (query.sort === 'price_asc') order = 'price, id'
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const { client } = sql
  await client.query(`SELECT id, name_vi FROM products ${w} ORDER BY ${order} LIMIT 20`, params)
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

const sql = await openSql()
try {
  if (sql) console.log(`PostgreSQL: unaccent ${sql.unaccent ? 'yes' : 'no'}, pg_trgm ${sql.trigram ? 'yes' : 'no'}`)
  for (const size of SIZES) {
    console.log(`\n=== ${size.toLocaleString('en')} products, ${ITERATIONS} runs per query kind ===`)
    const docs = generateCatalogue(size)
    gc()
    const before = process.memoryUsage()
    const engine = new EmbeddedSearchEngine()
    const build = await time(() => engine.upsert(docs))
    gc()
    const after = process.memoryUsage()
    console.log(
      `embedded build: ${(build.ms / 1000).toFixed(2)} s, ${Math.round(size / (build.ms / 1000)).toLocaleString('en')} docs/s; ` +
        `memory: RSS +${mb(after.rss - before.rss)} (now ${mb(after.rss)}), heap +${mb(after.heapUsed - before.heapUsed)}`,
    )
    const embedded = await measure(async (q) => (await engine.search(q)).total, ITERATIONS)

    let sqlResults: Awaited<ReturnType<typeof measure>> | null = null
    if (sql) {
      const load = await time(() => loadSql(sql, docs))
      console.log(`PostgreSQL load + index: ${(load.ms / 1000).toFixed(2)} s`)
      const typoQueries = new Set(mix['one typo'])
      sqlResults = await measure((q) => runSql(sql, q, typoQueries.has(q)), ITERATIONS)
    }

    console.log(`\n${'query kind'.padEnd(16)} | embedded p50     p95     p99  (hits) | SQL p50     p95     p99  (hits)`)
    for (const kind of kinds) {
      const e = embedded[kind]
      const s = sqlResults?.[kind]
      console.log(
        `${kind.padEnd(16)} | ${ms(e.p50)} ${ms(e.p95)} ${ms(e.p99)} ${String(e.hits).padStart(7)} |` +
          (s ? ` ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)} ${String(s.hits).padStart(7)}` : ' –'),
      )
    }
    await engine.clear()
  }
} finally {
  await sql?.drop()
}
