/**
 * The scorecard offers to mark the call reviewed once every criterion is answered (with the
 * "auto-mark reviewed" setting off, the store leaves the mark to the reviewer: see
 * qa-review-time-store.test.ts), and not while an answer is missing or once it is marked.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Scorecard } from '@renderer/components/qa/Scorecard'
import type { QueueItem } from '@shared/qa/schemas'
import { TEMPLATE, items } from '@test/bench/qa.bench'

const OFFER = 'Mark this call reviewed'

function item(change: (answers: QueueItem['review']['answers']) => void, reviewed = false): QueueItem {
  const base = items(1)[0] as QueueItem
  const answers = { ...base.review.answers }
  change(answers)
  return { ...base, review: { ...base.review, answers, reviewed } }
}

const render = (it: QueueItem): string => renderToStaticMarkup(createElement(Scorecard, { sessionId: 's', template: TEMPLATE, item: it, cursor: 0 }))

describe('Scorecard: offer to mark reviewed', () => {
  it('offers it once every criterion is answered and the call is not marked yet', () => {
    const all = item(() => undefined)
    expect(TEMPLATE.criteria.every((c) => all.review.answers[c.id] !== undefined)).toBe(true)
    const html = render(all)
    expect(html).toContain('Every criterion is answered.')
    expect(html).toContain(OFFER)
  })

  it('does not offer it while the last criterion is unanswered', () => {
    const last = TEMPLATE.criteria.at(-1)?.id ?? ''
    expect(render(item((answers) => delete answers[last]))).not.toContain(OFFER)
  })

  it('does not offer it once the call is marked reviewed', () => {
    expect(render(item(() => undefined, true))).not.toContain(OFFER)
  })
})
