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

/** LIKE's own wildcards in a word are plain characters. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export class QaSearch {
  private readonly statements: StatementCache

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db)
  }

  /** The calls whose notes, comments or flag match every word of `input`, each with its first hit. */
  search(reviewer: string, input: string): Map<number, QaHit> {
    const words = [...new Set((input.toLowerCase().match(WORD) ?? []).slice(0, MAX_WORDS))]
    const hits = new Map<number, QaHit>()
    if (!words.length) return hits
    const like = (column: string): string => words.map(() => `lower(${column}) LIKE ? ESCAPE '\\'`).join(' AND ')
    const params = words.map(likePattern)
    // In a trigram index a quoted word is the run of its trigrams: the rows holding it anywhere.
    // Only a word of 3 or more characters has one; a shorter word is left to the own-text test below.
    // WORD's words hold no quote, so quoting them cannot break the expression. MATCH rather than the
    // index's LIKE support, which reads every candidate's text again (five times slower here).
    const indexed = words.filter((word) => [...word].length >= 3)
    const found = indexed.length ? 'f.text MATCH ?' : ''
    const foundParams = indexed.length ? [indexed.map((word) => `"${word}"`).join(' AND ')] : []
    const notes = (
      indexed.length
        ? this.statement(
            `SELECT n.call_id AS callId, n.text, n.seconds FROM note_search f
               JOIN note_search_keys k ON k.id = f.rowid JOIN notes n ON n.id = k.note_id JOIN sessions s ON s.id = n.session_id
             WHERE ${found} AND s.reviewer = ? AND ${like('n.text')} ORDER BY n.call_id, n.seconds`
          ).all(...foundParams, reviewer, ...params)
        : this.statement(
            `SELECT n.call_id AS callId, n.text, n.seconds FROM notes n JOIN sessions s ON s.id = n.session_id
             WHERE s.reviewer = ? AND ${like('n.text')} ORDER BY n.call_id, n.seconds`
          ).all(reviewer, ...params)
    ) as { callId: number; text: string; seconds: number }[]
    for (const note of notes) if (!hits.has(note.callId)) hits.set(note.callId, { kind: 'note', text: note.text, seconds: note.seconds })
    const comments = (
      indexed.length
        ? this.statement(
            `SELECT r.call_id AS callId, r.comment AS text FROM comment_search f
               JOIN comment_search_keys k ON k.id = f.rowid
               JOIN reviews r ON r.session_id = k.session_id AND r.call_id = k.call_id JOIN sessions s ON s.id = r.session_id
             WHERE ${found} AND s.reviewer = ? AND r.comment <> '' AND ${like('r.comment')}`
          ).all(...foundParams, reviewer, ...params)
        : this.statement(
            `SELECT r.call_id AS callId, r.comment AS text FROM reviews r JOIN sessions s ON s.id = r.session_id
             WHERE s.reviewer = ? AND r.comment <> '' AND ${like('r.comment')}`
          ).all(reviewer, ...params)
    ) as { callId: number; text: string }[]
    for (const comment of comments) if (!hits.has(comment.callId)) hits.set(comment.callId, { kind: 'comment', text: comment.text, seconds: null })
    if (words.length === 1 && FLAG_WORDS.has(words[0] ?? '')) {
      const flagged = this.statement(
        'SELECT DISTINCT r.call_id FROM reviews r JOIN sessions s ON s.id = r.session_id WHERE s.reviewer = ? AND r.flagged = 1'
      )
        .pluck()
        .all(reviewer) as number[]
      for (const callId of flagged) if (!hits.has(callId)) hits.set(callId, { kind: 'flag', text: 'Flagged in your review', seconds: null })
    }
    return hits
  }

  private statement(sql: string): Database.Statement {
    return this.statements.get(sql)
  }
}
