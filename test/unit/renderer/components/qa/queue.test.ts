/**
 * The QA queue: a short session is in the page whole; a long one (1,000 calls) builds only the
 * calls of its scrolling box, each still named by its position in the whole queue, and shows
 * each call's score from its review.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { FULL_QUEUE_MAX, QaQueue } from '@renderer/components/qa/QaQueue'
import type { SessionDetail } from '@shared/qa/schemas'
import { TEMPLATE, items } from '@test/bench/qa.bench'

function session(count: number): SessionDetail {
  return {
    id: 's',
    name: 'Queue',
    reviewer: 'qa@example.com',
    templateId: TEMPLATE.id,
    templateVersion: 1,
    templateName: TEMPLATE.name,
    query: null,
    createdAt: '2026-03-01T00:00:00Z',
    updatedAt: '2026-03-01T00:00:00Z',
    total: count,
    reviewedCount: count,
    flaggedCount: 0,
    position: { index: 0, seconds: 0 },
    archived: false,
    sample: null,
    template: TEMPLATE,
    items: items(count)
  } as SessionDetail
}

const listItems = (html: string): string[] => html.match(/<li\b[^>]*>/g) ?? []

describe('QA queue', () => {
  it('puts a short session in the page whole', () => {
    const html = renderToStaticMarkup(createElement(QaQueue, { session: session(FULL_QUEUE_MAX), index: 0 }))
    expect(listItems(html)).toHaveLength(FULL_QUEUE_MAX)
    expect(html).not.toContain('qa-queue__scroll')
  })

  it('builds only the calls in view of a 1,000-call session, in a box that scrolls', () => {
    const long = session(1000)
    const html = renderToStaticMarkup(createElement(QaQueue, { session: long, index: 0 }))
    const built = listItems(html)
    expect(built.length).toBeGreaterThan(5)
    expect(built.length).toBeLessThan(30)
    expect(html).toContain('qa-queue__scroll')
    // Each built call says where it sits in the whole queue.
    expect(built[0]).toContain('aria-setsize="1000"')
    expect(built[0]).toContain('aria-posinset="1"')
    // The first call is the current one, and its score is its review's.
    expect(html).toContain('aria-current="true"')
    const first = long.items[0]
    expect(first?.review.score).not.toBeNull()
    expect(html).toContain(`${(first?.review.score as number).toFixed(1)}`)
  })
})
