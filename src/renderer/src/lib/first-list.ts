/**
 * The first screen waits for one thing: the call list's first page. Main serves IPC calls on one
 * thread, so the loads the first rows do not need (the groups tree, QA sessions and templates,
 * the QA database's health, team and sync status) start once the list's first page is answered,
 * instead of queueing in front of it or beside it (docs/decisions/cold-start.md).
 */

/** However the list fares (no answer from the library, say), the rest starts within this. */
const LATEST_MS = 1500

let markAnswered: () => void = () => {}
const answered = new Promise<void>((resolve) => {
  markAnswered = resolve
})

/**
 * The list's first page is answered: by the library, rows or error, or by the API if it came
 * first (called by the calls store; later calls do nothing).
 */
export function firstListAnswered(): void {
  markAnswered()
}

/**
 * Resolves once the list's first page is answered, or after `ms`, whichever is first:
 * how long the first render may wait so that it draws the rows rather than their placeholders.
 */
export function firstListWithin(ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    void answered.then(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/**
 * Run `load` once the list's first page is answered (at once after that), or after LATEST_MS.
 * Returns a cancel for an effect's cleanup, so a screen closed meanwhile starts nothing.
 */
export function afterFirstList(load: () => void): () => void {
  let cancelled = false
  void firstListWithin(LATEST_MS).then(() => {
    if (!cancelled) load()
  })
  return () => {
    cancelled = true
  }
}
