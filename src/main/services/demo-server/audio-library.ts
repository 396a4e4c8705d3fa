/**
 * The demo's audio: the fixture recordings shipped in resources/demo/recordings (copied from the
 * shared fixtures; the app never reads ../shared at run time) and long WAVs generated on the fly
 * by looping a fixture's PCM. A long recording is never held whole, on disk or in memory:
 * any byte range of it is computed from its offset, so hour-long demo recordings cost no memory.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { looksLikeMp3, scanMp3 } from './mp3'
import { parseWav, wavHeader } from './wav'

export type AudioFormat = 'wav' | 'mp3'

/** Something the recordings route can serve, whole or by byte range. */
export interface AudioAsset {
  format: AudioFormat
  /** From the first bytes, not the file name (docs/convirza-api.md: "trust the bytes, not the name"). */
  contentType: string
  size: number
  durationSeconds: number
  sampleRateHz: number
  bitrateKbps: number
  /** The bytes from `start` to `end`, both inclusive. */
  stream(start: number, end: number): Readable
}

export const FIXTURE_NAMES = ['roof-inspection', 'pricing-question', 'voicemail'] as const
export type FixtureName = (typeof FIXTURE_NAMES)[number]

export interface RecordingFixture {
  name: FixtureName
  /** "Agent: ..." / "Caller: ..." turns, one a line. */
  transcript: string
  wav: AudioAsset
  mp3: AudioAsset
}

/**
 * One of the fourteen ground-truth calls in resources/demo/calls (see the README there): its
 * recording, transcript and what a call record says about it, so demo calls hang together.
 */
export interface CallFixture {
  id: string
  /** 'roofing', 'plumbing', 'hvac', or 'any' (fits every campaign). */
  division: string
  disposition: string
  /** The agent's first name. */
  agent: string
  summary: string | null
  tags: string[]
  transcript: string
  wav: AudioAsset
  mp3: AudioAsset
}

export interface AudioLibrary {
  fixtures: Readonly<Record<FixtureName, RecordingFixture>>
  /** The ground-truth calls demo calls play (the generated long recordings still loop `fixtures`). */
  calls: readonly CallFixture[]
  /** A generated 8 kHz mono 16-bit WAV of (about) `durationSeconds`, looping a fixture's speech. */
  longWav(durationSeconds: number): AudioAsset
}

/** The MIME type the first bytes of an audio file announce. */
export function contentTypeOf(head: Buffer): string {
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE') return 'audio/wav'
  if (looksLikeMp3(head)) return 'audio/mpeg'
  return 'application/octet-stream'
}

const CHUNK = 64 * 1024

function bufferAsset(bytes: Buffer, format: AudioFormat, durationSeconds: number, sampleRateHz: number, bitrateKbps: number): AudioAsset {
  return {
    format,
    contentType: contentTypeOf(bytes.subarray(0, 12)),
    size: bytes.length,
    durationSeconds,
    sampleRateHz,
    bitrateKbps,
    stream: (start, end) => Readable.from([bytes.subarray(start, end + 1)], { objectMode: false })
  }
}

function* loopedBytes(header: Buffer, pcm: Buffer, start: number, end: number): Generator<Buffer> {
  let position = start
  while (position <= end) {
    if (position < header.length) {
      const stop = Math.min(header.length, end + 1)
      yield header.subarray(position, stop)
      position = stop
      continue
    }
    const inPcm = (position - header.length) % pcm.length
    const length = Math.min(CHUNK, pcm.length - inPcm, end + 1 - position)
    yield pcm.subarray(inPcm, inPcm + length)
    position += length
  }
}

function loopedWav(pcm: Buffer, sampleRate: number, durationSeconds: number): AudioAsset {
  const dataLength = Math.round(durationSeconds * sampleRate) * 2
  const header = wavHeader(dataLength, sampleRate, 1, 16)
  return {
    format: 'wav',
    contentType: contentTypeOf(header),
    size: header.length + dataLength,
    durationSeconds: dataLength / 2 / sampleRate,
    sampleRateHz: sampleRate,
    bitrateKbps: (sampleRate * 16) / 1000,
    stream: (start, end) => Readable.from(loopedBytes(header, pcm, start, end), { objectMode: false })
  }
}

function readFixture(dir: string, file: string): Buffer {
  try {
    return readFileSync(join(dir, file))
  } catch (error) {
    throw new Error(
      `Demo server: cannot read the demo recording ${join(dir, file)} (${(error as NodeJS.ErrnoException).code ?? String(error)}). ` +
        'Start it from the project root or pass resourcesDir pointing at the folder that holds demo/recordings.',
      { cause: error }
    )
  }
}

/** Read and measure the fixtures under `<resourcesDir>/demo/recordings` (about 1.7 MB) and `<resourcesDir>/demo/calls` (about 13 MB). */
export function loadAudioLibrary(resourcesDir: string): AudioLibrary {
  const dir = join(resourcesDir, 'demo', 'recordings')
  const fixtures = {} as Record<FixtureName, RecordingFixture>
  const pcmByName = {} as Record<FixtureName, { pcm: Buffer; sampleRate: number }>
  for (const name of FIXTURE_NAMES) {
    const wavBytes = readFixture(dir, `${name}.wav`)
    const wav = parseWav(wavBytes)
    if (wav.channels !== 1 || wav.bitsPerSample !== 16) throw new Error(`Demo server: ${name}.wav must be mono 16-bit PCM`)
    const pcm = wavBytes.subarray(wav.dataOffset, wav.dataOffset + wav.dataLength - (wav.dataLength % 2))
    pcmByName[name] = { pcm, sampleRate: wav.sampleRate }
    const mp3Bytes = readFixture(dir, `${name}.mp3`)
    const mp3 = scanMp3(mp3Bytes)
    fixtures[name] = {
      name,
      transcript: readFixture(dir, `${name}.txt`).toString('utf8').trim(),
      wav: bufferAsset(wavBytes, 'wav', wav.dataLength / (wav.sampleRate * 2), wav.sampleRate, (wav.sampleRate * 16) / 1000),
      mp3: bufferAsset(mp3Bytes, 'mp3', mp3.durationSeconds, mp3.sampleRate, mp3.bitrateKbps)
    }
  }
  const calls = loadCallFixtures(join(resourcesDir, 'demo', 'calls'))
  const speech = pcmByName['roof-inspection']
  const long = new Map<number, AudioAsset>()
  return {
    fixtures,
    calls,
    longWav(durationSeconds) {
      let asset = long.get(durationSeconds)
      if (!asset) {
        asset = loopedWav(speech.pcm, speech.sampleRate, durationSeconds)
        long.set(durationSeconds, asset)
      }
      return asset
    }
  }
}

interface CallFixtureMeta {
  id: string
  division: string
  disposition: string
  agent: string
  tags?: string[]
}

/** Read resources/demo/calls: index.json, then each call's WAV, MP3, transcript and summary. */
function loadCallFixtures(dir: string): CallFixture[] {
  const index = JSON.parse(readFixture(dir, 'index.json').toString('utf8')) as CallFixtureMeta[]
  return index.map((meta) => {
    const wavBytes = readFixture(dir, `${meta.id}.wav`)
    const wav = parseWav(wavBytes)
    const mp3Bytes = readFixture(dir, `${meta.id}.mp3`)
    const mp3 = scanMp3(mp3Bytes)
    const details = JSON.parse(readFixture(dir, `${meta.id}.json`).toString('utf8')) as { summary?: unknown }
    return {
      id: meta.id,
      division: meta.division,
      disposition: meta.disposition,
      agent: meta.agent,
      summary: typeof details.summary === 'string' ? details.summary : null,
      tags: meta.tags ?? [],
      transcript: readFixture(dir, `${meta.id}.txt`).toString('utf8').trim(),
      wav: bufferAsset(
        wavBytes,
        'wav',
        wav.dataLength / (wav.sampleRate * wav.channels * (wav.bitsPerSample / 8)),
        wav.sampleRate,
        (wav.sampleRate * wav.bitsPerSample * wav.channels) / 1000
      ),
      mp3: bufferAsset(mp3Bytes, 'mp3', mp3.durationSeconds, mp3.sampleRate, mp3.bitrateKbps)
    }
  })
}
