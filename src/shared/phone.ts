/**
 * Phone numbers: people type "(801) 555-1234", the API filter takes E.164 (+18015551234) and
 * records carry digits without '+' (docs/convirza-api.md). libphonenumber-js does the parsing,
 * with its "min" metadata: formats and lengths of every country, no per-type patterns (mobile,
 * fixed line), which nothing here asks for; the smallest set that formats and checks lengths.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'

/** Country assumed for numbers typed without one; Convirza's market is North America. */
export const DEFAULT_COUNTRY: CountryCode = 'US'

/** Normalise what a person typed, or a record's digits, to E.164; null when it cannot be a number. */
export function normalisePhoneNumber(input: string, country: CountryCode = DEFAULT_COUNTRY): string | null {
  const trimmed = input.trim()
  if (!trimmed) return null
  // Records store "18015551234": 11 digits with a leading country code but no '+'.
  const candidate = /^\d{11,15}$/.test(trimmed) ? `+${trimmed}` : trimmed
  const parsed = parsePhoneNumberFromString(candidate, country)
  return parsed && parsed.isValid() ? parsed.number : null
}

/** Format a record's number for people: national format at home, international abroad. */
export function formatPhoneNumber(raw: string | null | undefined, country: CountryCode = DEFAULT_COUNTRY): string {
  if (!raw) return ''
  const candidate = /^\d{11,15}$/.test(raw) ? `+${raw}` : raw
  const parsed = parsePhoneNumberFromString(candidate, country)
  if (!parsed) return raw
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational()
}
