/**
 * The renderer's QA session store against main's real QA handlers and SQLite store, reached
 * through the renderer's one door (window.callReview.invoke). Only the audio cannot be real in
 * Node: the review pane's open/close are stubbed and a recording's end is the player store's
 * `ended` flag. A channel can be made to fail, as a full disk or a locked database would.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installQaBridge } from '@test/fixtures/bridges/qa-bridge'
import { QaRepository as MainQaStore } from '@main/services/qa/qa-repository'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'

const ME = 'qa@example.com'
const FAILURE = { kind: 'io', message: 'The QA library could not be written (disk full). Free some space, then try again.' }

let main: MainQaStore
/** Channels that answer with FAILURE instead of running. */
let failing: Set<string>
const opened: number[] = []

beforeEach(() => {
  main = new MainQaStore(mkdtempSync(join(tmpdir(), 'qa-session-store-')), () => new Date('2026-03-01T17:00:00Z'))
  failing = new Set()
  opened.length = 0
  installQaBridge({ main, reviewer: ME, exportDir: tmpdir(), failing, failure: FAILURE })
})

afterEach(async () => {
  const { useQaStore } = await import('@renderer/stores/qa-store')
  if (useQaStore.getState().session) useQaStore.getState().leave()
  await settle()
  useQaStore.setState({ error: null, autoAdvance: false })
  main.close()
  Reflect.deleteProperty(globalThis, 'window')
})

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 0))
}

/** A session over calls 101–103, open on 101, with the review pane stubbed (no audio in Node). */
async function started() {
  const { useQaStore } = await import('@renderer/stores/qa-store')
  const { useReviewStore } = await import('@renderer/stores/review-store')
  const { usePlayerStore } = await import('@renderer/stores/player-store')
  useReviewStore.setState({
    open: async (callId: number) => {
      opened.push(callId)
    },
    close: () => undefined
  } as never)
  usePlayerStore.setState({ callId: 101, position: 12, ended: false, playing: true } as never)
  expect(await useQaStore.getState().startFromCalls([101, 102, 103], { name: 'Monday', templateId: DEFAULT_TEMPLATE_ID })).toBe(true)
  expect(useQaStore.getState().session?.items.map((i) => i.callId)).toEqual([101, 102, 103])
  return { useQaStore, usePlayerStore }
}

const stored = (callId: number) => main.getSession(ME, main.listSessions(ME)[0]?.id ?? '').items.find((i) => i.callId === callId)

describe('QA session store: nothing typed is lost', () => {
  it('keeps the note draft and shows the error when saving the note fails, and saves it on retry', async () => {
    const { useQaStore } = await started()
    useQaStore.getState().beginNote()
    expect(useQaStore.getState().noteDraft).toEqual({ callId: 101, seconds: 12, text: '' })
    useQaStore.getState().setNoteText('Quoted the wrong price')
    const draft = useQaStore.getState().noteDraft
    failing.add('qa:addNote')
    expect(await useQaStore.getState().saveNote()).toBe(false)
    expect(useQaStore.getState().noteDraft).toBe(draft)
    expect(useQaStore.getState().error?.message).toBe(FAILURE.message)
    expect(stored(101)?.notes).toEqual([])
    failing.clear()
    expect(await useQaStore.getState().saveNote()).toBe(true)
    expect(useQaStore.getState().noteDraft).toBeNull()
    expect(useQaStore.getState().error).toBeNull()
    expect(stored(101)?.notes.map((n) => [n.seconds, n.text])).toEqual([[12, 'Quoted the wrong price']])
    expect(useQaStore.getState().session?.items[0]?.notes.map((n) => n.text)).toEqual(['Quoted the wrong price'])
    // The note started the call's review, here as in main.
    expect(stored(101)?.review.updatedAt).not.toBeNull()
    expect(useQaStore.getState().session?.items[0]?.review.updatedAt).toBe(stored(101)?.notes[0]?.updatedAt)
  })

  it('saves the note being typed when the reviewer moves to another call or leaves, and stays put if it cannot', async () => {
    const { useQaStore } = await started()
    useQaStore.getState().beginNote()
    useQaStore.getState().setNoteText('Never offered a callback')
    useQaStore.getState().next()
    await settle()
    expect(stored(101)?.notes.map((n) => [n.seconds, n.text])).toEqual([[12, 'Never offered a callback']])
    expect(useQaStore.getState().index).toBe(1)
    expect(useQaStore.getState().noteDraft).toBeNull()

    // A note that cannot be stored keeps the reviewer on the call, with its text and the error.
    useQaStore.getState().beginNote()
    useQaStore.getState().setNoteText('Agent talked over the caller')
    failing.add('qa:addNote')
    useQaStore.getState().previous()
    await settle()
    expect(useQaStore.getState().index).toBe(1)
    expect(useQaStore.getState().noteDraft?.text).toBe('Agent talked over the caller')
    expect(useQaStore.getState().error?.message).toBe(FAILURE.message)
    useQaStore.getState().leave()
    await settle()
    expect(useQaStore.getState().session).not.toBeNull()

    // Once it can be stored, leaving stores it and leaves.
    failing.clear()
    useQaStore.getState().leave()
    await settle()
    expect(useQaStore.getState().session).toBeNull()
    expect(stored(102)?.notes.map((n) => n.text)).toEqual(['Agent talked over the caller'])
  })

  it('rolls an answer, mark or flag back on screen and shows the error when main refuses it', async () => {
    const { useQaStore } = await started()
    useQaStore.getState().answer('greeting', 'yes')
    await settle()
    expect(stored(101)?.review.answers).toEqual({ greeting: 'yes' })
    failing.add('qa:saveReview')
    useQaStore.getState().answer('greeting', 'no')
    useQaStore.getState().answer('politeness', 4)
    useQaStore.getState().toggleReviewed()
    useQaStore.getState().toggleFlagged()
    // Shown at once…
    expect(useQaStore.getState().session?.items[0]?.review).toMatchObject({
      answers: { greeting: 'no', politeness: 4 },
      reviewed: true,
      flaggedForFollowUp: true
    })
    await settle()
    // …and back to what main holds once it refused.
    expect(useQaStore.getState().session?.items[0]?.review).toMatchObject({
      answers: { greeting: 'yes' },
      reviewed: false,
      flaggedForFollowUp: false
    })
    expect(useQaStore.getState().session?.reviewedCount).toBe(0)
    expect(useQaStore.getState().error?.message).toBe(FAILURE.message)
    expect(stored(101)?.review).toMatchObject({ answers: { greeting: 'yes' }, reviewed: false, flaggedForFollowUp: false })
  })

  it('holds auto-advance while a note is being written, and advances once it is saved', async () => {
    const { useQaStore, usePlayerStore } = await started()
    useQaStore.getState().setAutoAdvance(true)
    useQaStore.getState().beginNote()
    usePlayerStore.setState({ ended: true, playing: false } as never)
    expect(useQaStore.getState().index).toBe(0)
    expect(useQaStore.getState().noteDraft).not.toBeNull()
    useQaStore.getState().setNoteText('Caller hung up on hold')
    expect(await useQaStore.getState().saveNote()).toBe(true)
    expect(stored(101)?.notes.map((n) => n.text)).toEqual(['Caller hung up on hold'])
    expect(useQaStore.getState().index).toBe(1)
    expect(opened.at(-1)).toBe(102)
  })

  it('holds auto-advance while a note is being written, and advances once it is cancelled', async () => {
    const { useQaStore, usePlayerStore } = await started()
    useQaStore.getState().setAutoAdvance(true)
    useQaStore.getState().beginNote()
    usePlayerStore.setState({ ended: true, playing: false } as never)
    expect(useQaStore.getState().index).toBe(0)
    useQaStore.getState().cancelNote()
    expect(useQaStore.getState().index).toBe(1)
  })

  it('advances straight away when a recording ends with no note open', async () => {
    const { useQaStore, usePlayerStore } = await started()
    useQaStore.getState().setAutoAdvance(true)
    usePlayerStore.setState({ ended: true, playing: false } as never)
    expect(useQaStore.getState().index).toBe(1)
  })
})

describe('QA session store: the missing-answers message', () => {
  /** A session over calls 101–103 with a scorecard whose one criterion is required. */
  async function startedRequired() {
    const template = main.saveTemplate(
      { name: 'Required greeting', criteria: [{ label: 'Greeting', weight: 1, type: 'yes_no', required: true }] },
      ME
    )
    const { useQaStore } = await started()
    useQaStore.getState().leave()
    expect(await useQaStore.getState().startFromCalls([101, 102, 103], { name: 'Tuesday', templateId: template.id })).toBe(true)
    const greeting = template.criteria[0]?.id ?? ''
    expect(greeting).not.toBe('')
    return { useQaStore, greeting }
  }
  const NOT_MARKED = 'Not marked reviewed: answer the required criterion first ("Greeting").'

  it('goes once the call is marked reviewed', async () => {
    const { useQaStore, greeting } = await startedRequired()
    useQaStore.getState().toggleReviewed()
    expect(useQaStore.getState().error?.message).toBe(NOT_MARKED)
    useQaStore.getState().answer(greeting, 'yes')
    useQaStore.getState().toggleReviewed()
    expect(useQaStore.getState().error).toBeNull()
    await settle()
    expect(useQaStore.getState().session?.items[0]?.review.reviewed).toBe(true)
  })

  it('goes when another call is opened, and does not take another error with it', async () => {
    const { useQaStore, greeting } = await startedRequired()
    useQaStore.getState().toggleReviewed()
    expect(useQaStore.getState().error?.message).toBe(NOT_MARKED)
    useQaStore.getState().next()
    expect(useQaStore.getState().index).toBe(1)
    expect(useQaStore.getState().error).toBeNull()

    // A refused save is not about one call: it stays until dismissed, whatever call is opened.
    failing.add('qa:saveReview')
    useQaStore.getState().answer(greeting, 'yes')
    await settle()
    expect(useQaStore.getState().error?.message).toBe(FAILURE.message)
    useQaStore.getState().next()
    expect(useQaStore.getState().error?.message).toBe(FAILURE.message)
  })
})

describe('QA session store: an answer key that does not fit the criterion', () => {
  it('answers nothing and says why, until something is answered or the cursor moves', async () => {
    const { useQaStore } = await started()
    // Criterion 0 is "Greeting" (Yes or No, no N/A); criterion 5 "Politeness and tone" (1–5).
    useQaStore.getState().answerCurrent('na')
    expect(useQaStore.getState().keyHint).toBe('“Greeting” cannot be answered N/A.')
    useQaStore.getState().answerCurrent(3)
    expect(useQaStore.getState().keyHint).toBe('“Greeting” is answered Yes or No: press Y or X.')
    useQaStore.getState().setCriterion(5)
    expect(useQaStore.getState().keyHint).toBeNull()
    useQaStore.getState().answerCurrent('yes')
    expect(useQaStore.getState().keyHint).toBe('“Politeness and tone” is a rating: press 1 to 5.')
    expect(useQaStore.getState().session?.items[0]?.review.answers).toEqual({})
    useQaStore.getState().answerCurrent(4)
    expect(useQaStore.getState().keyHint).toBeNull()
    await settle()
    expect(stored(101)?.review.answers).toEqual({ politeness: 4 })
  })

  it('says, for a screen reader, what an answer key answered and which criterion is next', async () => {
    const { useQaStore } = await started()
    expect(useQaStore.getState().keyAnswered).toBeNull()
    useQaStore.getState().answerCurrent('na')
    expect(useQaStore.getState().keyAnswered).toBeNull()
    useQaStore.getState().answerCurrent('yes')
    const criteria = useQaStore.getState().session?.template.criteria ?? []
    expect(useQaStore.getState().keyAnswered).toBe(`Greeting: Yes. Next: ${criteria[1]?.label}.`)
    useQaStore.getState().setCriterion(5)
    useQaStore.getState().answerCurrent(4)
    expect(useQaStore.getState().keyAnswered).toBe(`Politeness and tone: 4 of 5. Next: ${criteria[6]?.label}.`)
    useQaStore.getState().setCriterion(criteria.length - 1)
    useQaStore.getState().answerCurrent('no')
    expect(useQaStore.getState().keyAnswered).toBe(`${criteria.at(-1)?.label}: No. That was the last criterion.`)
    useQaStore.getState().next()
    expect(useQaStore.getState().keyAnswered).toBeNull()
  })
})
