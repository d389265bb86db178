// `npm start`: the one command after `npm install`.
//   1. applies database migrations (`npm run db:migrate`);
//   2. seeds the demo data into an embedded database that has no organisations yet, or into any database
//      when SEED_DEMO=1 (never into DATABASE_URL otherwise; SEED_DEMO=0 turns it off everywhere);
//   3. builds the app unless build/server/index.js is newer than every source file;
//   4. runs server.js in this same process (an exec, in effect), so it gets signals and sets the exit
//      code exactly as `node server.js` would.
// Reads .env when there is one (values already in the environment win).
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { constants } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(root)
if (existsSync('.env')) process.loadEnvFile('.env')

/** @type {import('node:child_process').ChildProcess | undefined} */
let current
/** @type {NodeJS.Signals | undefined} */
let stopping

const signalExitCode = (/** @type {NodeJS.Signals} */ signal) => 128 + (constants.signals[signal] ?? 0)

// While a step runs, pass the first signal to it and stop once it has ended. Later ones are ignored:
// Ctrl-C reaches the step from the terminal as well, and npm forwards signals too, so one press can
// arrive two or three times.
/** @param {NodeJS.Signals} signal */
function onSignal(signal) {
  if (stopping) return
  stopping = signal
  if (current && current.exitCode === null) current.kill(signal)
  else process.exit(signalExitCode(signal))
}
process.on('SIGTERM', onSignal)
process.on('SIGINT', onSignal)

/** Runs a command with the terminal attached; resolves with its exit code (128 + n when a signal ended it). */
function run(/** @type {string} */ command, /** @type {string[]} */ args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' })
    current = child
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      current = undefined
      resolve(code ?? (signal ? signalExitCode(signal) : 1))
    })
  })
}

/** A step that must succeed: on failure (or a signal meanwhile) `npm start` ends with that step's code. */
async function step(/** @type {string} */ what, /** @type {string[]} */ npmArgs) {
  const code = await run('npm', ['run', '--silent', ...npmArgs])
  if (stopping) process.exit(code || signalExitCode(stopping))
  if (code !== 0) {
    console.error(`start: ${what} failed (exit code ${code}); the server was not started.`)
    process.exit(code)
  }
}

/** The newest modification time of a file or of any file under a directory (0 when it does not exist). */
function newestMtime(/** @type {string} */ target) {
  if (!existsSync(target)) return 0
  const stat = statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs // a deleted file changes its directory
  for (const entry of readdirSync(target, { recursive: true, withFileTypes: true })) {
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

// What the build is made from: the app (including the generated Prisma client, refreshed by every
// `npm install`), static files, and the build configuration.
const BUILD_INPUTS = ['app', 'public', 'vite.config.ts', 'package-lock.json']
const BUILD_OUTPUT = 'build/server/index.js'

function buildIsCurrent() {
  const built = newestMtime(BUILD_OUTPUT)
  return built > 0 && existsSync('build/client') && BUILD_INPUTS.every((input) => newestMtime(input) < built)
}

const embedded = !process.env.DATABASE_URL
const seedDemo = process.env.SEED_DEMO ?? ''

await step('db:migrate', ['db:migrate'])

if (seedDemo === '1' || seedDemo === 'true') {
  await step('seed', ['seed'])
} else if (embedded && seedDemo !== '0' && seedDemo !== 'false') {
  await step('seed', ['seed', '--', '--if-empty'])
} else if (!embedded && seedDemo === '') {
  console.log('start: demo data not seeded (DATABASE_URL is set); use SEED_DEMO=1 or `npm run seed` to add it.')
}

if (buildIsCurrent()) console.log(`start: build is up to date (${BUILD_OUTPUT} is newer than ${BUILD_INPUTS.join(', ')}).`)
else await step('build', ['build'])

// The server runs here rather than as a child process: a child would receive every Ctrl-C twice (from the
// terminal and from us), and a second signal cuts short its closing of the embedded database.
process.off('SIGTERM', onSignal)
process.off('SIGINT', onSignal)
await import(pathToFileURL(path.join(root, 'server.js')).href)
