/**
 * Comparing two sessions (this week against last): each session's figures come from the shared
 * summariseReviews (the numbers main's qa:summary gives), and CompareSessions sets them side by
 * side under both sessions' names with the difference — reviewed and incomplete counts, the
 * average, auto-fails, and each section, criterion and agent. The component reads the chosen comparison from the QA store; server
 * rendering reads a store's initial state, so the store is stood in for here.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { formatScore } from '@shared/qa/format'
import type { SessionInfo, SessionSummary } from '@shared/qa/schemas'
import { summariseReviews, type SummaryInput } from '@shared/qa/summary'
import { criterion } from '@test/fixtures/qa/criteria'

const store = vi.hoisted(() => ({ state: { comparison: null as unknown } }))
vi.mock('@renderer/stores/qa-store', () => ({
  useQaStore: Object.assign((selector: (s: typeof store.state) => unknown) => selector(store.state), { getState: () => store.state })
}))

const { CompareSessions } = await import('@renderer/components/qa/summary/CompareSessions')

const crit = criterion
const TEMPLATE = {
  sections: [
    { id: 'opening', label: 'Opening', weight: 1 },
    { id: 'compliance', label: 'Compliance', weight: 1 }
  ],
  criteria: [crit('greeting', 'opening'), crit('disclosure', 'compliance', { critical: true })]
}
const review = (greeting: 'yes' | 'no', disclosure: 'yes' | 'no', reviewed = true): SummaryInput => ({
  reviewed,
  flaggedForFollowUp: false,
  answers: { greeting, disclosure },
  updatedAt: '2026-03-01T10:00:00Z'
})

// This week: 100 % and 50 % (greeting missed) → 75 %; one call half done.
const THIS_WEEK = summariseReviews(TEMPLATE, 3, [review('yes', 'yes'), review('no', 'yes'), review('yes', 'yes', false)])
// Last week: 100 % and an auto-fail (0 %) → 50 %.
const LAST_WEEK = summariseReviews(TEMPLATE, 2, [review('yes', 'yes'), review('yes', 'no')])

const info = (id: string, name: string): SessionInfo => ({ id, name }) as SessionInfo
const SESSIONS = [info('this', 'Week 10'), info('last', 'Week 9 — Spring promo')]

const render = (summary: SessionSummary): string =>
  renderToStaticMarkup(createElement(CompareSessions, { sessionId: 'this', summary, sessions: SESSIONS }))

/** The table's rows as [label, this session, other session, difference]. */
function rows(html: string): string[][] {
  return [...html.matchAll(/<tr><th scope="row">(.*?)<\/th><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => m.slice(1, 5))
}

/** The headings of the table's parts. */
function groups(html: string): string[] {
  return [...html.matchAll(/<th scope="colgroup" colSpan="4">(.*?)<\/th>/gi)].map((m) => m[1] as string)
}

beforeEach(() => {
  store.state = { comparison: null }
})

describe('Compare two sessions', () => {
  it('computes each session’s figures from its reviews, counting only reviewed calls', () => {
    expect(THIS_WEEK).toMatchObject({ reviewed: 2, incomplete: 1, averageScore: 75, criticalFailures: 0 })
    expect(THIS_WEEK.sections.map((s) => [s.label, s.averageScore])).toEqual([
      ['Opening', 50],
      ['Compliance', 100]
    ])
    expect(LAST_WEEK).toMatchObject({ reviewed: 2, incomplete: 0, averageScore: 50, criticalFailures: 1 })
    expect(LAST_WEEK.sections.map((s) => [s.label, s.averageScore])).toEqual([
      ['Opening', 100],
      ['Compliance', 50]
    ])
  })

  it('offers the other sessions to compare with, and shows no table before one is chosen', () => {
    const html = render(THIS_WEEK)
    expect(html).toContain('Week 9 — Spring promo')
    expect(html).not.toContain('>Week 10<')
    expect(html).not.toContain('Session comparison')
  })

  it('sets both sessions’ figures side by side under both names once the other is loaded', () => {
    store.state = { comparison: { sessionId: 'last', summary: LAST_WEEK, error: null } }
    const html = render(THIS_WEEK)
    expect(html).toContain('aria-label="Session comparison"')
    expect(html).toContain('<th scope="col">This session</th><th scope="col">Week 9 — Spring promo</th><th scope="col">Difference</th>')
    expect(groups(html)).toEqual(['Sections', 'Criteria', 'Agents'])
    expect(rows(html)).toEqual([
      ['Reviewed', '2', '2', '0'],
      ['Incomplete (not counted)', '1', '0', '+1'],
      ['Average score', formatScore(75), formatScore(50), '+25.0 pt'],
      ['Auto-fails', '0', '1', '−1'],
      ['Opening', formatScore(50), formatScore(100), '−50.0 pt'],
      ['Compliance', formatScore(100), formatScore(50), '+50.0 pt'],
      // Pass rates: greeting 1 of 2 this week, 2 of 2 last; disclosure 2 of 2, 1 of 2.
      ['greeting (pass rate)', formatScore(50), formatScore(100), '−50.0 pt'],
      ['disclosure (pass rate)', formatScore(100), formatScore(50), '+50.0 pt'],
      ['Agent: Unknown', formatScore(75), formatScore(50), '+25.0 pt']
    ])
  })

  it('says why when the other session’s summary could not be read', () => {
    store.state = { comparison: { sessionId: 'last', summary: null, error: 'The QA library could not be read.' } }
    const html = render(THIS_WEEK)
    expect(html).toContain('<p role="alert">The QA library could not be read.</p>')
    expect(html).not.toContain('Session comparison')
  })
})
