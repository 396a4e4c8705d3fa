/**
 * Export of QA reviews (issue 7): one row a call with its facts, score, an answer column per
 * criterion, flag, comment and notes with times, as CSV (papaparse) or JSON. The call facts come
 * from an injected provider (the offline library in the app), so this module knows nothing of
 * where calls are stored. See export-format.ts for how values are made spreadsheet-safe.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import Papa from 'papaparse'
import type { CallRecord } from '../../../shared/convirza/schemas'
import type { ExportFormat, ExportResult } from '../../../shared/ipc/contract/qa'
import { formatAnswer, formatPlaybackTime } from '../../../shared/qa/format'
import type { Answer, Criterion, Note, QueueCall } from '../../../shared/qa/schemas'
import { FORMULA_START, phoneForJson, phoneForSpreadsheet, toLocalDateTime } from './export-format'
import type { ExportItem } from './qa-store'

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

/** The facts of a call record (calls-api.md: `phone_number` is the tracking number the call came in on). */
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
 * Who took the call. The record has no agent field of its own (calls-api.md): the agent its
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
  disposition: string | null
  durationSeconds: number | null
  score: number | null
  reviewed: boolean
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

/** Write the items to `path` (temp file, then rename, so a reader never sees half a file). */
export async function writeExport(items: readonly ExportItem[], options: ExportOptions): Promise<ExportResult> {
  const facts = await Promise.all(items.map((i) => options.getCallFacts(i.item.callId)))
  const rows = items.map((item, n) => toExportRow(item, facts[n] ?? null, options.timeZone))
  const text = options.format === 'csv' ? toCsv(items, rows) : toJson(items, rows, options)
  mkdirSync(dirname(options.path), { recursive: true })
  const temp = `${options.path}.${process.pid}.tmp`
  writeFileSync(temp, text, 'utf8')
  renameSync(temp, options.path)
  return { path: options.path, format: options.format, rows: rows.length }
}

function toExportRow({ session, template, item }: ExportItem, facts: CallFacts | null, timeZone: string): ExportRow {
  return {
    callId: item.callId,
    sessionId: session.id,
    sessionName: session.name,
    templateId: template.id,
    templateVersion: template.version,
    started: toLocalDateTime(facts?.startedAt, timeZone)?.iso ?? null,
    caller: phoneForJson(facts?.callerId),
    callerIdentity: facts?.callerIdentity ?? null,
    trackingNumber: phoneForJson(facts?.trackingNumber),
    campaign: facts?.campaign ?? null,
    disposition: facts?.disposition ?? null,
    durationSeconds: facts?.durationSeconds ?? null,
    score: item.review.score === null ? null : round1(item.review.score),
    reviewed: item.review.reviewed,
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
function criterionColumns(items: readonly ExportItem[]): CriterionColumn[] {
  interface Variant { label: string; type: Criterion['type']; versions: number[]; lookup: string[] }
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
  'caller',
  'caller_name',
  'tracking_number',
  'campaign',
  'disposition',
  'duration_seconds',
  'score',
  'reviewed',
  'flagged'
]

function toCsv(items: readonly ExportItem[], rows: readonly ExportRow[]): string {
  const criteria = criterionColumns(items)
  const fields = [...FIXED_HEADERS, ...criteria.map((c) => c.header), 'comment', 'notes']
  const data = rows.map((row, n) => {
    const item = items[n] as ExportItem
    const answers = new Map(row.answers.map((a) => [answerKey(item.template, a.criterionId), a.answer]))
    return [
      row.callId,
      row.sessionName,
      item.template.name,
      item.template.version,
      row.started ? spreadsheetDate(row.started) : '',
      phoneForSpreadsheet(row.caller),
      row.callerIdentity ?? '',
      phoneForSpreadsheet(row.trackingNumber),
      row.campaign ?? '',
      row.disposition ?? '',
      row.durationSeconds ?? '',
      row.score ?? '',
      row.reviewed ? 'yes' : 'no',
      row.flaggedForFollowUp ? 'yes' : 'no',
      ...criteria.map((c) => {
        const key = c.lookup.find((k) => answers.has(k))
        const answer = key === undefined ? undefined : answers.get(key)
        return typeof answer === 'number' ? answer : formatAnswer(answer ?? undefined)
      }),
      row.comment,
      row.notes.map((n) => `${n.time} ${n.text.replace(/\s*[\r\n]+\s*/g, ' ')}`).join('; ')
    ]
  })
  // The BOM makes Excel read the file as UTF-8 (names like "José"); other programs skip it.
  return `\uFEFF${Papa.unparse({ fields, data }, { escapeFormulae: FORMULA_START, newline: '\r\n' })}\r\n`
}

/** "2026-02-14T11:20:12-07:00" → "2026-02-14 11:20:12": the same local time, as spreadsheets read it. */
function spreadsheetDate(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ')
}

function toJson(items: readonly ExportItem[], rows: readonly ExportRow[], options: ExportOptions): string {
  const sessions = new Map<string, unknown>()
  for (const { session, template } of items) {
    sessions.set(session.id, {
      id: session.id,
      name: session.name,
      templateId: template.id,
      templateVersion: template.version,
      templateName: template.name,
      criteria: template.criteria
    })
  }
  const document = {
    ...(options.demo ? { demo: true } : {}),
    exportedAt: toLocalDateTime(options.now, options.timeZone)?.iso ?? options.now.toISOString(),
    reviewer: options.reviewer,
    timeZone: options.timeZone,
    sessions: [...sessions.values()],
    rows
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
