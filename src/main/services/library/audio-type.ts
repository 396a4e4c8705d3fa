/**
 * What a recording file is, from its first bytes: the API's own example names an .mp3 whose
 * `format` says wav (docs/convirza-api.md: "trust the bytes, not the name").
 */
export interface AudioType {
  contentType: string
  extension: string
}

const UNKNOWN: AudioType = { contentType: 'application/octet-stream', extension: 'bin' }

/** Needs the first 12 bytes; fewer give `application/octet-stream`. */
export function sniffAudioType(head: Uint8Array): AudioType {
  const ascii = (from: number, to: number): string => String.fromCharCode(...head.subarray(from, to))
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return { contentType: 'audio/wav', extension: 'wav' }
  if (head.length >= 3 && ascii(0, 3) === 'ID3') return { contentType: 'audio/mpeg', extension: 'mp3' }
  // An MPEG audio frame starts with 11 set sync bits.
  if (head.length >= 2 && head[0] === 0xff && ((head[1] as number) & 0xe0) === 0xe0) return { contentType: 'audio/mpeg', extension: 'mp3' }
  if (head.length >= 4 && ascii(0, 4) === 'OggS') return { contentType: 'audio/ogg', extension: 'ogg' }
  if (head.length >= 4 && ascii(0, 4) === 'fLaC') return { contentType: 'audio/flac', extension: 'flac' }
  return UNKNOWN
}
