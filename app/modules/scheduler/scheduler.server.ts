// Periodic jobs in the app's process. Each job covers the time since it last ran (kept in the database, so
// time the app was down is covered at the next start), and a turn is claimed with a conditional update, so
// several app processes on one PostgreSQL database run each turn once.
import { prisma } from '~/utils/db.server'

type Job = {
  name: string
  everyMs: number
  /** How far back the very first run looks. */
  firstLookbackMs: number
  run: (since: Date, until: Date) => Promise<void>
}

const jobs = new Map<string, Job>()
const timers: NodeJS.Timeout[] = []

export function registerScheduledJob(job: Job) {
  jobs.set(job.name, job)
}

/** Runs one turn of a job now, if no other process took it: returns whether it ran. */
export async function runScheduledJob(name: string, now = new Date()): Promise<boolean> {
  const job = jobs.get(name)
  if (!job) throw new Error(`No scheduled job "${name}"`)
  await prisma.scheduledJob.createMany({ data: [{ name, lastRunAt: new Date(now.getTime() - job.firstLookbackMs) }], skipDuplicates: true })
  const { lastRunAt } = await prisma.scheduledJob.findUniqueOrThrow({ where: { name } })
  if (lastRunAt >= now) return false
  // Claim [lastRunAt, now): only one process moves lastRunAt from the value it read.
  const claimed = await prisma.scheduledJob.updateMany({ where: { name, lastRunAt }, data: { lastRunAt: now } })
  if (claimed.count === 0) return false
  try {
    await job.run(lastRunAt, now)
    return true
  } catch (error) {
    // Give the turn back, so the next one covers this time again.
    await prisma.scheduledJob.updateMany({ where: { name, lastRunAt: now }, data: { lastRunAt } })
    throw error
  }
}

export function startScheduler() {
  if (timers.length) return
  for (const job of jobs.values()) {
    const tick = () => runScheduledJob(job.name).catch((error) => console.error(`scheduled job ${job.name}:`, error))
    void tick()
    const timer = setInterval(tick, job.everyMs)
    timer.unref()
    timers.push(timer)
  }
}

export function stopScheduler() {
  for (const timer of timers.splice(0)) clearInterval(timer)
}
