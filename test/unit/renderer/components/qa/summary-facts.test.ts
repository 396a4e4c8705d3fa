/**
 * The session summary's figures add up: a call marked reviewed with nothing that scores is
 * counted as reviewed and said to be outside the average, never silently left out of it.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { QaSummary } from '@renderer/components/qa/QaSummary'
import type { QueueItem, SessionDetail } from '@shared/qa/schemas'
import { TEMPLATE, items } from '@test/bench/qa.bench'

function session(list: QueueItem[]): SessionDetail {
  return {
    id: 's',
    name: 'Monday',
    template: TEMPLATE,
    items: list,
    total: list.length,
    reviewedCount: list.filter((i) => i.review.reviewed).length
  } as unknown as SessionDetail
}

const fact = (html: string, label: string): string | null => new RegExp(`aria-label="${label}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? null

describe('QaSummary figures', () => {
  it('says how many reviewed calls have no score, and only then', () => {
    const [scored, empty] = items(2) as [QueueItem, QueueItem]
    const reviewed = (item: QueueItem, answers: QueueItem['review']['answers']): QueueItem => ({
      ...item,
      review: { ...item.review, answers, reviewed: true }
    })
    const both = renderToStaticMarkup(createElement(QaSummary, { session: session([reviewed(scored, scored.review.answers), reviewed(empty, {})]) }))
    expect(fact(both, 'Reviewed calls')).toBe('2 / 2')
    expect(fact(both, 'Reviewed calls without a score')).toBe('1 reviewed, not in the average')
    const one = renderToStaticMarkup(createElement(QaSummary, { session: session([reviewed(scored, scored.review.answers)]) }))
    expect(fact(one, 'Reviewed calls without a score')).toBeNull()
  })
})
