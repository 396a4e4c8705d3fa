/**
 * A page fetched from the API, stored through the port the app wires (calls/library-port.ts):
 * answered at once and written on the library thread meanwhile; what reads the library for what
 * was shown (the list's next cached answer, a call opened) waits for that write, so it finds the
 * page; a library that cannot store it loses the copy, not the answer, and says why.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCallsHandlers, type CallsClientPort } from '@main/services/calls/handlers'
import { callsLibraryPort } from '@main/services/calls/library-port'
import type { CallLibrary } from '@main/services/library/call-library'
import type { Logger } from '@main/services/log'
import { callsChannels, type CallListPage } from '@shared/ipc/contract/calls'
import { channelCaller } from '@test/fixtures/channel-call'
import { OpenLibraries } from '@test/fixtures/library/library-setup'
import { syntheticCalls } from '@test/fixtures/library/synthetic-calls'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

const PAGE = syntheticCalls(200, { seed: 3 })

/** The API's answer: the one page above, whatever was asked (the handler validated the query). */
const client: CallsClientPort = {
  listCalls: async (query) => ({ total: PAGE.length, calls: PAGE, issues: [], degraded: [], requestId: 'req-1', query }),
  getCall: async () => null,
  groupsTree: async () => []
}

function setup(library: CallLibrary, log?: Logger) {
  const handlers = createCallsHandlers({
    library: () => callsLibraryPort(library, (callId) => callId === PAGE[0]!.call_id),
    client: () => client,
    reviewed: () => new Set(),
    recordingUrl: (id) => `recording://call/${id}`,
    clock: () => new Date('2026-04-15T00:00:00Z'),
    timeZone: () => 'UTC',
    exportDir: () => '/nonexistent',
    ...(log ? { log } : {})
  })
  return channelCaller(callsChannels, handlers)
}

const LIST = { query: { start: '2026-04-01T00:00:00.000Z', end: '2026-04-15T00:00:00.000Z', limit: 200, offset: 0 }, source: 'network' }

/** Holds the library thread's writes until `release()`. */
function holdWrites(library: CallLibrary): { release: () => void } {
  const thread = library.thread
  if (!thread) throw new Error('the test library has no thread')
  let release = (): void => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  const write = thread.write.bind(thread)
  vi.spyOn(thread, 'write').mockImplementation(async (request) => {
    await held
    return write(request)
  })
  return { release }
}

describe('a page from the API, stored through the app’s port', () => {
  it('is answered before its write ends, and the library’s next answers wait for the write', async () => {
    const library = libraries.make()
    const call = setup(library)
    const writes = holdWrites(library)
    const answer = await call('calls:list', LIST)
    if (!answer.ok) throw new Error(answer.error.message)
    const page = (answer as { value: CallListPage }).value
    expect(page.items).toHaveLength(200)
    expect(page.items[0]).toMatchObject({ callId: PAGE[0]!.call_id, recordingOffline: true })
    expect(page.items[1]!.recordingOffline).toBe(false)
    // Answered while the write is still held: nothing of the page is in the library yet.
    expect(library.thread?.committed).toBe(0)
    expect(library.get(PAGE[0]!.call_id)).toBeNull()

    // The library's answers wait for it: the cached list, and a call opened from the page.
    let cachedAnswered = false
    const cached = call('calls:list', { ...LIST, source: 'cache' }).then((result) => ((cachedAnswered = true), result))
    const opened = call('calls:get', { callId: PAGE[5]!.call_id, source: 'cache' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(cachedAnswered).toBe(false)
    writes.release()
    const cachedPage = await cached
    if (!cachedPage.ok) throw new Error(cachedPage.error.message)
    // The page's calls within the asked range (the synthetic page spreads beyond it); none had
    // been committed when it was asked.
    const inRange = PAGE.filter((r) => r.call_started >= LIST.query.start && r.call_started < LIST.query.end).map((r) => r.call_id)
    expect(inRange.length).toBeGreaterThan(0)
    expect((cachedPage as { value: CallListPage }).value.source).toBe('cache')
    expect(new Set((cachedPage as { value: CallListPage }).value.items.map((i) => i.callId))).toEqual(new Set(inRange))
    // Read from the library, not fetched again (the client here has no single calls).
    expect(await opened).toMatchObject({ ok: true, value: { source: 'cache', record: { call_id: PAGE[5]!.call_id } } })
    // Committed by the thread, not by this connection.
    expect(library.thread?.committed).toBe(1)
  })

  it('answers from the API alone, and says why, when the library cannot store the page', async () => {
    const library = libraries.make()
    const warn = vi.fn()
    const call = setup(library, { warn, info: vi.fn(), error: vi.fn(), debug: vi.fn() } as unknown as Logger)
    library.close()
    const answer = await call('calls:list', LIST)
    expect(answer.ok).toBe(true)
    expect((answer as { value: CallListPage }).value.items).toHaveLength(200)
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(
        'library: could not store the fetched calls; answering from the API alone',
        expect.objectContaining({ error: expect.anything() })
      )
    )
  })

  it('lets whoever closes or clears the library wait until the pages shown are stored', async () => {
    const library = libraries.make()
    const writes = holdWrites(library)
    const stored = library.storeShown(PAGE.slice(0, 10), '2026-04-15T00:00:00.000Z')
    let settled = false
    const waited = library.whenShownStored().then(() => (settled = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(settled).toBe(false)
    writes.release()
    await waited
    await stored
    expect(library.get(PAGE[9]!.call_id)?.record.call_id).toBe(PAGE[9]!.call_id)
    // Nothing in flight: at once.
    await library.whenShownStored()
  })
})
