// The admin command line beside the running app (embedded database in data/e2e, see playwright.config.ts):
// the commands go through the app's loopback endpoint, since no second process may open the data directory.
// And with no app: commands open the database themselves, one at a time.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'

const root = path.resolve(import.meta.dirname, '../..')
const E2E_DATA_DIR = 'data/e2e'

type Run = { code: number | null; stdout: string; stderr: string; ms: number }

/** Runs `npx tsx <script> …args` in the repository with the embedded database of `dataDir`. */
function tsx(script: string, args: string[], dataDir = E2E_DATA_DIR): Promise<Run> {
  const started = Date.now()
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
  delete env.DATABASE_URL
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', script, ...args], { cwd: root, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }))
  })
}

const admin = (args: string[], dataDir?: string) => tsx('scripts/admin.ts', args, dataDir)

type ListedOrg = { slug: string; kind: string; name: string; province: string; regionType: string | null; verificationStatus: string }

test.describe('beside the running app', () => {
  test('orgs list --json lists the demo organisations, and a failure is an exit code and a message', async () => {
    const list = await admin(['orgs', 'list', '--json'])
    expect(list.stderr).toBe('')
    expect(list.code).toBe(0)
    const orgs = JSON.parse(list.stdout) as ListedOrg[]
    expect(orgs.filter((o) => o.kind === 'PRODUCER').length).toBeGreaterThanOrEqual(30)
    expect(orgs.filter((o) => o.kind === 'BUYER').length).toBeGreaterThan(0)
    expect(orgs.find((o) => o.slug === 'htx-che-shan-tuyet-hoang-su-phi')).toMatchObject({ kind: 'PRODUCER', province: '08', regionType: 'MOUNTAIN' })
    expect(orgs.map((o) => o.slug)).toEqual(orgs.map((o) => o.slug).sort())
    console.log(`orgs list --json through the app: ${list.ms} ms`)

    const missing = await admin(['org', 'verify', '--org', 'khong-co-to-chuc-nay'])
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'No organisation with slug "khong-co-to-chuc-nay".\n' })
  })

  test('two commands at once both succeed, the key is printed alone, and the app keeps serving', async ({ request }) => {
    const slug = 'ca-phe-arabica-lo-van-tuan'
    const [verify, create] = await Promise.all([
      admin(['org', 'verify', '--org', slug]),
      admin(['api-key', 'create', '--org', slug, '--name', 'ERP e2e']),
    ])
    console.log(`two commands at once through the app: ${verify.ms} ms and ${create.ms} ms`)
    expect(verify).toMatchObject({ code: 0, stderr: '' })
    expect(verify.stdout).toBe(`${slug}: VERIFIED (was UNVERIFIED)\n`)
    expect(create).toMatchObject({ code: 0, stderr: '' })
    expect(create.stdout).toMatch(/^cvm_[A-Za-z0-9_-]{32}\n$/)

    const audit = await admin(['audit', '--limit', '5', '--json'])
    const rows = JSON.parse(audit.stdout) as { actor: string; action: string; target: string }[]
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['org.verify', 'api-key.create']))
    // The two commands' rows name the command line as their actor (the seed's rows may be among the last five).
    const ours = rows.filter((r) => r.action === 'org.verify' || r.action === 'api-key.create')
    expect(ours.length).toBeGreaterThanOrEqual(2)
    expect(ours.every((r) => r.actor.startsWith('cli:'))).toBe(true)

    expect((await request.get('/healthz')).status()).toBe(200)
    const home = await request.get('/vi')
    expect(home.status()).toBe(200)
    expect(await home.text()).toContain('Chợ Vùng Miền')
  })

  test('a key created by the command calls /api/v1/me', async ({ request }) => {
    const slug = 'htx-che-shan-tuyet-hoang-su-phi'
    const create = await admin(['api-key', 'create', '--org', slug, '--name', 'ERP e2e /me'])
    expect(create.code).toBe(0)
    const key = create.stdout.trimEnd()
    const me = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${key}` } })
    expect(me.status()).toBe(200)
    expect(await me.json()).toMatchObject({ slug, kind: 'PRODUCER' })

    const id = (JSON.parse((await admin(['api-key', 'list', '--org', slug, '--json'])).stdout) as { id: string; name: string }[]).find(
      (k) => k.name === 'ERP e2e /me',
    )!.id
    expect((await admin(['api-key', 'revoke', '--org', slug, '--id', id])).code).toBe(0)
    expect((await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${key}` } })).status()).toBe(401)
  })

  test('the admin endpoint is not there for a caller without the token', async ({ request }) => {
    const response = await request.post('/_admin/commands', { data: { argv: ['orgs', 'list'], actor: 'cli:x' } })
    expect(response.status()).toBe(404)
    const wrong = await request.post('/_admin/commands', { data: { argv: ['orgs', 'list'], actor: 'cli:x' }, headers: { Authorization: 'Bearer nope' } })
    expect(wrong.status()).toBe(404)
  })

  test('npm run search:reindex rebuilds the running app\'s index and reports when it is done', async () => {
    const run = await tsx('scripts/search-reindex.ts', [])
    console.log(`search:reindex through the app: ${run.ms} ms`)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const done = /Done: (\d+) products in the search index\./.exec(run.stdout)
    expect(done, run.stdout).not.toBeNull()
    expect(Number(done![1])).toBeGreaterThan(200)
    const status = await admin(['search', 'status', '--json'])
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'DONE', indexed: Number(done![1]), total: Number(done![1]) })
  })
})

test.describe('with no app running', () => {
  let dataDir: string

  test.beforeAll(async () => {
    test.setTimeout(120_000)
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cvm-admin-cli-'))
    const migrate = await tsx('scripts/migrate.ts', [], dataDir)
    expect(migrate.code, migrate.stderr).toBe(0)
  })

  test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  test('commands open the database themselves; started together, each waits its turn and all succeed', async () => {
    test.setTimeout(120_000)
    const runs = await Promise.all([
      admin(['orgs', 'list', '--json'], dataDir),
      admin(['audit', '--json'], dataDir),
      admin(['org', 'verify', '--org', 'khong-co'], dataDir),
    ])
    console.log(`three commands at once on the embedded database: ${runs.map((r) => `${r.ms} ms`).join(', ')}`)
    expect(runs[0]).toMatchObject({ code: 0, stderr: '', stdout: '[]\n' })
    expect(runs[1]).toMatchObject({ code: 0, stderr: '' })
    expect(runs[2]).toMatchObject({ code: 1, stderr: 'No organisation with slug "khong-co".\n' })

    const audit = JSON.parse((await admin(['audit', '--json'], dataDir)).stdout) as { action: string }[]
    expect(audit.map((r) => r.action).sort()).toEqual(['audit.list', 'org.verify', 'orgs.list'])
    expect(existsSync(path.join(dataDir, 'pgdata.lock'))).toBe(false)
  })
})
