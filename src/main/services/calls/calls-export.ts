/**
 * The selected calls' facts as a file: one row a call (id, start with its offset, numbers,
 * names, duration, disposition as people read it, tags, score, reviewed, recording), as CSV or
 * JSON. Values are written as the QA export writes them (qa/export-format.ts): dates in the
 * reviewer's zone, phone numbers in a form no spreadsheet turns into a number, and the formula
 * guard on every text cell.
 */
import type { CallRecord } from '@shared/convirza/schemas'
import { formatDisposition } from '@shared/qa/format'
import { callScore } from '../library/call-columns'
import { agentOf } from '../qa/export'
import { csvLine, phoneForms, splitOffset, toLocalDateTime, type CsvValue } from '../qa/export-format'

/** One call of a JSON export of call facts. */
export interface CallFactsRow {
  callId: number
  /** ISO 8601 with the local offset. */
  started: string | null
  /** E.164 when it is a phone number, else what the record held. */
  caller: string | null
  callerName: string | null
  trackingNumber: string | null
  campaign: string | null
  group: string | null
  agent: string | null
  durationSeconds: number | null
  /** As people read it: "No answer", not "NO ANSWER". */
  disposition: string | null
  tags: string[]
  /** The mean of the call's Convirza indicator scores; null when none was scored. */
  score: number | null
  /** Marked reviewed by this reviewer. */
  reviewed: boolean
  /** The call has a recording on the server. */
  recordingAvailable: boolean
  /** The recording is on this computer. */
  recordingOffline: boolean
}

/** What the library knows of a call beyond its record. */
export interface CallLocalFacts {
  reviewed: boolean
  recordingOffline: boolean
}

/** A call record's facts as an export row; the phone numbers' spreadsheet forms beside it. */
export function callFactsRow(
  record: CallRecord,
  local: CallLocalFacts,
  timeZone: string
): { row: CallFactsRow; sheet: { caller: string; tracking: string } } {
  const caller = phoneForms(record.caller_id)
  const tracking = phoneForms(record.phone_number)
  const score = callScore(record)
  return {
    row: {
      callId: record.call_id,
      started: toLocalDateTime(record.call_started, timeZone)?.iso ?? null,
      caller: caller.json,
      callerName: record.ai_caller_identity ?? null,
      trackingNumber: tracking.json,
      campaign: record.campaign_name ?? null,
      group: record.group_name ?? null,
      agent: agentOf(record),
      durationSeconds: record.duration ?? null,
      disposition: record.disposition ? formatDisposition(record.disposition) : null,
      tags: (record.tags ?? []).map((t) => t.tag_name).filter((n): n is string => typeof n === 'string' && n.length > 0),
      score: score === null ? null : Math.round(score * 10) / 10,
      reviewed: local.reviewed,
      recordingAvailable: Boolean(record.recording_details?.url),
      recordingOffline: local.recordingOffline
    },
    sheet: { caller: caller.sheet, tracking: tracking.sheet }
  }
}

/** The CSV's columns, in order; "started" names the zone its times are in. */
function csvHeaders(timeZone: string): string[] {
  return [
    'call_id',
    `started (${timeZone})`,
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
  ]
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no')

export interface CallsExportOptions {
  format: 'csv' | 'json'
  timeZone: string
  now: Date
  /** The demo account's calls: the JSON says `demo: true`. */
  demo?: boolean
  /** Selected calls the library does not hold, named in the JSON so a reader knows the file is short. */
  notInLibrary: readonly number[]
}

/** The whole file's text: a selection is at most 10,000 calls, a few megabytes. */
export function callsExportText(calls: readonly { record: CallRecord; local: CallLocalFacts }[], options: CallsExportOptions): string {
  const rows = calls.map(({ record, local }) => callFactsRow(record, local, options.timeZone))
  if (options.format === 'json') {
    return `${JSON.stringify(
      {
        exportedAt: toLocalDateTime(options.now, options.timeZone)?.iso ?? options.now.toISOString(),
        timeZone: options.timeZone,
        ...(options.demo ? { demo: true } : {}),
        notInLibrary: options.notInLibrary,
        calls: rows.map((r) => r.row)
      },
      null,
      2
    )}\n`
  }
  // The BOM makes Excel read the file as UTF-8 (names like "José"); other programs skip it.
  let text = `\uFEFF${csvLine(csvHeaders(options.timeZone))}\r\n`
  for (const { row, sheet } of rows) {
    const started = splitOffset(row.started)
    const cells: CsvValue[] = [
      row.callId,
      started.local,
      started.offset,
      sheet.caller,
      row.callerName,
      sheet.tracking,
      row.campaign,
      row.group,
      row.agent,
      row.durationSeconds,
      row.disposition,
      row.tags.join('; '),
      row.score,
      yesNo(row.reviewed),
      yesNo(row.recordingAvailable),
      yesNo(row.recordingOffline)
    ]
    text += `${csvLine(cells)}\r\n`
  }
  return text
}
