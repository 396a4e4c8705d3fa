/**
 * Drawing a QA sample: N calls at random, or N per agent / campaign / group, from the calls a
 * filter found. Seeded, so the same seed over the same calls draws the same sample on any
 * machine (the session keeps the seed; README "QA listening sessions" explains sampling).
 * The candidates are put in call-id order first, so the order the list happened to load them
 * in does not change the draw.
 */
import { z } from 'zod'
import { createRandom } from '../random'

export const SAMPLE_GROUPINGS = ['none', 'agent', 'campaign', 'group'] as const

export const SampleSpecSchema = z.strictObject({
  /** Calls to draw in all, or per agent / campaign / group. */
  size: z.number().int().min(1, 'Draw at least one call.').max(5000, 'A sample holds at most 5,000 calls.'),
  per: z.enum(SAMPLE_GROUPINGS).default('none'),
  /** Any whole number; the same seed over the same calls draws the same sample. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  /** Calls shorter than this are left out. */
  minDurationSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .default(0),
  /** Calls nobody answered are left out unless this is on. */
  includeNoAnswer: z.boolean().default(false),
  /** Calls without a recording are left out unless this is off. */
  requireRecording: z.boolean().default(true)
})
export type SampleSpec = z.output<typeof SampleSpecSchema>
export type SampleSpecInput = z.input<typeof SampleSpecSchema>

/** What sampling needs to know of a call. */
export interface SampleCandidate {
  callId: number
  durationSeconds: number | null
  disposition: string | null
  hasRecording: boolean
  agent: string | null
  campaign: string | null
  group: string | null
}

export interface SampleResult {
  /** In draw order, grouped when drawn per agent / campaign / group (groups by name). */
  callIds: number[]
  /** How many candidates each rule left out, so the dialog can say why a sample is small. */
  excluded: { noRecording: number; tooShort: number; noAnswer: number }
  /** Candidates left after the rules. */
  eligible: number
}

/** "NO ANSWER", "no_answer", "No answer" … as the API and people spell it. */
export function isNoAnswer(disposition: string | null): boolean {
  return disposition !== null && disposition.replace(/[\s_-]+/g, '').toUpperCase() === 'NOANSWER'
}

export function drawSample(candidates: readonly SampleCandidate[], spec: SampleSpec): SampleResult {
  const excluded = { noRecording: 0, tooShort: 0, noAnswer: 0 }
  const seen = new Set<number>()
  const eligible: SampleCandidate[] = []
  for (const c of [...candidates].sort((a, b) => a.callId - b.callId)) {
    if (seen.has(c.callId)) continue
    seen.add(c.callId)
    if (spec.requireRecording && !c.hasRecording) excluded.noRecording += 1
    else if (!spec.includeNoAnswer && isNoAnswer(c.disposition)) excluded.noAnswer += 1
    else if ((c.durationSeconds ?? 0) < spec.minDurationSeconds) excluded.tooShort += 1
    else eligible.push(c)
  }
  const random = createRandom(spec.seed)
  let callIds: number[]
  if (spec.per === 'none') callIds = draw(eligible, spec.size, random).map((c) => c.callId)
  else {
    const key = spec.per
    const groups = new Map<string, SampleCandidate[]>()
    for (const c of eligible) {
      const name = c[key] ?? ''
      groups.set(name, [...(groups.get(name) ?? []), c])
    }
    callIds = [...groups.keys()]
      .sort((a, b) => a.localeCompare(b))
      .flatMap((name) => draw(groups.get(name) ?? [], spec.size, random).map((c) => c.callId))
  }
  return { callIds, excluded, eligible: eligible.length }
}

/** `count` items at random without repeats (a partial Fisher–Yates shuffle of a copy). */
function draw<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items]
  const n = Math.min(count, pool.length)
  for (let i = 0; i < n; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i))
    const picked = pool[j] as T
    pool[j] = pool[i] as T
    pool[i] = picked
  }
  return pool.slice(0, n)
}
