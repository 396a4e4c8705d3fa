/**
 * Turns what a person typed into the search box into an FTS5 MATCH expression that cannot
 * fail. FTS5's own syntax treats quotes, `*`, `-`, `:`, parentheses and the words AND, OR, NOT
 * and NEAR as operators, so raw input such as `"roof` or `AND` would throw a syntax error.
 *
 * Rules: every word is quoted (so operators are plain words); "quoted text" is a phrase; a
 * chunk such as `e-mail` or `don't` becomes the phrase of its words, as the unicode61 tokenizer
 * splits it; all phrases must match (AND); the last one, if not closed by a quote, matches as a
 * prefix so results follow the user's typing.
 *
 * Numbers: input made only of digits and the punctuation people write numbers with
 * ("(512) 581-7682", "+1 512 581", "7682") also matches any run of those digits inside a
 * caller, tracking or ring-to number. The list finds those through the library's own table of
 * digit tails (phoneDigits here, phone_tails in call-list-query.ts), not the index: a prefix
 * that thousands of numbers share is thousands of index terms. `toFtsMatch` still says it as one
 * expression over the index's `phones` column of digit tails (call-columns.ts phoneTails).
 * Words never match that column.
 */
import { MIN_PHONE_DIGITS } from './call-columns'

/** Letters, digits and combining marks: what unicode61 keeps inside a token. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu
/** A "quoted phrase", or a run of anything but spaces and quotes. An unmatched quote is skipped. */
const CHUNK = /"([^"]*)"|([^\s"]+)/g

/** Only digits and what people write between them: spaces, + ( ) - . / */
const PHONE_LIKE = /^[\d\s+().\-/]+$/

/** The digits of input that reads as (part of) a phone number, or null. */
export function phoneDigits(input: string): string | null {
  const trimmed = input.trim()
  if (!PHONE_LIKE.test(trimmed)) return null
  const digits = trimmed.replace(/\D+/g, '')
  return digits.length >= MIN_PHONE_DIGITS ? digits : null
}

/** The MATCH expression, or null when the input holds no searchable word (then search nothing by text). */
export function toFtsMatch(input: string): string | null {
  const words = toWordMatch(input)
  const digits = phoneDigits(input)
  const byWords = words === null ? null : `(- {phones} : (${words}))`
  if (digits === null) return byWords
  const byNumber = `({phones} : "${digits}"*)`
  return byWords === null ? byNumber : `${byNumber} OR ${byWords}`
}

/** The words-only expression (every column but `phones`), or null when the input holds no word. */
export function toWordMatch(input: string): string | null {
  const phrases: { words: string[]; quoted: boolean }[] = []
  for (const chunk of input.matchAll(CHUNK)) {
    const quoted = chunk[1] !== undefined
    const words = (quoted ? chunk[1] : chunk[2])?.match(WORD)
    if (words?.length) phrases.push({ words, quoted })
  }
  if (phrases.length === 0) return null
  return phrases
    .map(({ words, quoted }, index) => {
      const prefix = !quoted && index === phrases.length - 1 ? '*' : ''
      return `"${words.join(' ')}"${prefix}`
    })
    .join(' ')
}
