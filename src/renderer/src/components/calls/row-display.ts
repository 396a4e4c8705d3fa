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
// A new order or a refresh brings new item objects for the same calls, and so the same numbers:
// each number is formatted once (bounded; starting over costs one parse a number).
const numbers = new Map<string, string>()
const NUMBERS_KEPT = 5_000

function phone(raw: string | null | undefined): string {
  if (!raw) return ''
  const known = numbers.get(raw)
  if (known !== undefined) return known
  const text = formatPhoneNumber(raw)
  if (numbers.size >= NUMBERS_KEPT) numbers.clear()
  numbers.set(raw, text)
  return text
}

/** The strings of a row, cached per item and per local day ("Today" changes at local midnight). */
export function rowDisplay(item: CallListItem, now: Date): RowDisplay {
  const day = startOfDay(now).getTime()
  const hit = cache.get(item)
  if (hit && hit.day === day) return hit.display
  const started = formatListTime(item.started, now)
  const caller = phone(item.callerId)
  const parts = [caller || 'Unknown caller']
  if (item.callerIdentity) parts.push(item.callerIdentity)
  parts.push(formatDisposition(item.disposition), speakClock(item.durationSeconds), started)
  if (item.reviewed) parts.push('reviewed')
  if (item.unlistedAt) parts.push('no longer listed by the server')
  if (typeof item.score === 'number') parts.push(`score ${Math.round(item.score)}`)
  const display = {
    started,
    caller,
    tracking: phone(item.trackingNumber),
    duration: formatClock(item.durationSeconds),
    score: typeof item.score === 'number' ? String(Math.round(item.score)) : '',
    label: parts.join(', ')
  }
  cache.set(item, { day, display })
  return display
}
