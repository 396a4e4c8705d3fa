/**
 * The QA keys: export, leave and resume
 * have keys that clash with no call-screen key, the sheet lists them, and Q only asks for the
 * start dialog when there is something to start from (one selected call is enough).
 */
import { describe, expect, it } from 'vitest'
import { canStartSession, matchQaShortcut, QA_SHORTCUT_GROUPS, sessionToResume } from '@renderer/components/qa/qa-shortcuts'
import { matchShortcut } from '@renderer/lib/keyboard'

const press = (key: string, mods: { shiftKey?: boolean; altKey?: boolean } = {}) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods
})

describe('QA keys', () => {
  it('export with E (CSV) and Shift+E (JSON), leave with L, resume with Shift+Q', () => {
    expect(matchQaShortcut(press('e'), true)).toEqual({ kind: 'export', format: 'csv' })
    expect(matchQaShortcut(press('E', { shiftKey: true }), true)).toEqual({ kind: 'export', format: 'json' })
    expect(matchQaShortcut(press('l'), true)).toEqual({ kind: 'leave' })
    expect(matchQaShortcut(press('Q', { shiftKey: true }), false)).toEqual({ kind: 'resume' })
    expect(matchQaShortcut(press('q'), false)).toEqual({ kind: 'start' })
    // Outside a session only Q, Shift+Q and E (export any set of reviews) are QA keys.
    expect(matchQaShortcut(press('e'), false)).toEqual({ kind: 'exportReviews' })
    expect(matchQaShortcut(press('E', { shiftKey: true }), false)).toBeNull()
    expect(matchQaShortcut(press('l'), false)).toBeNull()
  })

  it('gives the new keys to nothing on the call screen', () => {
    for (const event of [press('e'), press('E', { shiftKey: true }), press('l'), press('Q', { shiftKey: true })])
      expect(matchShortcut(event)).toBeNull()
  })

  it('lists every new key in the shortcut sheet', () => {
    const listed = QA_SHORTCUT_GROUPS.flatMap((g) => g.shortcuts.map((s) => s.keys.join('+')))
    expect(listed).toEqual(expect.arrayContaining(['E', 'Shift+E', 'L', 'Shift+Q', 'Q']))
    // E means two things (the session's CSV, or the export dialog outside a session): the sheet says both.
    const e = QA_SHORTCUT_GROUPS.flatMap((g) => g.shortcuts).find((s) => s.keys.join('+') === 'E')
    expect(e?.description).toMatch(/session to CSV.*outside a session, export reviews/)
    expect(new Set(listed).size).toBe(listed.length)
  })

  it('starts from the filter or from one or more selected calls, and not from nothing', () => {
    expect(canStartSession(null, 0)).toBe(false)
    expect(canStartSession(null, 1)).toBe(true)
    expect(canStartSession(null, 3)).toBe(true)
    expect(canStartSession({ key: 'k', query: {}, text: '' }, 0)).toBe(true)
  })

  it('resumes the latest unfinished session, else the latest one', () => {
    const done = { id: 'done', reviewedCount: 5, total: 5 }
    const open = { id: 'open', reviewedCount: 1, total: 5 }
    expect(sessionToResume([done, open])?.id).toBe('open')
    expect(sessionToResume([done])?.id).toBe('done')
    expect(sessionToResume([])).toBeNull()
  })

  it('never resumes an archived session: the launcher does not list those', () => {
    const archivedOpen = { id: 'archived', reviewedCount: 0, total: 2, archived: true }
    const open = { id: 'open', reviewedCount: 0, total: 2, archived: false }
    const done = { id: 'done', reviewedCount: 2, total: 2, archived: false }
    expect(sessionToResume([archivedOpen, done, open])?.id).toBe('open')
    expect(sessionToResume([archivedOpen, done])?.id).toBe('done')
    expect(sessionToResume([archivedOpen])).toBeNull()
  })
})
