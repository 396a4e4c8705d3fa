/**
 * The seeded call dataset, kept compact: one typed-array slot per call for the fields the
 * filters need (time, route, disposition, caller, recording), so 100,000 calls take a few MB and
 * a few tens of milliseconds. Full records are built only when a page asks for them
 * (see call-record.ts), from a per-call random stream, so they are identical on every build.
 */
import { DISPOSITIONS, type Disposition } from '@shared/convirza/schemas'
import { ROUTES } from './accounts'
import { createRandom, hash32, intBetween, pick, weightedIndex, type Random } from '@shared/random'

/** What a call's recording is; `long` recordings are generated WAVs of 40+ minutes. */
export const RECORDING_KINDS = [
  'none',
  'roof-inspection.wav',
  'roof-inspection.mp3',
  'pricing-question.wav',
  'pricing-question.mp3',
  'voicemail.wav',
  'voicemail.mp3',
  'long.wav'
] as const
export type RecordingKind = (typeof RECORDING_KINDS)[number]

/** Durations of the generated long recordings; the first matches the API example (00:41:36.60). */
export const LONG_RECORDING_SECONDS = [2496.6, 2430, 2712.4] as const

export const SPAN_DAYS = 42
/** Room for the call number beside the time in a sort key; above the 100,000-call maximum. */
const KEY_SLOTS = 131_072
export const FIRST_CALL_ID = 1_000_001
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const WEEK_MS = 7 * DAY_MS
/** The demo's offices are in Mountain time; calls cluster in their business hours. */
const LOCAL_OFFSET_HOURS = -7
const HOUR_WEIGHTS = [0.03, 0.02, 0.02, 0.02, 0.03, 0.05, 0.15, 0.4, 0.9, 1, 1, 1, 0.8, 0.9, 1, 1, 0.9, 0.6, 0.35, 0.25, 0.15, 0.1, 0.06, 0.04]
/** ANSWERED, NO ANSWER, BUSY, FAILED, VOICEMAIL, ABANDONED, TRANSFERRED */
const DISPOSITION_WEIGHTS = [56, 12, 4, 3, 10, 7, 8]
const AREA_CODES = [801, 385, 435, 303, 720, 970, 512, 737, 214, 469, 972, 602, 480, 623, 208, 702, 719, 817]

export interface Dataset {
  seed: number
  size: number
  /** call_started in ms, newest first (position 0 is the newest call). */
  startedMs: Float64Array
  /** Position → call number (call_id = FIRST_CALL_ID + number). */
  callNumber: Uint32Array
  /** Call number → position. */
  positionOf: Uint32Array
  /** Index into ROUTES. */
  route: Uint8Array
  /** Index into DISPOSITIONS. */
  disposition: Uint8Array
  /** Index into the caller pool. */
  caller: Uint32Array
  /** 1 when the same caller called before (repeat_call). */
  repeat: Uint8Array
  /** Index into RECORDING_KINDS. */
  recording: Uint8Array
  /** For `long.wav` calls: which of LONG_RECORDING_SECONDS. */
  longRecordingSeconds: Map<number, number>
  /** Caller numbers, 11 digits as a number (1 + area code + 7 digits). */
  callerNumbers: Float64Array
}

export function callIdOf(dataset: Dataset, index: number): number {
  return FIRST_CALL_ID + (dataset.callNumber[index] as number)
}

/** The dataset position of a call id; -1 when the id is not a call of this dataset. */
export function indexOfCallId(dataset: Dataset, callId: number): number {
  const n = callId - FIRST_CALL_ID
  return Number.isInteger(n) && n >= 0 && n < dataset.size ? (dataset.positionOf[n] as number) : -1
}

export function dispositionOf(dataset: Dataset, index: number): Disposition {
  return DISPOSITIONS[dataset.disposition[index] as number] as Disposition
}

export function recordingKindOf(dataset: Dataset, index: number): RecordingKind {
  return RECORDING_KINDS[dataset.recording[index] as number] as RecordingKind
}

export function callerDigits(dataset: Dataset, index: number): string {
  return String(dataset.callerNumbers[dataset.caller[index] as number])
}

function callerNumber(seed: number, poolIndex: number): number {
  const random = createRandom(hash32(seed, poolIndex, 0x70e1))
  const area = pick(random, AREA_CODES)
  let exchange = intBetween(random, 201, 989)
  if (exchange % 100 === 11 || exchange === 555) exchange += 1
  const line = intBetween(random, 0, 9999)
  return 1e10 + area * 1e7 + exchange * 1e4 + line
}

/** Each hour of the local week (Sunday 00:00 first), summed: business hours and weekdays weigh more. */
const WEEK_HOURS_CUMULATIVE = ((): Float64Array => {
  const sums = new Float64Array(7 * 24)
  let total = 0
  for (let h = 0; h < sums.length; h++) {
    const day = Math.floor(h / 24)
    total += (HOUR_WEIGHTS[h % 24] as number) * (day === 0 || day === 6 ? 0.35 : 1)
    sums[h] = total
  }
  return sums
})()

/** An hour of the local week, drawn by its weight (binary search over the sums). */
function weekHour(random: Random): number {
  const r = random() * (WEEK_HOURS_CUMULATIVE.at(-1) as number)
  let low = 0
  let high = WEEK_HOURS_CUMULATIVE.length - 1
  while (low < high) {
    const mid = (low + high) >> 1
    if (r < (WEEK_HOURS_CUMULATIVE[mid] as number)) high = mid
    else low = mid + 1
  }
  return low
}

/**
 * A call time within the span, more likely in business hours and on weekdays. What is drawn (an
 * hour of the week, a moment in it, how many weeks back) never depends on `newestMs`; only where
 * the week falls does. So a call keeps its exact time when the demo restarts later, until its
 * hour of the week comes round again and it moves one week on (the rare call drawn again is one
 * that would leave the span).
 */
function callTime(random: Random, newestMs: number, spanDays: number): number {
  const spanMs = spanDays * DAY_MS
  const weeks = Math.ceil(spanDays / 7)
  const localNewest = newestMs + LOCAL_OFFSET_HOURS * HOUR_MS
  const day = Math.floor(localNewest / DAY_MS)
  const weekStart = (day - ((day + 4) % 7)) * DAY_MS // the local Sunday 00:00 (1970-01-01 was a Thursday)
  for (;;) {
    const hour = weekHour(random)
    const within = random() * HOUR_MS
    const weeksBack = Math.floor(random() * weeks)
    let local = weekStart + hour * HOUR_MS + within
    if (local > localNewest) local -= WEEK_MS
    const ms = local - LOCAL_OFFSET_HOURS * HOUR_MS - weeksBack * WEEK_MS
    if (ms >= newestMs - spanMs) return Math.floor(ms / 1000) * 1000
  }
}

function recordingFor(random: Random, disposition: Disposition): RecordingKind {
  const mp3 = random() < 1 / 3
  if (disposition === 'VOICEMAIL') return mp3 ? 'voicemail.mp3' : 'voicemail.wav'
  if (disposition !== 'ANSWERED' && disposition !== 'TRANSFERRED') return 'none'
  const fixture = random() < 0.5 ? 'roof-inspection' : 'pricing-question'
  return `${fixture}.${mp3 ? 'mp3' : 'wav'}`
}

/** What a call is (route, disposition, caller, recording), fixed by its number alone. */
function describeCalls(
  size: number,
  seed: number
): { route: Uint8Array; disposition: Uint8Array; caller: Uint32Array; recording: Uint8Array; poolSize: number } {
  const poolSize = Math.max(25, Math.ceil(size * 0.55))
  const frequentCallers = Math.max(5, Math.floor(poolSize / 10))
  const route = new Uint8Array(size)
  const disposition = new Uint8Array(size)
  const caller = new Uint32Array(size)
  const recording = new Uint8Array(size)
  for (let n = 0; n < size; n++) {
    const random = createRandom(hash32(seed, n, 0xa77e))
    route[n] = Math.floor(random() * ROUTES.length)
    const d = weightedIndex(random, DISPOSITION_WEIGHTS)
    disposition[n] = d
    caller[n] = random() < 0.25 ? Math.floor(random() * frequentCallers) : Math.floor(random() * poolSize)
    recording[n] = RECORDING_KINDS.indexOf(recordingFor(random, DISPOSITIONS[d] as Disposition))
  }
  return { route, disposition, caller, recording, poolSize }
}

/**
 * Build the dataset for `size` calls over the `spanDays` (default SPAN_DAYS) days before `now`. Same seed, size and
 * now give the same data. A call's content (route, disposition, caller, recording, transcript,
 * tags, notes...) depends only on seed, size and its call_id, never on `now`, so a demo restarted
 * later still shows the same call under the same id, at the same time (see callTime).
 */
export function generateDataset(size: number, seed: number, now: Date, spanDays = SPAN_DAYS): Dataset {
  const calls = describeCalls(size, seed)
  const longKind = RECORDING_KINDS.indexOf('long.wav')
  const longSeconds = new Map<number, number>()
  for (let n = 0; n < size && longSeconds.size < LONG_RECORDING_SECONDS.length; n++) {
    if (DISPOSITIONS[calls.disposition[n] as number] !== 'ANSWERED') continue
    calls.recording[n] = longKind
    longSeconds.set(n, LONG_RECORDING_SECONDS[longSeconds.size] as number)
  }

  // When: the newest call ends before "now".
  // Each call draws from its own stream, so a call whose time changes changes no other call's.
  const timeSeed = hash32(seed, size, 0x7173)
  const newestMs = now.getTime() - 5 * 60_000
  const times = new Float64Array(size)
  for (let n = 0; n < size; n++) times[n] = callTime(createRandom(hash32(timeSeed, n, 0x71e5)), newestMs, spanDays)
  // Sort (whole seconds, call number) packed into one float: a native numeric sort, no comparator.
  const keys = new Float64Array(size)
  for (let n = 0; n < size; n++) keys[n] = ((times[n] as number) / 1000) * KEY_SLOTS + n
  keys.sort().reverse()
  const order = new Uint32Array(size)
  const startedMs = new Float64Array(size)
  for (let i = 0; i < size; i++) {
    const n = (keys[i] as number) % KEY_SLOTS
    order[i] = n
    startedMs[i] = times[n] as number
  }

  // A long recording must have ended before now: give it a slot at least an hour old.
  const latestLongStart = now.getTime() - 60 * 60_000
  let candidate = 0
  for (let i = 0; i < size; i++) {
    const n = order[i] as number
    if (!longSeconds.has(n) || (startedMs[i] as number) <= latestLongStart) continue
    while (candidate < size && ((startedMs[candidate] as number) > latestLongStart || longSeconds.has(order[candidate] as number))) candidate++
    if (candidate >= size) break
    order[i] = order[candidate] as number
    order[candidate] = n
  }

  const route = new Uint8Array(size)
  const disposition = new Uint8Array(size)
  const caller = new Uint32Array(size)
  const recording = new Uint8Array(size)
  const positionOf = new Uint32Array(size)
  const longRecordingSeconds = new Map<number, number>()
  for (let i = 0; i < size; i++) {
    const n = order[i] as number
    positionOf[n] = i
    route[i] = calls.route[n] as number
    disposition[i] = calls.disposition[n] as number
    caller[i] = calls.caller[n] as number
    recording[i] = calls.recording[n] as number
    const seconds = longSeconds.get(n)
    if (seconds !== undefined) longRecordingSeconds.set(i, seconds)
  }

  const repeat = new Uint8Array(size)
  const seen = new Uint8Array(calls.poolSize)
  for (let i = size - 1; i >= 0; i--) {
    const c = caller[i] as number
    repeat[i] = seen[c] as number
    seen[c] = 1
  }

  const callerNumbers = new Float64Array(calls.poolSize)
  for (let j = 0; j < calls.poolSize; j++) callerNumbers[j] = callerNumber(seed, j)
  return { seed, size, startedMs, callNumber: order, positionOf, route, disposition, caller, repeat, recording, longRecordingSeconds, callerNumbers }
}
