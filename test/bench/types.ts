/**
 * The contract between a benchmark file and the runner (test/bench/run.ts): every
 * test/bench/<name>.bench.ts exports `run(): Promise<BenchResult[]>`. Performance targets are
 * measured here, never by timed tests (docs/testing.md).
 */
export interface BenchResult {
  /** What was measured, e.g. "parse+validate a 200-call page". */
  name: string
  /** The target in words, e.g. "< 10 ms median". */
  target: string
  value: number
  unit: string
  /** null: measured for information, no target. */
  pass: boolean | null
  /** Noise (p10/p90, stdev), sample counts, side measurements. */
  notes?: string
}

export interface BenchModule {
  run(): Promise<BenchResult[]>
}

/** Percentile by nearest rank over a sorted copy. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

export function stdev(samples: readonly number[]): number {
  if (samples.length < 2) return 0
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length
  return Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples.length - 1))
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
