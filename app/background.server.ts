// Work that runs beside the web server in the same process: the outbox worker and its handlers.
import '~/modules/notifications/notifications.server'
import { startOutboxWorker } from '~/modules/outbox/outbox.server'

export function startBackgroundWork() {
  if (process.env.VITEST || process.env.DISABLE_WORKER === '1') return
  startOutboxWorker()
}
