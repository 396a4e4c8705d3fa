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
 *   and, starting with '+', get the formula guard's apostrophe. JSON keeps E.164 as well.
 * - Durations: whole seconds as a number; "3:02" would become a time of day.
 * - Text that a spreadsheet could run as a formula (starting = + - @, tab or CR, or their
 *   full-width forms) is prefixed with an apostrophe (OWASP "CSV injection"): see FORMULA_START.
 */
import { formatPhoneNumber, normalisePhoneNumber } from '../../../shared/phone'

/**
 * Cells matching this get a leading apostrophe. Papaparse's own `escapeFormulae: true` uses
 * /^[=+\-@\t\r].*$/, whose `.` stops at a newline, so "=cmd\n…" slipped through; this does not.
 */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

export interface LocalDateTime {
  /** "2026-02-14 11:20:12": for spreadsheets. */
  text: string
  /** "2026-02-14T11:20:12-07:00": ISO 8601 with the offset, for programs. */
  iso: string
}

/** An instant in the given IANA time zone; null when the input is not a date. */
export function toLocalDateTime(input: string | Date | null | undefined, timeZone: string): LocalDateTime | null {
  if (input === null || input === undefined || input === '') return null
  const date = input instanceof Date ? input : new Date(input)
  if (Number.isNaN(date.getTime())) return null
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset'
  }).formatToParts(date)
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? ''
  const day = `${get('year')}-${get('month')}-${get('day')}`
  const time = `${get('hour')}:${get('minute')}:${get('second')}`
  // "GMT-07:00", or plain "GMT" for UTC itself.
  const offset = get('timeZoneName').replace(/^GMT/, '') || '+00:00'
  return { text: `${day} ${time}`, iso: `${day}T${time}${offset}` }
}

/** E.164 when the value can be a phone number, else what the record held. */
export function phoneForJson(raw: string | null | undefined): string | null {
  if (!raw) return null
  return normalisePhoneNumber(raw) ?? raw
}

/** The human format described above; '' when absent. */
export function phoneForSpreadsheet(raw: string | null | undefined): string {
  return formatPhoneNumber(raw)
}

/** The machine's own zone: exports read in the reviewer's local time. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}
