import { prisma } from './db.server'

/** True when the database answers a trivial query. */
export async function databaseAnswers() {
  try {
    await prisma.$queryRaw`SELECT 1`
    return true
  } catch {
    return false
  }
}
