/**
 * QA benchmarks:
 *   - the summary of a session of 1,000 reviewed calls (sections, a critical criterion, 12
 *     agents), computed with summariseReviews and its charts and tables rendered by React
 *     (react-dom/server, the same components): < 200 ms. Chromium's paint is not included here.
 *   - exporting 10,000 reviews to CSV with writeExport: < 1 s, and the heap it grows by
 *     (rows are written 500 at a time, so it stays bounded whatever the count).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { writeExport, type CallFacts } from '../../src/main/services/qa/export'
import type { ExportItem } from '../../src/main/services/qa/qa-store'
import { scoreReview } from '../../src/shared/qa/score'
import type { Answers, QueueItem, SessionInfo, Template } from '../../src/shared/qa/schemas'
import { summariseReviews, summaryInputOf } from '../../src/shared/qa/summary'
import { percentile, round, type BenchResult } from './types'

const TEMPLATE: Template = {
  id: 'bench',
  version: 1,
  name: 'Bench card',
  sections: [
    { id: 'opening', label: 'Opening', weight: 1 },
    { id: 'discovery', label: 'Discovery', weight: 2 },
    { id: 'compliance', label: 'Compliance', weight: 3 }
  ],
  autoFail: 'call',
  criteria: Array.from({ length: 12 }, (_, i) => ({
    id: `c${i}`,
    label: `Criterion ${i}`,
    weight: 1 + (i % 3),
    type: i % 4 === 3 ? ('scale_1_5' as const) : ('yes_no' as const),
    naAllowed: true,
    sectionId: ['opening', 'discovery', 'compliance'][i % 3] as string,
    ...(i === 2 ? { critical: true } : {}),
    ...(i === 0 ? { required: true } : {})
  })),
  createdAt: '2026-03-01T00:00:00Z',
  createdBy: 'bench',
  archived: false
}

function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

function items(count: number): QueueItem[] {
  const random = seeded(7)
  return Array.from({ length: count }, (_, n) => {
    const answers: Answers = {}
    for (const c of TEMPLATE.criteria) {
      const r = random()
      answers[c.id] = r < 0.08 ? 'na' : c.type === 'yes_no' ? (r < (c.critical ? 0.12 : 0.3) ? 'no' : 'yes') : 1 + Math.floor(random() * 5)
    }
    const score = scoreReview(TEMPLATE, answers)
    return {
      callId: 100_000 + n,
      call: {
        started: '2026-03-01T10:00:00Z',
        callerId: '18015551234',
        callerName: null,
        agent: `Agent ${n % 12}`,
        campaign: `Campaign ${n % 5}`,
        group: null,
        disposition: 'ANSWERED',
        durationSeconds: 60 + (n % 300),
        hasRecording: true
      },
      review: {
        id: `r${n}`,
        sessionId: 's',
        callId: 100_000 + n,
        templateId: TEMPLATE.id,
        templateVersion: 1,
        reviewed: true,
        flaggedForFollowUp: n % 25 === 0,
        answers,
        comment: n % 25 === 0 ? 'Follow up on the price quoted' : '',
        ...score,
        reviewer: 'bench@example.com',
        reviewedAt: '2026-03-01T11:00:00Z',
        activeSeconds: 120,
        updatedAt: '2026-03-01T11:00:00Z'
      },
      notes:
        n % 25 === 0 ? [{ id: `n${n}`, sessionId: 's', callId: 100_000 + n, seconds: 12, text: 'Price here', createdAt: 'x', updatedAt: 'x' }] : []
    }
  })
}

async function summaryBench(): Promise<BenchResult> {
  // tsx compiles the components' JSX with the classic runtime, which reads a global React.
  ;(globalThis as { React?: typeof React }).React = React
  const { ScoreCharts } = await import('../../src/renderer/src/components/qa/summary/ScoreCharts')
  const { SummaryTables } = await import('../../src/renderer/src/components/qa/summary/SummaryTables')
  const createElement = React.createElement
  const queue = items(1000)
  const runs: number[] = []
  let markup = 0
  for (let run = 0; run < 23; run += 1) {
    const start = performance.now()
    const summary = summariseReviews(TEMPLATE, queue.length, queue.map(summaryInputOf))
    const html = renderToStaticMarkup(createElement('div', null, createElement(ScoreCharts, { summary }), createElement(SummaryTables, { summary })))
    const elapsed = performance.now() - start
    markup = html.length
    if (run >= 3) runs.push(elapsed)
  }
  const p95 = percentile(runs, 95)
  return {
    name: 'summary of a 1,000-reviewed-call session: computed, charts and tables rendered (React, server markup)',
    target: '< 200 ms (p95)',
    value: round(p95),
    unit: 'ms',
    pass: p95 < 200,
    notes: `median ${round(percentile(runs, 50))} ms over ${runs.length} runs after 3 warm-ups; ${markup} characters of markup; browser paint not included`
  }
}

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
  return [await summaryBench(), ...(await exportBench())]
}
