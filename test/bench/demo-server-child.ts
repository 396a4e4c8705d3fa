/**
 * The demo server in a process of its own, for benches that measure the main process's event
 * loop (main-loop.bench.ts): generating pages and serving recordings must not count against it.
 * Usage: node --import tsx test/bench/demo-server-child.ts <calls> <seed> <spanDays>; prints one
 * JSON line ({ apiBaseUrl, oauthBaseUrl, login }) and serves until killed.
 */
import { startDemoServer } from '@main/services/demo-server'

async function main(): Promise<void> {
  const [calls, seed, spanDays] = process.argv.slice(2).map(Number)
  const demo = await startDemoServer({ calls: calls ?? 10_000, seed: seed ?? 1, spanDays: spanDays ?? 7 })
  process.stdout.write(JSON.stringify({ apiBaseUrl: demo.apiBaseUrl, oauthBaseUrl: demo.oauthBaseUrl, login: demo.login }) + '\n')
  process.on('SIGTERM', () => void demo.close().then(() => process.exit(0)))
}

void main()
