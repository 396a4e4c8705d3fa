/**
 * Sizes, counts and durations as settings shows them. Binary units (1 GB = 1024³ bytes), the
 * same the cache limit is set in, so "5 GB" reads back as the limit the user typed. The
 * locale's own number formatting does the wording.
 */
import { formatDuration, intervalToDuration } from 'date-fns'

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const
export const BYTES_PER_GB = 1024 ** 3
export const BYTES_PER_MB = 1024 ** 2

/** "0 bytes", "840 KB", "1.2 GB". */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return new Intl.NumberFormat(undefined, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1
  }).format(value)
}

/** "1,234". */
export function formatCount(count: number): string {
  return new Intl.NumberFormat().format(count)
}

/** "about 3 minutes", "less than a minute", "about 1 hour 20 minutes". */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 60) return 'less than a minute'
  const rounded = seconds >= 3600 ? Math.round(seconds / 300) * 300 : Math.round(seconds / 60) * 60
  const duration = intervalToDuration({ start: 0, end: rounded * 1000 })
  return `about ${formatDuration(duration, { format: ['days', 'hours', 'minutes'] })}`
}

/** A cache limit in GB as the input shows it: "5", "0.5", "12.25". */
export function bytesToGbInput(bytes: number): string {
  return String(Math.round((bytes / BYTES_PER_GB) * 100) / 100)
}
