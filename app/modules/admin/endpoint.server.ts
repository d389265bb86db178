// The embedded PGlite database can be open in one process only. While the app holds it, the admin CLI
// cannot open it too, so the app publishes `<DATA_DIR>/admin-endpoint.json` ({ pid, port, token }, readable
// by its owner only) and runs the CLI's commands for it on POST /_admin/commands — for loopback callers that
// present the token. The file goes when the process exits.
// No `~/` imports: scripts/admin.ts loads this file directly.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export type AdminEndpoint = { pid: number; port: number; token: string }

export const ADMIN_COMMANDS_PATH = '/_admin/commands'

export const adminEndpointPath = (dataDir: string) => path.resolve(dataDir, 'admin-endpoint.json')

let published: { file: string; token: string } | undefined
let exitHookInstalled = false

/** Writes the endpoint file with a new random token; call once the port is known (before listening is fine). */
export function publishAdminEndpoint(port: number, dataDir: string): AdminEndpoint {
  const endpoint = { pid: process.pid, port, token: randomBytes(32).toString('base64url') }
  const file = adminEndpointPath(dataDir)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  // Write aside and rename, so a reader never sees half a file; a fresh file gets mode 0600 at creation.
  const temporary = `${file}.${process.pid}.tmp`
  fs.rmSync(temporary, { force: true })
  fs.writeFileSync(temporary, JSON.stringify(endpoint), { mode: 0o600, flag: 'wx' })
  fs.renameSync(temporary, file)
  published = { file, token: endpoint.token }
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.on('exit', unpublishAdminEndpoint)
  }
  return endpoint
}

/** Removes the file if it is still ours (a newer app may have replaced it). */
export function unpublishAdminEndpoint() {
  if (!published) return
  const { file, token } = published
  published = undefined
  const current = readEndpointFile(file)
  if (current?.pid === process.pid && current.token === token) fs.rmSync(file, { force: true })
}

function readEndpointFile(file: string): AdminEndpoint | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<AdminEndpoint>
    const valid = Number.isInteger(value.pid) && Number.isInteger(value.port) && typeof value.token === 'string' && value.token.length > 0
    return valid ? (value as AdminEndpoint) : null
  } catch {
    return null
  }
}

/** The published endpoint of the app using this data directory, or null (none, or unreadable). */
export const readAdminEndpoint = (dataDir: string) => readEndpointFile(adminEndpointPath(dataDir))

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // exists, another user's
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** The TCP peer is this machine. Only the socket's address counts, never X-Forwarded-For. */
export const isLoopback = (remoteAddress: string | undefined) => remoteAddress !== undefined && LOOPBACK.has(remoteAddress)

const digest = (text: string) => createHash('sha256').update(text).digest()

// A reverse proxy on the same machine connects from loopback too; the requests it forwards carry these.
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip']

/** A direct loopback caller with this process's token; false whenever no endpoint is published. */
export function adminRequestAllowed(request: Request, remoteAddress: string | undefined): boolean {
  if (!published || !isLoopback(remoteAddress)) return false
  if (FORWARDING_HEADERS.some((name) => request.headers.has(name))) return false
  const presented = /^Bearer ([^\s]+)$/.exec(request.headers.get('Authorization') ?? '')?.[1]
  if (!presented) return false
  // Equal-length digests, so the comparison time says nothing about the token.
  return timingSafeEqual(digest(presented), digest(published.token))
}
