import { startOfDay } from 'date-fns'
import type { CallListItem } from '@shared/ipc/contract'
import { formatPhoneNumber } from '@shared/phone'
import { formatClock, formatDisposition, formatListTime, speakClock } from '@renderer/lib/format'

/** What a row shows, worked out once per row. */
export interface RowDisplay {
  started: string
  caller: string
  tracking: string
  duration: string
  /** The call's score, rounded; empty when it has none. */
  score: string
  /** The row's accessible name: what a screen reader says and what the specs find it by. */
  label: string
}

// Parsing a phone number (libphonenumber) and formatting a date cost tens of microseconds each;
// a fast scroll brings a dozen new rows a frame, and rows scrolled back into view come again.
// Items are immutable (a new page brings new objects), so a WeakMap keyed by the item is exact.
const cache = new WeakMap<CallListItem, { day: number; display: RowDisplay }>()

/** The strings of a row, cached per item and per local day ("Today" changes at local midnight). */
export function rowDisplay(item: CallListItem, now: Date): RowDisplay {
  const day = startOfDay(now).getTime()
  const hit = cache.get(item)
  if (hit && hit.day === day) return hit.display
  const started = formatListTime(item.started, now)
  const caller = formatPhoneNumber(item.callerId)
  const parts = [caller || 'Unknown caller']
  if (item.callerIdentity) parts.push(item.callerIdentity)
  parts.push(formatDisposition(item.disposition), speakClock(item.durationSeconds), started)
  if (item.reviewed) parts.push('reviewed')
  if (item.unlistedAt) parts.push('no longer listed by the server')
  if (typeof item.score === 'number') parts.push(`score ${Math.round(item.score)}`)
  const display = {
    started,
    caller,
    tracking: formatPhoneNumber(item.trackingNumber),
    duration: formatClock(item.durationSeconds),
    score: typeof item.score === 'number' ? String(Math.round(item.score)) : '',
    label: parts.join(', ')
  }
  cache.set(item, { day, display })
  return display
}
