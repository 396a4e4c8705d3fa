/**
 * Finding calls, over a library of 100,000 cached calls (synthetic, shaped like the API's):
 *   - search by partial phone digits, in the formats people type: p95 < 20 ms;
 *   - search including the reviewer's notes and review comments, with 20,000 reviews: p95 < 50 ms;
 *   - sort by each sortable column, the first page: median < 100 ms.
 * Each search is timed as the calls:list handler answers it: the reviewer's QA text (qa.sqlite),
 * the library's page of 200 and total, and where each of the page's calls matched (snippets).
 * The sort figure is the library's share (query and rows); the renderer's paint of the first
 * rows is measured in renderer.bench.ts ("first render").
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { validateCallQuery, type CallQuery } from '@shared/convirza/query'
import { SORT_COLUMNS, type CallSort } from '@shared/ipc/contract/calls'
import { qaHitsOnPage } from '@main/services/calls/handlers'
import { CallLibrary } from '@main/services/library/call-library'
import { searchHits } from '@main/services/library/search-snippet'
import { QaRepository } from '@main/services/qa/qa-repository'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import { callerNumber, seededRandom, syntheticCalls, SYNTHETIC_DAYS, SYNTHETIC_EPOCH } from '../fixtures/library/synthetic-calls'
import { percentile, round, type BenchResult } from './types'

const FETCHED_AT = '2026-04-15T00:00:00.000Z'
const DAY = 86_400_000
const CALLS = 100_000
const REVIEWS = 20_000
const REVIEWER = 'bench@example.com'
/** syntheticCalls' first call_id (its default). */
const FIRST_CALL_ID = 1_000_000
const NOTE_WORDS = ['callback', 'pricing', 'escalate', 'warranty', 'rude', 'upsell', 'wobbulous', 'greeting', 'hold', 'transfer']

function validated(start: number, end: number): CallQuery {
  const result = validateCallQuery(
    { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
    new Date(SYNTHETIC_EPOCH + SYNTHETIC_DAYS * DAY)
  )
  if (!result.ok) throw new Error(`bench query invalid: ${JSON.stringify(result.violations)}`)
  return result.query
}

function measure(run: () => void, times: number): number[] {
  for (let i = 0; i < 10; i += 1) run()
  const samples: number[] = []
  for (let i = 0; i < times; i += 1) {
    const start = performance.now()
    run()
    samples.push(performance.now() - start)
  }
  return samples
}

/** 20,000 reviews with comments and a note each, written straight into qa.sqlite in one transaction (the API would take minutes). */
function seedReviews(dir: string, random: () => number): void {
  new QaRepository(dir).close()
  const db = new Database(join(dir, 'qa.sqlite'))
  const now = FETCHED_AT
  db.transaction(() => {
    const session = db.prepare(
      'INSERT INTO sessions (id, reviewer, name, template_id, template_version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)'
    )
    const member = db.prepare('INSERT OR IGNORE INTO session_calls (session_id, ord, call_id) VALUES (?, ?, ?)')
    const review = db.prepare(
      'INSERT INTO reviews (session_id, call_id, template_id, template_version, reviewed, flagged, comment, reviewed_at, updated_at) VALUES (?, ?, ?, 1, 1, ?, ?, ?, ?)'
    )
    const note = db.prepare('INSERT INTO notes (id, session_id, call_id, seconds, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    for (let s = 0; s < REVIEWS / 200; s += 1) {
      const id = `session-${s}`
      session.run(id, REVIEWER, `Week ${s}`, DEFAULT_TEMPLATE_ID, now, now)
      for (let i = 0; i < 200; i += 1) {
        // The library's calls: syntheticCalls numbers them from FIRST_CALL_ID.
        const callId = FIRST_CALL_ID + Math.floor(random() * CALLS)
        if (member.run(id, i, callId).changes === 0) continue
        const word = NOTE_WORDS[Math.floor(random() * NOTE_WORDS.length)] as string
        review.run(
          id,
          callId,
          DEFAULT_TEMPLATE_ID,
          random() < 0.05 ? 1 : 0,
          `Reviewed: ${word} handled ${random() < 0.5 ? 'well' : 'poorly'}`,
          now,
          now
        )
        note.run(
          `${id}-${i}`,
          id,
          callId,
          Math.floor(random() * 300),
          `Agent ${word} at this point, caller ${NOTE_WORDS[i % NOTE_WORDS.length]}`,
          now,
          now
        )
      }
    }
  })()
  db.close()
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'finding-bench-'))
  const library = new CallLibrary(dir)
  const random = seededRandom(17)
  try {
    for (let batch = 0; batch < CALLS / 10_000; batch += 1) library.upsertCalls(syntheticCalls(10_000, { seed: 7 }, batch * 10_000), FETCHED_AT)
    library.search.settle()
    library.db.pragma('wal_checkpoint(TRUNCATE)')
    // The library takes the planner's statistics on its own idle tick after writes, as in the app.
    await new Promise((resolve) => setTimeout(resolve, 400))
    seedReviews(dir, random)
    const qa = new QaRepository(dir)
    const window = validated(SYNTHETIC_EPOCH + 9 * DAY, SYNTHETIC_EPOCH + 40 * DAY)
    const windowCalls = library.list(window).total

    /** What the calls:list handler does for a search: QA text, the library's page, where each matched. */
    const search = (text: string): number => {
      const found = { callIds: qa.searchTextCalls(REVIEWER, text), hits: (ids: readonly number[]) => qa.searchTextHits(REVIEWER, text, ids) }
      const page = library.list(window, { text, alsoIds: found.callIds })
      searchHits(text, page.items, qaHitsOnPage(found, page.items), library)
      return page.total
    }

    const phones: string[] = []
    for (let i = 0; i < 40; i += 1) {
      const digits = callerNumber(Math.floor(random() * 5000)).slice(1)
      const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)]
      phones.push(line, `(${area}) ${exchange}-${line}`, `+1 ${area} ${exchange}`, digits, `${exchange}-${line}`)
    }
    let p = 0
    let phoneMatches = 0
    const phoneSamples = measure(() => {
      phoneMatches += search(phones[p++ % phones.length] as string)
    }, 400)

    const texts = ['wobbulous', 'escalate', 'callback pricing', 'rude', 'poorly', 'upsell', 'warranty', 'roof leak', 'inspection', 'transfer hold']
    let t = 0
    let textMatches = 0
    const textSamples = measure(() => {
      textMatches += search(texts[t++ % texts.length] as string)
    }, 400)
    // measure() runs 10 warm-ups first, so sample i searched texts[(10 + i) % texts.length].
    const byText = texts
      .map((text, k) => ({ text, times: textSamples.filter((_, i) => (10 + i) % texts.length === k) }))
      .sort((a, b) => percentile(b.times, 95) - percentile(a.times, 95))
      .slice(0, 3)
      .map(({ text, times }) => `"${text}" p95 ${round(percentile(times, 95))}, p50 ${round(percentile(times, 50))}`)
      .join('; ')

    const sorts: CallSort[] = SORT_COLUMNS.flatMap((column) => [
      { column, direction: 'asc' as const },
      { column, direction: 'desc' as const }
    ])
    const reviewedIds = qa.allReviewedCallIds(REVIEWER)
    let s = 0
    const sortSamples = measure(() => {
      const sort = sorts[s++ % sorts.length] as CallSort
      library.list(window, { sort, ...(sort.column === 'reviewed' ? { reviewedIds: qa.allReviewedCallIds(REVIEWER) } : {}) })
    }, sorts.length * 12)
    qa.close()

    const p95Phone = percentile(phoneSamples, 95)
    const p95Text = percentile(textSamples, 95)
    const medianSort = percentile(sortSamples, 50)
    return [
      {
        name: 'search by partial phone digits over 100,000 cached calls (page of 200 + total + where matched)',
        target: '< 20 ms p95',
        value: round(p95Phone),
        unit: 'ms',
        pass: p95Phone < 20,
        notes: `400 searches: last 4 digits, "(512) 581-7682", "+1 512 581", 10 digits, "581-7682"; 31-day window of ${windowCalls} calls; p50 ${round(percentile(phoneSamples, 50))}, max ${round(Math.max(...phoneSamples))}; ${Math.round(phoneMatches / 400)} matches on average`
      },
      {
        name: 'search including notes and review comments over 100,000 calls with 20,000 reviews',
        target: '< 50 ms p95',
        value: round(p95Text),
        unit: 'ms',
        pass: p95Text < 50,
        notes: `400 searches (words of notes, comments and transcripts) with QA text from qa.sqlite; ${reviewedIds.length} reviewed calls; p50 ${round(percentile(textSamples, 50))}, max ${round(Math.max(...textSamples))}; ${Math.round(textMatches / 400)} matches on average; slowest terms: ${byText}`
      },
      {
        name: 'sort 100,000 cached calls by any column, first page of 200 (library query)',
        target: '< 100 ms median',
        value: round(medianSort),
        unit: 'ms',
        pass: medianSort < 100,
        notes: `${sortSamples.length} sorts over the ${SORT_COLUMNS.length} columns both ways, over a 31-day window of ${windowCalls} calls (a query spans 31 days at most); p95 ${round(percentile(sortSamples, 95))}; the renderer's paint is measured in renderer.bench.ts`
      }
    ]
  } finally {
    library.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
