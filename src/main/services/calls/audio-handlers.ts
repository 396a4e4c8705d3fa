/**
 * calls:audio — a call's waveform, transcript turn times and quiet stretches, from the recording
 * in the profile's cache (downloaded first if playback has not cached it yet; a download
 * playback already started is shared, not repeated). The analysis runs once per recording and
 * analysis version, the turn placement once per recording and transcript; both are kept in the
 * library (audio-store.ts). The renderer gets small arrays, never audio and never a URL.
 */
import { join } from 'node:path'
import { AppError } from '@shared/errors'
import type { AudioOverview } from '@shared/ipc/contract'
import { parseTranscript } from '@shared/transcript'
import type { Handlers } from '@main/ipc/dispatcher'
import {
  analyzeAudioFile,
  AUDIO_FEATURES_VERSION,
  decodeFeatures,
  displayPeaks,
  encodeFeatures,
  findQuietStretches,
  placeTurns,
  type AudioFeatures
} from '../audio-analysis'
import { AudioRepository, transcriptHash } from '../library/audio-repository'
import type { CallLibrary } from '../library/call-library'
import type { RecordingCache } from '../library/recording-cache'
import type { Logger } from '../log'

/** Holds and silences shorter than this are not marked (a pause between turns is not news). */
export const QUIET_MIN_SEC = 5

export interface AudioHandlerDeps {
  library: () => CallLibrary
  recordings: () => RecordingCache
  clock: () => Date
  log?: Logger
}

const round = (value: number): number => Math.round(value * 1000) / 1000

export function createAudioHandlers(deps: AudioHandlerDeps): Pick<Handlers, 'calls:audio'> {
  /** One analysis per call at a time, however many ask (the pane, a prefetch). */
  const running = new Map<string, Promise<AudioFeatures>>()
  const stores = new WeakMap<CallLibrary, AudioRepository>()
  const storeOf = (library: CallLibrary): AudioRepository => {
    let store = stores.get(library)
    if (!store) {
      store = new AudioRepository(library.db)
      stores.set(library, store)
    }
    return store
  }

  const featuresOf = (store: AudioRepository, callId: number, key: string, path: string, mime: string): Promise<AudioFeatures> => {
    const stored = store.features(callId, key, AUDIO_FEATURES_VERSION)
    if (stored) {
      try {
        return Promise.resolve(decodeFeatures(stored))
      } catch (error) {
        deps.log?.warn('audio: stored features could not be read; computing them again', { callId, error })
      }
    }
    const flightKey = `${callId}:${key}`
    let flight = running.get(flightKey)
    if (!flight) {
      flight = analyzeAudioFile(path, mime)
        .then((features) => {
          store.saveFeatures(callId, key, AUDIO_FEATURES_VERSION, encodeFeatures(features), deps.clock().toISOString())
          return features
        })
        .finally(() => running.delete(flightKey))
      running.set(flightKey, flight)
    }
    return flight
  }

  return {
    'calls:audio': async ({ callId, buckets }): Promise<AudioOverview> => {
      const library = deps.library()
      await library.whenShownStored()
      const stored = library.get(callId)
      if (!stored) throw new AppError('not_found', `Call ${callId} is not in the library yet; open it first.`)
      if (!stored.record.recording_details?.url && !deps.recordings().has(callId))
        throw new AppError('not_found', `Call ${callId} has no recording to draw.`)
      const cache = deps.recordings()
      await cache.download(callId, { played: true })
      const entry = cache.entry(callId)
      if (!entry) throw new AppError('internal', `The recording of call ${callId} was downloaded but is not in the cache; open the call again.`)
      const key = `${entry.file}:${entry.bytes}`
      const store = storeOf(library)
      let features: AudioFeatures
      try {
        features = await featuresOf(store, callId, key, join(cache.dir, entry.file), entry.contentType)
      } catch (error) {
        if (error instanceof AppError) throw error
        throw new AppError(
          'invalid_response',
          `The recording of call ${callId} could not be read for its waveform: ${error instanceof Error ? error.message : String(error)}`
        )
      }

      const transcript = typeof stored.record.transcription === 'string' ? stored.record.transcription : ''
      const turns = parseTranscript(transcript)
      const hash = transcriptHash(transcript)
      let placements = store.placements(callId, key, AUDIO_FEATURES_VERSION, hash)
      if (!placements || placements.length !== turns.length) {
        placements = turns.length
          ? placeTurns(
              features,
              turns.map((t) => ({ speaker: t.speaker ?? '', text: t.text }))
            )
          : []
        store.savePlacements(callId, key, AUDIO_FEATURES_VERSION, hash, placements)
      }
      const peaks = displayPeaks(features, buckets)
      return {
        callId,
        durationSec: round(features.durationSec),
        peaks: { min: peaks.min.map(round), max: peaks.max.map(round) },
        turns: placements.map((p) => ({ startSec: round(p.startSec), endSec: round(p.endSec), estimated: true as const })),
        quiet: findQuietStretches(features, QUIET_MIN_SEC).map((q) => ({ startSec: round(q.startSec), endSec: round(q.endSec), kind: q.kind }))
      }
    }
  }
}
