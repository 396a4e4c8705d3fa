/**
 * The calibration list and reveal result from pulled rows (team-calibration.ts), without a
 * database: who sees what before the reveal, N/A and missing answers, and the order of criteria.
 * The PostgreSQL side is in test/integration/main/team/calibration.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { agreedOf, calibrationResultOf, calibrationsOf, type PulledCalibrations } from '@main/services/team/team-calibration'
import type { TeamMembership } from '@main/services/team/team-connection'
import type { Template } from '@shared/qa/schemas'

const CAL = '6f1c2a34-0b7e-4d55-9a51-2f8c3d4e5a61'
const OTHER = '0d6e1b23-7c41-4b0a-8e2f-91a2b3c4d5e6'
const template: Template = {
  id: 'core',
  version: 2,
  name: 'Core QA',
  criteria: [
    { id: 'greeting', label: 'Greeting', weight: 1, type: 'yes_no', naAllowed: true },
    { id: 'hold', label: 'Hold etiquette', weight: 1, type: 'yes_no', naAllowed: true }
  ],
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'lee',
  archived: false
}
const membership = (login: string, role: 'lead' | 'reviewer'): TeamMembership => ({
  login,
  displayName: login,
  role,
  teamName: 'Summit QA',
  schemaVersion: 3
})
let n = 0
const review = (reviewer: string, callId: number, answers: Record<string, unknown>, calibrationId: string | null = CAL) => ({
  id: `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`,
  reviewer,
  account: 'ou-42',
  callId,
  templateId: 'core',
  templateVersion: 2,
  calibrationId,
  answers,
  comment: '',
  flagged: false,
  reviewed: true,
  scorePercent: null,
  finishedAt: null,
  activeMs: 0,
  notes: [],
  sessionId: null,
  updatedAt: '2026-11-20T00:00:00.000Z'
})

function pulled(me: TeamMembership, revealed: boolean, reviews: PulledCalibrations['reviews']): PulledCalibrations {
  return {
    me,
    members: [
      { login: 'lee', displayName: 'Lee Park', role: 'lead' },
      { login: 'dana', displayName: 'Dana Reyes', role: 'reviewer' },
      { login: 'sam', displayName: 'Sam Ortiz', role: 'reviewer' },
      { login: 'ari', displayName: 'Ari Cohen', role: 'reviewer' }
    ],
    templateVersions: [{ templateId: 'core', version: 2, name: 'Core QA', definition: template, publishedAt: '2026-11-01T00:00:00.000Z' }],
    calibrations: [
      {
        id: OTHER,
        name: 'Older',
        templateId: 'core',
        templateVersion: 2,
        deadline: '2026-11-10T00:00:00.000Z',
        createdBy: 'lee',
        revealedAt: null,
        revealed: true
      },
      {
        id: CAL,
        name: 'Week 48',
        templateId: 'core',
        templateVersion: 2,
        deadline: '2026-12-01T00:00:00.000Z',
        createdBy: 'lee',
        revealedAt: null,
        revealed
      }
    ],
    calibrationMembers: [
      { calibrationId: CAL, reviewer: 'sam', submittedAt: '2026-11-28T00:00:00.000Z' },
      { calibrationId: CAL, reviewer: 'dana', submittedAt: null },
      { calibrationId: CAL, reviewer: 'ari', submittedAt: null }
    ],
    calibrationCalls: [
      { calibrationId: CAL, account: 'ou-42', callId: 12 },
      { calibrationId: CAL, account: 'ou-42', callId: 11 }
    ],
    reviews,
    sessions: new Map([[CAL, 'session-1']])
  }
}

describe('calibrationsOf', () => {
  it("lists a member's calibrations newest deadline first, with their own progress and session", () => {
    const list = calibrationsOf(
      pulled(membership('dana', 'reviewer'), false, [review('dana', 11, { greeting: 'yes' }), review('dana', 11, {}, null)])
    )
    expect(list.map((c) => c.name)).toEqual(['Week 48', 'Older'])
    expect(list[0]).toMatchObject({
      callIds: [11, 12],
      templateName: 'Core QA',
      mine: { submittedAt: null, reviewed: 1 },
      sessionId: 'session-1',
      revealed: false
    })
    expect(list[0]?.members.map((m) => m.displayName)).toEqual(['Ari Cohen', 'Dana Reyes', 'Sam Ortiz'])
    expect(calibrationsOf(pulled(membership('lee', 'lead'), false, []))[0]?.mine).toBeNull()
  })
})

describe('calibrationResultOf', () => {
  const reviews = [
    review('dana', 11, { greeting: 'yes', hold: 'na' }),
    review('sam', 11, { greeting: 'yes', hold: 'yes' }),
    review('dana', 12, { greeting: 'yes', hold: 'no' }),
    review('sam', 12, { greeting: 'no', hold: 'no' }),
    review('lee', 11, { greeting: 'yes', hold: 'yes' })
  ]

  it('refuses a reviewer before the reveal, saying how many submitted, and answers a lead', () => {
    const beforeReveal = pulled(membership('dana', 'reviewer'), false, reviews)
    const calibration = calibrationsOf(beforeReveal)[0]
    if (!calibration) throw new Error('no calibration')
    expect(() => calibrationResultOf(calibration, beforeReveal)).toThrow(/stay hidden .*: 1 of 3 submitted/)
    expect(calibrationResultOf(calibration, { ...beforeReveal, me: membership('lee', 'lead') }).calibration.id).toBe(CAL)
  })

  it('shows N/A and missing answers side by side but leaves them out of agreement, disagreements first', () => {
    const after = pulled(membership('dana', 'reviewer'), true, reviews)
    const calibration = calibrationsOf(after)[0]
    if (!calibration) throw new Error('no calibration')
    const result = calibrationResultOf(calibration, after)
    expect(result.criteria.map((c) => [c.criterionId, c.disagreements])).toEqual([
      ['greeting', 1],
      ['hold', 0]
    ])
    const hold = result.criteria[1]
    // Call 11: Dana N/A, Sam yes, Ari nothing: one answer, nothing to compare: not comparable (null), not "agreed".
    expect(hold?.calls[0]).toEqual({
      callId: 11,
      reference: 'yes',
      answers: [
        { reviewer: 'ari', answer: null },
        { reviewer: 'dana', answer: 'na' },
        { reviewer: 'sam', answer: 'yes' }
      ],
      agreed: null
    })
    // Call 12: Dana no, Sam no: two answers, the same.
    expect(hold?.calls[1]?.agreed).toBe(true)
    // Greeting on call 12: Dana yes, Sam no.
    expect(result.criteria[0]?.calls[1]?.agreed).toBe(false)
    expect(hold?.agreement).toEqual({ percentAgreement: 1, alpha: null, pairableUnits: 1 })
    // Ari scored nothing: no deviation figures rather than zeros.
    expect(result.deviations.find((d) => d.reviewer === 'ari')).toEqual({
      reviewer: 'ari',
      displayName: 'Ari Cohen',
      matchesReference: null,
      meanScoreDifference: null,
      meanDifferenceFromTeam: null
    })
    // Against the reference (call 11 only): Dana's greeting matches (hold N/A is not compared); Sam's both.
    expect(result.deviations.find((d) => d.reviewer === 'dana')?.matchesReference).toBe(1)
    expect(result.deviations.find((d) => d.reviewer === 'sam')?.matchesReference).toBe(1)
  })
})

describe('agreedOf', () => {
  const of = (...answers: Array<'yes' | 'no' | 'na' | 1 | 2 | 3 | 4 | 5 | null>) => agreedOf(answers.map((answer) => ({ answer })))
  it('needs two answers to say the reviewers agree; N/A and no answer do not count', () => {
    expect(of()).toBeNull()
    expect(of(null, null)).toBeNull()
    expect(of('yes')).toBeNull()
    expect(of('yes', null, 'na')).toBeNull()
    expect(of('na', 'na')).toBeNull()
    expect(of('yes', 'yes')).toBe(true)
    expect(of('yes', 'na', 'yes')).toBe(true)
    expect(of('yes', 'no')).toBe(false)
    expect(of(4, 4, null)).toBe(true)
    expect(of(4, 5)).toBe(false)
  })
})
