/**
 * Time left for a "make available offline" job. Recordings are nearly all of the work (a call
 * record is a few KB, a recording a few MB), so the estimate is the recording bytes still to
 * fetch over the rate they have been arriving at. Until bytes have flowed for a moment there
 * is no honest estimate, and the answer is null ("estimating…").
 */

/** Bytes from the API's `recording_details.size`, e.g. "39009kB" (docs/convirza-api.md); null when unreadable. */
export function parseSizeHint(size: string | null | undefined): number | null {
  const match = size ? /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(i?)b?\s*$/i.exec(size) : null
  if (!match) return null
  const power = ' kmg'.indexOf((match[2] || ' ').toLowerCase())
  const base = match[3] ? 1024 : 1000
  return Math.round(Number(match[1]) * base ** power)
}

/** Minimum time and bytes observed before the rate is trusted. */
const MIN_SECONDS = 1
const MIN_BYTES = 64 * 1024

export class SecondsLeft {
  private startMs: number | null = null
  private bytes = 0
  private remainingBytes = 0
  private remainingUnknown = 0
  private completed = 0
  private completedBytes = 0

  constructor(private readonly nowMs: () => number) {}

  /** The recordings still to fetch, with their size hints. */
  begin(sizeHints: readonly (string | null)[]): void {
    this.startMs = this.nowMs()
    for (const hint of sizeHints) {
      const bytes = parseSizeHint(hint)
      if (bytes === null) this.remainingUnknown += 1
      else this.remainingBytes += bytes
    }
  }

  received(bytes: number): void {
    this.bytes += bytes
  }

  /** A recording finished: `hint` is its size hint, `bytes` its real size. */
  finished(hint: string | null, bytes: number): void {
    const hinted = parseSizeHint(hint)
    if (hinted === null) this.remainingUnknown = Math.max(0, this.remainingUnknown - 1)
    else this.remainingBytes = Math.max(0, this.remainingBytes - hinted)
    this.completed += 1
    this.completedBytes += bytes
  }

  seconds(): number | null {
    if (this.startMs === null) return null
    const elapsed = (this.nowMs() - this.startMs) / 1000
    if (elapsed < MIN_SECONDS || this.bytes < MIN_BYTES) return null
    const average = this.completed > 0 ? this.completedBytes / this.completed : null
    if (this.remainingUnknown > 0 && average === null) return null
    const left = this.remainingBytes + this.remainingUnknown * (average ?? 0)
    return Math.max(0, Math.ceil(left / (this.bytes / elapsed)))
  }
}
