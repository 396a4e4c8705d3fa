/**
 * Reads an MP3's frame headers to learn its real duration, sample rate and bitrate, so that
 * `recording_details` describes the bytes actually served (docs/convirza-api.md: "trust the bytes").
 * Layer III only: that is what the fixtures and phone systems use.
 */

export interface Mp3Info {
  sampleRate: number
  /** Of the first audio frame, in kb/s. */
  bitrateKbps: number
  durationSeconds: number
  frames: number
}

const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] }

interface FrameHeader {
  length: number
  sampleRate: number
  bitrateKbps: number
  samples: number
}

function frameAt(bytes: Buffer, offset: number): FrameHeader | null {
  if (offset + 4 > bytes.length) return null
  const b1 = bytes[offset + 1] as number
  const b2 = bytes[offset + 2] as number
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null
  const version = (b1 >> 3) & 0b11 // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
  const layer = (b1 >> 1) & 0b11 // 1 = Layer III
  const rates = SAMPLE_RATES[version]
  if (!rates || layer !== 1) return null
  const bitrateKbps = (version === 3 ? BITRATES_V1 : BITRATES_V2)[b2 >> 4]
  const sampleRate = rates[(b2 >> 2) & 0b11]
  if (!bitrateKbps || !sampleRate) return null
  const padding = (b2 >> 1) & 1
  const perFrame = version === 3 ? 144 : 72
  return { length: Math.floor((perFrame * bitrateKbps * 1000) / sampleRate) + padding, sampleRate, bitrateKbps, samples: version === 3 ? 1152 : 576 }
}

function id3Length(bytes: Buffer): number {
  if (bytes.length < 10 || bytes.toString('latin1', 0, 3) !== 'ID3') return 0
  const size =
    (((bytes[6] as number) & 0x7f) << 21) |
    (((bytes[7] as number) & 0x7f) << 14) |
    (((bytes[8] as number) & 0x7f) << 7) |
    ((bytes[9] as number) & 0x7f)
  return 10 + size
}

/** Walk every frame; throws when the bytes hold no Layer III frame at all. */
export function scanMp3(bytes: Buffer): Mp3Info {
  let offset = id3Length(bytes)
  let samples = 0
  let frames = 0
  let first: FrameHeader | null = null
  while (offset < bytes.length) {
    const frame = frameAt(bytes, offset)
    if (!frame) {
      offset++
      continue
    }
    first ??= frame
    samples += frame.samples
    frames++
    offset += frame.length
  }
  if (!first) throw new Error('no MPEG Layer III frames found')
  return { sampleRate: first.sampleRate, bitrateKbps: first.bitrateKbps, durationSeconds: samples / first.sampleRate, frames }
}

/** Whether the first bytes look like MP3 (an ID3 tag or a frame sync). */
export function looksLikeMp3(head: Buffer): boolean {
  return head.toString('latin1', 0, 3) === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)
}
