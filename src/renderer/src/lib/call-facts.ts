/**
 * The selected calls' facts as text to copy: their ids one a line, or a tab-separated table
 * with a header row that pastes into a spreadsheet as columns. Calls whose rows have not
 * arrived yet cannot be described and are counted, so the message can say so.
 */
import { format } from 'date-fns'
import type { CallListItem } from '@shared/ipc/contract'
import { formatPhoneNumber } from '@shared/phone'
import { formatDisposition } from '@shared/qa/format'
import { formatCount } from './format'

export interface CopyPlan {
  text: string
  copied: number
  /** Selected calls whose rows are not loaded, left out. */
  missing: number
}

/**
 * The columns, read as the list and the CSV export read them: the start in this computer's time
 * (a spreadsheet reads "2026-12-07 10:34:57" as a date), numbers formatted, the disposition as
 * people say it, tags separated by "; " (a tag may hold a comma).
 */
const FACT_COLUMNS: readonly [string, (item: CallListItem) => string][] = [
  ['Call ID', (i) => String(i.callId)],
  ['Started (local time)', (i) => localDateTime(i.started)],
  ['Duration (s)', (i) => (i.durationSeconds === null ? '' : String(i.durationSeconds))],
  ['Caller', (i) => formatPhoneNumber(i.callerId)],
  ['Caller name', (i) => i.callerIdentity ?? ''],
  ['Tracking number', (i) => formatPhoneNumber(i.trackingNumber)],
  ['Campaign', (i) => i.campaignName ?? ''],
  ['Group', (i) => i.groupName ?? ''],
  ['Disposition', (i) => (i.disposition ? formatDisposition(i.disposition) : '')],
  ['Tags', (i) => i.tags.join('; ')],
  ['Reviewed', (i) => (i.reviewed ? 'yes' : 'no')]
]

function localDateTime(iso: string | null): string {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : format(date, 'yyyy-MM-dd HH:mm:ss')
}

/** A cell never breaks the table: tabs and line breaks inside it become spaces. */
function cell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ')
}

/** The selected calls among the loaded rows, in list order, and how many selected ones are not loaded. */
export function selectedItems(rows: readonly (CallListItem | null)[], ids: ReadonlySet<number>): { items: CallListItem[]; missing: number } {
  const items = rows.filter((row): row is CallListItem => row !== null && ids.has(row.callId))
  return { items, missing: ids.size - items.length }
}

export function callIdsText(items: readonly CallListItem[], missing = 0): CopyPlan {
  return { text: items.map((i) => String(i.callId)).join('\n'), copied: items.length, missing }
}

export function callFactsTable(items: readonly CallListItem[], missing = 0): CopyPlan {
  const lines = [FACT_COLUMNS.map(([title]) => title).join('\t'), ...items.map((item) => FACT_COLUMNS.map(([, get]) => cell(get(item))).join('\t'))]
  return { text: lines.join('\n'), copied: items.length, missing }
}

/** "12 calls copied", and what was left out and why. */
export function describeCopy(plan: CopyPlan, what: string, ok: boolean): string {
  const calls = (n: number): string => `${formatCount(n)} ${n === 1 ? 'call' : 'calls'}`
  if (!ok) return `Could not copy to the clipboard; try again with the window in front.`
  const done = `${what} of ${calls(plan.copied)} copied`
  if (plan.missing === 0) return done
  return `${done}; ${calls(plan.missing)} could not be copied because ${plan.missing === 1 ? 'its row has' : 'their rows have'} not loaded yet — scroll to them and copy again.`
}
