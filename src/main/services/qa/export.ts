/**
 * Export of QA reviews: one row a call with its facts, score, an answer column per
 * criterion, flag, comment and notes with times, as CSV (papaparse) or JSON. The call facts come
 * from an injected provider (the offline library in the app), so this module knows nothing of
 * where calls are stored. See export-format.ts for how values are made spreadsheet-safe.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { CallRecord } from '@shared/convirza/schemas'
import type { ExportFormat, ExportResult } from '@shared/ipc/contract/qa'
import { formatAnswer, formatDisposition, formatPlaybackTime } from '@shared/qa/format'
import type { Answer, Criterion, Note, QueueCall } from '@shared/qa/schemas'
import { diskError, withDiskErrors } from '../disk-errors'
import { csvLine, phoneForms, splitOffset, toLocalDateTime, type CsvValue } from './export-format'
import type { ExportItem, ExportPlan } from './qa-repository'

/** What the file's head and columns are built from: each session of the export with its template version. */
type ExportHead = Pick<ExportItem, 'session' | 'template'>

/** What an export says about a call, whatever the reviews say. */
export interface CallFacts {
  /** ISO 8601 (the record's call_started). */
  startedAt: string | null
  /** As the record holds it: digits without '+', or E.164. */
  callerId: string | null
  callerIdentity: string | null
  trackingNumber: string | null
  campaign: string | null
  disposition: string | null
  durationSeconds: number | null
  /** Who took the call (agentOf). */
  agent: string | null
  group: string | null
  hasRecording: boolean
}

/** Looks a call up (the library in the app); null when it is not known, which leaves the facts blank. */
export type GetCallFacts = (callId: number) => CallFacts | null | Promise<CallFacts | null>

/** The facts of a call record (docs/convirza-api.md: `phone_number` is the tracking number the call came in on). */
export function callFactsFromRecord(record: CallRecord): CallFacts {
  return {
    startedAt: record.call_started,
    callerId: record.caller_id ?? null,
    callerIdentity: record.ai_caller_identity ?? null,
    trackingNumber: record.phone_number ?? null,
    campaign: record.campaign_name ?? null,
    disposition: record.disposition ?? null,
    durationSeconds: record.duration ?? null,
    agent: agentOf(record),
    group: record.group_name ?? null,
    hasRecording: Boolean(record.recording_details?.url)
  }
}

/**
 * Who took the call. The record has no agent field of its own (docs/convirza-api.md): the agent its
 * scoring indicators name, else the name of the line it rang to, else the AI voice agent.
 */
export function agentOf(record: CallRecord): string | null {
  const fromIndicator = record.indicators?.find((i) => i.agent)?.agent
  return fromIndicator || record.call_detail?.ring_to_name || record.voiceagent_data?.voiceagent_name || null
}

/** A call as the queue and the summary show it. */
export function queueCallOf(facts: CallFacts): QueueCall {
  return {
    started: facts.startedAt,
    callerId: facts.callerId,
    callerName: facts.callerIdentity,
    agent: facts.agent,
    campaign: facts.campaign,
    group: facts.group,
    disposition: facts.disposition,
    durationSeconds: facts.durationSeconds,
    hasRecording: facts.hasRecording
  }
}

/** One call of a JSON export. */
export interface ExportRow {
  callId: number
  sessionId: string
  sessionName: string
  templateId: string
  templateVersion: number
  /** ISO 8601 with the local offset. */
  started: string | null
  /** E.164 when it is a phone number. */
  caller: string | null
  callerIdentity: string | null
  trackingNumber: string | null
  campaign: string | null
  /** As people read it: "No answer", not "NO ANSWER". */
  disposition: string | null
  durationSeconds: number | null
  agent: string | null
  /** The weighted score in percent, 0..100, one decimal (README "Scoring"). */
  scorePercent: number | null
  sectionScores: { sectionId: string; label: string; scorePercent: number | null; autoFailed: boolean }[]
  /** Labels of the critical criteria answered No: any one scores the call (or its section) 0. */
  criticalFailures: string[]
  reviewed: boolean
  /** Who marked it reviewed; null while not reviewed. */
  reviewer: string | null
  /** ISO 8601 with the local offset. */
  reviewedAt: string | null
  activeReviewSeconds: number
  flaggedForFollowUp: boolean
  answers: { criterionId: string; label: string; answer: Answer | null }[]
  comment: string
  notes: { seconds: number; time: string; text: string }[]
}

export interface ExportOptions {
  format: ExportFormat
  /** Where to write; the composition layer chooses it (a save dialog, or the harness's folder). */
  path: string
  getCallFacts: GetCallFacts
  reviewer: string
  /** IANA zone the dates are written in; the machine's own in the app. */
  timeZone: string
  now: Date
  /** The demo account's reviews: the JSON says `demo: true` (README: everything from the demo is labelled Demo). */
  demo?: boolean
}

/** Rows are looked up, built and written this many at a time, so memory stays bounded however many there are. */
const CHUNK_ROWS = 500

/**
 * Write the items to `path`, streamed in chunks of rows (a temp file, then rename, so a reader
 * never sees half a file, and a failed export leaves no partial file behind).
 */
export async function writeExport(source: ExportPlan | readonly ExportItem[], options: ExportOptions): Promise<ExportResult> {
  const plan = Array.isArray(source) ? planOf(source as readonly ExportItem[]) : (source as ExportPlan)
  const heads = plan.sessions
  const temp = `${options.path}.${process.pid}.tmp`
  const fd = withDiskErrors('Exporting the reviews', options.path, () => {
    mkdirSync(dirname(options.path), { recursive: true })
    return openSync(temp, 'w')
  })
  const phones = new PhoneMemo()
  let closed = false
  /** Rows written so far. */
  let start = 0
  try {
    const csv = options.format === 'csv' ? csvLayout(heads, options.timeZone) : null
    writeSync(fd, csv ? csv.head : jsonHead(heads, options))
    for (const chunk of plan.chunks(CHUNK_ROWS)) {
      const facts = await Promise.all(chunk.map((i) => options.getCallFacts(i.item.callId)))
      const rows = chunk.map((item, n) => toExportRow(item, facts[n] ?? null, options.timeZone, phones))
      if (csv) writeSync(fd, csv.rows(chunk, rows, phones))
      else writeSync(fd, rows.map((row, n) => `${start + n === 0 ? '' : ',\n'}${indent(JSON.stringify(row, null, 2), '    ')}`).join(''))
      start += chunk.length
    }
    if (!csv) writeSync(fd, '\n  ]\n}\n')
    closed = true
    closeSync(fd)
    renameSync(temp, options.path)
  } catch (error) {
    if (!closed) closeSync(fd)
    rmSync(temp, { force: true })
    // A full or read-only disk is named with the place; a file already there is left as it was.
    throw diskError(error, 'Exporting the reviews', options.path) ?? error
  }
  return { path: options.path, format: options.format, rows: start }
}

/** Items already in memory, as a plan: each session and template version once, in the order met. */
function planOf(items: readonly ExportItem[]): ExportPlan {
  const heads = new Map<string, Pick<ExportItem, 'session' | 'template'>>()
  for (const { session, template } of items) {
    const key = `${session.id}\u0000${template.id}@${template.version}`
    if (!heads.has(key)) heads.set(key, { session, template })
  }
  return {
    sessions: [...heads.values()],
    rows: items.length,
    *chunks(size) {
      for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size)
    }
  }
}

function indent(text: string, by: string): string {
  return by + text.replace(/\n/g, `\n${by}`)
}

/**
 * Phone numbers parsed once per distinct number per export (libphonenumber takes tens of
 * microseconds a parse, and a tracking number repeats on most rows): the raw value maps to both
 * its JSON form (E.164) and its spreadsheet form, so a row never parses its numbers again.
 * Bounded, so a long export does not grow it forever.
 */
class PhoneMemo {
  private readonly forms = new Map<string, { json: string | null; sheet: string }>()
  /** The spreadsheet form by the JSON form the rows carry (E.164, or the raw value). */
  private readonly sheetByJson = new Map<string, string>()

  forJson(raw: string | null | undefined): string | null {
    if (!raw) return null
    let forms = this.forms.get(raw)
    if (!forms) {
      if (this.forms.size > 20_000) {
        this.forms.clear()
        this.sheetByJson.clear()
      }
      forms = phoneForms(raw)
      this.forms.set(raw, forms)
      if (forms.json !== null) this.sheetByJson.set(forms.json, forms.sheet)
    }
    return forms.json
  }

  forSpreadsheet(json: string | null): string {
    if (!json) return ''
    return this.sheetByJson.get(json) ?? phoneForms(json).sheet
  }
}

/** Criterion labels by id, one map per template version object (the items of a session share it). */
const labelMaps = new WeakMap<object, Map<string, string>>()

function labelsOf(template: ExportItem['template']): Map<string, string> {
  let labels = labelMaps.get(template)
  if (!labels) {
    labels = new Map(template.criteria.map((c) => [c.id, c.label]))
    labelMaps.set(template, labels)
  }
  return labels
}

function toExportRow({ session, template, item }: ExportItem, facts: CallFacts | null, timeZone: string, phones: PhoneMemo): ExportRow {
  const labels = labelsOf(template)
  const label = (id: string): string => labels.get(id) ?? id
  const review = item.review
  return {
    callId: item.callId,
    sessionId: session.id,
    sessionName: session.name,
    templateId: template.id,
    templateVersion: template.version,
    started: toLocalDateTime(facts?.startedAt, timeZone)?.iso ?? null,
    caller: phones.forJson(facts?.callerId),
    callerIdentity: facts?.callerIdentity ?? null,
    trackingNumber: phones.forJson(facts?.trackingNumber),
    campaign: facts?.campaign ?? null,
    disposition: facts?.disposition ? formatDisposition(facts.disposition) : null,
    durationSeconds: facts?.durationSeconds ?? null,
    agent: facts?.agent ?? null,
    scorePercent: review.score === null ? null : round1(review.score),
    sectionScores: review.sectionScores.map((s) => ({
      sectionId: s.sectionId,
      label: s.label,
      scorePercent: s.score === null ? null : round1(s.score),
      autoFailed: s.autoFailed
    })),
    criticalFailures: review.criticalFailures.map(label),
    reviewed: review.reviewed,
    reviewer: review.reviewer,
    reviewedAt: toLocalDateTime(review.reviewedAt, timeZone)?.iso ?? null,
    activeReviewSeconds: Math.round(review.activeSeconds),
    flaggedForFollowUp: item.review.flaggedForFollowUp,
    answers: template.criteria.map((c) => ({ criterionId: c.id, label: c.label, answer: item.review.answers[c.id] ?? null })),
    comment: item.review.comment,
    notes: item.notes.map(noteForExport)
  }
}

function noteForExport(note: Note): ExportRow['notes'][number] {
  return { seconds: note.seconds, time: formatPlaybackTime(note.seconds), text: note.text }
}

/** An answer column: `lookup` keys are "templateId@version/criterionId" of the answers it holds. */
interface CriterionColumn {
  header: string
  lookup: string[]
}

function answerKey(template: { id: string; version: number }, criterionId: string): string {
  return `${template.id}@${template.version}/${criterionId}`
}

/**
 * A column per criterion, shared by the versions of a template that ask it the same way (same
 * label and type). When versions differ, each way of asking gets its own column, its header
 * naming the versions ("Greeting (v1)", "Greeting (v2)"), so an answer never lands under a
 * question it was not given to. Headers are told apart by template name when two templates clash.
 */
function criterionColumns(items: readonly ExportHead[]): CriterionColumn[] {
  interface Variant {
    label: string
    type: Criterion['type']
    versions: number[]
    lookup: string[]
  }
  const byCriterion = new Map<string, { templateId: string; templateName: string; variants: Map<string, Variant> }>()
  const seen = new Set<string>()
  for (const { template } of items) {
    if (seen.has(`${template.id}@${template.version}`)) continue
    seen.add(`${template.id}@${template.version}`)
    for (const c of template.criteria as Criterion[]) {
      const id = `${template.id}/${c.id}`
      const entry = byCriterion.get(id) ?? { templateId: template.id, templateName: template.name, variants: new Map<string, Variant>() }
      byCriterion.set(id, entry)
      const signature = `${c.type}\u0000${c.label}`
      const variant = entry.variants.get(signature) ?? { label: c.label, type: c.type, versions: [], lookup: [] }
      entry.variants.set(signature, variant)
      variant.versions.push(template.version)
      variant.lookup.push(answerKey(template, c.id))
    }
  }
  const columns = [...byCriterion.values()].flatMap((entry) =>
    [...entry.variants.values()].map((v) => ({
      templateId: entry.templateId,
      templateName: entry.templateName,
      label: v.label,
      versions: entry.variants.size > 1 ? [...v.versions].sort((a, b) => a - b) : null,
      lookup: v.lookup
    }))
  )
  const templatesByLabel = new Map<string, Set<string>>()
  for (const c of columns) templatesByLabel.set(c.label, (templatesByLabel.get(c.label) ?? new Set()).add(c.templateId))
  return columns.map((c) => {
    const clash = (templatesByLabel.get(c.label)?.size ?? 0) > 1 || FIXED_HEADERS.includes(c.label)
    const version = c.versions ? `v${c.versions.join(', v')}` : ''
    const qualifier = [clash ? c.templateName : '', version].filter(Boolean).join(' ')
    return { header: qualifier ? `${c.label} (${qualifier})` : c.label, lookup: c.lookup }
  })
}

const FIXED_HEADERS = [
  'call_id',
  'session',
  'template',
  'template_version',
  'started',
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
  'reviewed_at',
  'reviewed_at_utc_offset',
  'active_review_seconds',
  'flagged'
]

/** "started (America/Denver)": the zone the local date-times are written in, named in the header. */
function zoned(header: string, timeZone: string): string {
  return header === 'started' || header === 'reviewed_at' ? `${header} (${timeZone})` : header
}

/** A column per section (in the order first met), headed "Opening (section %)"; none when no template has sections. */
function sectionColumns(items: readonly ExportHead[]): { key: string; header: string }[] {
  const columns = new Map<string, string>()
  for (const { template } of items) {
    for (const section of template.sections ?? []) {
      const key = `${template.id}/${section.id}`
      if (!columns.has(key)) columns.set(key, `${section.label} (section %)`)
    }
  }
  return [...columns.entries()].map(([key, header]) => ({ key, header }))
}

interface CsvLayout {
  head: string
  rows: (items: readonly ExportItem[], rows: readonly ExportRow[], phones: PhoneMemo) => string
}

function csvLayout(items: readonly ExportHead[], timeZone: string): CsvLayout {
  const criteria = criterionColumns(items)
  const sections = sectionColumns(items)
  const fields = [
    ...FIXED_HEADERS.map((h) => zoned(h, timeZone)),
    ...sections.map((s) => s.header),
    ...criteria.map((c) => c.header),
    'comment',
    'notes'
  ]
  /**
   * Per template version, where each answer and section column finds its value in a row
   * (an index into row.answers, or -1; the section's id, or null): worked out once, not per row.
   */
  const plans = new Map<string, { answers: number[]; sections: (string | null)[] }>()
  const planOf = (template: ExportItem['template']): { answers: number[]; sections: (string | null)[] } => {
    const key = `${template.id}@${template.version}`
    let plan = plans.get(key)
    if (!plan) {
      const answerAt = new Map(template.criteria.map((c, n) => [answerKey(template, c.id), n]))
      plan = {
        answers: criteria.map((c) => {
          const found = c.lookup.find((k) => answerAt.has(k))
          return found === undefined ? -1 : (answerAt.get(found) as number)
        }),
        sections: sections.map((s) => (s.key.startsWith(`${template.id}/`) ? s.key.slice(template.id.length + 1) : null))
      }
      plans.set(key, plan)
    }
    return plan
  }
  return {
    // The BOM makes Excel read the file as UTF-8 (names like "José"); other programs skip it.
    head: `\uFEFF${csvLine(fields)}\r\n`,
    rows: (chunk, rows, phones) => {
      let text = ''
      rows.forEach((row, n) => {
        const item = chunk[n] as ExportItem
        const plan = planOf(item.template)
        const started = splitOffset(row.started)
        const reviewedAt = splitOffset(row.reviewedAt)
        const cells: CsvValue[] = [
          row.callId,
          row.sessionName,
          item.template.name,
          item.template.version,
          started.local,
          started.offset,
          phones.forSpreadsheet(row.caller),
          row.callerIdentity ?? '',
          phones.forSpreadsheet(row.trackingNumber),
          row.agent ?? '',
          row.campaign ?? '',
          row.disposition ?? '',
          row.durationSeconds ?? '',
          row.scorePercent ?? '',
          row.criticalFailures.join('; '),
          row.reviewed ? 'yes' : 'no',
          row.reviewer ?? '',
          reviewedAt.local,
          reviewedAt.offset,
          row.activeReviewSeconds,
          row.flaggedForFollowUp ? 'yes' : 'no'
        ]
        for (const id of plan.sections) cells.push(id === null ? '' : (row.sectionScores.find((x) => x.sectionId === id)?.scorePercent ?? ''))
        for (const at of plan.answers) {
          const answer = at < 0 ? undefined : (row.answers[at]?.answer ?? undefined)
          cells.push(typeof answer === 'number' ? answer : formatAnswer(answer))
        }
        cells.push(row.comment, row.notes.map((note) => `${note.time} ${note.text.replace(/\s*[\r\n]+\s*/g, ' ')}`).join('; '))
        text += `${csvLine(cells)}\r\n`
      })
      return text
    }
  }
}

function jsonHead(items: readonly ExportHead[], options: ExportOptions): string {
  const sessions = new Map<string, unknown>()
  for (const { session, template } of items) {
    sessions.set(session.id, {
      id: session.id,
      name: session.name,
      templateId: template.id,
      templateVersion: template.version,
      templateName: template.name,
      sections: template.sections ?? [],
      autoFail: template.autoFail ?? 'call',
      criteria: template.criteria
    })
  }
  const head = {
    ...(options.demo ? { demo: true } : {}),
    exportedAt: toLocalDateTime(options.now, options.timeZone)?.iso ?? options.now.toISOString(),
    reviewer: options.reviewer,
    /** Every date below is ISO 8601 with its offset from UTC, local to this IANA zone. */
    timeZone: options.timeZone,
    scoring: 'scorePercent: weighted percent 0..100; see README "Scoring"',
    sessions: [...sessions.values()]
  }
  const text = JSON.stringify(head, null, 2)
  return `${text.slice(0, -2)},\n  "rows": [\n`
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
