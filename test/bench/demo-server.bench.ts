/**
 * The demo server's own performance: seeding 100,000 calls must take well under a
 * second or two and little memory, and a page of 200 calls with every module must come back
 * quickly even from the largest dataset, so client benchmarks measure the client, not the server.
 */
import { generateDataset } from '@main/services/demo-server/dataset'
import { startDemoServer } from '@main/services/demo-server'
import { INCLUDE_MODULES } from '@shared/convirza/schemas'
import { percentile, round, stdev, type BenchResult } from './types'

const SIZE = 100_000

async function seeding(): Promise<BenchResult[]> {
  const samples: number[] = []
  for (let i = 0; i < 7; i++) {
    const started = performance.now()
    generateDataset(SIZE, i + 1, new Date())
    samples.push(performance.now() - started)
  }
  const dataset = generateDataset(SIZE, 1, new Date())
  const bytes = [
    dataset.startedMs,
    dataset.callNumber,
    dataset.positionOf,
    dataset.route,
    dataset.disposition,
    dataset.caller,
    dataset.repeat,
    dataset.recording,
    dataset.callerNumbers
  ].reduce((sum, array) => sum + array.byteLength, 0)
  const median = percentile(samples, 50)
  return [
    {
      name: 'demo server: seed 100,000 calls',
      target: '< 1000 ms median',
      value: round(median),
      unit: 'ms',
      pass: median < 1000,
      notes: `p10 ${round(percentile(samples, 10))} ms, p90 ${round(percentile(samples, 90))} ms, stdev ${round(stdev(samples))} ms, n=${samples.length}`
    },
    {
      name: 'demo server: memory of 100,000 seeded calls (typed arrays)',
      target: '< 5 MB',
      value: round(bytes / 2 ** 20),
      unit: 'MB',
      pass: bytes < 5 * 2 ** 20
    }
  ]
}

async function pageLatency(): Promise<BenchResult[]> {
  const server = await startDemoServer({ calls: SIZE, seed: 1 })
  try {
    const login = await fetch(`${server.oauthBaseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.login)
    })
    const { access_token } = (await login.json()) as { access_token: string }
    const start = new Date(Date.now() - 31 * 86_400_000).toISOString()
    const samples: number[] = []
    for (let i = 0; i < 40; i++) {
      const started = performance.now()
      const res = await fetch(
        `${server.apiBaseUrl}/v3/conversations/calls?start=${start}&limit=200&offset=${i * 200}&include=${INCLUDE_MODULES.join(',')}`,
        {
          headers: { authorization: `Bearer ${access_token}` }
        }
      )
      await res.arrayBuffer()
      samples.push(performance.now() - started)
    }
    const median = percentile(samples, 50)
    return [
      {
        name: 'demo server: one 200-call page, every module, 31-day range over 100,000 calls',
        target: '< 50 ms median',
        value: round(median),
        unit: 'ms',
        pass: median < 50,
        notes: `p10 ${round(percentile(samples, 10))} ms, p90 ${round(percentile(samples, 90))} ms, n=${samples.length}`
      }
    ]
  } finally {
    await server.close()
  }
}

export async function run(): Promise<BenchResult[]> {
  return [...(await seeding()), ...(await pageLatency())]
}
