/**
 * QA benchmarks (the CSV export's is in qa-export.bench.ts, `npm run bench -- export`):
 *   - the summary of a session of 1,000 reviewed calls (sections, a critical criterion, 12
 *     agents), computed with summariseReviews and its charts and tables rendered by React
 *     (react-dom/server, the same components): < 200 ms. Chromium's paint is not included here.
 */
import * as React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { scoreReview } from '@shared/qa/score'
import type { Answers, QueueItem, Template } from '@shared/qa/schemas'
import { summariseReviews, summaryInputOf } from '@shared/qa/summary'
import { percentile, round, type BenchResult } from './types'

export const TEMPLATE: Template = {
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

/** `count` reviewed calls of TEMPLATE, answers drawn from a fixed seed. */
export function items(count: number): QueueItem[] {
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
  const { ScoreCharts } = await import('@renderer/components/qa/summary/ScoreCharts')
  const { SummaryTables } = await import('@renderer/components/qa/summary/SummaryTables')
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

export async function run(): Promise<BenchResult[]> {
  return [await summaryBench()]
}
