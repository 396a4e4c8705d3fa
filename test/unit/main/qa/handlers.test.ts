import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as cheerio from 'cheerio'
import Papa from 'papaparse'
import type { z } from 'zod'
import { afterEach, describe, expect, it } from 'vitest'
import { createQaHandlers, type ExportFilesPort, type QaChannel } from '@main/services/qa/handlers'
import { QaRepository } from '@main/services/qa/qa-repository'
import { qaChannels } from '@shared/ipc/contract/qa'
import { CHANNEL_PATTERN } from '@shared/ipc/contract/types'
import { channelCaller } from '@test/fixtures/channel-call'

const stores: QaRepository[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
})

/**
 * What the dispatcher does for a channel (src/main/ipc/dispatcher.ts): validate the request
 * with the contract, run the handler, and let only what the response schema names cross.
 */
function setup(options: { demo?: boolean; files?: ExportFilesPort; printToPdf?: (html: string) => Promise<Uint8Array> } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'qa-handlers-'))
  const profiles = { a: new QaRepository(join(root, 'a'), () => new Date('2026-03-01T17:00:00Z')), b: new QaRepository(join(root, 'b')) }
  stores.push(profiles.a, profiles.b)
  let active: keyof typeof profiles = 'a'
  let reviewer = 'qa@example.com'
  const exportDir = join(root, 'exports')
  const handlers = createQaHandlers({
    qa: () => profiles[active],
    reviewer: () => reviewer,
    exportDir: () => exportDir,
    getCallFacts: (callId) => ({
      startedAt: '2026-02-14T18:20:12.000Z',
      callerId: '18015551234',
      callerIdentity: null,
      trackingNumber: '18015557654',
      campaign: `Campaign ${callId}`,
      disposition: 'ANSWERED',
      durationSeconds: 60,
      agent: null,
      group: null,
      hasRecording: true
    }),
    clock: () => new Date('2026-03-01T17:15:00Z'),
    timeZone: () => 'America/Denver',
    demo: () => options.demo === true,
    ...(options.files ? { files: options.files } : {}),
    ...(options.printToPdf ? { printToPdf: options.printToPdf } : {})
  })
  const call = channelCaller(qaChannels, handlers)
  async function ok<C extends QaChannel>(
    channel: C,
    payload: z.input<(typeof qaChannels)[C]['request']>
  ): Promise<z.output<(typeof qaChannels)[C]['response']>> {
    const result = await call(channel, payload)
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value as z.output<(typeof qaChannels)[C]['response']>
  }
  return {
    call,
    ok,
    exportDir,
    handlers,
    switchProfile: (to: keyof typeof profiles) => (active = to),
    signInAs: (email: string) => (reviewer = email)
  }
}

describe('qa:* IPC channels', () => {
  it('name every channel domain:verb and give each a handler', () => {
    const { handlers } = setup()
    const names = Object.keys(qaChannels)
    for (const name of names) expect(name).toMatch(CHANNEL_PATTERN)
    expect(Object.keys(handlers).sort()).toEqual([...names].sort())
    expect(names).toEqual(
      expect.arrayContaining([
        'qa:listTemplates',
        'qa:saveTemplate',
        'qa:createSession',
        'qa:listSessions',
        'qa:getSession',
        'qa:updatePosition',
        'qa:saveReview',
        'qa:addNote',
        'qa:updateNote',
        'qa:deleteNote',
        'qa:summary',
        'qa:export'
      ])
    )
  })

  it('run a session end to end with answers inside the contract', async () => {
    const { ok } = setup()
    const [template] = await ok('qa:listTemplates', {})
    const session = await ok('qa:createSession', { name: 'Week 9', templateId: template?.id ?? '', callIds: [1, 2, 3] })
    expect(session).toMatchObject({ total: 3, reviewer: 'qa@example.com', templateVersion: 1 })
    await ok('qa:saveReview', { sessionId: session.id, callId: 1, answers: { greeting: 'yes', politeness: 5 }, reviewed: true })
    const note = await ok('qa:addNote', { sessionId: session.id, callId: 1, seconds: 12.5, text: 'Nice opener' })
    expect(await ok('qa:updateNote', { noteId: note.id, text: 'Great opener' })).toMatchObject({ text: 'Great opener', seconds: 12.5 })
    expect(await ok('qa:updatePosition', { sessionId: session.id, index: 1, seconds: 30 })).toEqual({ index: 1, seconds: 30 })
    const [listed] = await ok('qa:listSessions', {})
    expect(listed).toMatchObject({ id: session.id, reviewedCount: 1, total: 3, position: { index: 1, seconds: 30 } })
    expect(await ok('qa:summary', { sessionId: session.id })).toMatchObject({ reviewed: 1, averageScore: 100 })
    expect(await ok('qa:deleteNote', { noteId: note.id })).toEqual({ noteId: note.id })
    expect((await ok('qa:getSession', { sessionId: session.id })).items[0]?.notes).toEqual([])
    expect(await ok('qa:deleteSession', { sessionId: session.id })).toEqual({ sessionId: session.id })
    expect(await ok('qa:listSessions', {})).toEqual([])
  })

  it('save and version templates, recording the reviewer as the author', async () => {
    const { ok } = setup()
    const created = await ok('qa:saveTemplate', { name: 'Mine', criteria: [{ label: 'Asked for the sale', weight: 2, type: 'yes_no' }] })
    expect(created).toMatchObject({ version: 1, createdBy: 'qa@example.com', criteria: [{ id: 'asked-for-the-sale', naAllowed: true }] })
    const v2 = await ok('qa:saveTemplate', {
      id: created.id,
      name: 'Mine',
      criteria: [{ id: 'asked-for-the-sale', label: 'Asked for the sale', weight: 3, type: 'yes_no' }]
    })
    expect(v2.version).toBe(2)
    expect((await ok('qa:getTemplate', { templateId: created.id, version: 1 })).criteria[0]?.weight).toBe(2)
    expect((await ok('qa:archiveTemplate', { templateId: created.id, archived: true })).archived).toBe(true)
    expect((await ok('qa:listTemplates', {})).map((t) => t.id)).not.toContain(created.id)
  })

  it('use the active profile and the signed-in reviewer on every call', async () => {
    const { ok, switchProfile, signInAs } = setup()
    await ok('qa:createSession', { name: 'In A', templateId: 'default-inbound', callIds: [1] })
    switchProfile('b')
    expect(await ok('qa:listSessions', {})).toEqual([])
    switchProfile('a')
    signInAs('other@example.com')
    expect(await ok('qa:listSessions', {})).toEqual([])
    signInAs('qa@example.com')
    expect(await ok('qa:listSessions', {})).toHaveLength(1)
  })

  it('answer a missing session or note with not_found, and a bad answer with the field at fault', async () => {
    const { call, ok } = setup()
    expect(await call('qa:getSession', { sessionId: 'nope' })).toMatchObject({ ok: false, error: { kind: 'not_found' } })
    expect(await call('qa:deleteNote', { noteId: 'nope' })).toMatchObject({ ok: false, error: { kind: 'not_found' } })
    const session = await ok('qa:createSession', { name: 'S', templateId: 'default-inbound', callIds: [1] })
    expect(await call('qa:saveReview', { sessionId: session.id, callId: 1, answers: { politeness: 'yes' } })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: [{ field: 'answers.politeness' }] }
    })
    expect(await call('qa:addNote', { sessionId: session.id, callId: 1, seconds: -3, text: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' }
    })
  })

  it('export into the export folder under a name of their own, never overwriting an earlier file', async () => {
    const { ok, exportDir } = setup()
    const session = await ok('qa:createSession', { name: 'Week 9: José', templateId: 'default-inbound', callIds: [7, 8] })
    await ok('qa:saveReview', { sessionId: session.id, callId: 7, answers: { greeting: 'no' }, reviewed: true, flaggedForFollowUp: true })
    const csv = await ok('qa:export', { selection: { sessionIds: [session.id] }, format: 'csv' })
    expect(csv).toEqual({ path: join(exportDir, 'qa-week-9-jose-20260301-101500.csv'), format: 'csv', rows: 2 })
    const again = await ok('qa:export', { selection: { sessionIds: [session.id] }, format: 'csv' })
    expect(again.path).toBe(join(exportDir, 'qa-week-9-jose-20260301-101500-2.csv'))
    const json = await ok('qa:export', { selection: { reviewedOnly: true }, format: 'json' })
    expect(json).toMatchObject({ path: join(exportDir, 'qa-reviews-20260301-101500.json'), rows: 1 })
    expect(readdirSync(exportDir).sort()).toEqual([
      'qa-reviews-20260301-101500.json',
      'qa-week-9-jose-20260301-101500-2.csv',
      'qa-week-9-jose-20260301-101500.csv'
    ])
    const rows = Papa.parse<Record<string, string>>(readFileSync(csv.path, 'utf8'), { header: true, skipEmptyLines: true }).data
    expect(rows.map((r) => [r.call_id, r.campaign, r.flagged, r.Greeting, r.score_percent])).toEqual([
      ['7', 'Campaign 7', 'yes', 'no', '0'],
      ['8', 'Campaign 8', 'no', '', '']
    ])
    expect(JSON.parse(readFileSync(json.path, 'utf8')).rows.map((r: { callId: number }) => r.callId)).toEqual([7])
  })

  it('refuse an export with no rows, saying why, and write no file', async () => {
    const { call, ok, exportDir } = setup()
    const monday = await ok('qa:createSession', { name: 'Monday', templateId: 'default-inbound', callIds: [7, 8] })
    const tuesday = await ok('qa:createSession', { name: 'Tuesday', templateId: 'default-inbound', callIds: [8, 9] })
    await ok('qa:saveReview', { sessionId: tuesday.id, callId: 9, reviewed: true })
    expect(await call('qa:export', { selection: { sessionIds: [monday.id], reviewedOnly: true }, format: 'csv' })).toMatchObject({
      ok: false,
      error: {
        kind: 'not_found',
        message: expect.stringMatching(/^Nothing to export: no call is marked reviewed in the chosen session yet, so no file was written\./)
      }
    })
    expect(await call('qa:export', { selection: { callIds: [41, 42] }, format: 'json' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('none of the 2 selected calls is in any of your QA sessions') }
    })
    expect(
      await call('qa:export', { selection: { sessionIds: [monday.id, tuesday.id], callIds: [8], reviewedOnly: true }, format: 'json' })
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('the selected call is not marked reviewed in the chosen sessions') }
    })
    expect(existsSync(exportDir)).toBe(false)
    // The same calls spanning both sessions, narrowed to the reviewed ones, do export.
    expect(await ok('qa:export', { selection: { callIds: [8, 9], reviewedOnly: true }, format: 'json' })).toMatchObject({ rows: 1 })
  })

  it('label the demo account’s exports as demo data: "-demo" in the file name, demo: true in the JSON, the CSV columns unchanged', async () => {
    const real = setup()
    const demo = setup({ demo: true })
    const columns = async (
      s: ReturnType<typeof setup>
    ): Promise<{ csv: string; json: string; header: string[]; document: Record<string, unknown> }> => {
      const session = await s.ok('qa:createSession', { name: 'Demo week', templateId: 'default-inbound', callIds: [7] })
      const csv = await s.ok('qa:export', { selection: { sessionIds: [session.id] }, format: 'csv' })
      const json = await s.ok('qa:export', { selection: { sessionIds: [session.id] }, format: 'json' })
      const header = Papa.parse<string[]>(readFileSync(csv.path, 'utf8')).data[0] ?? []
      return { csv: csv.path, json: json.path, header, document: JSON.parse(readFileSync(json.path, 'utf8')) as Record<string, unknown> }
    }
    const fromDemo = await columns(demo)
    const fromReal = await columns(real)
    expect(fromDemo.csv).toBe(join(demo.exportDir, 'qa-demo-week-20260301-101500-demo.csv'))
    expect(fromDemo.json).toBe(join(demo.exportDir, 'qa-demo-week-20260301-101500-demo.json'))
    expect(fromDemo.document.demo).toBe(true)
    expect(fromReal.csv).toBe(join(real.exportDir, 'qa-demo-week-20260301-101500.csv'))
    expect(fromReal.document).not.toHaveProperty('demo')
    expect(fromDemo.header).toEqual(fromReal.header)
  })

  it('refuse a request with a path the renderer could use to write anywhere', () => {
    const parsed = qaChannels['qa:export'].request.safeParse({ selection: {}, format: 'csv', path: '/etc/passwd' })
    expect(parsed.success && 'path' in parsed.data).toBe(false)
  })
})

describe('QA exports through the save-path port', () => {
  it('write where the user chose, refuse a cancelled or mistyped choice, and show or open only what was written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qa-save-'))
    let answer: string | null = join(root, 'chosen', 'week 10.csv')
    const suggested: string[] = []
    const shown: string[] = []
    const opened: string[] = []
    const { ok, call } = setup({
      files: {
        chooseSavePath: async (path) => {
          suggested.push(path)
          return answer
        },
        showInFolder: (path) => void shown.push(path),
        open: async (path) => void opened.push(path)
      }
    })
    const session = await ok('qa:createSession', { name: 'Week 10', templateId: 'default-inbound', callIds: [7] })
    const written = await ok('qa:export', { selection: { sessionIds: [session.id] }, format: 'csv' })
    expect(written.path).toBe(join(root, 'chosen', 'week 10.csv'))
    expect(existsSync(written.path)).toBe(true)
    expect(suggested[0]).toMatch(/qa-week-10-20260301-101500\.csv$/)
    await ok('qa:showExport', { path: written.path })
    await ok('qa:openExport', { path: written.path })
    expect([shown, opened]).toEqual([[written.path], [written.path]])
    expect(await call('qa:openExport', { path: join(root, 'elsewhere.csv') })).toMatchObject({ ok: false, error: { kind: 'not_found' } })
    answer = null
    expect(await call('qa:export', { selection: { sessionIds: [session.id] }, format: 'csv' })).toMatchObject({
      ok: false,
      error: { kind: 'cancelled' }
    })
    answer = join(root, 'wrong.exe')
    expect(await call('qa:export', { selection: { sessionIds: [session.id] }, format: 'json' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' }
    })
    expect(existsSync(join(root, 'wrong.exe'))).toBe(false)
  })
})

describe('qa:createSession with a sample', () => {
  it('draws the same calls again from the same seed, and says why when no call is left', async () => {
    const { ok, call } = setup()
    const candidates = Array.from({ length: 30 }, (_, i) => 100 + i)
    const sample = { size: 4, seed: 99, per: 'none' as const }
    const first = await ok('qa:createSession', { name: 'A', templateId: 'default-inbound', callIds: candidates, sample })
    const again = await ok('qa:createSession', { name: 'B', templateId: 'default-inbound', callIds: [...candidates].reverse(), sample })
    expect(first.items.map((i) => i.callId)).toHaveLength(4)
    expect(again.items.map((i) => i.callId)).toEqual(first.items.map((i) => i.callId))
    expect(first.sample).toMatchObject({ size: 4, seed: 99 })
    expect(first.items[0]?.call).toMatchObject({ campaign: `Campaign ${first.items[0]?.callId}`, hasRecording: true })
    const none = await call('qa:createSession', {
      name: 'C',
      templateId: 'default-inbound',
      callIds: candidates,
      sample: { ...sample, minDurationSeconds: 600 }
    })
    expect(none).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/30 are shorter than 600 s/) } })
  })
})

interface SavePort {
  /** What the Save dialog answers next: a path, or null when the user cancels. */
  answer: string | null
  suggested: string[]
  shown: string[]
  opened: string[]
  files: ExportFilesPort
}

/** A port that saves where `answer` says, recording what it was asked. */
function savePort(root: string): SavePort {
  const port: SavePort = {
    answer: join(root, 'chosen', 'report.html'),
    suggested: [],
    shown: [],
    opened: [],
    files: {
      chooseSavePath: async (path) => {
        port.suggested.push(path)
        return port.answer
      },
      showInFolder: (path) => void port.shown.push(path),
      open: async (path) => void port.opened.push(path)
    }
  }
  return port
}

/** A session of the built-in template over calls 7 and 8: 7 reviewed with Greeting "no" and flagged, 8 untouched. */
async function scored(ok: ReturnType<typeof setup>['ok'], name: string): Promise<string> {
  const session = await ok('qa:createSession', { name, templateId: 'default-inbound', callIds: [7, 8] })
  await ok('qa:saveReview', { sessionId: session.id, callId: 7, answers: { greeting: 'no' }, reviewed: true, flaggedForFollowUp: true })
  return session.id
}

describe('qa:report', () => {
  it('writes the printable report of a session where the user chose, with the summary the app shows', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qa-report-'))
    const port = savePort(root)
    const { ok, call } = setup({ files: port.files })
    const sessionId = await scored(ok, 'Week <10>')
    const summary = await ok('qa:summary', { sessionId })
    port.answer = join(root, 'chosen', 'week 10 report.html')
    const written = await ok('qa:report', { sessionIds: [sessionId], format: 'html' })
    expect(written).toEqual({ path: port.answer, format: 'html', sessions: 1 })
    expect(port.suggested).toEqual([expect.stringMatching(/\/qa-report-week-10-20260301-101500\.html$/)])
    const $ = cheerio.load(readFileSync(written.path, 'utf8'))
    expect($('h1').text()).toBe('QA report: Week <10>')
    const figure = (name: string): string =>
      $('dl.figures > div')
        .filter((_, d) => $(d).children('dt').text() === name)
        .children('dd')
        .text()
    expect([figure('Reviewed'), figure('Average score'), figure('Flagged for follow-up'), figure('Not started')]).toEqual([
      `${summary.reviewed} / ${summary.total}`,
      summary.averageScore === null ? '—' : `${summary.averageScore.toFixed(1)} %`,
      '1',
      '1'
    ])
    expect(summary).toMatchObject({ reviewed: 1, total: 2 })
    // The call facts main knows (campaign) are in the report's calls table.
    expect($('table.calls tbody tr').first().text()).toContain('Campaign 7')
    expect($('header p').first().text()).toMatch(/^Prepared by qa@example\.com on 2026-03-01 10:15 \(America\/Denver\)\./)
    // "Show in folder" and "Open" accept the report, as they do an export.
    await ok('qa:showExport', { path: written.path })
    await ok('qa:openExport', { path: written.path })
    expect([port.shown, port.opened]).toEqual([[written.path], [written.path]])
    expect(readdirSync(join(root, 'chosen'))).toEqual(['week 10 report.html'])
    expect(await call('qa:report', { sessionIds: [sessionId], format: 'html', path: '/tmp/x.html' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' }
    })
  })

  it('writes a report of several sessions in the order asked, each once', async () => {
    const { ok, exportDir } = setup()
    const monday = await scored(ok, 'Monday')
    const tuesday = await scored(ok, 'Tuesday')
    const written = await ok('qa:report', { sessionIds: [tuesday, monday, tuesday], format: 'html' })
    expect(written).toEqual({ path: join(exportDir, 'qa-report-20260301-101500.html'), format: 'html', sessions: 2 })
    const $ = cheerio.load(readFileSync(written.path, 'utf8'))
    expect($('h1').text()).toBe('QA report: 2 sessions')
    expect(
      $('section.session h2')
        .toArray()
        .map((h) => $(h).text())
    ).toEqual(['Tuesday', 'Monday'])
  })

  it('prints the PDF through the injected printer from the same page, and refuses a PDF without one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qa-report-pdf-'))
    const printed: string[] = []
    const port = savePort(root)
    port.answer = join(root, 'week.pdf')
    const pdf = new TextEncoder().encode('%PDF-1.7\n% stand-in for Chromium’s printToPDF\n%%EOF\n')
    const { ok } = setup({
      files: port.files,
      printToPdf: async (html) => {
        printed.push(html)
        return pdf
      }
    })
    const sessionId = await scored(ok, 'Week 11')
    expect(await ok('qa:report', { sessionIds: [sessionId], format: 'pdf' })).toEqual({ path: port.answer, format: 'pdf', sessions: 1 })
    expect(new Uint8Array(readFileSync(port.answer))).toEqual(pdf)
    port.answer = join(root, 'week.html')
    await ok('qa:report', { sessionIds: [sessionId], format: 'html' })
    // The PDF is the HTML report printed: the printer was handed that very page.
    expect(printed).toEqual([readFileSync(port.answer, 'utf8')])

    const withoutPrinter = setup({ files: port.files })
    const other = await scored(withoutPrinter.ok, 'Week 11')
    port.answer = join(root, 'refused.pdf')
    expect(await withoutPrinter.call('qa:report', { sessionIds: [other], format: 'pdf' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: expect.stringContaining('save the report as HTML') }
    })
    expect(existsSync(port.answer)).toBe(false)
  })

  it('writes nothing when the Save dialog is cancelled, the name is not .html, or a session is missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qa-report-no-'))
    const port = savePort(root)
    const { ok, call } = setup({ files: port.files })
    const sessionId = await scored(ok, 'Week 12')
    port.answer = null
    expect(await call('qa:report', { sessionIds: [sessionId], format: 'html' })).toMatchObject({ ok: false, error: { kind: 'cancelled' } })
    port.answer = join(root, 'report.pdf')
    expect(await call('qa:report', { sessionIds: [sessionId], format: 'html' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: expect.stringContaining('Save the report as a .html file') }
    })
    port.answer = join(root, 'report.html')
    expect(await call('qa:report', { sessionIds: [sessionId, 'gone'], format: 'html' })).toMatchObject({ ok: false, error: { kind: 'not_found' } })
    expect(await call('qa:report', { sessionIds: [], format: 'html' })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(readdirSync(root)).toEqual([])
    expect(await call('qa:openExport', { path: port.answer })).toMatchObject({ ok: false, error: { kind: 'not_found' } })
  })
})
