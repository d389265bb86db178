import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  adminEndpointPath,
  publishAdminEndpoint,
  readAdminEndpoint,
  unpublishAdminEndpoint,
  type AdminEndpoint,
} from '~/modules/admin/endpoint.server'
import * as adminRoute from '~/routes/admin-commands'
import { prisma } from '~/utils/db.server'
import { callRoute } from '../utils/routes'

const ENDPOINT_URL = 'http://127.0.0.1:3000/_admin/commands'
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cvm-admin-endpoint-'))
let endpoint: AdminEndpoint

function post(token: string | null, body: unknown = { argv: ['orgs', 'list', '--json'], actor: 'cli:lan@laptop' }, headers: Record<string, string> = {}) {
  return new Request(ENDPOINT_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const callAs = (remoteAddress: string | undefined, request: Request) => callRoute(adminRoute.action, request, {}, { clientIp: remoteAddress, remoteAddress })

beforeAll(async () => {
  await prisma.organization.create({
    data: {
      slug: 'htx-mat-ong-meo-vac',
      kind: 'PRODUCER',
      legalForm: 'COOPERATIVE',
      legalName: 'Hợp tác xã Mật ong Mèo Vạc',
      displayName: 'HTX Mật ong Mèo Vạc',
      taxCode: '0100000001',
      addressLine: 'Thôn Pả Vi',
      commune: 'Xã Mèo Vạc',
      provinceCode: '08',
      regionType: 'MOUNTAIN',
      phone: '+84912345678',
    },
  })
})

afterAll(() => {
  unpublishAdminEndpoint()
  rmSync(dataDir, { recursive: true, force: true })
})

test('before the app publishes an endpoint, even a loopback caller gets 404', async () => {
  const result = await callAs('127.0.0.1', post('anything'))
  expect(result.status).toBe(404)
  expect(await prisma.auditLog.count()).toBe(0)
})

describe('with the endpoint published', () => {
  beforeAll(() => {
    endpoint = publishAdminEndpoint(4321, dataDir)
  })

  test('the file holds pid, port and token and only its owner may read it', () => {
    const file = adminEndpointPath(dataDir)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ pid: process.pid, port: 4321, token: endpoint.token })
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(endpoint.token.length).toBeGreaterThanOrEqual(40)
    expect(readAdminEndpoint(dataDir)).toEqual(endpoint)
  })

  test('a loopback caller with the token runs the command as the operator the CLI names', async () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const result = await callAs(address, post(endpoint.token))
      expect(result.status).toBe(200)
      const output = result.data as { stdout: string; stderr: string; exitCode: number }
      expect(output).toMatchObject({ exitCode: 0, stderr: '' })
      expect((JSON.parse(output.stdout) as { slug: string }[]).map((o) => o.slug)).toEqual(['htx-mat-ong-meo-vac'])
    }
    expect(await prisma.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })).toMatchObject({ actor: 'cli:lan@laptop', action: 'orgs.list' })

    const failed = await callAs('127.0.0.1', post(endpoint.token, { argv: ['org', 'verify', '--org', 'khong-co'], actor: 'lan@laptop' }))
    expect(failed.data).toEqual({ stdout: '', stderr: 'No organisation with slug "khong-co".\n', exitCode: 1 })
    // An actor without the prefix still reads as a command-line operator.
    expect((await prisma.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })).actor).toBe('cli:lan@laptop')
  })

  test('a caller that is not loopback gets 404 and nothing runs, whatever it claims in headers', async () => {
    const before = await prisma.auditLog.count()
    const verify = { argv: ['org', 'verify', '--org', 'htx-mat-ong-meo-vac'], actor: 'cli:mallory@away' }
    for (const address of ['10.0.0.7', '192.168.1.20', '203.0.113.9', '::ffff:10.0.0.7', '127.0.0.2', undefined]) {
      for (const headers of [{}, { 'X-Forwarded-For': '127.0.0.1' }] as Record<string, string>[]) {
        const result = await callAs(address, post(endpoint.token, verify, headers))
        expect(result.status).toBe(404)
        expect(JSON.stringify(result.data)).not.toContain('stdout')
      }
    }
    expect(await prisma.auditLog.count()).toBe(before)
    expect((await prisma.organization.findUniqueOrThrow({ where: { slug: 'htx-mat-ong-meo-vac' } })).verificationStatus).toBe('UNVERIFIED')
  })

  test('a wrong, missing or differently formatted token, or a proxied request, gets 404 and nothing runs', async () => {
    const before = await prisma.auditLog.count()
    const verify = { argv: ['org', 'verify', '--org', 'htx-mat-ong-meo-vac'], actor: 'cli:mallory@here' }
    const requests = [
      post(`${endpoint.token}x`, verify),
      post(endpoint.token.slice(0, -1), verify),
      post('', verify),
      post(null, verify),
      post(null, verify, { Authorization: `Basic ${endpoint.token}` }),
      post(null, verify, { Authorization: endpoint.token }),
    ]
    for (const request of requests) expect((await callAs('127.0.0.1', request)).status).toBe(404)
    // A reverse proxy on this machine connects from loopback: what it relays is refused even with the token.
    for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Real-IP']) {
      expect((await callAs('127.0.0.1', post(endpoint.token, verify, { [header]: '203.0.113.9' }))).status).toBe(404)
    }
    expect(await prisma.auditLog.count()).toBe(before)
    expect((await prisma.organization.findUniqueOrThrow({ where: { slug: 'htx-mat-ong-meo-vac' } })).verificationStatus).toBe('UNVERIFIED')
  })

  test('GET and other methods get 404; a malformed body from an allowed caller gets 400', async () => {
    expect((await callRoute(adminRoute.loader, new Request(ENDPOINT_URL), {}, { remoteAddress: '127.0.0.1' })).status).toBe(404)
    const put = new Request(ENDPOINT_URL, { method: 'PUT', headers: { Authorization: `Bearer ${endpoint.token}` }, body: '{}' })
    expect((await callAs('127.0.0.1', put)).status).toBe(404)
    expect((await callAs('127.0.0.1', post(endpoint.token, '{not json'))).status).toBe(400)
    expect((await callAs('127.0.0.1', post(endpoint.token, { argv: 'orgs list', actor: 'cli:x' }))).status).toBe(400)
    expect((await callAs('127.0.0.1', post(endpoint.token, { argv: ['orgs', 'list'] }))).status).toBe(400)
  })

  test('unpublishing removes the file, and the old token stops working', async () => {
    unpublishAdminEndpoint()
    expect(existsSync(adminEndpointPath(dataDir))).toBe(false)
    expect((await callAs('127.0.0.1', post(endpoint.token))).status).toBe(404)
  })
})
