/**
 * The live-account test server in a process of its own, for the listing part of
 * reconcile.bench.ts: a real server is remote, so building and serialising its pages must not
 * take the client's CPU. Usage: node --import tsx test/bench/live-account-child.ts <calls>
 * <startMs> <endMs> <latencyMs>; prints one JSON line ({ apiBaseUrl, oauthBaseUrl, login }) and
 * serves until killed.
 */
import { spreadCalls, startLiveAccount } from '@test/fixtures/live-account/server'

async function main(): Promise<void> {
  const [calls, startMs, endMs, latencyMs] = process.argv.slice(2).map(Number) as [number, number, number, number]
  const account = await startLiveAccount({ calls: spreadCalls(calls, startMs, endMs), latencyMs, recordings: false })
  process.stdout.write(JSON.stringify({ apiBaseUrl: account.apiBaseUrl, oauthBaseUrl: account.oauthBaseUrl, login: account.login }) + '\n')
  process.on('SIGTERM', () => void account.close().then(() => process.exit(0)))
}

void main()
