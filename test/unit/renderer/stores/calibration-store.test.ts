/**
 * What the Team sheet says about a calibration: "n of m submitted", its state, agreement figures
 * as text, answers as the scorecard names them, the default deadline and the scorecards a lead
 * can calibrate with (the latest published version of each).
 */
import { describe, expect, it } from 'vitest'
import type { TeamCalibration } from '@shared/ipc/contract'
import {
  alphaText,
  answerText,
  assignmentSessionName,
  calibrationState,
  defaultDeadline,
  dueAtOf,
  dueDateText,
  latestTemplates,
  newCalibrationProblems,
  percent,
  submittedLine
} from '@renderer/stores/calibration-store'

function calibration(rest: Partial<TeamCalibration> = {}): TeamCalibration {
  return {
    id: '5b0e7a52-3f7a-4c57-9a43-1f3f0c6f9a10',
    name: 'Week 49',
    templateId: 'default-inbound',
    templateVersion: 2,
    templateName: 'Inbound',
    deadline: '2026-12-06T12:00:00.000Z',
    createdBy: 'lee',
    revealed: false,
    callIds: [21, 22],
    members: [
      { login: 'dana', displayName: 'Dana Reyes', submittedAt: '2026-12-05T09:00:00.000Z' },
      { login: 'sam', displayName: 'Sam Ortiz', submittedAt: null }
    ],
    mine: null,
    sessionId: null,
    ...rest
  }
}

describe('calibration lines', () => {
  it('counts the members who submitted', () => {
    expect(submittedLine(calibration())).toBe('1 of 2 submitted')
    expect(submittedLine(calibration({ members: [] }))).toBe('0 of 0 submitted')
  })

  it('says Blind before the deadline, Deadline passed after it until the pull reveals it, and Revealed', () => {
    expect(calibrationState(calibration(), new Date('2026-12-06T11:59:00Z'))).toBe('Blind')
    expect(calibrationState(calibration(), new Date('2026-12-06T12:00:00Z'))).toBe('Deadline passed')
    expect(calibrationState(calibration({ revealed: true }), new Date('2026-12-01T00:00:00Z'))).toBe('Revealed')
  })

  it('writes shares as whole percents and alpha with two decimals and a real minus sign', () => {
    expect(percent(17 / 18)).toBe('94 %')
    expect(percent(0)).toBe('0 %')
    expect(percent(null)).toBe('—')
    expect(alphaText(8 / 19)).toBe('0.42')
    expect(alphaText(-0.1)).toBe('−0.10')
    expect(alphaText(1)).toBe('1.00')
    expect(alphaText(null)).toBe('—')
  })

  it('names answers as the scorecard does', () => {
    expect(['yes', 'no', 'na', 4, null].map((a) => answerText(a as 'yes'))).toEqual(['Yes', 'No', 'N/A', '4', '—'])
  })

  it('offers this time tomorrow as the deadline, in the local time a datetime-local field takes', () => {
    const now = new Date(2026, 11, 31, 23, 5)
    expect(defaultDeadline(now)).toBe('2027-01-01T23:05')
    expect(new Date(defaultDeadline(now)).getTime() - now.getTime()).toBe(86_400_000)
  })

  it('keeps the latest published version of each scorecard', () => {
    const t = (templateId: string, version: number) => ({ templateId, version, name: `${templateId} v${version}`, publishedAt: null })
    expect(latestTemplates([t('a', 1), t('b', 1), t('a', 3), t('a', 2)])).toEqual([t('a', 3), t('b', 1)])
    expect(latestTemplates([])).toEqual([])
  })
})

describe('an assignment’s due date', () => {
  it('names the session by the day the Team sheet shows, west of UTC too', () => {
    const zone = process.env['TZ']
    try {
      for (const tz of ['America/Chicago', 'UTC', 'Asia/Tokyo']) {
        process.env['TZ'] = tz
        const dueAt = dueAtOf('2027-01-15')
        if (!dueAt) throw new Error('no due date')
        // Chicago: the end of the 15th is the 16th in UTC; the name still says the 15th.
        if (tz === 'America/Chicago') expect(dueAt.slice(0, 10)).toBe('2027-01-16')
        expect(dueDateText(dueAt)).toBe('2027-01-15')
        expect(assignmentSessionName({ templateName: 'Core QA', dueAt })).toBe('Assigned: Core QA, due 2027-01-15')
      }
    } finally {
      if (zone === undefined) delete process.env['TZ']
      else process.env['TZ'] = zone
    }
    expect(assignmentSessionName({ templateName: 'Core QA', dueAt: null })).toBe('Assigned: Core QA')
  })
})

describe('the New calibration form', () => {
  const now = new Date(2026, 11, 1, 12, 0)
  const ready = { callCount: 2, name: 'Week 49', templateId: 'default-inbound', reviewers: 2, deadline: '2026-12-02T12:00' }

  it('can be sent with a name, a scorecard, two reviewers, calls and a future deadline', () => {
    expect(newCalibrationProblems(ready, now)).toEqual([])
  })

  it('says what is missing, so Create is never refused by the request check', () => {
    // As after a calibration was created: the name and ticks are cleared.
    expect(newCalibrationProblems({ ...ready, name: '  ', reviewers: 0 }, now)).toEqual([
      'Name the calibration.',
      'Tick at least two reviewers: agreement needs two (0 ticked).'
    ])
    expect(newCalibrationProblems({ ...ready, reviewers: 1 }, now)).toEqual(['Tick at least two reviewers: agreement needs two (1 ticked).'])
    expect(newCalibrationProblems({ ...ready, callCount: 0 }, now)).toEqual([
      'Select the calls to calibrate on in the list first (Ctrl/Cmd-click to pick several).'
    ])
    expect(newCalibrationProblems({ ...ready, callCount: 201 }, now)).toEqual(['A calibration takes at most 200 calls; 201 are selected.'])
    expect(newCalibrationProblems({ ...ready, templateId: '' }, now)).toEqual(['Publish a scorecard to the team first.'])
    expect(newCalibrationProblems({ ...ready, reviewers: 51 }, now)).toEqual(['Tick at most 50 reviewers.'])
    expect(newCalibrationProblems({ ...ready, deadline: '' }, now)).toEqual(['Choose a deadline.'])
    expect(newCalibrationProblems({ ...ready, deadline: '2026-12-01T11:59' }, now)).toEqual(['Choose a deadline in the future.'])
  })
})
