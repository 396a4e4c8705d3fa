/**
 * The QA export benchmark (`npm run bench -- export`): 10,000 reviews written to CSV with
 * writeExport, every call its own caller and start time as in real data: < 1 s (median), and the
 * heap it grows by (rows are written 500 at a time, so it stays bounded whatever the count).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeExport, type CallFacts } from '@main/services/qa/export'
import type { ExportItem } from '@main/services/qa/qa-repository'
import type { SessionInfo } from '@shared/qa/schemas'
import { TEMPLATE, items } from './qa.bench'
import { percentile, round, type BenchResult } from './types'

async function exportBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'qa-bench-'))
  const session: SessionInfo = {
    id: 's',
    name: 'Bench session',
    reviewer: 'bench@example.com',
    templateId: TEMPLATE.id,
    templateVersion: 1,
    templateName: TEMPLATE.name,
    query: null,
    createdAt: '2026-03-01T00:00:00Z',
    updatedAt: '2026-03-01T00:00:00Z',
    total: 10_000,
    reviewedCount: 10_000,
    flaggedCount: 0,
    position: { index: 0, seconds: 0 },
    archived: false,
    sample: null
  }
  const exportItems: ExportItem[] = items(10_000).map((item) => ({ session, template: TEMPLATE, item }))
  // Every call its own caller and start time, as in real data (the tracking numbers repeat).
  const facts = new Map<number, CallFacts>(
    exportItems.map(({ item }, n) => [
      item.callId,
      {
        startedAt: new Date(Date.parse('2026-02-01T00:00:00Z') + n * 263_000).toISOString(),
        callerId: `1801${String(2_000_000 + n * 7)}`,
        callerIdentity: 'Jane Smith',
        trackingNumber: '18015557654',
        campaign: item.call?.campaign ?? null,
        disposition: 'ANSWERED',
        durationSeconds: 182,
        agent: item.call?.agent ?? null,
        group: null,
        hasRecording: true
      }
    ])
  )
  const runs: number[] = []
  const heapGrowth: number[] = []
  let size = 0
  try {
    for (let run = 0; run < 8; run += 1) {
      const path = join(dir, `export-${run}.csv`)
      globalThis.gc?.()
      const heapBefore = process.memoryUsage().heapUsed
      let heapPeak = heapBefore
      const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5)
      const start = performance.now()
      await writeExport(exportItems, {
        format: 'csv',
        path,
        getCallFacts: (id) => facts.get(id) ?? null,
        reviewer: 'bench@example.com',
        timeZone: 'America/Denver',
        now: new Date()
      })
      const elapsed = performance.now() - start
      clearInterval(sampler)
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
      size = statSync(path).size
      if (run >= 2) {
        runs.push(elapsed)
        heapGrowth.push((heapPeak - heapBefore) / 1024 / 1024)
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const median = percentile(runs, 50)
  return [
    {
      name: 'export 10,000 reviews to CSV (streamed 500 rows at a time)',
      target: '< 1 s (median)',
      value: round(median),
      unit: 'ms',
      pass: median < 1000,
      notes: `p95 ${round(percentile(runs, 95))} ms over ${runs.length} runs after 2 warm-ups; file ${round(size / 1024 / 1024)} MB`
    },
    {
      name: 'heap growth while exporting 10,000 reviews to CSV',
      target: 'reported (bounded: well under the file size)',
      value: round(percentile(heapGrowth, 50)),
      unit: 'MB',
      pass: null,
      notes: `max ${round(Math.max(...heapGrowth))} MB; the file is ${round(size / 1024 / 1024)} MB`
    }
  ]
}

export async function run(): Promise<BenchResult[]> {
  return exportBench()
}
