import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import { drawSample, isNoAnswer, SampleSpecSchema, type SampleCandidate } from '@shared/qa/sample'
import { scoreReview } from '@shared/qa/score'
import { summariseReviews } from '@shared/qa/summary'
import type { Criterion, TemplateInput } from '@shared/qa/schemas'
import { openQaDatabase } from '@main/services/qa/database'
import { MIGRATIONS } from '@main/services/qa/migrations'
import { QaRepository } from '@main/services/qa/qa-repository'
import { criterion } from '@test/fixtures/qa/criteria'

const ME = 'qa@example.com'
const open: QaRepository[] = []
afterEach(() => {
  for (const store of open.splice(0)) store.close()
})

function setup() {
  const profileDir = mkdtempSync(join(tmpdir(), 'qa-rules-'))
  let ids = 0
  const store = new QaRepository(profileDir, () => new Date('2026-03-01T10:00:00Z'), { newId: () => `id-${++ids}` })
  open.push(store)
  return { store, profileDir }
}

const c = criterion

const SECTIONED: TemplateInput = {
  name: 'Compliance card',
  sections: [
    { id: 'opening', label: 'Opening', weight: 1 },
    { id: 'compliance', label: 'Compliance', weight: 3 }
  ],
  criteria: [
    c('greeting', 'opening', { required: true }),
    c('name', 'opening', { weight: 3 }),
    c('disclosure', 'compliance', { critical: true }),
    c('tone', 'compliance', { type: 'scale_1_5' })
  ]
}

describe('scoreReview', () => {
  const template = { criteria: SECTIONED.criteria as Criterion[], sections: SECTIONED.sections }

  it('scores each section by criterion weights and the call by section weights', () => {
    const result = scoreReview(template, { greeting: 'yes', name: 'no', disclosure: 'yes', tone: 3 })
    // Opening: 1·1 / 4 = 25 %; Compliance: (1 + 0.5) / 2 = 75 %; call: (1·25 + 3·75) / 4 = 62.5 %.
    expect(result.sectionScores.map((s) => s.score)).toEqual([25, 75])
    expect(result.score).toBeCloseTo(62.5)
  })

  it('leaves a section with nothing counted out of the call score', () => {
    expect(scoreReview(template, { greeting: 'yes', disclosure: 'na', tone: 'na' }).score).toBe(100)
  })

  it('scores the call 0 when a critical criterion is answered No, and says which', () => {
    const result = scoreReview(template, { greeting: 'yes', name: 'yes', disclosure: 'no', tone: 5 })
    expect(result.score).toBe(0)
    expect(result.criticalFailures).toEqual(['disclosure'])
    expect(result.sectionScores[1]).toMatchObject({ autoFailed: true })
  })

  it('scores only the section 0 when the template says so', () => {
    const result = scoreReview({ ...template, autoFail: 'section' }, { greeting: 'yes', name: 'yes', disclosure: 'no', tone: 5 })
    expect(result.sectionScores.map((s) => s.score)).toEqual([100, 0])
    expect(result.score).toBe(25)
  })

  it('lists the required criteria still unanswered (N/A counts as an answer)', () => {
    expect(scoreReview(template, {}).missingRequired).toEqual(['greeting'])
    expect(scoreReview(template, { greeting: 'na' }).missingRequired).toEqual([])
  })

  it('gives a template without sections the plain weighted percentage it always had', () => {
    const flat = { criteria: [c('a', 'x', { weight: 1 }), c('b', 'x', { weight: 3 })].map(({ sectionId: _, ...rest }) => rest) }
    expect(scoreReview(flat, { a: 'yes', b: 'no' }).score).toBe(25)
  })
})

describe('summariseReviews', () => {
  it('counts only reviewed calls, says how many are incomplete, and groups by agent', () => {
    const template = { criteria: SECTIONED.criteria as Criterion[], sections: SECTIONED.sections }
    const summary = summariseReviews(template, 4, [
      { callId: 1, reviewed: true, flaggedForFollowUp: false, answers: { greeting: 'yes', disclosure: 'yes' }, agent: 'Ann', updatedAt: 'x' },
      {
        callId: 2,
        reviewed: true,
        flaggedForFollowUp: true,
        answers: { greeting: 'yes', disclosure: 'no' },
        agent: 'Bob',
        updatedAt: 'x',
        comment: 'Missed it',
        notes: [{ seconds: 4, text: 'here' }]
      },
      { callId: 3, reviewed: false, flaggedForFollowUp: false, answers: { greeting: 'no' }, agent: 'Ann', updatedAt: 'x' },
      { callId: 4, reviewed: false, flaggedForFollowUp: false, answers: {}, updatedAt: null }
    ])
    expect(summary).toMatchObject({ reviewed: 2, incomplete: 1, notStarted: 1, scored: 2, averageScore: 50, criticalFailures: 1 })
    expect(summary.distribution[0]).toBe(1)
    expect(summary.distribution[9]).toBe(1)
    expect(summary.byAgent).toEqual([
      { name: 'Ann', reviewed: 1, averageScore: 100, criticalFailures: 0 },
      { name: 'Bob', reviewed: 1, averageScore: 0, criticalFailures: 1 }
    ])
    expect(summary.flaggedCalls).toEqual([{ callId: 2, score: 0, comment: 'Missed it', notes: [{ seconds: 4, text: 'here' }] }])
    expect(summary.criteria.find((r) => r.criterionId === 'disclosure')).toMatchObject({ critical: true, criticalFailures: 1, yesRate: 0.5 })
  })
})

describe('QaRepository with sections, critical and required criteria', () => {
  it('stores sections and the auto-fail scope with the template version', () => {
    const { store } = setup()
    const saved = store.saveTemplate({ ...SECTIONED, autoFail: 'section' }, ME)
    expect(saved.sections?.map((s) => s.id)).toEqual(['opening', 'compliance'])
    expect(saved.autoFail).toBe('section')
    expect(saved.criteria.find((x) => x.id === 'greeting')?.required).toBe(true)
    expect(store.saveTemplate({ ...SECTIONED, id: saved.id, autoFail: 'section' }, ME).version).toBe(1)
  })

  it('refuses a criterion outside the template’s sections', () => {
    const { store } = setup()
    expect(() => store.saveTemplate({ ...SECTIONED, criteria: [c('x', 'nowhere')] }, ME)).toThrow(/sections/)
  })

  it('will not mark a call reviewed while a required criterion is unanswered, and says which', () => {
    const { store } = setup()
    const t = store.saveTemplate(SECTIONED, ME)
    const s = store.createSession(ME, { name: 'S', templateId: t.id, callIds: [7] })
    let error: unknown
    try {
      store.saveReview(ME, { sessionId: s.id, callId: 7, answers: { name: 'yes' }, reviewed: true })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(/required criterion first \("greeting"\)/)
    // Nothing of the refused change was written.
    expect(store.getSession(ME, s.id).items[0]?.review).toMatchObject({ reviewed: false, answers: {} })
    const review = store.saveReview(ME, { sessionId: s.id, callId: 7, answers: { greeting: 'yes' }, reviewed: true, addActiveSeconds: 42 })
    expect(review).toMatchObject({ reviewed: true, reviewer: ME, reviewedAt: '2026-03-01T10:00:00.000Z', activeSeconds: 42, missingRequired: [] })
    expect(review.id).toMatch(/^id-/)
    // Clearing the required answer makes the review incomplete again.
    expect(store.saveReview(ME, { sessionId: s.id, callId: 7, answers: { greeting: null } })).toMatchObject({ reviewed: false, reviewer: null })
  })

  it('renames and archives a session', () => {
    const { store } = setup()
    const s = store.createSession(ME, { name: 'S', templateId: DEFAULT_TEMPLATE_ID, callIds: [1] })
    expect(store.renameSession(ME, s.id, '  Week 10  ').name).toBe('Week 10')
    expect(store.archiveSession(ME, s.id, true).archived).toBe(true)
    expect(store.listSessions(ME, false)).toEqual([])
    expect(store.listSessions(ME, true).map((x) => x.name)).toEqual(['Week 10'])
    expect(() => store.renameSession(ME, s.id, ' ')).toThrow(/name/)
  })
})

describe('the migration to sections and review metadata', () => {
  it('keeps every template, review and score as it was, and gives reviews an id and their reviewer', () => {
    const { profileDir } = setup()
    const path = join(profileDir, 'old', 'qa.sqlite')
    const before = MIGRATIONS.slice(0, 2)
    const db = openQaDatabase(path, () => new Date('2026-01-01T00:00:00Z'), before)
    db.exec(`INSERT INTO sessions (id, reviewer, name, template_id, template_version, created_at, updated_at)
               VALUES ('s1', '${ME}', 'Old', '${DEFAULT_TEMPLATE_ID}', 1, 't', 't');
             INSERT INTO session_calls VALUES ('s1', 0, 9);
             INSERT INTO reviews (session_id, call_id, template_id, template_version, reviewed, reviewed_at, updated_at)
               VALUES ('s1', 9, '${DEFAULT_TEMPLATE_ID}', 1, 1, '2026-01-02T00:00:00Z', 't');
             INSERT INTO review_answers VALUES ('s1', 9, 'greeting', 'yes', 't'), ('s1', 9, 'identified-need', 'no', 't');`)
    db.close()
    const store = new QaRepository(join(profileDir, 'old'))
    open.push(store)
    const review = store.getSession(ME, 's1').items[0]?.review
    // (1·1 + 3·0) / 4 = 25 %, as before the upgrade.
    expect(review).toMatchObject({ reviewed: true, reviewer: ME, reviewedAt: '2026-01-02T00:00:00Z', score: 25, activeSeconds: 0 })
    expect(review?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(store.getTemplate(DEFAULT_TEMPLATE_ID, 1)).not.toHaveProperty('sections')
  })
})

describe('drawSample', () => {
  const candidates: SampleCandidate[] = Array.from({ length: 60 }, (_, i) => ({
    callId: 1000 + i,
    durationSeconds: i % 10 === 0 ? 5 : 120,
    disposition: i % 7 === 0 ? 'NO ANSWER' : 'ANSWERED',
    hasRecording: i % 11 !== 0,
    agent: ['Ann', 'Bob', 'Cy'][i % 3] ?? null,
    campaign: null,
    group: null
  }))

  it('draws the same calls from the same seed whatever order the calls came in, and others from another seed', () => {
    const spec = SampleSpecSchema.parse({ size: 5, seed: 42 })
    const first = drawSample(candidates, spec)
    expect(first.callIds).toHaveLength(5)
    expect(drawSample([...candidates].reverse(), spec).callIds).toEqual(first.callIds)
    expect(drawSample(candidates, { ...spec, seed: 43 }).callIds).not.toEqual(first.callIds)
  })

  it('draws N per agent and leaves out no-answer, unrecorded and too-short calls', () => {
    const result = drawSample(candidates, SampleSpecSchema.parse({ size: 2, per: 'agent', seed: 7, minDurationSeconds: 30 }))
    const byId = new Map(candidates.map((x) => [x.callId, x]))
    const picked = result.callIds.map((id) => byId.get(id) as SampleCandidate)
    expect(picked.map((p) => p.agent)).toEqual(['Ann', 'Ann', 'Bob', 'Bob', 'Cy', 'Cy'])
    for (const p of picked) {
      expect(p.hasRecording && !isNoAnswer(p.disposition) && (p.durationSeconds ?? 0) >= 30).toBe(true)
    }
    expect(result.excluded.noRecording + result.excluded.noAnswer + result.excluded.tooShort + result.eligible).toBe(60)
  })
})
