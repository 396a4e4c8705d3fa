/**
 * The printable report of one or more QA sessions, for a QA lead who sends results by email:
 * one self-contained HTML page (no script, no outside file, inline SVG charts) that reads on
 * screen and prints on A4 or Letter, and that Chromium turns into the PDF (main's printToPdf
 * seam: Electron's webContents.printToPDF in the app). Pure: the same input gives the same page,
 * so it is tested in Node without a browser.
 *
 * Per session: who reviewed and when, the summary figures (reviewed, incomplete, not started,
 * average, critical failures, active time), the score distribution and section charts, results
 * per section, criterion, agent and campaign, then every call with its score, section scores,
 * critical failures, answers, reviewer, reviewed-at, active time, comment and notes with their times.
 */
import { formatAnswer, formatDisposition, formatPlaybackTime, formatProgress, formatScore } from '@shared/qa/format'
import type { QueueItem, SessionDetail, SessionSummary } from '@shared/qa/schemas'
import { formatPhoneNumber } from '@shared/phone'
import { toLocalDateTime } from './export-format'

export interface ReportSession {
  /** The session with each call's facts filled in (qa:getSession's answer). */
  session: SessionDetail
  /** summariseReviews of it: the numbers the app's summary shows. */
  summary: SessionSummary
}

export interface ReportOptions {
  /** IANA zone the dates are written in (named in the report). */
  timeZone: string
  /** When the report was made. */
  now: Date
  /** Who made it (the signed-in user). */
  preparedBy: string
  /** The demo account's sessions: the report says it is demo data. */
  demo?: boolean
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text as HTML text or attribute value: nothing a reviewer typed can become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string)
}

const e = escapeHtml

/** "1 h 02 min", "4 min 05 s", "45 s": active review time as people read it. */
export function formatActiveTime(seconds: number): string {
  const whole = Math.max(0, Math.round(Number.isFinite(seconds) ? seconds : 0))
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`
  return `${s} s`
}

function when(iso: string | null | undefined, timeZone: string): string {
  return toLocalDateTime(iso, timeZone)?.text.slice(0, 16) ?? '—'
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`
}

/** The whole report: one HTML document. */
export function renderReport(sessions: readonly ReportSession[], options: ReportOptions): string {
  if (sessions.length === 0) throw new Error('A report needs at least one session.')
  const title = sessions.length === 1 ? `QA report: ${(sessions[0] as ReportSession).session.name}` : `QA report: ${sessions.length} sessions`
  const made = toLocalDateTime(options.now, options.timeZone)?.text.slice(0, 16) ?? options.now.toISOString()
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${e(title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="report-head"><h1>${e(title)}</h1>`,
    `<p>Prepared by ${e(options.preparedBy)} on ${e(made)} (${e(options.timeZone)}). All dates and times are in ${e(options.timeZone)}.</p>`,
    options.demo ? '<p class="demo"><strong>Demo data:</strong> these sessions score the demo account’s invented calls.</p>' : '',
    '<p class="formula">Scores are weighted percentages (README “Scoring”); only calls marked reviewed count. A failed critical criterion scores the call (or its section) 0.</p>',
    '</header>',
    sessions.length > 1 ? overview(sessions) : '',
    ...sessions.map((s) => sessionSection(s, options)),
    '</body>',
    '</html>',
    ''
  ].join('\n')
}

function overview(sessions: readonly ReportSession[]): string {
  const rows = sessions.map(
    ({ session, summary }) =>
      `<tr><th scope="row">${e(session.name)}</th><td>${formatProgress(summary.reviewed, summary.total)}</td><td>${summary.incomplete}</td><td>${formatScore(summary.averageScore)}</td><td>${summary.criticalFailures}</td><td>${summary.flagged}</td></tr>`
  )
  return `<section class="overview"><h2>Sessions</h2><table><thead><tr><th scope="col">Session</th><th scope="col">Reviewed</th><th scope="col">Incomplete</th><th scope="col">Average score</th><th scope="col">Critical failures</th><th scope="col">Flagged</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
}

function sessionSection({ session, summary }: ReportSession, options: ReportOptions): string {
  const tz = options.timeZone
  const activeSeconds = session.items.reduce((sum, i) => sum + (i.review.reviewed ? i.review.activeSeconds : 0), 0)
  const reviewers = [...new Set(session.items.map((i) => i.review.reviewer).filter((r): r is string => Boolean(r)))]
  const figures: [string, string][] = [
    ['Reviewed', formatProgress(summary.reviewed, summary.total)],
    ['Incomplete (not counted)', String(summary.incomplete)],
    ['Not started', String(summary.notStarted)],
    ['Average score', formatScore(summary.averageScore)],
    // Marked reviewed with no answer that scores: said, so the average's count adds up.
    ...(summary.reviewed > summary.scored
      ? [['Reviewed without a score (not in the average)', String(summary.reviewed - summary.scored)] as [string, string]]
      : []),
    ['Critical failures', String(summary.criticalFailures)],
    ['Flagged for follow-up', String(summary.flagged)],
    ['Active review time', formatActiveTime(activeSeconds)],
    ['Average per reviewed call', summary.reviewed ? formatActiveTime(activeSeconds / summary.reviewed) : '—']
  ]
  return [
    `<section class="session" aria-label="${e(session.name)}">`,
    `<h2>${e(session.name)}</h2>`,
    `<p class="meta">Template ${e(session.template.name)} v${session.template.version} · session by ${e(session.reviewer)} · reviewed by ${e(reviewers.join(', ') || '—')} · started ${e(when(session.createdAt, tz))} · last worked on ${e(when(session.updatedAt, tz))}</p>`,
    `<dl class="figures">${figures.map(([k, v]) => `<div><dt>${e(k)}</dt><dd>${e(v)}</dd></div>`).join('')}</dl>`,
    '<div class="charts">',
    distributionChart(summary),
    sectionChart(summary),
    '</div>',
    sectionsTable(summary),
    criteriaTable(summary),
    groupTable('By agent', 'Agent', summary.byAgent),
    groupTable('By campaign', 'Campaign', summary.byCampaign),
    callsTable(session, tz),
    notesList(session),
    '</section>'
  ].join('\n')
}

/** Bars of reviewed calls by score band, as inline SVG with a text alternative. */
function distributionChart(summary: SessionSummary): string {
  const max = Math.max(1, ...summary.distribution)
  const width = 360
  const height = 160
  const bar = width / 10
  const plot = height - 30
  const bars = summary.distribution.map((count, band) => {
    const h = Math.round((count / max) * (plot - 14))
    const x = band * bar + 3
    const y = plot - h
    return `<rect x="${x}" y="${y}" width="${bar - 6}" height="${h}" class="bar"><title>${band * 10}–${band === 9 ? 100 : band * 10 + 9} %: ${count}</title></rect><text x="${x + (bar - 6) / 2}" y="${y - 3}" text-anchor="middle" class="count">${count || ''}</text><text x="${x + (bar - 6) / 2}" y="${height - 14}" text-anchor="middle" class="axis">${band * 10}</text>`
  })
  const described = summary.distribution.map((count, band) => `${band * 10}–${band === 9 ? 100 : band * 10 + 9} %: ${count}`).join('; ')
  return `<figure><svg role="img" aria-label="Score distribution: ${e(described)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars.join('')}<line x1="0" y1="${plot}" x2="${width}" y2="${plot}" class="base"/><text x="${width / 2}" y="${height - 1}" text-anchor="middle" class="axis">score band (%)</text></svg><figcaption>Score distribution of ${summary.scored} scored calls</figcaption></figure>`
}

/** Horizontal bars of each section's average score, 0–100 %. */
function sectionChart(summary: SessionSummary): string {
  if (summary.sections.length === 0) return ''
  const row = 24
  const label = 130
  const width = 360
  const height = summary.sections.length * row + 6
  const bars = summary.sections.map((s, n) => {
    const y = n * row + 3
    const w = s.averageScore === null ? 0 : Math.round(((width - label - 50) * s.averageScore) / 100)
    return `<text x="${label - 6}" y="${y + 15}" text-anchor="end" class="axis">${e(s.label.length > 20 ? `${s.label.slice(0, 19)}…` : s.label)}</text><rect x="${label}" y="${y + 3}" width="${w}" height="${row - 8}" class="bar"/><text x="${label + w + 4}" y="${y + 15}" class="count">${formatScore(s.averageScore)}</text>`
  })
  const described = summary.sections.map((s) => `${s.label}: ${formatScore(s.averageScore)}`).join('; ')
  return `<figure><svg role="img" aria-label="Average score by section: ${e(described)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars.join('')}</svg><figcaption>Average score by section</figcaption></figure>`
}

function table(caption: string, head: readonly string[], rows: readonly string[], className = ''): string {
  return `<table${className ? ` class="${className}"` : ''}><caption>${e(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function sectionsTable(summary: SessionSummary): string {
  return table(
    'Sections',
    ['Section', 'Weight', 'Average score', 'Auto-failed calls'],
    summary.sections.map(
      (s) => `<tr><th scope="row">${e(s.label)}</th><td>${s.weight}</td><td>${formatScore(s.averageScore)}</td><td>${s.autoFailed}</td></tr>`
    )
  )
}

function criteriaTable(summary: SessionSummary): string {
  return table(
    'Criteria',
    ['Criterion', 'Pass rate', 'Average rating', 'Answered', 'N/A', 'Blank', 'Critical failures'],
    summary.criteria.map((c) => {
      const tags = [c.critical ? 'critical' : '', c.required ? 'required' : ''].filter(Boolean).join(', ')
      return `<tr><th scope="row">${e(c.label)}${tags ? ` <span class="tag">(${tags})</span>` : ''}</th><td>${percent(c.yesRate)}</td><td>${c.average === null ? '—' : c.average.toFixed(1)}</td><td>${c.answered}</td><td>${c.na}</td><td>${c.unanswered}</td><td${c.criticalFailures ? ' class="fail"' : ''}>${c.critical ? c.criticalFailures : '—'}</td></tr>`
    })
  )
}

function groupTable(caption: string, what: string, groups: SessionSummary['byAgent']): string {
  if (groups.length === 0) return ''
  return table(
    caption,
    [what, 'Reviewed', 'Average score', 'Critical failures'],
    groups.map(
      (g) => `<tr><th scope="row">${e(g.name)}</th><td>${g.reviewed}</td><td>${formatScore(g.averageScore)}</td><td>${g.criticalFailures}</td></tr>`
    )
  )
}

function state(item: QueueItem): string {
  if (item.review.reviewed) return 'Reviewed'
  if (item.review.updatedAt !== null) return 'Incomplete'
  return 'Not started'
}

/** Every call of the session, its result and each criterion's answer. */
function callsTable(session: SessionDetail, timeZone: string): string {
  const criteria = session.template.criteria
  const label = (id: string): string => criteria.find((c) => c.id === id)?.label ?? id
  const rows = session.items.map((item) => {
    const r = item.review
    const call = item.call
    const counted = r.reviewed
    const sections = r.sectionScores.map((s) => `${e(s.label)} ${formatScore(s.score)}${s.autoFailed ? ' (auto-fail)' : ''}`).join('<br>')
    const answers = criteria.map((c) => `${e(c.label)}: ${e(formatAnswer(r.answers[c.id]) || '—')}`).join('<br>')
    const facts = [
      call?.started ? when(call.started, timeZone) : '',
      call?.callerId ? formatPhoneNumber(call.callerId) : '',
      call?.callerName ?? '',
      call?.disposition ? formatDisposition(call.disposition) : '',
      call?.durationSeconds != null ? formatPlaybackTime(call.durationSeconds) : ''
    ].filter(Boolean)
    return `<tr class="${r.criticalFailures.length ? 'fail-row' : ''}"><th scope="row">#${item.callId}<br><span class="small">${e(facts.join(' · '))}</span></th><td>${e(call?.agent ?? '—')}<br><span class="small">${e(call?.campaign ?? '')}</span></td><td>${state(item)}${r.flaggedForFollowUp ? '<br><strong>Flagged</strong>' : ''}</td><td>${counted || r.score === null ? formatScore(r.score) : `<span class="small">${formatScore(r.score)} (not counted)</span>`}</td><td class="small">${sections}</td><td${r.criticalFailures.length ? ' class="fail"' : ''}>${e(r.criticalFailures.map(label).join(', ') || '—')}</td><td class="small">${answers}</td><td>${e(r.reviewer ?? '—')}<br><span class="small">${e(when(r.reviewedAt, timeZone))}</span></td><td>${formatActiveTime(r.activeSeconds)}</td></tr>`
  })
  return table(
    'Calls',
    ['Call', 'Agent / campaign', 'State', 'Score', 'Sections', 'Critical failures', 'Answers', 'Reviewer / reviewed at', 'Active time'],
    rows,
    'calls'
  )
}

/** Comments and notes with their times in the recording, flagged calls first. */
function notesList(session: SessionDetail): string {
  const withNotes = session.items
    .filter((i) => i.notes.length > 0 || i.review.comment.trim() !== '')
    .sort((a, b) => Number(b.review.flaggedForFollowUp) - Number(a.review.flaggedForFollowUp))
  if (withNotes.length === 0) return '<h3>Notes</h3><p>No comments or notes.</p>'
  const entries = withNotes.map((item) => {
    const notes = item.notes.map((n) => `<li><span class="time">${formatPlaybackTime(n.seconds)}</span> ${e(n.text)}</li>`).join('')
    const comment = item.review.comment.trim() ? `<p class="comment">${e(item.review.comment)}</p>` : ''
    return `<li><strong>#${item.callId}</strong>${item.review.flaggedForFollowUp ? ' <span class="tag">flagged for follow-up</span>' : ''}${comment}${notes ? `<ul>${notes}</ul>` : ''}</li>`
  })
  return `<h3>Comments and notes</h3><ul class="notes">${entries.join('')}</ul>`
}

/** Print-first styles: black on white, tables that break between rows, each session on a new page; the team dashboard report shares them. */
export const REPORT_STYLE = `
@page { size: auto; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff; margin: 0 auto; max-width: 1100px; padding: 16px; }
h1 { font-size: 18pt; margin: 0 0 4px; }
h2 { font-size: 14pt; margin: 18px 0 4px; border-bottom: 2px solid #333; }
h3 { font-size: 11.5pt; margin: 14px 0 4px; }
p { margin: 2px 0; }
.meta, .formula, .small { color: #444; font-size: 9pt; }
.demo { border: 1px solid #a60; padding: 4px 8px; }
.session { break-before: page; }
.session:first-of-type, .overview + .session { break-before: auto; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; margin: 8px 0; }
.figures div { border: 1px solid #bbb; border-radius: 4px; padding: 4px 8px; }
.figures dt { font-size: 8.5pt; color: #444; }
.figures dd { margin: 0; font-size: 13pt; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; break-inside: avoid; }
figure { margin: 4px 0; break-inside: avoid; }
figcaption { font-size: 9pt; color: #444; }
svg .bar { fill: #2f5f9e; }
svg .count, svg .axis { font-size: 10px; fill: #222; }
svg .base { stroke: #555; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 9.5pt; }
caption { text-align: left; font-weight: 600; font-size: 11pt; padding: 4px 0; }
th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
thead th { background: #eee; }
tr { break-inside: avoid; }
.fail { color: #a00; font-weight: 600; }
.fail-row th { border-left: 3px solid #a00; }
.tag { font-size: 8.5pt; color: #555; }
.notes { padding-left: 18px; }
.notes li { margin: 4px 0; break-inside: avoid; }
.notes ul { padding-left: 16px; }
.time { font-variant-numeric: tabular-nums; font-weight: 600; }
.comment { font-style: italic; }
@media print { body { padding: 0; max-width: none; } thead th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; } svg .bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`
