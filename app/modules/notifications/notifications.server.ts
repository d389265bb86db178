import type { Tx } from '~/utils/db.server'
import { prisma } from '~/utils/db.server'
import { enqueue, registerOutboxHandler } from '../outbox/outbox.server'
import { channelFor, type OutgoingMessage } from './channels.server'

const TOPIC = 'notification.send'

/** Queues a message in the caller's transaction; the outbox worker delivers it with retries. */
export async function notify(tx: Tx, message: OutgoingMessage) {
  await enqueue(tx, TOPIC, message)
}

/** Sends to whichever of the user's contacts exists: email first, else SMS. */
export function messageTo(
  contact: { email?: string | null; phone?: string | null },
  content: { subject: string; text: string },
): OutgoingMessage {
  if (contact.email) return { channel: 'EMAIL', to: contact.email, ...content }
  if (contact.phone) return { channel: 'SMS', to: contact.phone, ...content }
  throw new Error('A message needs an email address or a phone number')
}

registerOutboxHandler(TOPIC, async (payload) => {
  const message = payload as OutgoingMessage
  await channelFor(message.channel).send(message)
})

/** Newest first, for the dev mailbox page. */
export function listDevMessages(limit = 50) {
  return prisma.devMessage.findMany({ orderBy: { createdAt: 'desc' }, take: limit })
}
