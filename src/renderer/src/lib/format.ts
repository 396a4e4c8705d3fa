/**
 * How the call screen writes times, durations, counts and ranges. One module so the list, the
 * review pane and the player never disagree ("3:02" in the list is "3:02" in the pane). Local
 * time and the locale's number grouping throughout; date-fns does the calendar work.
 */
import { format, formatDistanceToNowStrict, isSameDay, isSameYear, isValid, parseISO } from 'date-fns'

/** "3:02", "41:36", "1:02:05" for a number of seconds; "—" when unknown. */
export function formatClock(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  const whole = Math.floor(seconds)
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = String(whole % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/**
 * The player's two clocks. The total is the recording's length to the nearest second (77.9 s
 * reads 1:18, as the API's whole-second duration in the list does), and the elapsed time counts
 * whole seconds up to it, meeting the total at the end instead of stopping one short.
 */
export function formatPlayerClocks(position: number, duration: number | null): { elapsed: string; total: string } {
  if (duration === null || !Number.isFinite(duration) || duration <= 0) return { elapsed: formatClock(position), total: formatClock(duration) }
  const total = formatClock(Math.round(duration))
  return { elapsed: position >= duration - 0.5 ? total : formatClock(position), total }
}

/** "3 minutes 2 seconds": the clock as a screen reader should say it. */
export function speakClock(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return 'unknown'
  const whole = Math.floor(seconds)
  const parts: string[] = []
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`)
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`)
  if (s || parts.length === 0) parts.push(`${s} second${s === 1 ? '' : 's'}`)
  return parts.join(' ')
}

function toDate(iso: string | null | undefined): Date | null {
  if (!iso) return null
  const date = parseISO(iso)
  return isValid(date) ? date : null
}

/**
 * A call's start in the list: "10:20 AM" today, "Feb 14, 10:20 AM" this year, "Feb 14 2025,
 * 10:20 AM" before. Short enough for a column, never ambiguous.
 */
export function formatListTime(iso: string | null | undefined, now: Date = new Date()): string {
  const date = toDate(iso)
  if (!date) return '—'
  if (isSameDay(date, now)) return `Today, ${format(date, 'h:mm a')}`
  if (isSameYear(date, now)) return format(date, 'MMM d, h:mm a')
  return format(date, 'MMM d yyyy, h:mm a')
}

/** A full local timestamp for the review pane: "Sat, Feb 14, 2026, 10:20:12 AM". */
export function formatFullTime(iso: string | null | undefined): string {
  const date = toDate(iso)
  return date ? format(date, 'EEE, MMM d, yyyy, h:mm:ss a') : '—'
}

/** "Feb 14, 2026, 10:20 AM": a timestamp where space is short (the header's facts). */
export function formatShortTime(iso: string | null | undefined): string {
  const date = toDate(iso)
  return date ? format(date, 'MMM d, yyyy, h:mm a') : '—'
}

/** "10:20 AM" or, for another day, "Feb 14, 10:20 AM": when data was fetched. */
export function formatFetchedAt(iso: string | null | undefined, now: Date = new Date()): string {
  const date = toDate(iso)
  if (!date) return 'an unknown time'
  return isSameDay(date, now) ? format(date, 'h:mm a') : format(date, 'MMM d, h:mm a')
}

/** "5 minutes ago": how old a comment or cached page is. */
export function formatAgo(iso: string | null | undefined): string {
  const date = toDate(iso)
  return date ? formatDistanceToNowStrict(date, { addSuffix: true }) : ''
}

const integer = new Intl.NumberFormat()

/** "4,312". */
export function formatCount(count: number): string {
  return integer.format(count)
}

/**
 * The list's range label: "1–200 of 4,312". `first` and `last` are 1-based and inclusive;
 * an empty list reads "0 of 0".
 */
export function formatRange(first: number, last: number, total: number): string {
  if (total === 0 || last < first) return `0 of ${formatCount(total)}`
  return `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`
}

/** "$75.00" for a call value; the API gives no currency, Convirza bills in US dollars. */
export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(value)
}

/** "1.25×" for a playback rate. */
export function formatRate(rate: number): string {
  return `${Number(rate.toFixed(2))}×`
}

/** "ANSWERED" → "Answered", "NO ANSWER" → "No answer" (shared with the QA exports). */
export { formatDisposition } from '@shared/qa/format'

/** "call_mine_status" → "Call mine status": an unknown key made readable. */
export function humaniseKey(key: string): string {
  const spaced = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase()
  return spaced ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : key
}
