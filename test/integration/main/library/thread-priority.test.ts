/**
 * The library's two threads (the writer, library-thread.ts, and the search index's) run at a
 * lower priority than the main thread, so a sync's writes give way to the main thread, which
 * answers the window, when every core is busy (docs/decisions/main-process-never-stalls.md).
 * Linux only: there a thread's priority is set by its thread id; elsewhere they run as before.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { OpenLibraries } from '@test/fixtures/library/library-setup'
import { syntheticCalls } from '@test/fixtures/library/synthetic-calls'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

/** The nice value of each of this process's threads (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceness(): number[] {
  return readdirSync(`/proc/${process.pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
  })
}

const onLinux = process.platform === 'linux'
if (!onLinux) console.warn(`[thread-priority] SKIPPED: thread priorities are set on Linux only; this is ${process.platform}.`)

describe.skipIf(!onLinux)('the library’s threads', () => {
  it('run at a lower priority than the main thread once they have started', async () => {
    const before = threadNiceness().filter((nice) => nice === 10).length
    const library = libraries.make()
    await library.upsertCallsOffThread(syntheticCalls(20, { seed: 1 }), '2026-04-01T00:00:00.000Z', [])
    await library.whenSearchable()
    expect(threadNiceness().filter((nice) => nice === 10).length - before).toBe(2)
    expect(threadNiceness()[0]).toBe(0)
    expect(library.search.threaded).toBe(true)
  })
})
