/**
 * The calls handlers' view of one profile's library (CallsLibraryPort), as the app wires it:
 * reads on the main connection (the library's own queries), fetched pages stored on the library
 * thread so the main process is not held while they are written.
 */
import type { CallLibrary } from '../library/call-library'
import type { CallsLibraryPort } from './handlers'

export function callsLibraryPort(lib: CallLibrary, hasRecording: (callId: number) => boolean): CallsLibraryPort {
  return {
    list: (query, opts) => lib.list(query, opts),
    rawRecords: (callIds) => lib.rawRecords(callIds),
    searchRecords: (callIds) => lib.searchRecords(callIds),
    whenSearchable: () => lib.whenSearchable(),
    get: (callId) => lib.get(callId),
    choices: () => lib.choices(),
    // On the library thread (CallLibrary#upsertCallsOffThread): written here, a page of 200 calls
    // held main's thread for 130-300 ms at a cold start, and every other IPC answer, the library's
    // cached page among them, waited behind it. Resolves once committed (a call opened from the
    // API is read back from the library).
    upsertCalls: async (records, fetchedAt) => void (await lib.upsertCallsOffThread(records, fetchedAt, [])),
    // A page from the API is answered without waiting for its write (80-150 ms at a cold start);
    // the reads below wait for it instead (CallLibrary#storeShown).
    storeShown: (records, fetchedAt) => lib.storeShown(records, fetchedAt),
    whenShownStored: () => lib.whenShownStored(),
    recordingsOffline: (callIds) => new Set(callIds.filter(hasRecording))
  }
}
