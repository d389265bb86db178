import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DevMailboxChannel, SmtpEmailChannel } from '~/modules/notifications/channels.server'
import { prisma } from '~/utils/db.server'

// A real SMTP server on loopback: the SMTP channel speaks the protocol to it, nothing is mocked.
const received: { from: string; to: string[]; raw: string }[] = []
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let raw = ''
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw,
      })
      callback()
    })
  },
})
let port = 0

beforeAll(async () => {
  server.listen(0, '127.0.0.1')
  await once(server.server, 'listening')
  port = (server.server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test('the SMTP channel delivers a Vietnamese message with the configured sender', async () => {
  const channel = new SmtpEmailChannel(`smtp://127.0.0.1:${port}`, 'Chợ Vùng Miền <no-reply@chovungmien.vn>')
  await channel.send({ channel: 'EMAIL', to: 'mai@example.com', subject: 'Đặt lại mật khẩu', text: 'Chào Mai, mở liên kết sau…' })
  expect(received).toHaveLength(1)
  expect(received[0].from).toBe('no-reply@chovungmien.vn')
  expect(received[0].to).toEqual(['mai@example.com'])
  expect(received[0].raw).toMatch(/Subject: =\?UTF-8\?/) // encoded, so the diacritics survive
  expect(received[0].raw).toContain('Content-Type: text/plain; charset=utf-8')
})

test('an unreachable SMTP server makes the send fail (so the outbox retries it)', async () => {
  const channel = new SmtpEmailChannel('smtp://127.0.0.1:1', 'x@example.com')
  await expect(channel.send({ channel: 'EMAIL', to: 'a@example.com', subject: 's', text: 't' })).rejects.toThrow()
})

test('the dev mailbox keeps messages instead of sending them', async () => {
  await new DevMailboxChannel().send({ channel: 'SMS', to: '+84912345678', subject: 'Mã', text: 'Liên kết: http://localhost/x' })
  expect(await prisma.devMessage.findFirstOrThrow({ where: { to: '+84912345678' } })).toMatchObject({ channel: 'SMS', subject: 'Mã' })
})
