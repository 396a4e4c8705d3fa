import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { afterEach, describe, expect, it } from 'vitest'
import { callFactsFromRecord, writeExport, type CallFacts } from '@main/services/qa/export'
import fc from 'fast-check'
import { FORMULA_START, csvLine, phoneForJson, phoneForms, phoneForSpreadsheet, toLocalDateTime } from '@main/services/qa/export-format'
import { QaRepository } from '@main/services/qa/qa-repository'
import { CallRecordSchema } from '@shared/convirza/schemas'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'

const ME = 'qa@example.com'
const ZONE = 'America/Denver'
const NOW = new Date('2026-03-01T17:00:00Z')
const stores: QaRepository[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
})

const FACTS: Record<number, CallFacts> = {
  101: {
    startedAt: '2026-02-14T18:20:12.000Z',
    callerId: '18015551234',
    callerIdentity: 'José Núñez',
    trackingNumber: '18015557654',
    campaign: 'Roofing Q1',
    disposition: 'ANSWERED',
    durationSeconds: 182,
    agent: null,
    group: null,
    hasRecording: true
  },
  102: {
    startedAt: '2026-07-04T15:00:00.000Z',
    callerId: '+442079460958',
    callerIdentity: '@attacker',
    trackingNumber: '18015557654',
    campaign: '=HYPERLINK("http://evil.example","click")',
    disposition: 'NO ANSWER',
    durationSeconds: 0,
    agent: null,
    group: null,
    hasRecording: true
  }
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'qa-export-'))
  const store = new QaRepository(dir, () => NOW)
  stores.push(store)
  const session = store.createSession(ME, { name: 'Monday calls', templateId: DEFAULT_TEMPLATE_ID, callIds: [101, 102, 103] })
  store.saveReview(ME, {
    sessionId: session.id,
    callId: 101,
    answers: { greeting: 'yes', 'identified-need': 'yes', 'booked-appointment': 'na', politeness: 4 },
    comment: 'Good call, "textbook", really',
    reviewed: true
  })
  store.addNote(ME, { sessionId: session.id, callId: 101, seconds: 125.7, text: 'Quoted price' })
  store.addNote(ME, { sessionId: session.id, callId: 101, seconds: 83.2, text: 'Greeting\nskipped name' })
  store.saveReview(ME, {
    sessionId: session.id,
    callId: 102,
    answers: { greeting: 'no' },
    comment: '=cmd|" /C calc"!A0\nsecond line',
    flaggedForFollowUp: true,
    reviewed: true
  })
  store.addNote(ME, { sessionId: session.id, callId: 102, seconds: 7, text: '+SUM(1,2)' })
  store.addNote(ME, { sessionId: session.id, callId: 102, seconds: 9, text: '-2+3' })
  const getCallFacts = (callId: number) => FACTS[callId] ?? null
  const options = { getCallFacts, reviewer: ME, timeZone: ZONE, now: NOW }
  return { dir, store, session, options }
}

function parseCsv(path: string) {
  const text = readFileSync(path, 'utf8')
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true })
  expect(parsed.errors).toEqual([])
  return { text, rows: parsed.data, fields: parsed.meta.fields ?? [] }
}

describe('CSV export', () => {
  it('writes one row a call with its facts, score, an answer column per criterion, flag and timed notes', async () => {
    const { dir, store, session, options } = setup()
    const path = join(dir, 'out', 'session.csv')
    const result = await writeExport(store.exportItems(ME, { sessionIds: [session.id] }), { ...options, format: 'csv', path })
    expect(result).toEqual({ path, format: 'csv', rows: 3 })
    const { rows, fields } = parseCsv(path)
    expect(fields.slice(0, 21)).toEqual([
      'call_id',
      'session',
      'template',
      'template_version',
      'started (America/Denver)',
      'started_utc_offset',
      'caller',
      'caller_name',
      'tracking_number',
      'agent',
      'campaign',
      'disposition',
      'duration_seconds',
      'score_percent',
      'critical_failures',
      'reviewed',
      'reviewer',
      'reviewed_at (America/Denver)',
      'reviewed_at_utc_offset',
      'active_review_seconds',
      'flagged'
    ])
    expect(fields).toEqual(
      expect.arrayContaining(['Greeting', 'Identified the caller’s need', 'Booked an appointment', 'Politeness and tone', 'comment', 'notes'])
    )
    expect(rows.map((r) => r.call_id)).toEqual(['101', '102', '103'])
    expect(rows[0]).toMatchObject({
      session: 'Monday calls',
      template: 'Inbound sales & service call',
      template_version: '1',
      'started (America/Denver)': '2026-02-14 11:20:12',
      started_utc_offset: 'UTC-07:00',
      caller: '(801) 555-1234',
      caller_name: 'José Núñez',
      tracking_number: '(801) 555-7654',
      campaign: 'Roofing Q1',
      disposition: 'Answered',
      duration_seconds: '182',
      // greeting 1 + need 3 + politeness 2·0.75 = 5.5 of 6 weighted
      score_percent: String(Math.round((5.5 / 6) * 1000) / 10),
      critical_failures: '',
      reviewed: 'yes',
      reviewer: ME,
      'reviewed_at (America/Denver)': '2026-03-01 10:00:00',
      reviewed_at_utc_offset: 'UTC-07:00',
      active_review_seconds: '0',
      flagged: 'no',
      Greeting: 'yes',
      'Booked an appointment': 'N/A',
      'Politeness and tone': '4',
      'Hold etiquette': '',
      comment: 'Good call, "textbook", really',
      notes: '01:23 Greeting skipped name; 02:05 Quoted price'
    })
    expect(rows[1]).toMatchObject({ disposition: 'No answer' })
    expect(rows[2]).toMatchObject({
      call_id: '103',
      'started (America/Denver)': '',
      caller: '',
      score_percent: '',
      reviewed: 'no',
      reviewer: '',
      notes: ''
    })
  })

  it('guards every cell a spreadsheet could run as a formula with a leading apostrophe', async () => {
    const { dir, store, options } = setup()
    const path = join(dir, 'all.csv')
    await writeExport(store.exportItems(ME, {}), { ...options, format: 'csv', path })
    const { rows } = parseCsv(path)
    const row = rows[1] as Record<string, string>
    expect(row.campaign).toBe(`'=HYPERLINK("http://evil.example","click")`)
    expect(row.caller_name).toBe("'@attacker")
    // Multi-line text starting with '=' is guarded too (papaparse's own default would miss it).
    expect(row.comment).toBe(`'=cmd|" /C calc"!A0\nsecond line`)
    expect(row.notes).toBe('00:07 +SUM(1,2); 00:09 -2+3')
    for (const r of rows) for (const value of Object.values(r)) expect(value).not.toMatch(FORMULA_START)
  })

  it('writes foreign numbers internationally, guarded because they start with "+"', async () => {
    const { dir, store, options } = setup()
    const path = join(dir, 'foreign.csv')
    await writeExport(store.exportItems(ME, { callIds: [102] }), { ...options, format: 'csv', path })
    expect(parseCsv(path).rows[0]?.caller).toBe("'+44 20 7946 0958")
  })

  it('starts with a UTF-8 BOM and ends rows with CRLF, so Excel reads accents and lines right', async () => {
    const { dir, store, options } = setup()
    const path = join(dir, 'bom.csv')
    await writeExport(store.exportItems(ME, {}), { ...options, format: 'csv', path })
    const bytes = readFileSync(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8')).toContain(
      '\r\n101,Monday calls,Inbound sales & service call,1,2026-02-14 11:20:12,UTC-07:00,(801) 555-1234,José Núñez,'
    )
  })

  it('exports only reviewed calls, or only the calls asked for, when told to', async () => {
    const { dir, store, options } = setup()
    const reviewed = join(dir, 'reviewed.csv')
    await writeExport(store.exportItems(ME, { reviewedOnly: true }), { ...options, format: 'csv', path: reviewed })
    expect(parseCsv(reviewed).rows.map((r) => r.call_id)).toEqual(['101', '102'])
    const picked = join(dir, 'picked.csv')
    await writeExport(store.exportItems(ME, { callIds: [103, 101] }), { ...options, format: 'csv', path: picked })
    expect(parseCsv(picked).rows.map((r) => r.call_id)).toEqual(['101', '103'])
  })

  it('gives each template its own answer columns and tells apart criteria with the same label', async () => {
    const { dir, store, options } = setup()
    const other = store.saveTemplate(
      {
        name: 'Short',
        criteria: [
          { id: 'greeting', label: 'Greeting', weight: 1, type: 'scale_1_5' },
          { label: 'Upsell', weight: 1, type: 'yes_no' }
        ]
      },
      ME
    )
    const second = store.createSession(ME, { name: 'Tuesday', templateId: other.id, callIds: [104] })
    store.saveReview(ME, { sessionId: second.id, callId: 104, answers: { greeting: 2, upsell: 'yes' }, reviewed: true })
    const path = join(dir, 'mixed.csv')
    await writeExport(store.exportItems(ME, {}), { ...options, format: 'csv', path })
    const { rows, fields } = parseCsv(path)
    expect(fields).toEqual(expect.arrayContaining(['Greeting (Inbound sales & service call)', 'Greeting (Short)', 'Upsell']))
    expect(rows.map((r) => [r.call_id, r['Greeting (Inbound sales & service call)'], r['Greeting (Short)'], r.Upsell])).toEqual([
      ['101', 'yes', '', ''],
      ['102', 'no', '', ''],
      ['103', '', '', ''],
      ['104', '', '2', 'yes']
    ])
  })

  it('names the template version of each row and splits a criterion whose label or type changed between versions', async () => {
    const { dir, store, options } = setup()
    const v1 = store.exportItems(ME, {})[0]?.template
    if (!v1) throw new Error('the default template is missing')
    // Version 2: "greeting" becomes a 1–5 rating, "politeness" is relabelled, "identified-need" unchanged.
    const v2 = store.saveTemplate(
      {
        id: v1.id,
        name: v1.name,
        criteria: v1.criteria.map((c) =>
          c.id === 'greeting' ? { ...c, type: 'scale_1_5' as const } : c.id === 'politeness' ? { ...c, label: 'Courtesy' } : c
        )
      },
      ME
    )
    expect(v2.version).toBe(2)
    const later = store.createSession(ME, { name: 'Tuesday', templateId: v1.id, callIds: [104] })
    store.saveReview(ME, { sessionId: later.id, callId: 104, answers: { greeting: 3, 'identified-need': 'no', politeness: 5 }, reviewed: true })
    const path = join(dir, 'versions.csv')
    await writeExport(store.exportItems(ME, {}), { ...options, format: 'csv', path })
    const { rows, fields } = parseCsv(path)
    expect(fields).toEqual(
      expect.arrayContaining(['Greeting (v1)', 'Greeting (v2)', 'Politeness and tone (v1)', 'Courtesy (v2)', 'Identified the caller’s need'])
    )
    expect(fields).not.toContain('Greeting')
    const pick = (r: Record<string, string>) => [
      r.call_id,
      r.template_version,
      r['Greeting (v1)'],
      r['Greeting (v2)'],
      r['Politeness and tone (v1)'],
      r['Courtesy (v2)'],
      r['Identified the caller’s need']
    ]
    expect(rows.map(pick)).toEqual([
      ['101', '1', 'yes', '', '4', '', 'yes'],
      ['102', '1', 'no', '', '', '', ''],
      ['103', '1', '', '', '', '', ''],
      ['104', '2', '', '3', '', '5', 'no']
    ])
  })

  it('reads the reviews a chunk at a time as the file is written, not all before it', async () => {
    const { store, session, options, dir } = setup()
    const plan = store.exportPlan(ME, { sessionIds: [session.id] })
    expect(plan.rows).toBe(3)
    expect(plan.sessions.map((s) => s.session.id)).toEqual([session.id])
    const chunks = plan.chunks(2)[Symbol.iterator]()
    const first = chunks.next().value as { item: { callId: number; review: { comment: string } } }[]
    expect(first.map((i) => i.item.callId)).toEqual([101, 102])
    // A review saved after the first chunk was read shows in the next: it is read when asked for.
    store.saveReview(ME, { sessionId: session.id, callId: 103, answers: { greeting: 'yes' }, comment: 'saved mid-export' })
    const second = chunks.next().value as { item: { callId: number; review: { comment: string } } }[]
    expect(second.map((i) => [i.item.callId, i.item.review.comment])).toEqual([[103, 'saved mid-export']])
    expect(chunks.next().done).toBe(true)
    // The export itself goes through the plan and writes every row.
    const path = join(dir, 'planned.csv')
    const result = await writeExport(store.exportPlan(ME, {}), { ...options, format: 'csv', path })
    expect(result.rows).toBe(3)
    expect(parseCsv(path).rows.map((r) => r.call_id)).toEqual(['101', '102', '103'])
  })

  it('fails with not_found when a named session does not exist', () => {
    const { store } = setup()
    expect(() => store.exportItems(ME, { sessionIds: ['missing'] })).toThrow(/no longer exists/)
  })
})

describe('JSON export', () => {
  it('writes the same rows with ISO 8601 local times with offset, E.164 numbers and structured notes', async () => {
    const { dir, store, session, options } = setup()
    const path = join(dir, 'session.json')
    const result = await writeExport(store.exportItems(ME, { sessionIds: [session.id] }), { ...options, format: 'json', path })
    expect(result.rows).toBe(3)
    const doc = JSON.parse(readFileSync(path, 'utf8'))
    expect(doc).toMatchObject({ exportedAt: '2026-03-01T10:00:00-07:00', reviewer: ME, timeZone: ZONE })
    expect(doc.sessions).toEqual([
      expect.objectContaining({ id: session.id, name: 'Monday calls', templateId: DEFAULT_TEMPLATE_ID, templateVersion: 1 })
    ])
    expect(doc.rows[0]).toMatchObject({
      callId: 101,
      started: '2026-02-14T11:20:12-07:00',
      caller: '+18015551234',
      trackingNumber: '+18015557654',
      durationSeconds: 182,
      disposition: 'Answered',
      scorePercent: Math.round((5.5 / 6) * 1000) / 10,
      sectionScores: [{ sectionId: 'all', label: 'All criteria', scorePercent: Math.round((5.5 / 6) * 1000) / 10, autoFailed: false }],
      criticalFailures: [],
      reviewed: true,
      reviewer: ME,
      reviewedAt: '2026-03-01T10:00:00-07:00',
      flaggedForFollowUp: false,
      comment: 'Good call, "textbook", really',
      notes: [
        { seconds: 83.2, time: '01:23', text: 'Greeting\nskipped name' },
        { seconds: 125.7, time: '02:05', text: 'Quoted price' }
      ]
    })
    expect(doc.rows[0].answers).toContainEqual({ criterionId: 'politeness', label: 'Politeness and tone', answer: 4 })
    expect(doc.rows[0].answers).toContainEqual({ criterionId: 'hold-etiquette', label: 'Hold etiquette', answer: null })
    // Summer time in Denver is UTC−6.
    expect(doc.rows[1]).toMatchObject({ started: '2026-07-04T09:00:00-06:00', caller: '+442079460958', flaggedForFollowUp: true })
    expect(doc.rows[2]).toMatchObject({ callId: 103, started: null, caller: null, scorePercent: null, reviewer: null, reviewedAt: null })
  })
})

describe('export formatting', () => {
  it('writes local date-times for spreadsheets and with the offset for programs', () => {
    expect(toLocalDateTime('2026-02-14T18:20:12.000Z', 'America/Denver')).toEqual({ text: '2026-02-14 11:20:12', iso: '2026-02-14T11:20:12-07:00' })
    expect(toLocalDateTime('2026-02-14T00:00:00Z', 'UTC')).toEqual({ text: '2026-02-14 00:00:00', iso: '2026-02-14T00:00:00+00:00' })
    expect(toLocalDateTime('2026-02-14T18:20:12Z', 'Asia/Kolkata')?.iso).toBe('2026-02-14T23:50:12+05:30')
    expect(toLocalDateTime('not a date', 'UTC')).toBeNull()
    expect(toLocalDateTime(null, 'UTC')).toBeNull()
  })

  it('gives the offset in force at each instant across DST changes and half-hour zones, every five minutes', () => {
    // The offset cache takes a UTC day's offset from its start and end: check days with a change.
    const formats = new Map<string, Intl.DateTimeFormat>()
    const intl = (ms: number, zone: string): string =>
      (formats.get(zone) ?? formats.set(zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, timeZoneName: 'longOffset' })).get(zone))!
        .formatToParts(new Date(ms))
        .find((p) => p.type === 'timeZoneName')
        ?.value.replace(/^GMT/, '') || '+00:00'
    const days: [string, string][] = [
      ['America/Denver', '2026-03-08'],
      ['America/Denver', '2026-11-01'],
      ['Australia/Lord_Howe', '2026-04-04'],
      ['Pacific/Chatham', '2026-09-26'],
      ['Europe/London', '2026-03-29']
    ]
    for (const [zone, day] of days) {
      const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000
      const seen = new Set<string>()
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 5 * 60_000) {
        const iso = toLocalDateTime(new Date(ms), zone)?.iso ?? ''
        seen.add(iso.slice(19))
        expect(iso.slice(19), `${zone} at ${new Date(ms).toISOString()}`).toBe(intl(ms, zone))
      }
      // The window really holds a change, or the check proves nothing.
      expect(seen.size, zone).toBe(2)
    }
  })

  it('writes a CSV line exactly as papaparse would, formula guard and quoting included', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', '\uFEFF', '\uFF1D', "'", 'é', '1') }),
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null)
    )
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (values) => {
        const papa = Papa.unparse(
          { fields: values.map((_, n) => `c${n}`), data: [values] },
          { escapeFormulae: FORMULA_START, newline: '\r\n', header: false }
        )
        expect(csvLine(values)).toBe(papa)
      }),
      { numRuns: 2000 }
    )
  })

  it('gives both forms of a number from one parse, the same as the JSON form then the spreadsheet form', () => {
    const raws = [
      '18015551234',
      '+18015551234',
      '8015551234',
      ' 18015551234',
      '16045551234',
      '442079460958',
      '+442079460958',
      '0000000000',
      '00447911123456',
      '0123',
      '911',
      '8015551234567890',
      'anonymous',
      '+1 (801) 555-1234',
      '12345678901'
    ]
    for (const raw of raws) {
      expect(phoneForms(raw), raw).toEqual({ json: phoneForJson(raw), sheet: phoneForSpreadsheet(phoneForJson(raw)) })
    }
    for (let n = 0; n < 2000; n += 1) {
      const raw = `1${String(2_000_000_000 + n * 3_999_971).slice(0, 10)}`
      expect(phoneForms(raw), raw).toEqual({ json: phoneForJson(raw), sheet: phoneForSpreadsheet(phoneForJson(raw)) })
    }
    expect(phoneForms(null)).toEqual({ json: null, sheet: '' })
  })

  it('writes values that are no phone number as digit groups a spreadsheet keeps as text', () => {
    expect(phoneForSpreadsheet('0000000000')).toBe('0000 0000 00')
    expect(phoneForSpreadsheet('00447911123456')).toBe('0044 7911 1234 56')
    expect(phoneForSpreadsheet('0123456789')).toBe('0123 4567 89')
    expect(phoneForSpreadsheet('8015551234567890')).toBe('8015 5512 3456 7890')
    expect(phoneForSpreadsheet('0123')).toBe('01 23')
    expect(phoneForSpreadsheet('012')).toBe('0 12')
    // Nothing to lose: a short code stays as it is.
    expect(phoneForSpreadsheet('911')).toBe('911')
    // Numbers that parse keep today's forms.
    expect(phoneForSpreadsheet('18015551234')).toBe('(801) 555-1234')
    expect(phoneForSpreadsheet('+18015551234')).toBe('(801) 555-1234')
    expect(phoneForSpreadsheet('+442079460958')).toBe('+44 20 7946 0958')
    expect(phoneForSpreadsheet(null)).toBe('')
    // No group could be read as a number with a thousands separator (a group of three after the first).
    for (const raw of ['0000000000', '00447911123456', '0123456789', '8015551234567890', '123456', '1234567']) {
      expect(phoneForSpreadsheet(raw)).not.toMatch(/^\d{1,3}( \d{3})+$/)
      expect(phoneForSpreadsheet(raw).replace(/ /g, '')).toBe(raw)
    }
  })

  it('keeps unparsable numbers as digit groups in the CSV file itself', async () => {
    const { dir, store, options } = setup()
    const odd: Record<number, CallFacts> = {
      101: { ...(FACTS[101] as CallFacts), callerId: '0000000000', trackingNumber: '00447911123456' },
      102: { ...(FACTS[102] as CallFacts), callerId: '8015551234567890', trackingNumber: '0123456789' }
    }
    const path = join(dir, 'odd.csv')
    await writeExport(store.exportItems(ME, { callIds: [101, 102] }), { ...options, getCallFacts: (id) => odd[id] ?? null, format: 'csv', path })
    const { rows } = parseCsv(path)
    expect(rows.map((r) => [r.caller, r.tracking_number])).toEqual([
      ['0000 0000 00', '0044 7911 1234 56'],
      ['8015 5512 3456 7890', '0123 4567 89']
    ])
  })

  it('takes the facts of a call record, with phone_number as the tracking number', () => {
    const record = CallRecordSchema.parse({
      call_id: 5,
      call_started: '2026-02-14T18:20:12.000Z',
      caller_id: '18015551234',
      phone_number: '18015557654',
      campaign_name: 'Roofing Q1',
      disposition: 'ANSWERED',
      duration: 182,
      ai_caller_identity: 'Jane Smith',
      group_name: 'West',
      call_detail: { ring_to_name: 'Front desk' },
      indicators: [{ indicator_id: 1, agent: 'ann@example.com' }]
    })
    expect(callFactsFromRecord(record)).toEqual({
      startedAt: '2026-02-14T18:20:12.000Z',
      callerId: '18015551234',
      callerIdentity: 'Jane Smith',
      trackingNumber: '18015557654',
      campaign: 'Roofing Q1',
      disposition: 'ANSWERED',
      durationSeconds: 182,
      agent: 'ann@example.com',
      group: 'West',
      hasRecording: false
    })
  })
})
