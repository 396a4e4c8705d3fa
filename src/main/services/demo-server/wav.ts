/**
 * Just enough RIFF/WAVE to read the fixtures' PCM and to write a header for the long
 * recordings generated on the fly.
 */

export interface WavInfo {
  sampleRate: number
  channels: number
  bitsPerSample: number
  /** Byte offset of the PCM samples inside the file. */
  dataOffset: number
  dataLength: number
}

export const WAV_HEADER_BYTES = 44

/** Find the fmt and data chunks; throws with the reason when the bytes are not PCM WAV. */
export function parseWav(bytes: Buffer): WavInfo {
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error('not a RIFF/WAVE file')
  let offset = 12
  let format: Omit<WavInfo, 'dataOffset' | 'dataLength'> | null = null
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4)
    const size = bytes.readUInt32LE(offset + 4)
    const body = offset + 8
    if (id === 'fmt ') {
      if (bytes.readUInt16LE(body) !== 1) throw new Error('WAV is not PCM')
      format = { channels: bytes.readUInt16LE(body + 2), sampleRate: bytes.readUInt32LE(body + 4), bitsPerSample: bytes.readUInt16LE(body + 14) }
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data chunk comes before its fmt chunk')
      return { ...format, dataOffset: body, dataLength: Math.min(size, bytes.length - body) }
    }
    offset = body + size + (size % 2)
  }
  throw new Error('WAV has no data chunk')
}

/** The canonical 44-byte header of a PCM WAV holding `dataLength` bytes of samples. */
export function wavHeader(dataLength: number, sampleRate: number, channels: number, bitsPerSample: number): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES)
  const blockAlign = (channels * bitsPerSample) / 8
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + dataLength, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(channels, 22)
  header.writeUInt32LE(sampleRate, 24)
  header.writeUInt32LE(sampleRate * blockAlign, 28)
  header.writeUInt16LE(blockAlign, 32)
  header.writeUInt16LE(bitsPerSample, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(dataLength, 40)
  return header
}
