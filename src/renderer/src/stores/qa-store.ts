/**
 * The QA listening session the reviewer is in: the queue and where they are in it,
 * the scorecard answers, review marks and notes of each call. Every change is sent to main the
 * moment it is made (main stores it in the profile's qa.sqlite); the screen shows the change at
 * once and takes main's answer as the truth when it comes back. Opening a queue item opens the
 * call in the review pane with auto-play; the position is saved so a session resumes where it
 * was left.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { ExportFormat, ExportResult } from '@shared/ipc/contract/qa'
import type { Answer, Note, QueueItem, Review, SessionDetail, SessionInfo, SessionSummary, Template } from '@shared/qa/schemas'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import { checkAnswer, scoreReview } from '@shared/qa/score'
import { answerText } from '@shared/qa/format'
import type { SampleSpecInput } from '@shared/qa/sample'
import type { CallQueryInput } from '@shared/convirza/query'
import { call, errorInfo } from '../lib/api'
import type { AppliedQuery } from '../lib/call-query'
import { usePlayerStore } from './player-store'
import { usePrefsStore } from './prefs-store'
import { useReviewStore } from './review-store'

/** The most calls "start from the current filter" puts in one queue: a day's listening, a bounded request. */
export const FILTER_SESSION_CAP = 200
/** The most calls of a filter a sample is drawn from: 10 pages of the API. */
export const SAMPLE_POOL_CAP = 2000
/** How often the playback time is saved while listening, so a crash loses seconds, not minutes. */
const POSITION_SAVE_MS = 5000

/** A note being written: the call, the moment it is pinned to, and what is typed so far. */
export interface NoteDraft {
  callId: number
  seconds: number
  text: string
}

interface QaStore {
  session: SessionDetail | null
  /** Index into session.items of the call being reviewed. */
  index: number
  /** The scorecard row the answer keys (Y, X, A, 1–5) apply to. */
  criterionIndex: number
  /** Why the last answer key did nothing on the current criterion ("… is a rating: press 1 to 5"); null once anything is answered or the cursor moves. */
  keyHint: string | null
  /** What the last answer key did, for screen readers ("Greeting: Yes. Next: Tone."); null once the call changes. */
  keyAnswered: string | null
  noteDraft: NoteDraft | null
  /** Counts QA keys pressed while a note was open with the focus elsewhere (nudgeNote). */
  noteNudges: number
  sessions: SessionInfo[]
  templates: Template[]
  autoAdvance: boolean
  /** Mark reviewed as soon as the last criterion is answered (else the scorecard offers to). */
  autoMarkReviewed: boolean
  /** Every call of the session is reviewed: the summary opens. */
  complete: boolean
  /**
   * Counts saves that main stored with a different reviewed state than the call had before
   * (marked, unmarked, or made incomplete by clearing a required answer): the call list reads
   * its reviewed icons again when it changes (use-list-follows-work.ts).
   */
  reviewedChanges: number
  busy: boolean
  error: AppErrorInfo | null
  lastExport: ExportResult | null
  /** The "start a session" dialog is open. */
  startOpen: boolean
  setStartOpen: (open: boolean) => void
  /** Read the reviewer's sessions, the templates and the auto-advance preference. */
  load: () => Promise<void>
  /** Resolve the filter's calls (library first, then the API) and start a session over the first `limit`. */
  startFromFilter: (applied: AppliedQuery, options: { name: string; templateId?: string; limit: number }) => Promise<boolean>
  startFromCalls: (
    callIds: number[],
    options: { name: string; templateId?: string; query?: CallQueryInput; sample?: SampleSpecInput }
  ) => Promise<boolean>
  /**
   * Find up to SAMPLE_POOL_CAP calls of the filter (the API, else the library) and let main draw
   * the sample from them (seeded; see shared/qa/sample.ts).
   */
  startSample: (applied: AppliedQuery, options: { name: string; templateId?: string; sample: SampleSpecInput }) => Promise<boolean>
  /** Reopen a session where it was left. */
  resume: (sessionId: string) => Promise<void>
  /** Leave the session (saving where the reviewer is); it can be resumed later. */
  leave: () => void
  goTo: (index: number) => void
  next: () => void
  previous: () => void
  setCriterion: (index: number) => void
  /** Answer a criterion (null clears it); moves the cursor to it. */
  answer: (criterionId: string, value: Answer | null) => void
  /** Answer the criterion under the cursor and move to the next one. */
  answerCurrent: (value: Answer) => void
  toggleReviewed: () => void
  toggleFlagged: () => void
  /**
   * Save the reviewer's comment on a call. The caller names the session and call, so a save
   * that was waiting for the reviewer to pause still lands on the right call after they moved on.
   */
  setComment: (target: { sessionId: string; callId: number }, comment: string) => void
  /** Open the note input at the current playback time; the audio keeps playing. */
  beginNote: () => void
  /** Close the note input without saving; a held auto-advance goes ahead. */
  cancelNote: () => void
  /**
   * A QA key was pressed while a note is open: the keys wait for it (moving on would drop its
   * text), so the note input takes the focus back and says how to finish it.
   */
  nudgeNote: () => void
  /**
   * Save the note being written. The input stays open with its text until main has stored it,
   * so a failed save loses nothing (the error is shown); resolves whether it was saved.
   */
  /** Keep what is typed in the open note, so leaving the call saves it instead of dropping it. */
  setNoteText: (text: string) => void
  /** Save the open note (its typed text); true once stored or when there was nothing to store. */
  saveNote: () => Promise<boolean>
  updateNote: (noteId: string, text: string) => Promise<void>
  deleteNote: (noteId: string) => Promise<void>
  setAutoAdvance: (on: boolean) => void
  setAutoMarkReviewed: (on: boolean) => void
  /** Another session's summary shown beside this one's; null when none is chosen. */
  comparison: { sessionId: string; summary: SessionSummary | null; error: string | null } | null
  /** Load another session's summary to compare with ('' clears the comparison). */
  compareWith: (sessionId: string) => Promise<void>
  /** Move the scorecard cursor to the first required criterion still unanswered; false when none is. */
  jumpToMissing: () => boolean
  exportSession: (format: ExportFormat) => Promise<void>
  /** Show a written export in the file manager, or open it; main accepts only exports it wrote. */
  revealExport: (path: string, how: 'folder' | 'open') => Promise<void>
  clearError: () => void
}

let positionTimer: ReturnType<typeof setInterval> | null = null
/** A recording ended (auto-advance on) while a note was being written: advance once it is saved or cancelled. */
let advanceHeld = false
/** A note save is in flight; a second Enter does not add it twice. */
let savingNote = false
/** Seek here once this call's recording is loaded (resuming mid-call). */
let pendingSeek: { callId: number; seconds: number } | null = null
/**
 * The "Not marked reviewed: answer … first" message last shown. It is about one call, so it goes
 * once that call is marked reviewed or another call is opened; any other error stays until dismissed.
 */
let missingAnswersError: AppErrorInfo | null = null

/**
 * Active review time: a second counts while the recording plays or the reviewer did something
 * (a key, a click) in the last 30 s; it pauses otherwise. Seconds are sent with the next save
 * of the call they were spent on (or every ACTIVE_FLUSH_SECONDS).
 */
export const IDLE_AFTER_MS = 30_000
const ACTIVE_FLUSH_SECONDS = 15
let lastInputAt = 0
let activeTimer: ReturnType<typeof setInterval> | null = null
let pendingActive: { sessionId: string; callId: number; seconds: number } | null = null

/** The reviewer pressed a key or clicked: active time runs for the next 30 s. */
export function noteReviewerInput(now = Date.now()): void {
  lastInputAt = now
}

/** The active seconds waiting to be saved for this call, taken (so they are sent once). */
function takeActive(sessionId: string, callId: number): number | undefined {
  if (!pendingActive || pendingActive.sessionId !== sessionId || pendingActive.callId !== callId || pendingActive.seconds === 0) return undefined
  const seconds = pendingActive.seconds
  pendingActive = null
  return seconds
}

/** The item being reviewed, or null. */
export function currentItem(state: Pick<QaStore, 'session' | 'index'>): QueueItem | null {
  return state.session?.items[state.index] ?? null
}

export const useQaStore = create<QaStore>((set, get) => {
  const fail = (error: unknown): void => set({ error: errorInfo(error), busy: false })

  const replaceItem = (callId: number, patch: (item: QueueItem) => QueueItem): void => {
    const session = get().session
    if (!session) return
    // A review whose answers changed on screen is scored again here, once, so the queue and the
    // summary read the score from the review instead of each scoring every call as it renders.
    const rescored = (item: QueueItem): QueueItem => {
      const next = patch(item)
      return next.review.answers === item.review.answers
        ? next
        : { ...next, review: { ...next.review, ...scoreReview(session.template, next.review.answers) } }
    }
    const items = session.items.map((item) => (item.callId === callId ? rescored(item) : item))
    set({
      session: {
        ...session,
        items,
        reviewedCount: items.filter((i) => i.review.reviewed).length,
        flaggedCount: items.filter((i) => i.review.flaggedForFollowUp).length
      }
    })
  }

  const savePosition = (): void => {
    const { session, index } = get()
    if (!session) return
    const player = usePlayerStore.getState()
    const item = session.items[index]
    const seconds = item && player.callId === item.callId ? Math.max(0, player.position) : 0
    call('qa:updatePosition', { sessionId: session.id, index, seconds }).catch((error: unknown) =>
      console.warn('Saving the QA position failed', error)
    )
  }

  const flushActive = (): void => {
    if (!pendingActive || pendingActive.seconds === 0) return
    const { sessionId, callId } = pendingActive
    const addActiveSeconds = takeActive(sessionId, callId)
    if (addActiveSeconds) saveReview(callId, { addActiveSeconds }, undefined, sessionId)
  }

  const tickActive = (): void => {
    const item = currentItem(get())
    const session = get().session
    if (!item || !session) return
    const player = usePlayerStore.getState()
    const listening = player.playing && player.callId === item.callId
    if (!listening && Date.now() - lastInputAt > IDLE_AFTER_MS) return
    if (!pendingActive || pendingActive.sessionId !== session.id || pendingActive.callId !== item.callId) {
      flushActive()
      pendingActive = { sessionId: session.id, callId: item.callId, seconds: 0 }
    }
    pendingActive.seconds += 1
    if (pendingActive.seconds >= ACTIVE_FLUSH_SECONDS) flushActive()
  }

  /** Take down the missing-answers message, if it is the one shown. */
  const clearMissingAnswers = (): void => {
    if (missingAnswersError && get().error === missingAnswersError) set({ error: null })
    missingAnswersError = null
  }

  const openItem = (index: number, seconds = 0): void => {
    const item = get().session?.items[index]
    if (!item) return
    flushActive()
    clearMissingAnswers()
    set({ index, criterionIndex: 0, keyHint: null, keyAnswered: null, noteDraft: null })
    advanceHeld = false
    pendingSeek = seconds > 0 ? { callId: item.callId, seconds } : null
    void useReviewStore.getState().open(item.callId, { autoplay: true })
    savePosition()
  }

  const begin = (session: SessionDetail): void => {
    set({ session, busy: false, error: null, lastExport: null, startOpen: false, complete: false })
    const index = Math.min(session.position.index, session.items.length - 1)
    openItem(index, session.position.seconds)
    if (positionTimer) clearInterval(positionTimer)
    positionTimer = setInterval(() => {
      if (usePlayerStore.getState().playing) savePosition()
    }, POSITION_SAVE_MS)
    lastInputAt = Date.now()
    if (activeTimer) clearInterval(activeTimer)
    activeTimer = setInterval(tickActive, 1000)
  }

  /** Every call is reviewed: say so and show the summary (once per session opening). */
  const checkComplete = (): void => {
    const session = get().session
    const complete = Boolean(session && session.items.length > 0 && session.items.every((i) => i.review.reviewed))
    if (complete !== get().complete) set({ complete })
  }

  /** After an answer: every criterion answered and nothing required missing → mark reviewed, or offer to. */
  const afterAnswer = (callId: number): void => {
    const { session, autoMarkReviewed } = get()
    const item = session?.items.find((i) => i.callId === callId)
    if (!session || !item || item.review.reviewed || !autoMarkReviewed) return
    if (session.template.criteria.every((c) => item.review.answers[c.id] !== undefined)) get().toggleReviewed()
  }

  /**
   * Send a change the screen already shows. When main refuses it, the fields it changed go back
   * to what they were before (`before`), so the screen never shows an answer that was not stored,
   * and the error says why.
   */
  const saveReview = (callId: number, change: ReviewChange, before: Review | undefined, sessionId = get().session?.id): void => {
    if (!sessionId) return
    const addActiveSeconds = change.addActiveSeconds ?? takeActive(sessionId, callId)
    call('qa:saveReview', { sessionId, callId, ...change, ...(addActiveSeconds ? { addActiveSeconds } : {}) })
      .then((review: Review) => {
        if (get().session?.id === sessionId) {
          replaceItem(callId, (item) => ({ ...item, review }))
          checkComplete()
        }
        if (before && before.reviewed !== review.reviewed) set((s) => ({ reviewedChanges: s.reviewedChanges + 1 }))
      })
      .catch((error: unknown) => {
        if (before && get().session?.id === sessionId) replaceItem(callId, (item) => ({ ...item, review: rollBack(item.review, change, before) }))
        fail(error)
      })
  }

  /** Move on after a held auto-advance, if the reviewer is still on the call that ended. */
  /**
   * Moving to another call or leaving saves the note being typed first, as Enter would: true when
   * there is one, and `then` runs once it is stored, in the same session. A note that cannot be
   * stored keeps the reviewer where they are, with its text and the error.
   */
  const waitForNote = (then: () => void): boolean => {
    const sessionId = get().session?.id
    if (!get().noteDraft?.text.trim()) return false
    void get()
      .saveNote()
      .then((saved) => {
        if (saved && sessionId !== undefined && get().session?.id === sessionId) then()
      })
    return true
  }

  const releaseAdvance = (): void => {
    if (!advanceHeld) return
    advanceHeld = false
    const { session, index } = get()
    if (session && index < session.items.length - 1) get().next()
  }

  return {
    session: null,
    index: 0,
    criterionIndex: 0,
    keyHint: null,
    keyAnswered: null,
    noteDraft: null,
    noteNudges: 0,
    sessions: [],
    templates: [],
    autoAdvance: false,
    autoMarkReviewed: false,
    complete: false,
    reviewedChanges: 0,
    busy: false,
    error: null,
    lastExport: null,
    startOpen: false,
    setStartOpen: (startOpen) => set({ startOpen, error: null }),
    load: async () => {
      try {
        const [sessions, templates, prefs] = await Promise.all([
          call('qa:listSessions', {}),
          call('qa:listTemplates', {}),
          usePrefsStore.getState().load()
        ])
        set({ sessions, templates, autoAdvance: prefs.autoAdvance ?? false, autoMarkReviewed: prefs.autoMarkReviewed ?? false })
      } catch (error) {
        fail(error)
      }
    },
    startFromFilter: async (applied, { name, templateId, limit }) => {
      set({ busy: true, error: null })
      const cap = Math.max(1, Math.min(FILTER_SESSION_CAP, Math.floor(limit)))
      const request = { query: { ...applied.query, offset: 0, limit: cap }, ...(applied.text ? { text: applied.text } : {}) }
      let ids: number[] = []
      try {
        const cached = await call('calls:list', { ...request, source: 'cache' })
        ids = cached.items.map((item) => item.callId)
      } catch {
        // Nothing cached yet is normal; the API answers next.
      }
      if (!applied.text) {
        try {
          const fresh = await call('calls:list', { ...request, source: 'network' })
          ids = fresh.items.map((item) => item.callId)
        } catch (error) {
          if (ids.length === 0) {
            fail(error)
            return false
          }
        }
      }
      if (ids.length === 0) {
        set({ busy: false, error: { kind: 'validation', message: 'No calls match the current filter; change the filter, then start again.' } })
        return false
      }
      return get().startFromCalls(ids.slice(0, cap), { name, templateId, query: applied.query })
    },
    startSample: async (applied, { name, templateId, sample }) => {
      set({ busy: true, error: null })
      const ids: number[] = []
      const page = async (offset: number, source: 'cache' | 'network'): Promise<number> => {
        const result = await call('calls:list', {
          query: { ...applied.query, offset, limit: 200 },
          ...(applied.text ? { text: applied.text } : {}),
          source
        })
        ids.push(...result.items.map((item) => item.callId))
        return result.total
      }
      const gather = async (source: 'cache' | 'network'): Promise<void> => {
        ids.length = 0
        let total = await page(0, source)
        while (ids.length < Math.min(total, SAMPLE_POOL_CAP)) {
          const before = ids.length
          total = await page(ids.length, source)
          if (ids.length === before) break
        }
      }
      try {
        await gather(applied.text ? 'cache' : 'network')
      } catch (error) {
        try {
          await gather('cache')
        } catch {
          fail(error)
          return false
        }
      }
      if (ids.length === 0) {
        set({
          busy: false,
          error: { kind: 'validation', message: 'No calls match the current filter to sample from; change the filter, then start again.' }
        })
        return false
      }
      return get().startFromCalls(ids.slice(0, SAMPLE_POOL_CAP), {
        name,
        templateId,
        query: applied.query,
        sample
      })
    },
    startFromCalls: async (callIds, { name, templateId, query, sample }) => {
      set({ busy: true, error: null })
      try {
        const session = await call('qa:createSession', {
          name,
          templateId: templateId ?? DEFAULT_TEMPLATE_ID,
          callIds,
          ...(query ? { query } : {}),
          ...(sample ? { sample } : {})
        })
        begin(session)
        void call('qa:listSessions', {}).then((sessions) => set({ sessions }))
        return true
      } catch (error) {
        fail(error)
        return false
      }
    },
    resume: async (sessionId) => {
      set({ busy: true, error: null })
      try {
        begin(await call('qa:getSession', { sessionId }))
      } catch (error) {
        fail(error)
      }
    },
    leave: () => {
      if (waitForNote(() => get().leave())) return
      savePosition()
      flushActive()
      if (positionTimer) clearInterval(positionTimer)
      if (activeTimer) clearInterval(activeTimer)
      positionTimer = null
      activeTimer = null
      pendingSeek = null
      advanceHeld = false
      set({ session: null, index: 0, noteDraft: null, lastExport: null, complete: false, comparison: null })
      useReviewStore.getState().close()
      void call('qa:listSessions', {}).then((sessions) => set({ sessions }), fail)
    },
    goTo: (index) => {
      const session = get().session
      if (!session || index < 0 || index >= session.items.length) return
      if (waitForNote(() => get().goTo(index))) return
      savePosition()
      openItem(index)
    },
    next: () => get().goTo(get().index + 1),
    previous: () => get().goTo(get().index - 1),
    setCriterion: (criterionIndex) => {
      const count = get().session?.template.criteria.length ?? 0
      if (count) set({ criterionIndex: Math.max(0, Math.min(count - 1, criterionIndex)), keyHint: null })
    },
    answer: (criterionId, value) => {
      const item = currentItem(get())
      const session = get().session
      if (!item || !session) return
      const criterionIndex = session.template.criteria.findIndex((c) => c.id === criterionId)
      // Clearing a required answer makes a reviewed call incomplete (main does the same): the
      // queue, the summary and "session complete" follow at once, not after the save.
      const required = session.template.criteria[criterionIndex]?.required === true
      replaceItem(item.callId, (it) => {
        const answers = { ...it.review.answers }
        if (value === null) delete answers[criterionId]
        else answers[criterionId] = value
        const incomplete = value === null && required && it.review.reviewed
        return { ...it, review: { ...it.review, answers, ...(incomplete ? { reviewed: false, reviewer: null, reviewedAt: null } : {}) } }
      })
      checkComplete()
      set({ keyHint: null, ...(criterionIndex >= 0 ? { criterionIndex } : {}) })
      saveReview(item.callId, { answers: { [criterionId]: value } }, item.review)
      if (value !== null) afterAnswer(item.callId)
    },
    answerCurrent: (value) => {
      const { session, criterionIndex } = get()
      const criterion = session?.template.criteria[criterionIndex]
      if (!criterion) return
      // A key that does not fit the criterion (the rule is checkAnswer's, as the main process
      // applies it) answers nothing, and says which keys do where the cursor is.
      if (checkAnswer(criterion, value) !== null) {
        set({
          keyHint:
            value === 'na'
              ? `“${criterion.label}” cannot be answered N/A.`
              : criterion.type === 'yes_no'
                ? `“${criterion.label}” is answered Yes or No: press Y or X.`
                : `“${criterion.label}” is a rating: press 1 to 5.`
        })
        return
      }
      get().answer(criterion.id, value)
      get().setCriterion(criterionIndex + 1)
      const next = session.template.criteria[criterionIndex + 1]
      const said = typeof value === 'number' ? `${value} of 5` : answerText(value)
      set({ keyAnswered: `${criterion.label}: ${said}. ${next ? `Next: ${next.label}.` : 'That was the last criterion.'}` })
    },
    toggleReviewed: () => {
      const item = currentItem(get())
      const session = get().session
      if (!item || !session) return
      const reviewed = !item.review.reviewed
      const missing = session.template.criteria.filter((c) => c.required === true && item.review.answers[c.id] === undefined)
      if (reviewed && missing.length > 0) {
        // Main would refuse it too: go to the first missing answer and say which are missing.
        get().jumpToMissing()
        missingAnswersError = {
          kind: 'validation',
          message: `Not marked reviewed: answer the required ${missing.length === 1 ? 'criterion' : 'criteria'} first (${missing.map((c) => `"${c.label}"`).join(', ')}).`
        }
        set({ error: missingAnswersError })
        return
      }
      clearMissingAnswers()
      replaceItem(item.callId, (it) => ({ ...it, review: { ...it.review, reviewed } }))
      saveReview(item.callId, { reviewed }, item.review)
    },
    toggleFlagged: () => {
      const item = currentItem(get())
      if (!item) return
      const flaggedForFollowUp = !item.review.flaggedForFollowUp
      replaceItem(item.callId, (it) => ({ ...it, review: { ...it.review, flaggedForFollowUp } }))
      saveReview(item.callId, { flaggedForFollowUp }, item.review)
    },
    setComment: ({ sessionId, callId }, comment) => {
      const before = get().session?.id === sessionId ? get().session?.items.find((it) => it.callId === callId)?.review : undefined
      if (before) replaceItem(callId, (it) => ({ ...it, review: { ...it.review, comment } }))
      saveReview(callId, { comment }, before, sessionId)
    },
    beginNote: () => {
      const item = currentItem(get())
      if (!item) return
      const player = usePlayerStore.getState()
      set({ noteDraft: { callId: item.callId, seconds: player.callId === item.callId ? player.position : 0, text: '' } })
    },
    cancelNote: () => {
      set({ noteDraft: null })
      releaseAdvance()
    },
    nudgeNote: () => {
      if (get().noteDraft) set((s) => ({ noteNudges: s.noteNudges + 1 }))
    },
    setNoteText: (text) => {
      const draft = get().noteDraft
      if (draft) set({ noteDraft: { ...draft, text } })
    },
    saveNote: async () => {
      const { session, noteDraft } = get()
      const text = noteDraft?.text ?? ''
      if (!session || !noteDraft || !text.trim()) {
        get().cancelNote()
        return true
      }
      if (savingNote) return false
      savingNote = true
      try {
        const note = await call('qa:addNote', { sessionId: session.id, callId: noteDraft.callId, seconds: noteDraft.seconds, text })
        // A note is part of its call's review: main starts the review with it ("incomplete", not "not started").
        replaceItem(note.callId, (item) => ({
          ...item,
          review: item.review.updatedAt === null ? { ...item.review, updatedAt: note.updatedAt } : item.review,
          notes: sortNotes([...item.notes, note])
        }))
        const open = get().noteDraft
        if (open && open.callId === noteDraft.callId && open.seconds === noteDraft.seconds) {
          set({ noteDraft: null, error: null })
          releaseAdvance()
        }
        return true
      } catch (error) {
        // The draft (and the text in its input) stays, so the reviewer can try again or copy it.
        fail(error)
        return false
      } finally {
        savingNote = false
      }
    },
    updateNote: async (noteId, text) => {
      try {
        const note = await call('qa:updateNote', { noteId, text })
        replaceItem(note.callId, (item) => ({ ...item, notes: sortNotes(item.notes.map((n) => (n.id === noteId ? note : n))) }))
      } catch (error) {
        fail(error)
      }
    },
    deleteNote: async (noteId) => {
      const owner = get().session?.items.find((item) => item.notes.some((n) => n.id === noteId))
      try {
        await call('qa:deleteNote', { noteId })
        if (owner) replaceItem(owner.callId, (item) => ({ ...item, notes: item.notes.filter((n) => n.id !== noteId) }))
      } catch (error) {
        fail(error)
      }
    },
    setAutoAdvance: (autoAdvance) => {
      set({ autoAdvance })
      usePrefsStore.getState().save({ autoAdvance }, 'auto-advance', fail)
    },
    setAutoMarkReviewed: (autoMarkReviewed) => {
      set({ autoMarkReviewed })
      usePrefsStore.getState().save({ autoMarkReviewed }, 'auto-mark reviewed', fail)
    },
    comparison: null,
    compareWith: async (sessionId) => {
      if (!sessionId) {
        set({ comparison: null })
        return
      }
      set({ comparison: { sessionId, summary: null, error: null } })
      try {
        const summary = await call('qa:summary', { sessionId })
        if (get().comparison?.sessionId === sessionId) set({ comparison: { sessionId, summary, error: null } })
      } catch (error) {
        if (get().comparison?.sessionId === sessionId) set({ comparison: { sessionId, summary: null, error: errorInfo(error).message } })
      }
    },
    jumpToMissing: () => {
      const item = currentItem(get())
      const criteria = get().session?.template.criteria ?? []
      const index = criteria.findIndex((c) => c.required === true && item?.review.answers[c.id] === undefined)
      if (index < 0) return false
      set({ criterionIndex: index })
      return true
    },
    exportSession: async (format) => {
      const session = get().session
      if (!session) return
      set({ busy: true, error: null })
      try {
        const lastExport = await call('qa:export', { selection: { sessionIds: [session.id], reviewedOnly: false }, format })
        set({ lastExport, busy: false })
      } catch (error) {
        // Cancelling the Save dialog is no error.
        if (errorInfo(error).kind === 'cancelled') set({ busy: false })
        else fail(error)
      }
    },
    revealExport: async (path, how) => {
      try {
        await call(how === 'folder' ? 'qa:showExport' : 'qa:openExport', { path })
      } catch (error) {
        fail(error)
      }
    },
    clearError: () => set({ error: null })
  }
})

type ReviewChange = {
  answers?: Record<string, Answer | null>
  reviewed?: boolean
  flaggedForFollowUp?: boolean
  comment?: string
  addActiveSeconds?: number
}

/** `review` with the fields `change` touched set back to their values in `before`; later changes to other fields stay. */
function rollBack(review: Review, change: ReviewChange, before: Review): Review {
  const answers = { ...review.answers }
  for (const id of Object.keys(change.answers ?? {})) {
    const previous = before.answers[id]
    if (previous === undefined) delete answers[id]
    else answers[id] = previous
  }
  return {
    ...review,
    answers,
    ...(change.reviewed !== undefined ? { reviewed: before.reviewed } : {}),
    // A cleared answer may have made the call incomplete on screen (answer()): that goes back too.
    ...(change.reviewed === undefined && Object.values(change.answers ?? {}).includes(null)
      ? { reviewed: before.reviewed, reviewer: before.reviewer, reviewedAt: before.reviewedAt }
      : {}),
    ...(change.flaggedForFollowUp !== undefined ? { flaggedForFollowUp: before.flaggedForFollowUp } : {}),
    ...(change.comment !== undefined ? { comment: before.comment } : {})
  }
}

function sortNotes(notes: Note[]): Note[] {
  return [...notes].sort((a, b) => a.seconds - b.seconds)
}

// Resume mid-call once the recording is ready; advance when a recording ends (prefs autoAdvance),
// or once the note being written is saved or cancelled.
usePlayerStore.subscribe((state, previous) => {
  if (pendingSeek && state.callId === pendingSeek.callId && state.status === 'ready') {
    const { seconds } = pendingSeek
    pendingSeek = null
    state.seek(seconds)
  }
  if (state.ended && !previous.ended) {
    const qa = useQaStore.getState()
    const item = currentItem(qa)
    if (qa.session && qa.autoAdvance && item?.callId === state.callId && qa.index < qa.session.items.length - 1) {
      // Opening the next call would throw away the note being typed: wait for it.
      if (qa.noteDraft) advanceHeld = true
      else qa.next()
    }
  }
})
