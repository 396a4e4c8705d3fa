/**
 * Call records the demo server has encoded as JSON, kept by call and include set so that a
 * page asked for again (the next listing, a second client, a refresh) is copied, not rebuilt,
 * stringified and UTF-8-encoded again. Records are deterministic for a dataset and include
 * set, except recording links (signed with an expiry), so those are never kept here.
 * Least recently used out once `capacity` records are held.
 */
export class EncodedRecordCache {
  private readonly entries = new Map<string, Buffer>()

  constructor(readonly capacity = 20_000) {
    if (!(capacity >= 1)) throw new RangeError(`the record cache holds at least one record; got ${capacity}`)
  }

  get size(): number {
    return this.entries.size
  }

  /** The record under `key` as JSON bytes, building and encoding it on first use. */
  get(key: string, build: () => unknown): Buffer {
    const hit = this.entries.get(key)
    if (hit) {
      // Map keeps insertion order: re-inserting makes this the most recently used.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit
    }
    const encoded = Buffer.from(JSON.stringify(build()), 'utf8')
    this.entries.set(key, encoded)
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string
      this.entries.delete(oldest)
    }
    return encoded
  }
}
