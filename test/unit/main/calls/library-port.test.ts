/**
 * A page fetched from the API, stored through the port the app wires (calls/library-port.ts):
 * written on the library thread, and answered only once it is stored, so what the page shows is
 * in the library; a library that cannot store it loses the copy, not the answer.
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

describe('a page from the API, stored through the app’s port', () => {
  it('is written on the library thread and in the library before it is answered', async () => {
    const library = libraries.make()
    const call = setup(library)
    const answer = await call('calls:list', LIST)
    if (!answer.ok) throw new Error(answer.error.message)
    const page = (answer as { value: CallListPage }).value
    expect(page.items).toHaveLength(200)
    expect(page.items[0]).toMatchObject({ callId: PAGE[0]!.call_id, recordingOffline: true })
    expect(page.items[1]!.recordingOffline).toBe(false)
    // Committed by the thread, not by this connection, and readable here the moment it answered.
    expect(library.thread?.committed).toBe(1)
    for (const record of PAGE) expect(library.get(record.call_id)?.record.call_id).toBe(record.call_id)
  })

  it('answers from the API alone, and says why, when the library cannot store the page', async () => {
    const library = libraries.make()
    const warn = vi.fn()
    const call = setup(library, { warn, info: vi.fn(), error: vi.fn(), debug: vi.fn() } as unknown as Logger)
    library.close()
    const answer = await call('calls:list', LIST)
    expect(answer.ok).toBe(true)
    expect((answer as { value: CallListPage }).value.items).toHaveLength(200)
    expect(warn).toHaveBeenCalledWith(
      'library: could not store the fetched calls; answering from the API alone',
      expect.objectContaining({ error: expect.anything() })
    )
  })
})
