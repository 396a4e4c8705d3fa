/**
 * A sync's reads over every call of the job and its progress writes, off the main thread: the
 * list of recordings still to download is read on the library thread (it reads each record's
 * size hint), and the bytes downloaded so far are written there without waiting. Both give what
 * the main thread's connection would, and fall back to it when the thread is not running.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { CallRecordSchema } from '@shared/convirza/schemas'
import { SyncState } from '@main/services/library/sync-state'
import { OpenLibraries, query } from '@test/fixtures/library/library-setup'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

const NOW = '2026-03-21T00:00:00.000Z'
/** Six calls; every third has no recording; the rest carry a size hint. */
const RECORDS = Array.from({ length: 6 }, (_, i) =>
  CallRecordSchema.parse({
    call_id: 700 + i,
    call_started: new Date(Date.parse('2026-03-20T00:00:00Z') - i * 60_000).toISOString(),
    recording_details: i % 3 === 2 ? null : { url: `https://api.example.test/rec/${700 + i}`, size: `${10 + i}kB` }
  })
)

function jobIn(threaded: boolean): { state: SyncState; id: string } {
  const library = libraries.make(undefined, { libraryThread: threaded })
  expect(library.thread?.available ?? false).toBe(threaded)
  const state = new SyncState(library)
  const id = 'job-1'
  state.create(id, query({ start: '2026-03-01T00:00:00Z', end: '2026-03-31T00:00:00Z' }), 200, NOW)
  state.storeCalls(id, RECORDS, [], NOW)
  return { state, id }
}

describe('a sync job off the main thread', () => {
  for (const threaded of [true, false]) {
    it(`lists the recordings still to download as the main connection does (${threaded ? 'on the thread' : 'no thread'})`, async () => {
      const { state, id } = jobIn(threaded)
      const here = state.pendingRecordings(id)
      expect(here.map((p) => [p.callId, p.sizeHint])).toEqual([
        [700, '10kB'],
        [701, '11kB'],
        [703, '13kB'],
        [704, '14kB']
      ])
      expect(await state.pendingRecordingsOffThread(id)).toEqual(here)
    })
  }

  it('keeps the bytes downloaded so far through the thread, in order, the latest (and largest) count standing', async () => {
    const { state, id } = jobIn(true)
    state.setBytesSoon(id, 1_000)
    state.setBytesSoon(id, 5_000)
    // The thread answers in order: once a later read is answered, both writes are in.
    await state.countsOffThread(id)
    expect(state.get(id)?.bytes).toBe(5_000)
  })

  it('a run’s last count of bytes, written on the main connection, stands over a thread write still queued', async () => {
    const { state, id } = jobIn(true)
    // A download finishes (queued on the thread), then the run ends and writes its total at once.
    state.setBytesSoon(id, 180_000)
    state.setBytes(id, 360_000)
    await state.countsOffThread(id)
    expect(state.get(id)?.bytes).toBe(360_000)
  })

  it('writes the bytes at once when there is no thread', () => {
    const { state, id } = jobIn(false)
    state.setBytesSoon(id, 2_500)
    expect(state.get(id)?.bytes).toBe(2_500)
  })
})
