import { open } from 'node:fs/promises'
import type { AudioFeatures } from './features'
import { FrameAnalyzer } from './frame-analyzer'
import { parseWavHeader, wavToMono, type WavFormat } from './wav'

/** Bytes read from a file at a time: bounded memory whatever the recording's length. */
const CHUNK_BYTES = 1 << 20
const HEADER_BYTES = 64 * 1024

type Container = 'wav' | 'mp3'

/**
 * The container from the bytes, which a server cannot mislabel; from the MIME type when the
 * bytes do not say (an MP3 whose first frame is not at byte 0).
 */
function containerOf(mime: string | undefined, head: Uint8Array): Container {
  if (head[0] === 0x52 && head[1] === 0x49 && head[2] === 0x46 && head[3] === 0x46) return 'wav'
  const id3 = head[0] === 0x49 && head[1] === 0x44 && head[2] === 0x33
  const frameSync = head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0
  if (id3 || frameSync) return 'mp3'
  const type = (mime ?? '').toLowerCase().split(';')[0]?.trim() ?? ''
  if (['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'].includes(type)) return 'wav'
  if (['audio/mpeg', 'audio/mp3', 'audio/mpeg3', 'audio/x-mpeg'].includes(type)) return 'mp3'
  throw new Error(`Cannot analyse a recording of type "${mime ?? 'unknown'}": only WAV and MP3 are supported.`)
}

/** Feeds WAV data bytes to the analyser in whole sample frames. */
class WavFeeder {
  private carry = new Uint8Array(0)
  private mono = new Float32Array(0)
  constructor(
    private readonly format: WavFormat,
    private readonly analyzer: FrameAnalyzer
  ) {}
  push(bytes: Uint8Array): void {
    let data = bytes
    if (this.carry.length > 0) {
      data = new Uint8Array(this.carry.length + bytes.length)
      data.set(this.carry)
      data.set(bytes, this.carry.length)
    }
    const whole = data.length - (data.length % this.format.blockAlign)
    if (this.mono.length < whole / this.format.blockAlign) this.mono = new Float32Array(whole / this.format.blockAlign)
    this.analyzer.push(wavToMono(data.subarray(0, whole), this.format, this.mono))
    this.carry = data.slice(whole)
  }
}

interface Mp3Decoder {
  ready: Promise<void>
  decode(data: Uint8Array): { channelData: Float32Array[]; samplesDecoded: number; sampleRate: number }
  free(): void
}

/** mpg123 in WASM, loaded on first use; gapless decoding trims the LAME header's padding. */
async function mp3Decoder(): Promise<Mp3Decoder> {
  const { MPEGDecoder } = await import('mpg123-decoder')
  const decoder = new MPEGDecoder({ enableGapless: true })
  await decoder.ready
  return decoder
}

/** Feeds MP3 bytes through the decoder to an analyser made once the sample rate is known. */
class Mp3Feeder {
  private analyzer: FrameAnalyzer | null = null
  constructor(private readonly decoder: Mp3Decoder) {}
  push(bytes: Uint8Array): void {
    const out = this.decoder.decode(bytes)
    if (out.samplesDecoded === 0) return
    this.analyzer ??= new FrameAnalyzer(out.sampleRate)
    const channels = out.channelData
    const first = channels[0] as Float32Array
    if (channels.length === 1) return this.analyzer.push(first.subarray(0, out.samplesDecoded))
    const mono = new Float32Array(out.samplesDecoded)
    for (const channel of channels) for (let i = 0; i < mono.length; i++) mono[i] = (mono[i] as number) + (channel[i] as number) / channels.length
    this.analyzer.push(mono)
  }
  finish(): AudioFeatures {
    if (!this.analyzer) throw new Error('The MP3 recording holds no audio the decoder could read: it is empty or damaged.')
    return this.analyzer.finish()
  }
}

/** Analyses a whole recording held in memory. */
export async function analyzeAudio(bytes: Uint8Array, mime: string): Promise<AudioFeatures> {
  const container = containerOf(mime, bytes.subarray(0, 4))
  if (container === 'wav') {
    const format = parseWavHeader(bytes.subarray(0, HEADER_BYTES))
    const end = format.dataLength === null ? bytes.length : Math.min(bytes.length, format.dataOffset + format.dataLength)
    const analyzer = new FrameAnalyzer(format.sampleRate)
    new WavFeeder(format, analyzer).push(bytes.subarray(format.dataOffset, end))
    return analyzer.finish()
  }
  const decoder = await mp3Decoder()
  try {
    const feeder = new Mp3Feeder(decoder)
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) feeder.push(bytes.subarray(at, at + CHUNK_BYTES))
    return feeder.finish()
  } finally {
    decoder.free()
  }
}

/**
 * Analyses a recording on disk, reading it a chunk at a time: memory stays at the features (a
 * few MB for a 40-minute call), not the audio. `mime` defaults to what the bytes look like.
 */
export async function analyzeAudioFile(path: string, mime?: string): Promise<AudioFeatures> {
  const file = await open(path, 'r')
  try {
    const head = new Uint8Array(HEADER_BYTES)
    const { bytesRead: headRead } = await file.read(head, 0, HEADER_BYTES, 0)
    const container = containerOf(mime, head.subarray(0, Math.min(4, headRead)))
    const buffer = new Uint8Array(CHUNK_BYTES)
    if (container === 'wav') {
      const format = parseWavHeader(head.subarray(0, headRead))
      const size = (await file.stat()).size
      const end = format.dataLength === null ? size : Math.min(size, format.dataOffset + format.dataLength)
      const analyzer = new FrameAnalyzer(format.sampleRate)
      const feeder = new WavFeeder(format, analyzer)
      for (let at = format.dataOffset; at < end;) {
        const { bytesRead } = await file.read(buffer, 0, Math.min(CHUNK_BYTES, end - at), at)
        if (bytesRead === 0) break
        feeder.push(buffer.subarray(0, bytesRead))
        at += bytesRead
      }
      return analyzer.finish()
    }
    const decoder = await mp3Decoder()
    try {
      const feeder = new Mp3Feeder(decoder)
      for (let at = 0; ;) {
        const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, at)
        if (bytesRead === 0) break
        feeder.push(buffer.subarray(0, bytesRead))
        at += bytesRead
      }
      return feeder.finish()
    } finally {
      decoder.free()
    }
  } finally {
    await file.close()
  }
}
