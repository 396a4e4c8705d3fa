/**
 * The "Export reviews" dialog's store: which
 * selection a choice of sessions and calls becomes, and the export itself against main's real
 * QA handlers and SQLite store, reached through the renderer's one door (window.callReview).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installQaBridge } from '@test/fixtures/bridges/qa-bridge'
import { QaRepository as MainQaStore } from '@main/services/qa/qa-repository'
import type { SessionInfo } from '@shared/qa/schemas'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import { MAX_EXPORT_SESSIONS } from '@shared/ipc/contract/qa'
import { exportSelection, useQaExportStore, type ReviewsChoice } from '@renderer/stores/qa-export-store'

const ME = 'qa@example.com'

function info(id: string, createdAt: string): SessionInfo {
  return {
    id,
    name: id,
    reviewer: ME,
    templateId: DEFAULT_TEMPLATE_ID,
    templateVersion: 1,
    templateName: 'Inbound',
    query: null,
    createdAt,
    updatedAt: createdAt,
    total: 3,
    reviewedCount: 0,
    flaggedCount: 0,
    position: { index: 0, seconds: 0 },
    archived: false,
    sample: null
  }
}

function choice(sessionIds: string[], rest: Partial<ReviewsChoice> = {}): ReviewsChoice {
  return { sessionIds: new Set(sessionIds), callIds: null, reviewedOnly: false, ...rest }
}

describe('exportSelection', () => {
  // Listed most recently used first, as qa:listSessions gives them.
  const sessions = [info('tue', '2026-03-03T09:00:00Z'), info('wed', '2026-03-04T09:00:00Z'), info('mon', '2026-03-02T09:00:00Z')]

  it('names the ticked sessions oldest first, the order main exports every session in', () => {
    expect(exportSelection(choice(['wed', 'mon']), sessions)).toEqual({ selection: { sessionIds: ['mon', 'wed'], reviewedOnly: false } })
  })

  it('names no session when all are ticked, so more than the request may name still export', () => {
    expect(exportSelection(choice(['mon', 'tue', 'wed'], { reviewedOnly: true }), sessions)).toEqual({ selection: { reviewedOnly: true } })
    const many = Array.from({ length: MAX_EXPORT_SESSIONS + 2 }, (_, i) => info(`s${i}`, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()))
    expect(exportSelection(choice(many.map((s) => s.id)), many)).toEqual({ selection: { reviewedOnly: false } })
    expect(exportSelection(choice(many.slice(1).map((s) => s.id)), many)).toEqual({
      problem: `Choose at most ${MAX_EXPORT_SESSIONS} sessions, or all of them.`
    })
  })

  it('narrows to the calls selected in the list', () => {
    expect(exportSelection(choice(['tue'], { callIds: [7, 9] }), sessions)).toEqual({
      selection: { sessionIds: ['tue'], callIds: [7, 9], reviewedOnly: false }
    })
  })

  it('asks for a session, or for selected calls, rather than send an empty choice', () => {
    expect(exportSelection(choice([]), sessions)).toEqual({ problem: 'Choose at least one session to export.' })
    expect(exportSelection(choice(['gone']), sessions)).toEqual({ problem: 'Choose at least one session to export.' })
    expect(exportSelection(choice(['mon'], { callIds: [] }), sessions)).toMatchObject({ problem: expect.stringContaining('No calls are selected') })
  })
})

describe('useQaExportStore.exportReviews', () => {
  let main: MainQaStore
  let exportDir: string

  beforeEach(() => {
    const root = mkdtempSync(join(tmpdir(), 'qa-export-store-'))
    exportDir = join(root, 'exports')
    let minute = 0
    // Each session a minute after the last, so "oldest first" is well defined.
    main = new MainQaStore(join(root, 'qa'), () => new Date(Date.UTC(2026, 2, 1, 17, minute++)))
    installQaBridge({ main, reviewer: ME, exportDir })
    useQaExportStore.setState({ dialog: null, busy: false, error: null, lastExport: null })
  })

  afterEach(() => {
    main.close()
    Reflect.deleteProperty(globalThis, 'window')
  })

  /** Monday (calls 1–3, 2 reviewed), Tuesday (3–5, 4 reviewed), Wednesday (6, reviewed). */
  function threeSessions(): SessionInfo[] {
    const made = [
      { name: 'Monday', callIds: [1, 2, 3], reviewed: [2] },
      { name: 'Tuesday', callIds: [3, 4, 5], reviewed: [4] },
      { name: 'Wednesday', callIds: [6], reviewed: [6] }
    ].map(({ name, callIds, reviewed }) => {
      const session = main.createSession(ME, { name, templateId: DEFAULT_TEMPLATE_ID, callIds })
      for (const callId of reviewed) main.saveReview(ME, { sessionId: session.id, callId, reviewed: true })
      return session.id
    })
    expect(made).toHaveLength(3)
    return main.listSessions(ME)
  }

  const idsOf = (sessions: SessionInfo[], ...names: string[]): string[] => sessions.filter((s) => names.includes(s.name)).map((s) => s.id)

  it('writes the reviewed calls of the ticked sessions and no others, and says where', async () => {
    const sessions = threeSessions()
    const written = await useQaExportStore
      .getState()
      .exportReviews(choice(idsOf(sessions, 'Monday', 'Tuesday'), { reviewedOnly: true }), sessions, 'json')
    expect(written).toBe(true)
    const { lastExport, error, busy } = useQaExportStore.getState()
    expect({ error, busy }).toEqual({ error: null, busy: false })
    expect(lastExport).toMatchObject({ format: 'json', rows: 2, path: join(exportDir, 'qa-reviews-20260301-171500.json') })
    const document = JSON.parse(readFileSync(lastExport?.path ?? '', 'utf8')) as { rows: { callId: number; sessionName: string }[] }
    expect(document.rows.map((r) => [r.sessionName, r.callId])).toEqual([
      ['Monday', 2],
      ['Tuesday', 4]
    ])
  })

  it('writes every review of the selected calls across sessions, a call in two sessions once for each', async () => {
    const sessions = threeSessions()
    expect(
      await useQaExportStore.getState().exportReviews(
        choice(
          sessions.map((s) => s.id),
          { callIds: [3, 6, 99] }
        ),
        sessions,
        'json'
      )
    ).toBe(true)
    const path = useQaExportStore.getState().lastExport?.path ?? ''
    const document = JSON.parse(readFileSync(path, 'utf8')) as { rows: { callId: number; sessionName: string }[] }
    expect(document.rows.map((r) => [r.sessionName, r.callId])).toEqual([
      ['Monday', 3],
      ['Tuesday', 3],
      ['Wednesday', 6]
    ])
  })

  it('says there is nothing to export, writing no file, when the choice holds no reviews', async () => {
    const sessions = threeSessions()
    expect(
      await useQaExportStore.getState().exportReviews(
        choice(
          sessions.map((s) => s.id),
          { callIds: [3], reviewedOnly: true }
        ),
        sessions,
        'csv'
      )
    ).toBe(false)
    expect(useQaExportStore.getState()).toMatchObject({
      busy: false,
      lastExport: null,
      error: {
        kind: 'not_found',
        message: expect.stringMatching(/^Nothing to export: the selected call is not marked reviewed in any of your QA sessions/)
      }
    })
    expect(existsSync(exportDir) ? readdirSync(exportDir) : []).toEqual([])
  })

  it('keeps a choice with no session from reaching main, saying what to choose', async () => {
    const sessions = threeSessions()
    expect(await useQaExportStore.getState().exportReviews(choice([]), sessions, 'csv')).toBe(false)
    expect(useQaExportStore.getState().error).toEqual({ kind: 'validation', message: 'Choose at least one session to export.' })
    expect(existsSync(exportDir)).toBe(false)
  })
})
