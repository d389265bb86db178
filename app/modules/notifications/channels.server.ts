import nodemailer from 'nodemailer'
import type { MessageChannel } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'

export type OutgoingMessage = { channel: MessageChannel; to: string; subject: string; text: string; html?: string }

/** One way of delivering a message; SMS or Zalo adapters implement the same interface. */
export interface NotificationChannel {
  send(message: OutgoingMessage): Promise<void>
}

export class SmtpEmailChannel implements NotificationChannel {
  private transport
  constructor(
    smtpUrl: string,
    private from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl)
  }
  async send(m: OutgoingMessage) {
    await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, html: m.html })
  }
}

/** Keeps messages in the database for the dev mailbox page, so reset and invitations work with no mail server. */
export class DevMailboxChannel implements NotificationChannel {
  async send(m: OutgoingMessage) {
    await prisma.devMessage.create({ data: { channel: m.channel, to: m.to, subject: m.subject, text: m.text, html: m.html } })
  }
}

class UnavailableChannel implements NotificationChannel {
  constructor(private reason: string) {}
  async send(): Promise<void> {
    throw new Error(this.reason)
  }
}

export const devMailboxEnabled = () => env().NODE_ENV !== 'production'

/** Picks each channel's adapter from the environment, once. */
export function channelFor(kind: MessageChannel): NotificationChannel {
  const { SMTP_URL, MAIL_FROM } = env()
  if (kind === 'EMAIL' && SMTP_URL) return (smtp ??= new SmtpEmailChannel(SMTP_URL, MAIL_FROM))
  if (devMailboxEnabled()) return dev
  return new UnavailableChannel(`No ${kind} transport configured (set SMTP_URL for email)`)
}
let smtp: SmtpEmailChannel | undefined
const dev = new DevMailboxChannel()
