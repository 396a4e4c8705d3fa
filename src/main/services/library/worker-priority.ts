/**
 * Source for the start of a library worker (library-worker.ts, search-worker.ts, both run with
 * `eval: true`): background work, so where the OS lets a thread's priority be lowered (Linux, by
 * its thread id), the thread gives way to the main one, which answers the window, when every
 * core is busy (docs/decisions/main-process-never-stalls.md). Elsewhere it does nothing.
 */
export const LOWER_THREAD_PRIORITY_SOURCE = String.raw`
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())
  if (tid > 0) require('node:os').setPriority(tid, 10)
} catch {}
`
