/**
 * calls:export over a real library: the selected calls' facts written as CSV and JSON through
 * the Save dialog's port, spreadsheet-safe (formula guard, phone numbers kept whole), with the
 * calls the library does not hold counted and named rather than dropped.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { afterEach, describe, expect, it } from 'vitest'
import { createCallsHandlers } from '@main/services/calls/handlers'
import type { ExportFilesPort } from '@main/services/export-files'
import { CallRecordSchema } from '@shared/convirza/schemas'
import { callsChannels } from '@shared/ipc/contract/calls'
import { channelCaller } from '@test/fixtures/channel-call'
import { OpenLibraries } from '@test/fixtures/library/library-setup'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

const RECORDS = [
  CallRecordSchema.parse({
    call_id: 101,
    call_started: '2026-02-14T18:20:12.000Z',
    caller_id: '18015551234',
    ai_caller_identity: '=HYPERLINK("http://evil.example","Click")',
    phone_number: '0000000000',
    campaign_name: '+Spring promo',
    group_name: 'West',
    duration: 182,
    disposition: 'NO_ANSWER',
    tags: [{ tag_name: 'Lead' }, { tag_name: '-Price' }],
    indicators: [{ score_value: 80, agent: 'Ann Agent' }, { score_value: 95 }],
    recording_details: { url: 'https://api.example.test/rec/101' }
  }),
  CallRecordSchema.parse({
    call_id: 102,
    call_started: '2026-02-15T01:05:00.000Z',
    caller_id: '+447911123456',
    campaign_name: 'Winter',
    duration: 45,
    disposition: 'ANSWERED'
  })
]

function setup(files?: ExportFilesPort) {
  const root = mkdtempSync(join(tmpdir(), 'calls-export-'))
  const library = libraries.make(join(root, 'profile'))
  library.upsertCalls(RECORDS, '2026-03-01T17:00:00.000Z')
  const exportDir = join(root, 'exports')
  const handlers = createCallsHandlers({
    library: () => ({
      list: (query, options) => library.list(query, options),
      rawRecords: (ids) => library.rawRecords(ids),
      whenSearchable: () => library.whenSearchable(),
      get: (callId) => library.get(callId),
      choices: () => library.choices(),
      upsertCalls: (records, fetchedAt) => void library.upsertCalls(records, fetchedAt),
      storeShown: (records, fetchedAt) => library.storeShown(records, fetchedAt),
      whenShownStored: () => library.whenShownStored(),
      // The recording cache is another module's; here call 101's recording is on disk.
      recordingsOffline: (ids) => new Set(ids.filter((id) => id === 101))
    }),
    client: () => {
      throw new Error('an export never asks the API')
    },
    reviewed: (ids) => new Set(ids.filter((id) => id === 102)),
    recordingUrl: (id) => `recording://call/${id}`,
    clock: () => new Date('2026-03-01T17:15:00Z'),
    timeZone: () => 'America/Denver',
    exportDir: () => exportDir,
    ...(files ? { files } : {})
  })
  const call = channelCaller(callsChannels, handlers)
  return { root, exportDir, call }
}

interface ExportResult {
  path: string
  exported: number
  notInLibrary: number
  notInLibraryIds: number[]
}

describe('exporting selected calls', () => {
  it('writes their facts as CSV, guarding formulas and keeping phone numbers whole, and counts the call not in the library', async () => {
    const { call, exportDir } = setup()
    const answer = await call('calls:export', { callIds: [102, 999, 101], format: 'csv' })
    expect(answer.ok).toBe(true)
    const result = (answer as { value: ExportResult }).value
    expect(result).toMatchObject({ exported: 2, notInLibrary: 1, notInLibraryIds: [999] })
    expect(result.path.startsWith(join(exportDir, 'calls-20260301-101500'))).toBe(true)
    const text = readFileSync(result.path, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true })
    expect(parsed.errors).toEqual([])
    expect(parsed.meta.fields).toEqual([
      'call_id',
      'started (America/Denver)',
      'started_utc_offset',
      'caller',
      'caller_name',
      'tracking_number',
      'campaign',
      'group',
      'agent',
      'duration_seconds',
      'disposition',
      'tags',
      'score',
      'reviewed',
      'recording_available',
      'recording_offline'
    ])
    // In the order selected, the call the library lacks left out.
    expect(parsed.data.map((row) => row['call_id'])).toEqual(['102', '101'])
    const first = parsed.data[1] as Record<string, string>
    expect(first).toMatchObject({
      'started (America/Denver)': '2026-02-14 11:20:12',
      started_utc_offset: 'UTC-07:00',
      caller: '(801) 555-1234',
      caller_name: `'=HYPERLINK("http://evil.example","Click")`,
      tracking_number: '0000 0000 00',
      campaign: "'+Spring promo",
      group: 'West',
      agent: 'Ann Agent',
      duration_seconds: '182',
      disposition: 'No answer',
      tags: 'Lead; -Price',
      score: '87.5',
      reviewed: 'no',
      recording_available: 'yes',
      recording_offline: 'yes'
    })
    const second = parsed.data[0] as Record<string, string>
    expect(second).toMatchObject({ caller: "'+44 7911 123456", reviewed: 'yes', recording_available: 'no', recording_offline: 'no' })
  })

  it('writes JSON with exact values and names the calls not in the library', async () => {
    const { call } = setup()
    const answer = await call('calls:export', { callIds: [101, 102, 998], format: 'json' })
    const result = (answer as { ok: true; value: ExportResult }).value
    const json = JSON.parse(readFileSync(result.path, 'utf8')) as { notInLibrary: number[]; timeZone: string; calls: Record<string, unknown>[] }
    expect(json.timeZone).toBe('America/Denver')
    expect(json.notInLibrary).toEqual([998])
    expect(json.calls.map((c) => c['callId'])).toEqual([101, 102])
    expect(json.calls[0]).toEqual({
      callId: 101,
      started: '2026-02-14T11:20:12-07:00',
      caller: '+18015551234',
      callerName: '=HYPERLINK("http://evil.example","Click")',
      trackingNumber: '0000000000',
      campaign: '+Spring promo',
      group: 'West',
      agent: 'Ann Agent',
      durationSeconds: 182,
      disposition: 'No answer',
      tags: ['Lead', '-Price'],
      score: 87.5,
      reviewed: false,
      recordingAvailable: true,
      recordingOffline: true
    })
  })

  it('writes no file when none of the selected calls is in the library, and says so', async () => {
    const { call, exportDir } = setup()
    const answer = await call('calls:export', { callIds: [7, 8], format: 'csv' })
    expect(answer).toMatchObject({ ok: false, error: { kind: 'not_found' } })
    expect((answer as { error: { message: string } }).error.message).toMatch(
      /^Nothing to export: none of the 2 selected calls is in your library yet/
    )
    expect(existsSync(exportDir)).toBe(false)
  })

  it('saves where the Save dialog says, writes nothing when it is cancelled, and shows only files it wrote', async () => {
    let answer: string | null = null
    const shown: string[] = []
    const opened: string[] = []
    const { call, root } = setup({
      chooseSavePath: async () => answer,
      showInFolder: (path) => void shown.push(path),
      open: async (path) => void opened.push(path)
    })
    expect(await call('calls:export', { callIds: [101], format: 'json' })).toMatchObject({ ok: false, error: { kind: 'cancelled' } })
    answer = join(root, 'chosen', 'mine.csv')
    expect(await call('calls:export', { callIds: [101], format: 'json' })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    answer = join(root, 'chosen', 'mine.json')
    const written = await call('calls:export', { callIds: [101], format: 'json' })
    expect(written).toMatchObject({ ok: true, value: { path: answer, exported: 1, notInLibrary: 0 } })
    expect(await call('calls:showExport', { path: answer })).toEqual({ ok: true, value: {} })
    expect(await call('calls:openExport', { path: answer })).toEqual({ ok: true, value: {} })
    expect(shown).toEqual([answer])
    expect(opened).toEqual([answer])
    expect(await call('calls:showExport', { path: join(root, 'profile', 'library.sqlite') })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' }
    })
  })

  it('refuses an empty selection and more than 10,000 calls before any handler runs', async () => {
    const { call } = setup()
    expect(await call('calls:export', { callIds: [], format: 'csv' })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    const tooMany = Array.from({ length: 10_001 }, (_, i) => i + 1)
    expect(await call('calls:export', { callIds: tooMany, format: 'csv' })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(await call('calls:export', { callIds: [101], format: 'csv', path: '/tmp/x.csv' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' }
    })
  })
})
