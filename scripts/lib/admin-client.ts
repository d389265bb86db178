// How the CLI runs an operators' command (app/modules/admin/commands.server.ts), for `npm run admin` and
// `npm run search:reindex`. Where the command runs:
//   - DATABASE_URL set: here, on its own PostgreSQL connections;
//   - embedded PGlite, app running: inside the app, through its loopback admin endpoint (the app writes
//     <DATA_DIR>/admin-endpoint.json), because no second process may open the data directory;
//   - embedded, no app: here, holding <DATA_DIR>/pgdata.lock; a command that finds another one holding it
//     waits for it (up to 30 s), so commands started together all run.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ADMIN_COMMANDS_PATH, adminEndpointPath, isProcessAlive, readAdminEndpoint, type AdminEndpoint } from '../../app/modules/admin/endpoint.server.ts'
import { acquireDataDirLock, dataDirLockPath, releaseDataDirLock } from '../../app/utils/data-dir-lock.server.ts'

export type CommandOutput = { stdout: string; stderr: string; exitCode: number }

const WAIT_FOR_DATABASE_MS = 30_000
const POLL_MS = 150
const REQUEST_TIMEOUT_MS = 120_000

/** A failure of this script itself (not of the command): a message, no stack. */
class CliError extends Error {}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
process.chdir(root) // relative DATA_DIR means the same as for `npm start`
if (existsSync('.env')) process.loadEnvFile('.env')

function operator() {
  let user: string
  try {
    user = os.userInfo().username
  } catch {
    user = process.env.USER ?? process.env.LOGNAME ?? 'unknown' // no passwd entry (some containers)
  }
  return `cli:${user}@${os.hostname()}`
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function runHere(argv: string[], actor: string): Promise<CommandOutput> {
  const { runAdminCommand } = await import('../../app/modules/admin/commands.server.ts')
  const { closeDatabase } = await import('../../app/utils/db.server.ts')
  try {
    return await runAdminCommand(argv, actor)
  } finally {
    await closeDatabase()
  }
}

const refused = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED'

/** The command's output from the running app; null when nothing listens on its port (starting or gone). */
async function runInApp(endpoint: AdminEndpoint, dataDir: string, argv: string[], actor: string): Promise<CommandOutput | null> {
  const app = `the app (process ${endpoint.pid}, port ${endpoint.port})`
  let response: Response
  try {
    response = await fetch(`http://127.0.0.1:${endpoint.port}${ADMIN_COMMANDS_PATH}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${endpoint.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ argv, actor }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
  } catch (error) {
    if (refused(error)) return null // nothing was sent, so trying again cannot run the command twice
    if ((error as Error).name === 'TimeoutError') {
      throw new CliError(`${app} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s; the command may have run (see \`admin audit\`).`)
    }
    throw new CliError(`Could not reach ${app}: ${(error as Error).message}`)
  }
  if (response.status === 404) {
    throw new CliError(
      `${app} did not accept the command. Admin commands go through an app started with \`npm start\` ` +
        `(a \`remix vite:dev\` server cannot check that the caller is local): stop that app and run the command again. ` +
        `If no app uses ${dataDir}, delete ${adminEndpointPath(dataDir)}.`,
    )
  }
  const body = (await response.json().catch(() => null)) as Partial<CommandOutput> | null
  if (!response.ok || typeof body?.stdout !== 'string' || typeof body.stderr !== 'string' || typeof body.exitCode !== 'number') {
    throw new CliError(`${app} answered ${response.status} without a command result.`)
  }
  return body as CommandOutput
}

function tryLock(pgdata: string): boolean {
  try {
    acquireDataDirLock(pgdata)
    return true
  } catch (error) {
    if (/in use by process/.test((error as Error).message)) return false
    throw error
  }
}

async function runEmbedded(argv: string[], actor: string): Promise<CommandOutput> {
  const dataDir = path.resolve(process.env.DATA_DIR || './data')
  const pgdata = path.join(dataDir, 'pgdata')
  const endpointFile = adminEndpointPath(dataDir)
  try {
    accessSync(endpointFile, constants.R_OK)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EACCES') {
      throw new CliError(`Cannot read ${endpointFile}: run the command as the user that runs the app.`)
    }
  }
  const deadline = Date.now() + WAIT_FOR_DATABASE_MS
  for (;;) {
    const endpoint = readAdminEndpoint(dataDir)
    if (endpoint && isProcessAlive(endpoint.pid)) {
      const output = await runInApp(endpoint, dataDir, argv, actor)
      if (output) return output
    }
    if (tryLock(pgdata)) {
      try {
        if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
          throw new CliError(`No database in ${pgdata} yet: run \`npm start\` (or \`npm run db:migrate\`) first, or set DATA_DIR.`)
        }
        return await runHere(argv, actor)
      } finally {
        releaseDataDirLock(pgdata)
      }
    }
    if (Date.now() > deadline) {
      let holder = 'another process'
      try {
        holder = `process ${readFileSync(dataDirLockPath(pgdata), 'utf8').trim()}`
      } catch {
        // released just now
      }
      throw new CliError(
        `The embedded database in ${pgdata} has been in use by ${holder} for ${WAIT_FOR_DATABASE_MS / 1000} s, ` +
          `and that process takes no admin commands (a migration, the seed, or a slow command). Try again once it has finished.`,
      )
    }
    await sleep(POLL_MS)
  }
}

/** Runs one command line (without the program name) where it must run; never throws. */
export async function runCommandLine(argv: string[]): Promise<CommandOutput> {
  const actor = operator()
  try {
    return process.env.DATABASE_URL ? await runHere(argv, actor) : await runEmbedded(argv, actor)
  } catch (error) {
    const message = error instanceof CliError ? error.message : `Unexpected error: ${(error as Error).message ?? String(error)}`
    return { stdout: '', stderr: `admin: ${message}\n`, exitCode: 1 }
  }
}
