/**
 * RIFF/WAVE parsing for analysis: the header, and PCM bytes to mono samples a chunk at a time.
 * Recordings are 8 kHz 16-bit mono PCM (resources/demo/calls/README.md); 8/24/32-bit PCM, 32-bit float
 * and more channels are read too, since a WAV is whatever the phone system wrote.
 */

export interface WavFormat {
  /** 1 PCM, 3 IEEE float. */
  encoding: 1 | 3
  channels: number
  sampleRate: number
  bitsPerSample: number
  /** Bytes a frame: all channels of one sample. */
  blockAlign: number
  dataOffset: number
  /** Bytes of audio; null when the header does not say (a WAV written while streaming). */
  dataLength: number | null
}

const WAVE_FORMAT_PCM = 1
const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
const WAVE_FORMAT_IEEE_FLOAT = 3
const WAVE_FORMAT_EXTENSIBLE = 0xfffe

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0)
}

/**
 * Reads the header from the first bytes of a WAV (64 KB is plenty: the data chunk follows
 * fmt and at most a few metadata chunks). Throws saying what is wrong with the file.
 */
export function parseWavHeader(bytes: Uint8Array): WavFormat {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE') {
    throw new Error('Not a WAV recording: it does not start with a RIFF/WAVE header.')
  }
  let at = 12
  let format: Omit<WavFormat, 'dataOffset' | 'dataLength'> | null = null
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at)
    const size = view.getUint32(at + 4, true)
    const body = at + 8
    if (id === 'fmt ') {
      if (body + 16 > bytes.length) break
      let tag = view.getUint16(body, true)
      if (tag === WAVE_FORMAT_EXTENSIBLE && size >= 26 && body + 26 <= bytes.length) tag = view.getUint16(body + 24, true)
      const channels = view.getUint16(body + 2, true)
      const sampleRate = view.getUint32(body + 4, true)
      const blockAlign = view.getUint16(body + 12, true)
      const bitsPerSample = view.getUint16(body + 14, true)
      if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_IEEE_FLOAT)
        throw new Error(`Unsupported WAV encoding ${tag}: only PCM and float WAVs can be analysed.`)
      const pcmBits = tag === WAVE_FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample)
      const floatBits = tag === WAVE_FORMAT_IEEE_FLOAT && bitsPerSample === 32
      if (!pcmBits && !floatBits) throw new Error(`Unsupported WAV sample size: ${bitsPerSample}-bit.`)
      if (channels < 1 || blockAlign !== (channels * bitsPerSample) / 8) throw new Error('Damaged WAV header: channel count and block size disagree.')
      format = { encoding: tag as 1 | 3, channels, sampleRate, bitsPerSample, blockAlign }
    } else if (id === 'data') {
      if (!format) throw new Error('Damaged WAV: the audio comes before its format chunk.')
      // 0 and 0xFFFFFFFF are what recorders write before they know the length.
      const dataLength = size === 0 || size === 0xffffffff ? null : size
      return { ...format, dataOffset: body, dataLength }
    }
    at = body + size + (size % 2)
  }
  throw new Error('Damaged WAV: no audio data chunk in its header.')
}

/**
 * Mixes whole frames of interleaved PCM to mono samples in -1..1. `bytes` holds whole frames;
 * `into`, when long enough, receives them (a reused buffer spares a large allocation a chunk).
 */
export function wavToMono(bytes: Uint8Array, format: WavFormat, into?: Float32Array): Float32Array {
  const { channels, bitsPerSample, blockAlign, encoding } = format
  const frames = Math.floor(bytes.length / blockAlign)
  const out = into && into.length >= frames ? into.subarray(0, frames) : new Float32Array(frames)
  // The usual case, 16-bit mono, read through a typed view when the bytes are aligned for one.
  if (bitsPerSample === 16 && channels === 1 && bytes.byteOffset % 2 === 0 && isLittleEndian) {
    const pcm = new Int16Array(bytes.buffer, bytes.byteOffset, frames)
    for (let i = 0; i < frames; i++) out[i] = (pcm[i] as number) / 32768
    return out
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const bytesPer = bitsPerSample / 8
  const scale = 1 / channels
  for (let f = 0; f < frames; f++) {
    let sum = 0
    for (let c = 0; c < channels; c++) {
      const at = f * blockAlign + c * bytesPer
      if (bitsPerSample === 16) sum += view.getInt16(at, true) / 32768
      else if (bitsPerSample === 8) sum += ((bytes[at] as number) - 128) / 128
      else if (bitsPerSample === 24)
        sum += (((bytes[at + 2] as number) << 24) | ((bytes[at + 1] as number) << 16) | ((bytes[at] as number) << 8)) / 2147483648
      else if (encoding === 3) sum += view.getFloat32(at, true)
      else sum += view.getInt32(at, true) / 2147483648
    }
    out[f] = sum * scale
  }
  return out
}
