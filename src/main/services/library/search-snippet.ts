/**
 * Where a text search matched a call, said the way a reviewer reads it: "transcript: …the roof
 * is leaking…", "number: (512) 581-7682", "tag: Lead". The index (search-index.ts) says which
 * calls match, not where, so the page's records are looked through again here: 200 records a
 * page, a few milliseconds.
 */
import type { CallRecord } from '@shared/convirza/schemas'
import type { CallListItem } from '@shared/ipc/contract'
import type { SearchHit } from '@shared/ipc/contract/calls'
import { formatPhoneNumber } from '@shared/phone'
import { namesOf, tagNamesOf } from './call-columns'
import { phoneDigits } from './fts-query'

const WORD = /[\p{L}\p{N}\p{M}]+/gu
/** Characters of context kept before and after the match. */
const BEFORE = 50
const AFTER = 110

/** An excerpt of `text` around `at`, whitespace collapsed, with ellipses where it was cut. */
export function excerpt(text: string, at: number, length: number): string {
  const start = Math.max(0, at - BEFORE)
  const end = Math.min(text.length, at + length + AFTER)
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim()
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`
}

/** Where in a text the first searched word starts (case-insensitive), or -1. */
function findWord(text: string, words: readonly string[]): { at: number; length: number } | null {
  if (!text) return null
  const lower = text.toLowerCase()
  if (!words.every((word) => lower.includes(word))) return null
  const first = words[0] ?? ''
  return { at: lower.indexOf(first), length: first.length }
}

/** The first place a search matches in a record, or null (then the index matched a form the excerpt cannot show). */
export function findSearchHit(record: CallRecord, input: string): SearchHit | null {
  const digits = phoneDigits(input)
  if (digits !== null) {
    for (const raw of [record.caller_id, record.phone_number, record.ring_to]) {
      if (raw && raw.replace(/\D+/g, '').includes(digits)) return { where: 'number', snippet: formatPhoneNumber(raw), seconds: null }
    }
  }
  const words = input.toLowerCase().match(WORD) ?? []
  if (!words.length) return null
  const fields: [SearchHit['where'], string][] = [
    ['transcript', record.transcription ?? ''],
    ['summary', record.summary ?? ''],
    ['comment', (record.comments ?? []).map((c) => c.note ?? '').join('\n')],
    ['tag', tagNamesOf(record).join(', ')],
    ['caller', record.ai_caller_identity ?? ''],
    ['campaign', record.campaign_name ?? ''],
    ['name', namesOf(record).join(', ')]
  ]
  for (const [where, text] of fields) {
    const found = findWord(text, words)
    if (found) return { where, snippet: excerpt(text, found.at, found.length), seconds: null }
  }
  return null
}

/** Where the reviewer's own QA text matched a call (qa-search.ts QaHit). */
export interface OwnTextHit {
  kind: 'note' | 'comment' | 'flag'
  text: string
  seconds: number | null
}

/** The record fields findSearchHit reads (through namesOf and tagNamesOf too): a search reads only these of each stored record. */
export const SEARCH_HIT_KEYS = [
  'caller_id',
  'phone_number',
  'ring_to',
  'transcription',
  'summary',
  'comments',
  'tags',
  'ai_caller_identity',
  'campaign_name',
  'group_name',
  'voiceagent_data',
  'indicators'
] as const satisfies readonly (keyof CallRecord)[]

/**
 * Where each call of a page matched a search: the reviewer's own note, comment or flag when that
 * is what found it; else the call's caller or tracking number as the list row holds it, when the
 * search is digits it holds (no record is read: a number found on most calls would read a page of
 * 200 records, transcripts and all, for nothing); else the first place in its stored record.
 */
export function searchHits(
  search: string,
  items: readonly CallListItem[],
  ownHits: ReadonlyMap<number, OwnTextHit>,
  library: { rawRecords(callIds: readonly number[]): Map<number, CallRecord> }
): Map<number, SearchHit> {
  const { hits, rest } = hitsWithoutRecords(search, items, ownHits)
  return hitsInRecords(hits, search, library.rawRecords(rest))
}

/**
 * searchHits, with the records read and parsed off the main thread (CallLibrary#searchRecords):
 * 200 records of transcripts take tens of milliseconds to parse on a slow machine.
 */
export async function searchHitsOffThread(
  search: string,
  items: readonly CallListItem[],
  ownHits: ReadonlyMap<number, OwnTextHit>,
  library: { searchRecords(callIds: readonly number[]): Promise<Map<number, CallRecord>> }
): Promise<Map<number, SearchHit>> {
  const { hits, rest } = hitsWithoutRecords(search, items, ownHits)
  return hitsInRecords(hits, search, rest.length ? await library.searchRecords(rest) : new Map())
}

function hitsWithoutRecords(search: string, items: readonly CallListItem[], ownHits: ReadonlyMap<number, OwnTextHit>) {
  const hits = new Map<number, SearchHit>()
  const digits = phoneDigits(search)
  const rest: number[] = []
  for (const item of items) {
    const own = ownHits.get(item.callId)
    if (own) {
      hits.set(item.callId, { where: own.kind === 'comment' ? 'review' : own.kind, snippet: excerpt(own.text, 0, 0), seconds: own.seconds })
      continue
    }
    const number = digits === null ? undefined : [item.callerId, item.trackingNumber].find((n) => n?.includes(digits))
    if (number) hits.set(item.callId, { where: 'number', snippet: formatPhoneNumber(number), seconds: null })
    else rest.push(item.callId)
  }
  return { hits, rest }
}

function hitsInRecords(hits: Map<number, SearchHit>, search: string, records: ReadonlyMap<number, CallRecord>): Map<number, SearchHit> {
  for (const [callId, record] of records) {
    const hit = findSearchHit(record, search)
    if (hit) hits.set(callId, hit)
  }
  return hits
}
