/**
 * The team dashboard written out, as the session summary is: a printable report (one self-
 * contained HTML page with the session report's print styles and an inline SVG chart, which
 * Chromium turns into the PDF) and a CSV of every figure behind the charts. Pure: the same
 * dashboard gives the same bytes, so both are tested in Node.
 */
import { formatScore } from '@shared/qa/format'
import type { TeamDashboard, TeamDashboardDimension } from '@shared/ipc/contract/team-dashboard'
import { csvLine, toLocalDateTime } from '../qa/export-format'
import { escapeHtml as e, REPORT_STYLE } from '../qa/report'

export interface DashboardExportOptions {
  /** IANA zone "prepared on" is written in; the dashboard's days are UTC days. */
  timeZone: string
  now: Date
  /** Who made it: the lead's name as the team knows them. */
  preparedBy: string
  teamName?: string
}

const DIMENSION_TITLES: Record<TeamDashboardDimension, [string, string]> = {
  agent: ['By agent', 'Agent'],
  campaign: ['By campaign', 'Campaign'],
  group: ['By group', 'Group'],
  reviewer: ['Reviewer volume and scores', 'Reviewer']
}

const BUCKET_WORDS = { day: 'daily', week: 'weekly (weeks start on Monday)', month: 'monthly' } as const

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`
}

function table(caption: string, head: readonly string[], rows: readonly string[]): string {
  if (rows.length === 0) return `<h3>${e(caption)}</h3><p>Nothing in this range.</p>`
  return `<table><caption>${e(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/** The team's average score per bucket as a line on 0–100 %, with the points said in words. */
function teamChart(dashboard: TeamDashboard): string {
  const points = dashboard.team.filter((p) => p.averageScore !== null)
  if (points.length === 0) return ''
  const width = 520
  const height = 170
  const plot = height - 24
  const step = dashboard.buckets.length > 1 ? (width - 40) / (dashboard.buckets.length - 1) : 0
  const x = (bucket: string): number => 30 + Math.max(0, dashboard.buckets.indexOf(bucket)) * step
  const y = (score: number): number => Math.round(8 + ((100 - score) / 100) * (plot - 8))
  const line = points.map((p) => `${x(p.bucket).toFixed(1)},${y(p.averageScore as number)}`).join(' ')
  const dots = points.map((p) => `<circle cx="${x(p.bucket).toFixed(1)}" cy="${y(p.averageScore as number)}" r="2.5" class="dot"/>`).join('')
  const grid = [0, 50, 100].map(
    (v) => `<line x1="28" y1="${y(v)}" x2="${width}" y2="${y(v)}" class="base"/><text x="0" y="${y(v) + 4}" class="axis">${v}</text>`
  )
  const described = points.map((p) => `${p.bucket}: ${formatScore(p.averageScore)}`).join('; ')
  return `<figure><svg role="img" aria-label="Team average score per bucket: ${e(described)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${grid.join('')}<polyline points="${line}" fill="none" stroke="#2f5f9e" stroke-width="2"/>${dots}<text x="${width / 2}" y="${height - 2}" text-anchor="middle" class="axis">${e(dashboard.buckets[0] ?? '')} – ${e(dashboard.buckets[dashboard.buckets.length - 1] ?? '')}</text></svg><figcaption>Team average score (%)</figcaption></figure>`
}

/** The printable report: the dashboard's figures as tables, the team's trend as a chart. */
export function renderDashboardReport(dashboard: TeamDashboard, options: DashboardExportOptions): string {
  const { from, to, bucket } = dashboard.filters
  const title = `Team dashboard: ${from} to ${to}`
  const made = toLocalDateTime(options.now, options.timeZone)?.text.slice(0, 16) ?? options.now.toISOString()
  const teamRows = dashboard.team.map(
    (p) => `<tr><th scope="row">${e(p.bucket)}</th><td>${p.reviews}</td><td>${formatScore(p.averageScore)}</td><td>${p.criticalFailures}</td></tr>`
  )
  const dimensions = (Object.keys(DIMENSION_TITLES) as TeamDashboardDimension[]).map((d) => {
    const [caption, what] = DIMENSION_TITLES[d]
    const { totals, more } = dashboard.dimensions[d]
    const rows = totals.map(
      (t) =>
        `<tr><th scope="row">${e(t.key || '(none)')}</th><td>${t.reviews}</td><td>${formatScore(t.averageScore)}</td><td>${t.criticalFailures}</td></tr>`
    )
    return (
      table(caption, [what, 'Reviews', 'Average score', 'Critical failures'], rows) +
      (more > 0 ? `<p class="meta">${more} quieter not listed.</p>` : '')
    )
  })
  const criteria = dashboard.criteria.map(
    (c) =>
      `<tr><th scope="row">${e(c.label)}</th><td>${percent(c.passRate)}</td><td>${c.averageRating === null ? '—' : c.averageRating.toFixed(1)}</td><td>${c.answered}</td><td>${c.na}</td></tr>`
  )
  const drift = dashboard.drift.map(
    (d) =>
      `<tr><th scope="row">${e(d.name)}</th><td>${e(d.deadline.slice(0, 10))}</td><td>${e(d.reviewer)}</td><td>${d.meanDeviation.toFixed(1)} points</td><td>${d.calls}</td></tr>`
  )
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
    `<p>${options.teamName ? `Team ${e(options.teamName)}. ` : ''}Prepared by ${e(options.preparedBy)} on ${e(made)} (${e(options.timeZone)}).</p>`,
    `<p class="formula">Days are UTC days of each review's finish, buckets ${BUCKET_WORDS[bucket]}. Only finished reviews count, calibration reviews apart; scores are weighted percentages (README “Scoring”).</p>`,
    '</header>',
    '<section aria-label="Team over time">',
    '<h2>Team over time</h2>',
    teamChart(dashboard),
    table('Reviews, average score and critical failures per bucket', ['Bucket from', 'Reviews', 'Average score', 'Critical failures'], teamRows),
    '</section>',
    '<section aria-label="Breakdowns">',
    '<h2>Breakdowns</h2>',
    ...dimensions,
    '</section>',
    '<section aria-label="Criteria">',
    '<h2>Criteria</h2>',
    table('Criteria over the range', ['Criterion', 'Pass rate', 'Average rating', 'Answered', 'N/A'], criteria),
    '</section>',
    '<section aria-label="Calibration drift">',
    '<h2>Calibration drift</h2>',
    table("Each reviewer's mean distance from the lead's reference score", ['Calibration', 'Deadline', 'Reviewer', 'Mean deviation', 'Calls'], drift),
    '</section>',
    '</body>',
    '</html>',
    ''
  ].join('\n')
}

const CSV_HEAD = [
  'section',
  'bucket',
  'key',
  'reviews',
  'average_score',
  'critical_failures',
  'answered',
  'na',
  'pass_rate',
  'average_rating',
  'calibration',
  'deadline',
  'mean_deviation',
  'calls'
]

function round(value: number | null, places = 2): number | null {
  return value === null ? null : Math.round(value * 10 ** places) / 10 ** places
}

/**
 * Every figure, one a row: the team per bucket ("team"), each dimension's charted keys per bucket
 * ("agent over time", …) and totals ("agent total", …), criteria per bucket and in total, and drift.
 */
export function dashboardCsv(dashboard: TeamDashboard): string {
  const blank = (n: number): null[] => Array.from({ length: n }, () => null)
  const lines = [csvLine(CSV_HEAD)]
  for (const p of dashboard.team) lines.push(csvLine(['team', p.bucket, null, p.reviews, round(p.averageScore), p.criticalFailures, ...blank(8)]))
  for (const d of Object.keys(DIMENSION_TITLES) as TeamDashboardDimension[]) {
    for (const s of dashboard.dimensions[d].series)
      for (const p of s.points)
        lines.push(csvLine([`${d} over time`, p.bucket, s.key, p.reviews, round(p.averageScore), p.criticalFailures, ...blank(8)]))
    for (const t of dashboard.dimensions[d].totals)
      lines.push(csvLine([`${d} total`, null, t.key, t.reviews, round(t.averageScore), t.criticalFailures, ...blank(8)]))
  }
  for (const c of dashboard.criteria) {
    for (const p of c.points)
      lines.push(
        csvLine([
          'criterion over time',
          p.bucket,
          c.label,
          null,
          null,
          null,
          p.answered,
          p.na,
          round(p.passRate, 4),
          round(p.averageRating),
          ...blank(4)
        ])
      )
    lines.push(
      csvLine(['criterion total', null, c.label, null, null, null, c.answered, c.na, round(c.passRate, 4), round(c.averageRating), ...blank(4)])
    )
  }
  for (const d of dashboard.drift)
    lines.push(csvLine(['calibration drift', null, d.reviewer, ...blank(7), d.name, d.deadline, round(d.meanDeviation), d.calls]))
  // The BOM makes Excel read the file as UTF-8 (names like "José"); other programs skip it.
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
