/**
 * The reviewer's own QA words, searched alongside the library's text: notes (with the moment
 * they were taken), review comments, and flags ("flagged" finds the calls the reviewer
 * flagged). Every word must be in the note or comment, anywhere (LIKE '%word%'). The trigram
 * indexes of migration 4 (note_search, comment_search) find the rows holding each word of 3 or
 * more characters; each row found is then tested with that LIKE on its own text, so the index
 * only narrows what is read (it folds case beyond ASCII, LIKE does not). Tens of
 * thousands of notes cost a scan of tens of milliseconds, which every keystroke's search paid
 * before. The search box sends at most 500 characters.
 */
import type Database from 'better-sqlite3'
import { StatementCache } from '@main/services/sqlite/statement-cache'

/** Where a reviewer's own text matched a search, for "your note at 1:12". */
export interface QaHit {
  kind: 'note' | 'comment' | 'flag'
  text: string
  /** The note's place in the recording; null for comments and flags. */
  seconds: number | null
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu
/** Words that mean "the calls I flagged". */
const FLAG_WORDS = new Set(['flag', 'flagged', 'flags'])
/** More words than this in one search are not all required of one note (they still narrow it). */
const MAX_WORDS = 8

/** Every call's rows (through the index where it helps), or only the rows of these calls (a JSON array of ids). */
type Scope = 'index' | { calls: string }

/** A search as the QA text is searched for it. */
interface SearchWords {
  /** Distinct lower-case words, each required. */
  words: string[]
  /** The trigram index's expression for the words of 3 or more characters; null when there is none. */
  match: string | null
  /** The search is "flagged" (or "flag", "flags"). */
  flags: boolean
}

/** LIKE's own wildcards in a word are plain characters. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export class QaSearch {
  private readonly statements: StatementCache

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db)
  }

  /**
   * The calls whose notes, comments or flag match every word of `input`: ids only, which is all
   * the list needs to find them. Where each matched is read for a page's calls (`search`).
   */
  matchingCalls(reviewer: string, input: string): number[] {
    const query = this.parse(input)
    if (!query) return []
    const sources = [this.noteSql(query, 'index', 'SELECT n.call_id'), this.commentSql(query, 'index', 'SELECT r.call_id')]
    const params = [...this.params(query, 'index', reviewer), ...this.params(query, 'index', reviewer)]
    if (query.flags) {
      sources.push('SELECT r.call_id FROM reviews r JOIN sessions s ON s.id = r.session_id WHERE s.reviewer = ? AND r.flagged = 1')
      params.push(reviewer)
    }
    return this.statement(sources.join(' UNION '))
      .pluck()
      .all(...params) as number[]
  }

  /**
   * The calls whose notes, comments or flag match every word of `input`, each with its first hit
   * (its earliest note, else its comment, else its flag). With `callIds` (a page's calls), only
   * those, read through their own rows rather than the index: a few hundred calls' notes are
   * fewer rows than a common word's matches.
   */
  search(reviewer: string, input: string, callIds?: readonly number[]): Map<number, QaHit> {
    const query = this.parse(input)
    const hits = new Map<number, QaHit>()
    if (!query || callIds?.length === 0) return hits
    const scope: Scope = callIds ? { calls: JSON.stringify(callIds) } : 'index'
    const notes = this.statement(`${this.noteSql(query, scope, 'SELECT n.call_id AS callId, n.text, n.seconds')} ORDER BY n.call_id, n.seconds`).all(
      ...this.params(query, scope, reviewer)
    ) as { callId: number; text: string; seconds: number }[]
    for (const note of notes) if (!hits.has(note.callId)) hits.set(note.callId, { kind: 'note', text: note.text, seconds: note.seconds })
    const comments = this.statement(this.commentSql(query, scope, 'SELECT r.call_id AS callId, r.comment AS text')).all(
      ...this.params(query, scope, reviewer)
    ) as { callId: number; text: string }[]
    for (const comment of comments) if (!hits.has(comment.callId)) hits.set(comment.callId, { kind: 'comment', text: comment.text, seconds: null })
    if (query.flags) {
      const flagged = this.statement(
        `SELECT DISTINCT r.call_id FROM reviews r JOIN sessions s ON s.id = r.session_id WHERE s.reviewer = ? AND r.flagged = 1${
          scope === 'index' ? '' : ' AND r.call_id IN (SELECT value FROM json_each(?))'
        }`
      )
        .pluck()
        .all(reviewer, ...(scope === 'index' ? [] : [scope.calls])) as number[]
      for (const callId of flagged) if (!hits.has(callId)) hits.set(callId, { kind: 'flag', text: 'Flagged in your review', seconds: null })
    }
    return hits
  }

  private parse(input: string): SearchWords | null {
    const words = [...new Set((input.toLowerCase().match(WORD) ?? []).slice(0, MAX_WORDS))]
    if (!words.length) return null
    // In a trigram index a quoted word is the run of its trigrams: the rows holding it anywhere.
    // Only a word of 3 or more characters has one; a shorter word is left to the own-text test.
    // WORD's words hold no quote, so quoting them cannot break the expression. MATCH rather than the
    // index's LIKE support, which reads every candidate's text again (five times slower here).
    const indexed = words.filter((word) => [...word].length >= 3)
    return {
      words,
      match: indexed.length ? indexed.map((word) => `"${word}"`).join(' AND ') : null,
      flags: words.length === 1 && FLAG_WORDS.has(words[0] ?? '')
    }
  }

  /** Every word in the text, as LIKE tests (the index only narrows what is read: it folds case beyond ASCII, LIKE does not). */
  private like(query: SearchWords, column: string): string {
    return query.words.map(() => `lower(${column}) LIKE ? ESCAPE '\\'`).join(' AND ')
  }

  /** Where the rows are found: the trigram index (when a word has one), or the given calls' own rows. */
  private source(query: SearchWords, scope: Scope): 'index' | 'calls' | 'all' {
    return scope !== 'index' ? 'calls' : query.match ? 'index' : 'all'
  }

  /** The reviewer's notes holding every word, selecting `select` (n: notes). */
  private noteSql(query: SearchWords, scope: Scope, select: string): string {
    const reviewer = `s.reviewer = ? AND ${this.like(query, 'n.text')}`
    switch (this.source(query, scope)) {
      case 'index':
        return `${select} FROM note_search f JOIN note_search_keys k ON k.id = f.rowid JOIN notes n ON n.id = k.note_id
          JOIN sessions s ON s.id = n.session_id WHERE f.text MATCH ? AND ${reviewer}`
      case 'calls':
        // Notes have no index by call alone: one pass over them costs less than a look-up for
        // each of the reviewer's sessions and each call (notes_by_call), the planner's choice.
        return `${select} FROM notes n NOT INDEXED CROSS JOIN sessions s
          WHERE s.id = n.session_id AND n.call_id IN (SELECT value FROM json_each(?)) AND ${reviewer}`
      case 'all':
        return `${select} FROM notes n JOIN sessions s ON s.id = n.session_id WHERE ${reviewer}`
    }
  }

  /** The reviewer's review comments holding every word, selecting `select` (r: reviews). */
  private commentSql(query: SearchWords, scope: Scope, select: string): string {
    const reviewer = `s.reviewer = ? AND r.comment <> '' AND ${this.like(query, 'r.comment')}`
    switch (this.source(query, scope)) {
      case 'index':
        return `${select} FROM comment_search f JOIN comment_search_keys k ON k.id = f.rowid
          JOIN reviews r ON r.session_id = k.session_id AND r.call_id = k.call_id JOIN sessions s ON s.id = r.session_id
          WHERE f.text MATCH ? AND ${reviewer}`
      case 'calls':
        // Through reviews_by_call, each call's reviews, then their sessions (CROSS JOIN keeps that order).
        return `${select} FROM reviews r CROSS JOIN sessions s
          WHERE s.id = r.session_id AND r.call_id IN (SELECT value FROM json_each(?)) AND ${reviewer}`
      case 'all':
        return `${select} FROM reviews r JOIN sessions s ON s.id = r.session_id WHERE ${reviewer}`
    }
  }

  /** The parameters of noteSql and commentSql, in their order. */
  private params(query: SearchWords, scope: Scope, reviewer: string): string[] {
    const source = this.source(query, scope)
    const first = source === 'index' ? [query.match as string] : source === 'calls' && scope !== 'index' ? [scope.calls] : []
    return [...first, reviewer, ...query.words.map(likePattern)]
  }

  private statement(sql: string): Database.Statement {
    return this.statements.get(sql)
  }
}
