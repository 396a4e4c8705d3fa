/**
 * Standalone demo server: `npm run demo-server -- --port P --calls N --seed S --recording-ttl SECONDS`.
 * The first stdout line is one JSON object (apiBaseUrl, oauthBaseUrl, login) for scripts and
 * test runners to read; it then serves until SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util'
import { startDemoServer, type DemoServerOptions } from './index'

const USAGE = 'usage: npm run demo-server -- [--port P] [--host H] [--calls N] [--seed S] [--recording-ttl SECONDS] [--resources DIR]'

function numberOption(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const raw = values[name]
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n))
    throw new Error(`--${name} must be a number; got "${String(raw)}".\n${USAGE}`)
  return n
}

function optionsFrom(argv: string[]): DemoServerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      calls: { type: 'string' },
      seed: { type: 'string' },
      'recording-ttl': { type: 'string' },
      resources: { type: 'string' },
      help: { type: 'boolean' }
    },
    strict: true
  })
  if (values.help) {
    process.stderr.write(`${USAGE}\n`)
    process.exit(0)
  }
  const options: DemoServerOptions = {}
  const port = numberOption(values, 'port')
  const calls = numberOption(values, 'calls')
  const seed = numberOption(values, 'seed')
  const ttl = numberOption(values, 'recording-ttl')
  if (port !== undefined) options.port = port
  if (calls !== undefined) options.calls = calls
  if (seed !== undefined) options.seed = seed
  if (ttl !== undefined) options.recordingTtlSeconds = ttl
  if (values.host) options.host = values.host
  if (values.resources) options.resourcesDir = values.resources
  return options
}

async function main(): Promise<void> {
  const server = await startDemoServer(optionsFrom(process.argv.slice(2)))
  const stop = (signal: string): void => {
    process.stderr.write(`demo server: ${signal}, closing\n`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
  // Ready only once the signal handlers are in place: a runner that stops the server as soon as
  // it reads this line must get a clean close, not the default SIGINT death.
  process.stdout.write(`${JSON.stringify({ apiBaseUrl: server.apiBaseUrl, oauthBaseUrl: server.oauthBaseUrl, login: server.login })}\n`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
