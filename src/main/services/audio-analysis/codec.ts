import { crc32 } from 'node:zlib'
import { AUDIO_FEATURES_VERSION, type AudioFeatures } from './features'

/**
 * The stored form of AudioFeatures: a small versioned binary for a SQLite BLOB, about 4 bytes a
 * 20 ms frame plus 2 bytes a peak bucket (a 40-minute call: about 0.7 MB).
 *
 * Layout (little-endian): "CRAF", u16 version, u16 reserved, f64 durationSec, f32 frameRate,
 * u32 frames, f32 peaks perSecond, u32 peak buckets, then per frame u8 energy (0.5 dB steps from
 * -110 dB), u8 periodicity (/255), u16 pitch (0.1 Hz), then per bucket i8 min, i8 max (/127),
 * then u32 CRC-32 of everything before it.
 */
const MAGIC = 0x46415243 // "CRAF"
const HEADER = 32

function clampByte(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(v)))
}

export function encodeFeatures(f: AudioFeatures): Uint8Array {
  const frames = f.energyDb.length
  const buckets = f.peaks.min.length
  const size = HEADER + frames * 4 + buckets * 2 + 4
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint16(4, f.version, true)
  view.setFloat64(8, f.durationSec, true)
  view.setFloat32(16, f.frameRate, true)
  view.setUint32(20, frames, true)
  view.setFloat32(24, f.peaks.perSecond, true)
  view.setUint32(28, buckets, true)
  let at = HEADER
  for (let i = 0; i < frames; i++) out[at++] = clampByte(((f.energyDb[i] as number) + 110) * 2, 0, 255)
  for (let i = 0; i < frames; i++) out[at++] = clampByte((f.periodicity[i] as number) * 255, 0, 255)
  for (let i = 0; i < frames; i++, at += 2) view.setUint16(at, clampByte((f.pitchHz[i] as number) * 10, 0, 65535), true)
  for (let i = 0; i < buckets; i++) view.setInt8(at++, clampByte((f.peaks.min[i] as number) * 127, -127, 127))
  for (let i = 0; i < buckets; i++) view.setInt8(at++, clampByte((f.peaks.max[i] as number) * 127, -127, 127))
  view.setUint32(at, crc32(out.subarray(0, at)), true)
  return out
}

/**
 * Reads stored features. Throws when they are of another version (the caller recomputes them
 * from the recording) or damaged.
 */
export function decodeFeatures(b: Uint8Array): AudioFeatures {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  if (b.length < HEADER + 4 || view.getUint32(0, true) !== MAGIC)
    throw new Error('Stored audio features are damaged: not a features record. Analyse the recording again.')
  const version = view.getUint16(4, true)
  if (version !== AUDIO_FEATURES_VERSION) {
    throw new Error(`Stored audio features are version ${version}; this app reads version ${AUDIO_FEATURES_VERSION}. Analyse the recording again.`)
  }
  const frames = view.getUint32(20, true)
  const buckets = view.getUint32(28, true)
  const size = HEADER + frames * 4 + buckets * 2 + 4
  if (b.length !== size)
    throw new Error(`Stored audio features are damaged: ${b.length} bytes where ${size} were expected. Analyse the recording again.`)
  if (view.getUint32(size - 4, true) !== crc32(b.subarray(0, size - 4)))
    throw new Error('Stored audio features are damaged: checksum mismatch. Analyse the recording again.')
  const energyDb = new Float32Array(frames)
  const periodicity = new Float32Array(frames)
  const pitchHz = new Float32Array(frames)
  const min = new Float32Array(buckets)
  const max = new Float32Array(buckets)
  let at = HEADER
  for (let i = 0; i < frames; i++) energyDb[i] = (b[at++] as number) / 2 - 110
  for (let i = 0; i < frames; i++) periodicity[i] = (b[at++] as number) / 255
  for (let i = 0; i < frames; i++, at += 2) pitchHz[i] = view.getUint16(at, true) / 10
  for (let i = 0; i < buckets; i++) min[i] = view.getInt8(at++) / 127
  for (let i = 0; i < buckets; i++) max[i] = view.getInt8(at++) / 127
  return {
    version,
    durationSec: view.getFloat64(8, true),
    frameRate: view.getFloat32(16, true),
    energyDb,
    pitchHz,
    periodicity,
    peaks: { perSecond: view.getFloat32(24, true), min, max }
  }
}
