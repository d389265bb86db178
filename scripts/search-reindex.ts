// `npm run search:reindex`: rebuilds the search index from the database, also while the app runs. It asks
// for a rebuild (admin command `search reindex`), which the app's search worker carries out (on Meilisearch:
// a new index built beside the live one, then swapped in; embedded: a new index in the app's memory, then
// swapped in), and shows its progress (`search status`) until it is done.
import cliProgress from 'cli-progress'
import { runCommandLine, type CommandOutput } from './lib/admin-client.ts'

type Run = { id: string; status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED'; indexed: number; total: number | null; error: string | null }

const POLL_MS = 500
/** How long a rebuild may wait for a worker before we say that no app is taking it. */
const PICKUP_TIMEOUT_MS = 15_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function fail(output: CommandOutput): never {
  process.stderr.write(output.stderr || output.stdout)
  process.exit(output.exitCode || 1)
}

async function command(argv: string[]): Promise<Run> {
  const output = await runCommandLine(argv)
  if (output.exitCode !== 0) fail(output)
  return JSON.parse(output.stdout) as Run
}

let run = await command(['search', 'reindex', '--json'])
process.stdout.write(`Search index rebuild ${run.id} asked for.\n`)
const tty = process.stdout.isTTY
const bar = new cliProgress.SingleBar({ format: 'Indexing [{bar}] {value}/{total} products', hideCursor: true })
let barStarted = false
const askedAt = Date.now()
let lastLine = ''

while (run.status === 'QUEUED' || run.status === 'RUNNING') {
  if (run.status === 'QUEUED' && Date.now() - askedAt > PICKUP_TIMEOUT_MS) {
    process.stdout.write(
      'No running app has taken the rebuild yet. It stays queued: the app carries it out when it starts ' +
        '(`npm start`), and an embedded index is built from the database at every start anyway.\n',
    )
    process.exit(0)
  }
  if (run.status === 'RUNNING' && run.total !== null) {
    if (tty) {
      if (!barStarted) bar.start(run.total, run.indexed)
      barStarted = true
      bar.update(run.indexed)
    } else {
      const line = `Indexed ${run.indexed}/${run.total} products`
      if (line !== lastLine) process.stdout.write(`${line}\n`)
      lastLine = line
    }
  }
  await sleep(POLL_MS)
  run = await command(['search', 'status', '--run', run.id, '--json'])
}
if (barStarted) {
  bar.update(run.indexed)
  bar.stop()
}
if (run.status === 'FAILED') {
  process.stderr.write(`The rebuild failed after ${run.indexed} products: ${run.error ?? 'unknown error'}\n`)
  process.exit(1)
}
process.stdout.write(`Done: ${run.indexed} products in the search index.\n`)
