/**
 * How exported values are written so that a spreadsheet opens them unmangled.
 *
 * - Dates: CSV gets "YYYY-MM-DD HH:mm:ss" in the reviewer's time zone, which Excel, LibreOffice
 *   and Google Sheets all read as a date-time without shifting it; JSON gets ISO 8601 with the
 *   offset ("2026-02-14T11:20:12-07:00"), exact for programs.
 * - Phone numbers: CSV gets the national format at home ("(801) 555-1234") — a spreadsheet
 *   cannot take it for a number, so it never turns into 18015551234 or 1.80156E+10, and it starts
 *   with neither a formula character nor an apostrophe. The alternatives were worse: bare digits
 *   or E.164 become numbers (Excel drops the '+'); ="…" shows literally in LibreOffice when
 *   formulas are not evaluated and is itself a formula; a leading tab or apostrophe stays in the
 *   value for every program that reads the file. Foreign numbers use the international format
 *   and, starting with '+', get the formula guard's apostrophe. Values that are no phone number
 *   (all zeros, "00…" prefixes, too long) are written in groups of four digits ("0000 0000 00"),
 *   text to every spreadsheet. JSON keeps E.164 (or the record's value) as well.
 * - Durations: whole seconds as a number; "3:02" would become a time of day.
 * - Text that a spreadsheet could run as a formula (starting = + - @, tab or CR, or their
 *   full-width forms) is prefixed with an apostrophe (OWASP "CSV injection"): see FORMULA_START.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { DEFAULT_COUNTRY, formatPhoneNumber, normalisePhoneNumber } from '@shared/phone'

/**
 * Cells matching this get a leading apostrophe. Papaparse's own `escapeFormulae: true` uses
 * /^[=+\-@\t\r].*$/, whose `.` stops at a newline, so "=cmd\n…" slipped through; this does not.
 */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/** What a CSV cell holds: numbers are written as they are, text is guarded and quoted as needed. */
export type CsvValue = string | number | null | undefined

/** Characters that make a cell need quotes (papaparse's BAD_DELIMITERS, the comma, the BOM). */
const NEEDS_QUOTES = /[\r\n",\uFEFF]|^ | $/

/**
 * One CSV cell, written as papaparse's unparse writes it with `escapeFormulae: FORMULA_START`
 * (the export used it per row; this is the same rule without its per-cell overhead): text a
 * spreadsheet could run gets a leading apostrophe and quotes; text with a comma, quote, line
 * break, BOM or a leading or trailing space is quoted, its quotes doubled.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  if (FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** A CSV line (without its line break). */
export function csvLine(values: readonly CsvValue[]): string {
  let line = ''
  for (let n = 0; n < values.length; n += 1) line += n === 0 ? csvCell(values[n]) : `,${csvCell(values[n])}`
  return line
}

export interface LocalDateTime {
  /** "2026-02-14 11:20:12": for spreadsheets. */
  text: string
  /** "2026-02-14T11:20:12-07:00": ISO 8601 with the offset, for programs. */
  iso: string
}

/** Building an Intl.DateTimeFormat costs far more than using one: one a zone, reused across rows. */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, timeZoneName: 'longOffset' })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** An instant in the given IANA time zone; null when the input is not a date. */
export function toLocalDateTime(input: string | Date | null | undefined, timeZone: string): LocalDateTime | null {
  if (input === null || input === undefined || input === '') return null
  const date = input instanceof Date ? input : new Date(input)
  const ms = date.getTime()
  if (Number.isNaN(ms)) return null
  const offset = offsetAt(ms, timeZone)
  const sign = offset.startsWith('-') ? -1 : 1
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)))
  // The wall-clock time is the instant shifted by the offset, read as UTC.
  const local = new Date(ms + minutes * 60_000).toISOString()
  const day = local.slice(0, 10)
  const time = local.slice(11, 19)
  return { text: `${day} ${time}`, iso: `${day}T${time}${offset}` }
}

/** Offsets by zone and UTC day (when the day has one offset) or quarter hour (a day with a change). */
const offsets = new Map<string, string>()
const DAY_MS = 86_400_000
const QUARTER_MS = 900_000

/**
 * The zone's offset from UTC at this instant, "+05:30" or "-07:00". formatToParts is slow (tens
 * of microseconds), so a UTC day whose start and end have the same offset is taken to have it
 * throughout (no zone changes its offset and back within a day) and costs two calls for every
 * row in it; a day with a change falls back to quarter hours, the finest step zones change on.
 */
function offsetAt(ms: number, timeZone: string): string {
  const day = Math.floor(ms / DAY_MS)
  const dayKey = `${timeZone}|d${day}`
  let offset = offsets.get(dayKey)
  if (offset === undefined) {
    const start = offsetFromIntl(day * DAY_MS, timeZone)
    offset = start === offsetFromIntl((day + 1) * DAY_MS - 1, timeZone) ? start : ''
    remember(dayKey, offset)
  }
  if (offset) return offset
  const quarterKey = `${timeZone}|${Math.floor(ms / QUARTER_MS)}`
  let quarter = offsets.get(quarterKey)
  if (quarter === undefined) {
    quarter = offsetFromIntl(ms, timeZone)
    remember(quarterKey, quarter)
  }
  return quarter
}

function remember(key: string, offset: string): void {
  if (offsets.size > 50_000) offsets.clear()
  offsets.set(key, offset)
}

function offsetFromIntl(ms: number, timeZone: string): string {
  const name = formatterFor(timeZone)
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value
  // "GMT-07:00", or plain "GMT" for UTC itself.
  return name?.replace(/^GMT/, '') || '+00:00'
}

/**
 * "2026-02-14T11:20:12-07:00" → "2026-02-14 11:20:12" (the same local time, as spreadsheets read
 * it) and "UTC-07:00" in a column of its own, so the date stays a date and the offset is not
 * lost. "UTC" in front keeps the offset from reading as a number or a formula ("-07:00").
 */
export function splitOffset(iso: string | null): { local: string; offset: string } {
  if (!iso) return { local: '', offset: '' }
  return { local: iso.slice(0, 19).replace('T', ' '), offset: `UTC${iso.slice(19)}` }
}

/** E.164 when the value can be a phone number, else what the record held. */
export function phoneForJson(raw: string | null | undefined): string | null {
  if (!raw) return null
  return normalisePhoneNumber(raw) ?? raw
}

/**
 * The human format described above; '' when absent. A value that is no phone number
 * libphonenumber can format ("0000000000", "00447911123456", a 16-digit string) would come out as
 * bare digits, which a spreadsheet turns into a number (leading zeros dropped, 8.01555E+15):
 * those are written as digit groups instead, see {@link groupDigits}.
 */
export function phoneForSpreadsheet(raw: string | null | undefined): string {
  const formatted = formatPhoneNumber(raw)
  const bare = /^(\+?)(\d+)$/.exec(formatted)
  return bare ? `${bare[1]}${groupDigits(bare[2] as string)}` : formatted
}

/**
 * Digits split with spaces so that no spreadsheet in any locale reads them as a number: groups
 * of four from the left ("0044 7911 1234 56"), since a thousands separator only ever precedes
 * groups of three. Up to four digits: left alone unless they start with 0 ("911" stays a number
 * without losing anything); "0123" becomes "01 23" for the same reason.
 */
export function groupDigits(digits: string): string {
  if (digits.length <= 4) {
    if (digits.length < 2 || !digits.startsWith('0')) return digits
    const head = Math.max(1, digits.length - 2)
    return `${digits.slice(0, head)} ${digits.slice(head)}`
  }
  return digits.match(/\d{1,4}/g)?.join(' ') ?? digits
}

/**
 * Both forms of a number from one parse: what phoneForJson and phoneForSpreadsheet(phoneForJson(raw))
 * give, for the export's hot path (libphonenumber's parse is most of an export's time).
 */
export function phoneForms(raw: string | null | undefined): { json: string | null; sheet: string } {
  if (!raw) return { json: null, sheet: '' }
  const trimmed = raw.trim()
  if (!trimmed) return { json: raw, sheet: phoneForSpreadsheet(raw) }
  const candidate = /^\d{11,15}$/.test(trimmed) ? `+${trimmed}` : trimmed
  const parsed = parsePhoneNumberFromString(candidate, DEFAULT_COUNTRY)
  if (!parsed || !parsed.isValid()) return { json: raw, sheet: phoneForSpreadsheet(raw) }
  // A valid number's E.164 parses back to the same number and country: format this parse.
  const formatted = parsed.country === DEFAULT_COUNTRY ? parsed.formatNational() : parsed.formatInternational()
  const bare = /^(\+?)(\d+)$/.exec(formatted)
  return { json: parsed.number, sheet: bare ? `${bare[1]}${groupDigits(bare[2] as string)}` : formatted }
}

/** The machine's own zone: exports read in the reviewer's local time. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}
