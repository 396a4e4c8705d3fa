/**
 * The printable QA report (services/qa/report.ts): one HTML page per set of sessions, read back
 * with an HTML parser (cheerio, parse5 underneath) as a browser would read it. The sessions are
 * real: a template with sections, a required and a critical criterion, scored in a real SQLite
 * QaRepository, summarised with the same summariseReviews the app shows.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as cheerio from 'cheerio'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { queueCallOf, type CallFacts } from '@main/services/qa/export'
import { QaRepository } from '@main/services/qa/qa-repository'
import { escapeHtml, formatActiveTime, renderReport, type ReportSession } from '@main/services/qa/report'
import type { SessionDetail } from '@shared/qa/schemas'
import { summariseReviews, summaryInputOf } from '@shared/qa/summary'

const ME = 'qa@example.com'
const ZONE = 'America/Denver'
/** 17:00 UTC is 10:00 in Denver (MST, UTC−07:00) that day. */
const SCORED_AT = new Date('2026-03-01T17:00:00Z')
const NOW = new Date('2026-03-01T17:15:00Z')
const HOSTILE_NAME = 'Week 10 <script>alert("name")</script>'
const HOSTILE_COMMENT = '<img src=x onerror=alert(1)> & "quoted"'
const HOSTILE_NOTE = '</li><script>alert(2)</script>'
const HOSTILE_AGENT = 'Ann <script>alert(3)</script>'

const stores: QaRepository[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
})

function facts(callId: number): CallFacts {
  return {
    startedAt: '2026-02-14T18:20:12.000Z',
    callerId: '18015551234',
    callerIdentity: callId === 101 ? 'Jo <b>bold</b>' : null,
    trackingNumber: '18015557654',
    campaign: callId === 101 ? 'Roofing & "Gutters"' : 'Windows',
    disposition: 'ANSWERED',
    durationSeconds: 182,
    agent: callId === 101 ? HOSTILE_AGENT : 'Bob',
    group: null,
    hasRecording: true
  }
}

/**
 * One session over calls 101–104 of a template with sections Opening (weight 1) and Compliance
 * (weight 2); Greeting is required, Disclosure critical:
 *   101 reviewed, Disclosure No → auto-fail, score 0 (Opening 100, Compliance 50), flagged, 95 s;
 *   102 reviewed, all passed, Tone 4 → Opening 100, Compliance 87.5, call (100 + 2 × 87.5) / 3 = 91.7, 65 s;
 *   103 Greeting only, not reviewed → incomplete, 30 s (not counted);
 *   104 untouched → not started.
 */
function scoredSession(name = HOSTILE_NAME): ReportSession {
  const store = new QaRepository(mkdtempSync(join(tmpdir(), 'qa-report-')), () => SCORED_AT)
  stores.push(store)
  const template = store.saveTemplate(
    {
      name: 'Compliance card',
      sections: [
        { id: 'opening', label: 'Opening', weight: 1 },
        { id: 'compliance', label: 'Compliance', weight: 2 }
      ],
      criteria: [
        { label: 'Greeting', weight: 1, type: 'yes_no', sectionId: 'opening', required: true },
        { label: 'Disclosure', weight: 1, type: 'yes_no', sectionId: 'compliance', critical: true },
        { label: 'Tone', weight: 1, type: 'scale_1_5', sectionId: 'compliance' }
      ]
    },
    ME
  )
  const created = store.createSession(ME, { name, templateId: template.id, callIds: [101, 102, 103, 104] })
  const sessionId = created.id
  store.saveReview(ME, {
    sessionId,
    callId: 101,
    answers: { greeting: 'yes', disclosure: 'no', tone: 5 },
    comment: HOSTILE_COMMENT,
    flaggedForFollowUp: true,
    addActiveSeconds: 95,
    reviewed: true
  })
  store.addNote(ME, { sessionId, callId: 101, seconds: 72.4, text: HOSTILE_NOTE })
  store.saveReview(ME, { sessionId, callId: 102, answers: { greeting: 'yes', disclosure: 'yes', tone: 4 }, addActiveSeconds: 65, reviewed: true })
  store.saveReview(ME, { sessionId, callId: 103, answers: { greeting: 'yes' }, addActiveSeconds: 30 })
  const stored = store.getSession(ME, sessionId)
  const session: SessionDetail = { ...stored, items: stored.items.map((item) => ({ ...item, call: queueCallOf(facts(item.callId)) })) }
  return { session, summary: summariseReviews(session.template, session.total, session.items.map(summaryInputOf)) }
}

const OPTIONS = { timeZone: ZONE, now: NOW, preparedBy: ME }

/** A table's body as text cells, one array a row (the row header first). */
function tableRows($: cheerio.CheerioAPI, caption: string): string[][] {
  const table = $('table').filter((_, t) => $(t).children('caption').text() === caption)
  expect(table).toHaveLength(1)
  return table
    .find('tbody tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .children('th, td')
        .toArray()
        .map((cell) => $(cell).text())
    )
}

describe('renderReport', () => {
  it('states the session’s summary figures, counting only reviewed calls', () => {
    const $ = cheerio.load(renderReport([scoredSession()], OPTIONS))
    const figures = Object.fromEntries(
      $('dl.figures > div')
        .toArray()
        .map((d) => [$(d).children('dt').text(), $(d).children('dd').text()])
    )
    expect(figures).toEqual({
      Reviewed: '2 / 4',
      'Incomplete (not counted)': '1',
      'Not started': '1',
      'Average score': '45.8 %',
      'Critical failures': '1',
      'Flagged for follow-up': '1',
      // 95 + 65 s of the reviewed calls; the incomplete call's 30 s are not counted.
      'Active review time': '2 min 40 s',
      'Average per reviewed call': '1 min 20 s'
    })
    expect($('.session .meta').text()).toBe(
      'Template Compliance card v1 · session by qa@example.com · reviewed by qa@example.com · started 2026-03-01 10:00 · last worked on 2026-03-01 10:00'
    )
  })

  it('says how many reviewed calls have no score, so the average adds up', () => {
    const { session } = scoredSession()
    // Call 104 marked reviewed with nothing answered: reviewed, but no score to average.
    const items = session.items.map((item) =>
      item.callId === 104 ? { ...item, review: { ...item.review, reviewed: true, updatedAt: SCORED_AT.toISOString() } } : item
    )
    const summary = summariseReviews(session.template, session.total, items.map(summaryInputOf))
    const $ = cheerio.load(renderReport([{ session: { ...session, items }, summary }], OPTIONS))
    const figure = (name: string): string =>
      $('dl.figures > div')
        .filter((_, d) => $(d).children('dt').text() === name)
        .children('dd')
        .text()
    expect(figure('Reviewed')).toBe('3 / 4')
    expect(figure('Average score')).toBe('45.8 %')
    expect(figure('Reviewed without a score (not in the average)')).toBe('1')
  })

  it('gives each section’s weight, average and auto-fails, and each criterion’s results with its critical and required tags', () => {
    const $ = cheerio.load(renderReport([scoredSession()], OPTIONS))
    expect(tableRows($, 'Sections')).toEqual([
      ['Opening', '1', '100.0 %', '0'],
      ['Compliance', '2', '68.8 %', '1']
    ])
    expect(tableRows($, 'Criteria')).toEqual([
      ['Greeting (required)', '100 %', '—', '2', '0', '0', '—'],
      ['Disclosure (critical)', '50 %', '—', '2', '0', '0', '1'],
      ['Tone', '—', '4.5', '2', '0', '0', '—']
    ])
    expect(tableRows($, 'By agent')).toEqual([
      [HOSTILE_AGENT, '1', '0.0 %', '1'],
      ['Bob', '1', '91.7 %', '0']
    ])
  })

  it('lists every call with its state, score, section scores, critical failures, reviewer and reviewed-at in the zone', () => {
    const $ = cheerio.load(renderReport([scoredSession()], OPTIONS))
    const calls = tableRows($, 'Calls')
    const byId = (id: number): string[] => calls.find((row) => row[0]?.startsWith(`#${id}`)) ?? []
    // Call facts: started in Denver time, the phone number formatted, the disposition as people read it.
    expect(byId(101)[0]).toBe('#101' + '2026-02-14 11:20 · (801) 555-1234 · Jo <b>bold</b> · Answered · 03:02')
    expect(byId(101).slice(1)).toEqual([
      `${HOSTILE_AGENT}Roofing & "Gutters"`,
      'ReviewedFlagged',
      '0.0 %',
      'Opening 100.0 %Compliance 50.0 % (auto-fail)',
      'Disclosure',
      'Greeting: yesDisclosure: noTone: 5',
      `${ME}2026-03-01 10:00`,
      '1 min 35 s'
    ])
    expect(byId(102).slice(2, 6)).toEqual(['Reviewed', '91.7 %', 'Opening 100.0 %Compliance 87.5 %', '—'])
    expect(byId(103).slice(2, 4)).toEqual(['Incomplete', '100.0 % (not counted)'])
    expect(byId(103)[7]).toBe('——')
    // A call not started has no score to leave out: a dash, not "— (not counted)".
    expect(byId(104).slice(2, 4)).toEqual(['Not started', '—'])
    // The auto-failed call is marked so in print, not by colour alone: its failure is named.
    const failed = $('table.calls tbody tr').filter((_, tr) => $(tr).children('th').text().startsWith('#101'))
    expect(failed.attr('class')).toBe('fail-row')
  })

  it('draws the distribution and section charts as inline SVG whose accessible names say every value', () => {
    const $ = cheerio.load(renderReport([scoredSession()], OPTIONS))
    const charts = $('.charts figure')
    expect(charts).toHaveLength(2)
    const distribution = charts.eq(0).children('svg')
    expect(distribution.attr('role')).toBe('img')
    expect(distribution.attr('aria-label')).toBe(
      'Score distribution: 0–9 %: 1; 10–19 %: 0; 20–29 %: 0; 30–39 %: 0; 40–49 %: 0; 50–59 %: 0; 60–69 %: 0; 70–79 %: 0; 80–89 %: 0; 90–100 %: 1'
    )
    const heights = distribution
      .find('rect.bar')
      .toArray()
      .map((r) => Number($(r).attr('height')))
    expect(heights).toHaveLength(10)
    expect(heights[0]).toBeGreaterThan(0)
    expect(heights[9]).toBe(heights[0])
    expect(heights.slice(1, 9)).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
    // Each bar also carries its own title (a tooltip on screen).
    expect(distribution.find('rect.bar title').first().text()).toBe('0–9 %: 1')
    expect(charts.eq(0).children('figcaption').text()).toBe('Score distribution of 2 scored calls')
    const sections = charts.eq(1).children('svg')
    expect(sections.attr('role')).toBe('img')
    expect(sections.attr('aria-label')).toBe('Average score by section: Opening: 100.0 %; Compliance: 68.8 %')
    const widths = sections
      .find('rect.bar')
      .toArray()
      .map((r) => Number($(r).attr('width')))
    // Bars in proportion to the averages: 68.75 % of the full one.
    expect(widths[1]).toBe(Math.round((widths[0] as number) * 0.6875))
  })

  it('escapes everything a server or a person typed, so none of it becomes markup', () => {
    const html = renderReport([scoredSession()], { ...OPTIONS, preparedBy: 'lead <script>x()</script>@example.com' })
    const $ = cheerio.load(html)
    expect($('script')).toHaveLength(0)
    expect($('img, b')).toHaveLength(0)
    expect($('*').filter((_, el) => 'attribs' in el && Object.keys(el.attribs).some((a) => a.startsWith('on')))).toHaveLength(0)
    // …and all of it is still there, as text.
    expect($('head > title').text()).toBe(`QA report: ${HOSTILE_NAME}`)
    expect($('h1').text()).toBe(`QA report: ${HOSTILE_NAME}`)
    expect($('section.session').attr('aria-label')).toBe(HOSTILE_NAME)
    expect($('section.session h2').text()).toBe(HOSTILE_NAME)
    expect($('header p').first().text()).toBe(
      `Prepared by lead <script>x()</script>@example.com on 2026-03-01 10:15 (${ZONE}). All dates and times are in ${ZONE}.`
    )
    const notes = $('ul.notes > li')
    expect(notes).toHaveLength(1)
    expect(notes.find('.comment').text()).toBe(HOSTILE_COMMENT)
    expect(notes.find('ul li').text()).toBe(`01:12 ${HOSTILE_NOTE}`)
    expect(notes.find('.tag').text()).toBe('flagged for follow-up')
  })

  it('keeps any name as text, whatever characters it holds', () => {
    const base = scoredSession('Plain')
    const pieces = fc.constantFrom('<', '>', '&', '"', "'", '/', '=', ' ', 'script', 'img', 'onerror', '&amp;', '<!--', ']]>', 'a', 'é')
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 12 }), (parts) => {
        const name = `x${parts.join('')}`
        const session = { ...base.session, name }
        const $ = cheerio.load(renderReport([{ ...base, session }], OPTIONS))
        expect($('section.session h2').text()).toBe(name)
        expect($('section.session').attr('aria-label')).toBe(name)
        expect($('script, img')).toHaveLength(0)
      }),
      { numRuns: 200 }
    )
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })

  it('puts several sessions side by side in an overview, in the order given, and says when the data is the demo’s', () => {
    const first = scoredSession('Week 9')
    const second = scoredSession('Week 10')
    const $ = cheerio.load(renderReport([second, first], { ...OPTIONS, demo: true }))
    expect($('h1').text()).toBe('QA report: 2 sessions')
    const overview = $('section.overview tbody tr')
      .toArray()
      .map((tr) =>
        $(tr)
          .children()
          .toArray()
          .map((c) => $(c).text())
      )
    expect(overview).toEqual([
      ['Week 10', '2 / 4', '1', '45.8 %', '1', '1'],
      ['Week 9', '2 / 4', '1', '45.8 %', '1', '1']
    ])
    expect(
      $('section.session h2')
        .toArray()
        .map((h) => $(h).text())
    ).toEqual(['Week 10', 'Week 9'])
    expect($('.demo').text()).toContain('Demo data')
    expect(cheerio.load(renderReport([first], OPTIONS))('.demo')).toHaveLength(0)
  })

  it('refuses to make a report of no session', () => {
    expect(() => renderReport([], OPTIONS)).toThrow('A report needs at least one session.')
  })
})

describe('formatActiveTime', () => {
  it('writes seconds as people read a duration', () => {
    expect([0, 45, 45.6, 60, 245, 3600, 3725, -5, Number.NaN].map(formatActiveTime)).toEqual([
      '0 s',
      '45 s',
      '46 s',
      '1 min 00 s',
      '4 min 05 s',
      '1 h 00 min',
      '1 h 02 min',
      '0 s',
      '0 s'
    ])
  })
})
