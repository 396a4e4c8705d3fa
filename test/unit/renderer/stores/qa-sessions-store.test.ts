/**
 * The sessions list's store (stores/qa-sessions-store.ts): tick sessions, export their reviews or
 * a printable report of them, delete one with undo. It runs against main's real QA handlers and
 * SQLite store through the renderer's one door (window.callReview); the Save dialog is main's
 * port answering a chosen path, as the harness does. Files are read back and parsed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as cheerio from 'cheerio'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installQaBridge } from '@test/fixtures/bridges/qa-bridge'
import { QaRepository as MainQaStore } from '@main/services/qa/qa-repository'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import { useQaSessionsStore } from '@renderer/stores/qa-sessions-store'
import { useQaStore } from '@renderer/stores/qa-store'

const ME = 'qa@example.com'
const FAILURE = { kind: 'io', message: 'The export could not be written (disk full). Free some space, then try again.' }

let main: MainQaStore
let root: string
/** What the Save dialog answers next: a path, or null when the user cancels. */
let saveAs: string | null
let failing: Set<string>

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'qa-sessions-store-'))
  let minute = 0
  // Each session a minute after the last, so "oldest first" is well defined.
  main = new MainQaStore(join(root, 'qa'), () => new Date(Date.UTC(2026, 2, 1, 17, minute++)))
  saveAs = null
  failing = new Set()
  installQaBridge({
    main,
    reviewer: ME,
    exportDir: join(root, 'default-exports'),
    failing,
    failure: FAILURE,
    files: { chooseSavePath: async () => saveAs, showInFolder: () => undefined, open: async () => undefined }
  })
  useQaSessionsStore.setState({ chosen: new Set(), busy: false, written: null, error: null, deleted: null })
})

afterEach(() => {
  main.close()
  useQaStore.setState({ sessions: [] })
  Reflect.deleteProperty(globalThis, 'window')
})

/** Monday (calls 1–3, 2 reviewed), Tuesday (3–5, 4 reviewed), Wednesday (6, reviewed), listed as the app lists them. */
function threeSessions(): Record<'Monday' | 'Tuesday' | 'Wednesday', string> {
  const ids = Object.fromEntries(
    [
      { name: 'Monday', callIds: [1, 2, 3], reviewed: [2] },
      { name: 'Tuesday', callIds: [3, 4, 5], reviewed: [4] },
      { name: 'Wednesday', callIds: [6], reviewed: [6] }
    ].map(({ name, callIds, reviewed }) => {
      const session = main.createSession(ME, { name, templateId: DEFAULT_TEMPLATE_ID, callIds })
      for (const callId of reviewed) main.saveReview(ME, { sessionId: session.id, callId, reviewed: true })
      return [name, session.id]
    })
  ) as Record<'Monday' | 'Tuesday' | 'Wednesday', string>
  // Most recently used first, as qa:listSessions gives them to the list.
  useQaStore.setState({ sessions: main.listSessions(ME) })
  return ids
}

function csvRows(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
  expect(parsed.errors).toEqual([])
  return parsed.data
}

function reportSessions(path: string): string[] {
  const $ = cheerio.load(readFileSync(path, 'utf8'))
  return $('section.session h2')
    .toArray()
    .map((h) => $(h).text())
}

describe('sessions list: export and report of the ticked sessions', () => {
  it('exports every call of the ticked sessions, reviewed or not, oldest session first, to the file chosen', async () => {
    const ids = threeSessions()
    const manage = useQaSessionsStore.getState()
    manage.toggleChosen(ids.Wednesday)
    manage.toggleChosen(ids.Tuesday)
    manage.toggleChosen(ids.Monday)
    manage.toggleChosen(ids.Tuesday)
    saveAs = join(root, 'chosen', 'mon and wed.csv')
    expect(await useQaSessionsStore.getState().exportChosen('csv')).toBe(true)
    expect(useQaSessionsStore.getState()).toMatchObject({
      busy: false,
      error: null,
      written: { path: saveAs, format: 'csv', rows: 4 }
    })
    expect(csvRows(saveAs).map((r) => [r['session'], r['call_id'], r['reviewed']])).toEqual([
      ['Monday', '1', 'no'],
      ['Monday', '2', 'yes'],
      ['Monday', '3', 'no'],
      ['Wednesday', '6', 'yes']
    ])

    saveAs = join(root, 'chosen', 'mon and wed.json')
    expect(await useQaSessionsStore.getState().exportChosen('json')).toBe(true)
    const document = JSON.parse(readFileSync(saveAs, 'utf8')) as { sessions: { name: string }[]; rows: { callId: number }[] }
    expect(document.sessions.map((s) => s.name)).toEqual(['Monday', 'Wednesday'])
    expect(document.rows.map((r) => r.callId)).toEqual([1, 2, 3, 6])
    expect(readdirSync(join(root, 'chosen')).sort()).toEqual(['mon and wed.csv', 'mon and wed.json'])
    expect(existsSync(join(root, 'default-exports'))).toBe(false)
  })

  it('prints a report of every session ticked, oldest first, or of the one session the summary asks for', async () => {
    const ids = threeSessions()
    useQaSessionsStore.getState().chooseAll(Object.values(ids))
    saveAs = join(root, 'all.html')
    expect(await useQaSessionsStore.getState().report('html')).toBe(true)
    expect(useQaSessionsStore.getState().written).toEqual({ path: saveAs, format: 'html', sessions: 3 })
    expect(reportSessions(saveAs)).toEqual(['Monday', 'Tuesday', 'Wednesday'])

    // The session summary's button names its session, whatever is ticked in the list.
    saveAs = join(root, 'tuesday.html')
    expect(await useQaSessionsStore.getState().report('html', [ids.Tuesday])).toBe(true)
    expect(reportSessions(saveAs)).toEqual(['Tuesday'])
  })

  it('leaves out a ticked session that was deleted, and takes it back in once the delete is undone', async () => {
    const ids = threeSessions()
    useQaSessionsStore.getState().chooseAll([ids.Monday, ids.Tuesday])
    await useQaSessionsStore.getState().remove(ids.Tuesday)
    expect(useQaStore.getState().sessions.map((s) => s.name)).not.toContain('Tuesday')
    saveAs = join(root, 'after-delete.html')
    expect(await useQaSessionsStore.getState().report('html')).toBe(true)
    expect(reportSessions(saveAs)).toEqual(['Monday'])

    await useQaSessionsStore.getState().undo()
    expect(
      useQaStore
        .getState()
        .sessions.map((s) => s.name)
        .sort()
    ).toEqual(['Monday', 'Tuesday', 'Wednesday'])
    saveAs = join(root, 'after-undo.html')
    expect(await useQaSessionsStore.getState().report('html')).toBe(true)
    expect(reportSessions(saveAs)).toEqual(['Monday', 'Tuesday'])
  })

  it('takes a cancelled Save dialog as no error, and writes nothing', async () => {
    const ids = threeSessions()
    useQaSessionsStore.getState().toggleChosen(ids.Monday)
    saveAs = null
    expect(await useQaSessionsStore.getState().exportChosen('csv')).toBe(false)
    expect(await useQaSessionsStore.getState().report('html')).toBe(false)
    expect(useQaSessionsStore.getState()).toMatchObject({ busy: false, error: null, written: null })
    expect(readdirSync(root)).toEqual(['qa'])
  })

  it('asks for a tick rather than send an empty choice, and shows what main refused', async () => {
    const ids = threeSessions()
    expect(await useQaSessionsStore.getState().exportChosen('csv')).toBe(false)
    expect(useQaSessionsStore.getState().error).toEqual({ kind: 'validation', message: 'Tick at least one session to export its reviews.' })
    expect(await useQaSessionsStore.getState().report('pdf')).toBe(false)
    expect(useQaSessionsStore.getState().error).toEqual({ kind: 'validation', message: 'Tick at least one session for the report.' })

    useQaSessionsStore.getState().toggleChosen(ids.Monday)
    saveAs = join(root, 'refused.html')
    failing.add('qa:report')
    expect(await useQaSessionsStore.getState().report('html')).toBe(false)
    expect(useQaSessionsStore.getState()).toMatchObject({ busy: false, written: null, error: FAILURE })
    // The bridge has no printer, as a browser would not: a PDF is refused with what to do instead.
    failing.clear()
    saveAs = join(root, 'refused.pdf')
    expect(await useQaSessionsStore.getState().report('pdf')).toBe(false)
    expect(useQaSessionsStore.getState().error).toMatchObject({ kind: 'validation', message: expect.stringContaining('save the report as HTML') })
    expect(readdirSync(root)).toEqual(['qa'])
  })
})
