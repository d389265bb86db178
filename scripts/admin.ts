// `npm run --silent admin -- <command>`: operators' commands (app/modules/admin/commands.server.ts), run
// where they must (scripts/lib/admin-client.ts). Prints exactly what the command printed (`api-key create`
// prints the key alone) and exits with its code.
import { runCommandLine } from './lib/admin-client.ts'

const output = await runCommandLine(process.argv.slice(2))
const write = (stream: NodeJS.WriteStream, text: string) => new Promise<void>((resolve) => (text ? stream.write(text, () => resolve()) : resolve()))
await write(process.stdout, output.stdout)
await write(process.stderr, output.stderr)
process.exit(output.exitCode)
