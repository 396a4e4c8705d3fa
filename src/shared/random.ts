/**
 * Seeded pseudo-random numbers: the demo dataset (the same seed must give the same calls on every
 * machine and every run; tests use the demo data as their oracle) and QA samples (the same seed
 * over the same calls draws the same sample). Nothing here may use Math.random or the clock.
 */

/** A function returning numbers in [0, 1), like Math.random but reproducible. */
export type Random = () => number

/** Mix three 32-bit integers into one well-spread 32-bit hash (murmur3's finaliser per part). */
export function hash32(a: number, b: number, c: number): number {
  return mix(mix(mix(0x811c9dc5, a), b), c) >>> 0
}

function mix(h: number, part: number): number {
  h = Math.imul(h ^ (part | 0), 0x01000193)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/** mulberry32: a small, well-known 32-bit generator; the same seed gives the same sequence everywhere. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A whole number in [min, max], both inclusive. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

/** An index into `weights`, chosen with probability proportional to its weight. */
export function weightedIndex(random: Random, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0)
  let r = random() * total
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] as number
    if (r < 0) return i
  }
  return weights.length - 1
}
