// PGlite is a single-process database: two processes opening the same data directory corrupt it.
// A file next to the directory (`<DATA_DIR>/pgdata.lock` for `<DATA_DIR>/pgdata`) holds the pid of the
// process that has it open; outside the directory so PGlite never sees it.
import fs from 'node:fs'
import path from 'node:path'

const held = new Set<string>()
let exitHookInstalled = false

export function dataDirLockPath(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// The holder creates the file and then writes its pid, so an empty file may just be a moment old.
function readLockPid(lockPath: string): number {
  for (let attempt = 0; ; attempt++) {
    let text: string
    try {
      text = fs.readFileSync(lockPath, 'utf8').trim()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Number.NaN // released meanwhile: retry
      throw error
    }
    if (text || attempt === 20) return Number.parseInt(text, 10)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)
  }
}

/**
 * Takes `<dataDir>.lock` for this process; throws if a live process holds it for longer than `waitMs`
 * (an admin command holds it for a second or two when no app is running).
 */
export function acquireDataDirLock(dataDir: string, waitMs = 0): void {
  const lockPath = dataDirLockPath(dataDir)
  const deadline = Date.now() + waitMs
  if (held.has(lockPath)) return
  fs.mkdirSync(path.dirname(lockPath), { recursive: true })
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx')
      fs.writeSync(fd, String(process.pid))
      fs.closeSync(fd)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const pid = readLockPid(lockPath)
    if (pid === process.pid) break
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      if (Date.now() < deadline) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
        continue
      }
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${pid}. Stop it first or set DATABASE_URL.`,
      )
    }
    // Stale (dead pid, or still empty after a grace period because its writer died between create and
    // write): remove it and retry the exclusive create.
    fs.rmSync(lockPath, { force: true })
  }
  held.add(lockPath)
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.on('exit', () => held.forEach((lock) => releaseDataDirLock(lock.slice(0, -'.lock'.length))))
  }
}

/** Removes the lock if this process holds it. */
export function releaseDataDirLock(dataDir: string): void {
  const lockPath = dataDirLockPath(dataDir)
  held.delete(lockPath)
  try {
    if (Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10) === process.pid) fs.rmSync(lockPath)
  } catch {
    // already gone
  }
}
