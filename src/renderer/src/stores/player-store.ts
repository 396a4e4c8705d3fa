/**
 * The recording player: one howler sound at a time, streamed through an HTML5 audio element
 * (`html5: true`) so a 41-minute, 39 MB recording starts at once and is never decoded whole
 * (docs/convirza-api.md "Call record"). Switching calls unloads the previous sound before the
 * next one loads, so two recordings never play over each other. Speed and volume are kept
 * across calls and restarts (prefs). QA sessions drive the same store (autoplay, `ended`).
 */
import { create } from 'zustand'
import { Howl } from 'howler'
import { keepNewest } from '@shared/recent-map'
import { call } from '../lib/api'
import { useCallsStore } from './calls-store'
import { usePrefsStore } from './prefs-store'

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const
export const MIN_RATE = 0.5
export const MAX_RATE = 2

export type PlayerStatus = 'empty' | 'loading' | 'ready' | 'error'

export interface BufferedRange {
  start: number
  end: number
}

export interface PlayerSource {
  callId: number
  url: string
  /** The recording's length as the record states it, shown until the audio reports its own. */
  expectedDuration?: number | null
  /** False when the bytes are not on disk, so playing them needs the server. */
  downloaded?: boolean
}

/** The words for a recording that is not on disk while the server cannot be reached: not a format problem. */
export const NOT_DOWNLOADED_OFFLINE =
  'This recording is not downloaded — you are offline. It plays once you are back online; to listen offline later, make the call available offline.'

interface PlayerStore {
  callId: number | null
  url: string | null
  status: PlayerStatus
  playing: boolean
  /** The recording played to its end (QA auto-advance listens for this). */
  ended: boolean
  /** Seconds from the start. */
  position: number
  duration: number | null
  buffered: BufferedRange[]
  rate: number
  volume: number
  muted: boolean
  /** Why the recording could not load or play; shown with a retry. */
  error: string | null
  /** Playing, but waiting for data (a seek into what is not downloaded yet, a slow connection). */
  waiting: boolean
  /** Load a call's recording, unloading whatever was loaded; a no-op if it is already loaded. */
  load: (source: PlayerSource, options?: { autoplay?: boolean }) => void
  unload: () => void
  play: () => void
  pause: () => void
  toggle: () => void
  seek: (seconds: number) => void
  skip: (deltaSeconds: number) => void
  setRate: (rate: number) => void
  /** One step slower (-1) or faster (+1) through PLAYBACK_RATES. */
  stepRate: (direction: 1 | -1) => void
  setVolume: (volume: number) => void
  toggleMute: () => void
  retry: () => void
  /** Read the saved speed and volume. */
  loadPrefs: () => Promise<void>
}

/** The live sound, outside React state: it is an object with its own lifecycle, not data. */
let howl: Howl | null = null
let soundId: number | undefined
let ticker: number | null = null
let detachNode: (() => void) | null = null
let lastSource: PlayerSource | null = null
/**
 * Where each recently heard call was left (seconds), so a glance at another call does not cost
 * the place in a 40-minute one; a call heard to (near) its end starts again from the top.
 */
const leftAt = new Map<number, number>()
const MAX_LEFT_AT = 100
/** Seconds from either end within which a call is not resumed: its start, or heard to the end. */
const RESUME_MARGIN = 5
let saveTimer: ReturnType<typeof setTimeout> | null = null
let pendingPrefs: { playbackRate?: number; volume?: number } = {}

function currentSeek(sound: Howl): number | null {
  const value = soundId === undefined ? sound.seek() : sound.seek(soundId)
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/**
 * The audio element behind an html5 Howl. howler keeps it in a private field; reading it is
 * the only way to learn the buffered ranges, so the access is checked, never assumed.
 */
export function audioElementOf(sound: Howl | null): HTMLMediaElement | null {
  const sounds = (sound as unknown as { _sounds?: { _node?: unknown }[] } | null)?._sounds
  const node = sounds?.[0]?._node
  return node instanceof HTMLMediaElement ? node : null
}

/**
 * The id of the Howl's one sound. Every call passes it explicitly: howler reads a lone number
 * argument as an id when one matches, so `seek(1001)` could otherwise mean "get sound 1001".
 */
function firstSoundId(sound: Howl): number | undefined {
  const id = (sound as unknown as { _sounds?: { _id?: unknown }[] })._sounds?.[0]?._id
  return typeof id === 'number' ? id : undefined
}

/**
 * Unload a Howl without tripping the Content Security Policy. howler's `unload()` stops an html5
 * sound's download by pointing its audio element at a `data:audio/wav` URI, which `media-src
 * recording:` forbids (a CSP error on every call switch). For this one sound, howler's
 * `_clearSound` is replaced by the HTML standard's way to abort a media element's fetch: remove
 * its `src` and call `load()`. Nothing is loaded, so the policy stays as narrow as it is
 * (docs/decisions/howler-unload-without-data-uri.md). Other sounds keep howler's own method.
 */
export function unloadQuietly(sound: Howl): void {
  const internals = sound as unknown as { _clearSound?: (node: unknown) => void }
  if (typeof internals._clearSound === 'function') {
    internals._clearSound = (node: unknown) => {
      if (!(node instanceof HTMLMediaElement)) return
      node.removeAttribute('src')
      node.load()
    }
  }
  sound.unload()
}

function readBuffered(node: HTMLMediaElement | null): BufferedRange[] {
  if (!node) return []
  const ranges: BufferedRange[] = []
  for (let i = 0; i < node.buffered.length; i += 1) ranges.push({ start: node.buffered.start(i), end: node.buffered.end(i) })
  return ranges
}

function sameRanges(a: BufferedRange[], b: BufferedRange[]): boolean {
  return a.length === b.length && a.every((r, i) => Math.abs(r.start - (b[i]?.start ?? -1)) < 0.05 && Math.abs(r.end - (b[i]?.end ?? -1)) < 0.05)
}

/** What a MediaError code means to someone trying to listen (HTML spec "MediaError"). */
export function describeLoadError(code: unknown): string {
  switch (code) {
    case 1:
      return 'Loading the recording was interrupted.'
    case 2:
      return 'The recording stopped downloading because of a network error. Check your connection, then retry.'
    case 3:
      return 'The recording could not be decoded; the file may be damaged.'
    case 4:
      return 'The recording could not be loaded: the server refused it, it is missing, or its format is not supported.'
    default:
      return typeof code === 'string' && code ? `The recording could not be loaded: ${code}` : 'The recording could not be loaded.'
  }
}

function finiteDuration(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) && value > 0 ? value : null
}

export const usePlayerStore = create<PlayerStore>((set, get) => {
  // Back online after a recording failed for want of a connection: load it again by itself (the
  // Retry button still does the same), keeping the place it had reached.
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function')
    window.addEventListener('online', () => {
      if (get().status === 'error') get().retry()
    })

  const stopTicker = (): void => {
    if (ticker !== null) cancelAnimationFrame(ticker)
    ticker = null
  }

  /** While playing, follow the position and the buffered ranges (about 10 times a second). */
  const startTicker = (): void => {
    stopTicker()
    let last = 0
    const tick = (time: number): void => {
      ticker = requestAnimationFrame(tick)
      if (time - last < 100) return
      last = time
      sync()
    }
    ticker = requestAnimationFrame(tick)
  }

  const sync = (): void => {
    if (!howl) return
    const node = audioElementOf(howl)
    const position = currentSeek(howl) ?? get().position
    const buffered = readBuffered(node)
    const duration = finiteDuration(node?.duration) ?? get().duration
    const state = get()
    if (Math.abs(state.position - position) >= 0.05 || !sameRanges(state.buffered, buffered) || state.duration !== duration)
      set({ position, buffered, duration })
  }

  const saveLater = (patch: { playbackRate?: number; volume?: number }): void => {
    pendingPrefs = { ...pendingPrefs, ...patch }
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(() => {
      saveTimer = null
      const prefs = pendingPrefs
      pendingPrefs = {}
      usePrefsStore.getState().save(prefs, 'the player settings')
    }, 400)
  }

  const applyRate = (rate: number): void => {
    if (!howl) return
    if (soundId === undefined) howl.rate(rate)
    else howl.rate(rate, soundId)
  }

  /** Note where the loaded call was left, before it is unloaded. */
  const rememberPlace = (): void => {
    const { callId, position, duration, status } = get()
    if (callId === null || (status !== 'ready' && status !== 'error')) return
    // A load that failed before reaching any place keeps the place noted before it (for Retry).
    if (status === 'error' && position <= RESUME_MARGIN) return
    leftAt.delete(callId)
    if (position <= RESUME_MARGIN || (duration !== null && position >= duration - RESUME_MARGIN)) return
    leftAt.set(callId, position)
    keepNewest(leftAt, MAX_LEFT_AT)
  }

  const destroy = (): void => {
    if (howl) rememberPlace()
    stopTicker()
    detachNode?.()
    detachNode = null
    if (howl) {
      const old = howl
      howl = null
      soundId = undefined
      old.off()
      unloadQuietly(old)
    }
  }

  const create_ = (source: PlayerSource, autoplay: boolean): void => {
    destroy()
    lastSource = source
    const { rate, volume, muted } = get()
    set({
      callId: source.callId,
      url: source.url,
      status: 'loading',
      playing: false,
      ended: false,
      position: 0,
      duration: finiteDuration(source.expectedDuration),
      buffered: [],
      error: null,
      waiting: false
    })
    const sound = new Howl({
      src: [source.url],
      html5: true,
      format: ['mp3', 'wav'],
      preload: true,
      rate,
      volume,
      mute: muted
    })
    howl = sound
    soundId = firstSoundId(sound)
    const mine = (): boolean => howl === sound
    // howler's "unlock" (for mobile browsers) calls load() on every html5 node it has not unlocked
    // at the next click or key press anywhere, until a silent Web Audio buffer it plays has ended,
    // which never happens on a computer without a working sound output: the first click after a
    // call opened, a seek on its waveform say, reloaded the recording back to 0:00. Chromium and
    // Electron need no such reload: the node counts as unlocked from the start.
    const element = audioElementOf(sound) as (HTMLMediaElement & { _unlocked?: boolean }) | null
    if (element) element._unlocked = true

    const resumeAt = leftAt.get(source.callId) ?? 0
    sound.on('load', () => {
      if (!mine()) return
      // Back to where this call was left, unless something asked for another place meanwhile. Done
      // before 'ready' is announced, so a place asked for on 'ready' (a QA session's) comes after it.
      if (resumeAt > 0 && get().position === 0) sound.seek(resumeAt)
      set({ status: 'ready', duration: finiteDuration(sound.duration()) ?? get().duration })
      sync()
    })
    sound.on('loaderror', (_id, code) => {
      if (!mine()) return
      stopTicker()
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false
      const unreachable = source.downloaded === false && (offline || useCallsStore.getState().offline !== null)
      set({ status: 'error', playing: false, error: unreachable ? NOT_DOWNLOADED_OFFLINE : describeLoadError(code) })
      if (unreachable) return
      // The element knows only a code ("network error", "not supported"); main knows why it could
      // not serve the recording (a host refusing the link, no connection): say that instead.
      void call('library:recordingProblem', { callId: source.callId }).then(
        (problem) => {
          if (!problem || !mine() || get().status !== 'error') return
          const offline = source.downloaded === false && (problem.kind === 'network' || problem.kind === 'timeout')
          set({ error: offline ? NOT_DOWNLOADED_OFFLINE : problem.message })
        },
        () => undefined
      )
    })
    sound.on('playerror', (_id, error) => {
      if (!mine()) return
      set({ playing: false, error: `Playback did not start: ${String(error)}` })
      // howler retries once the page is unlocked by a click or key press.
      sound.once('unlock', () => mine() && set({ error: null }))
    })
    sound.on('play', (id) => {
      if (!mine()) return
      soundId = id
      set({ playing: true, ended: false, error: null, status: 'ready' })
      startTicker()
    })
    sound.on('pause', () => {
      if (!mine()) return
      stopTicker()
      sync()
      set({ playing: false })
    })
    sound.on('stop', () => mine() && (stopTicker(), set({ playing: false })))
    sound.on('end', () => {
      if (!mine()) return
      stopTicker()
      set({ playing: false, ended: true, position: get().duration ?? get().position })
    })
    sound.on('seek', () => mine() && sync())

    // Between plays the element keeps downloading: follow its buffered ranges and duration.
    const node = audioElementOf(sound)
    if (node) {
      const onProgress = (): void => {
        if (mine() && !get().playing) sync()
      }
      const events = ['progress', 'durationchange', 'loadedmetadata'] as const
      for (const event of events) node.addEventListener(event, onProgress)
      // A stall while playing (a seek past what has arrived, a slow link) shows as waiting, not as
      // a frozen clock with the Pause button up.
      const onWaiting = (): void => {
        if (mine() && !node.paused) set({ waiting: true })
      }
      const onFlowing = (): void => {
        if (mine() && get().waiting) set({ waiting: false })
      }
      const flowing = ['playing', 'pause', 'seeked', 'ended', 'error', 'emptied'] as const
      node.addEventListener('waiting', onWaiting)
      for (const event of flowing) node.addEventListener(event, onFlowing)
      detachNode = () => {
        for (const event of events) node.removeEventListener(event, onProgress)
        node.removeEventListener('waiting', onWaiting)
        for (const event of flowing) node.removeEventListener(event, onFlowing)
      }
    }
    if (autoplay) get().play()
  }

  return {
    callId: null,
    url: null,
    status: 'empty',
    playing: false,
    ended: false,
    position: 0,
    duration: null,
    buffered: [],
    rate: 1,
    volume: 1,
    muted: false,
    error: null,
    waiting: false,
    load: (source, options = {}) => {
      const state = get()
      if (howl && state.callId === source.callId && state.url === source.url && state.status !== 'error') {
        if (options.autoplay && !state.playing) get().play()
        return
      }
      create_(source, options.autoplay ?? false)
    },
    unload: () => {
      destroy()
      lastSource = null
      set({ callId: null, url: null, status: 'empty', playing: false, ended: false, position: 0, duration: null, buffered: [], error: null })
    },
    play: () => {
      if (!howl || get().status === 'error') return
      if (get().ended) get().seek(0)
      soundId = howl.play(soundId)
    },
    pause: () => {
      if (howl) howl.pause(soundId)
    },
    // The sound's own state, set as play/pause are called; the store's `playing` follows howler's
    // events, which lag, so two quick presses of Space could both pause.
    toggle: () => ((howl ? howl.playing(soundId) : get().playing) ? get().pause() : get().play()),
    seek: (seconds) => {
      if (!howl) return
      const duration = get().duration
      const target = Math.max(0, duration === null ? seconds : Math.min(seconds, Math.max(0, duration - 0.05)))
      if (soundId === undefined) howl.seek(target)
      else howl.seek(target, soundId)
      set({ position: target, ended: false })
    },
    skip: (delta) => get().seek(get().position + delta),
    setRate: (rate) => {
      const clamped = Math.min(MAX_RATE, Math.max(MIN_RATE, rate))
      set({ rate: clamped })
      applyRate(clamped)
      saveLater({ playbackRate: clamped })
    },
    stepRate: (direction) => {
      const rate = get().rate
      const next = direction > 0 ? PLAYBACK_RATES.find((r) => r > rate + 0.001) : [...PLAYBACK_RATES].reverse().find((r) => r < rate - 0.001)
      if (next !== undefined) get().setRate(next)
    },
    setVolume: (volume) => {
      const clamped = Math.min(1, Math.max(0, volume))
      set({ volume: clamped, muted: clamped === 0 ? get().muted : false })
      howl?.volume(clamped)
      if (clamped > 0) howl?.mute(false)
      saveLater({ volume: clamped })
    },
    toggleMute: () => {
      const muted = !get().muted
      set({ muted })
      howl?.mute(muted)
    },
    retry: () => {
      if (lastSource) create_(lastSource, false)
    },
    loadPrefs: async () => {
      const prefs = await usePrefsStore.getState().load()
      const rate = prefs.playbackRate ?? get().rate
      const volume = prefs.volume ?? get().volume
      set({ rate, volume })
      applyRate(rate)
      howl?.volume(volume)
    }
  }
})
