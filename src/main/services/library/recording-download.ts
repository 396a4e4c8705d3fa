/**
 * Writes one recording download to disk so that only a whole file ever gets its final name:
 * the body streams to `<call_id>-<attempt>.part`, its size is checked against Content-Length, the file is
 * fsynced and only then renamed to `<call_id>.<ext>` (ext from the bytes, see audio-type.ts).
 * A crash at any point leaves at most a `.part`, which is never served and removed at start.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import { sniffAudioType, type AudioType } from './audio-type'

export interface WrittenRecording {
  /** The final file name inside the folder. */
  file: string
  bytes: number
  type: AudioType
}

export const PART_SUFFIX = '.part'
const SNIFF_BYTES = 12

let attempts = 0

/** Unique per attempt: a cancelled download still cleaning up never touches its successor's file. */
export function partFileFor(callId: number): string {
  attempts += 1
  return `${callId}-${process.pid}-${attempts}${PART_SUFFIX}`
}

/** The body size the server promised, when it can be checked (not for a compressed transfer). */
function promisedLength(response: Response): number | null {
  const encoding = response.headers.get('content-encoding')
  if (encoding && encoding.toLowerCase() !== 'identity') return null
  const header = response.headers.get('content-length')
  if (header === null || !/^\d+$/.test(header.trim())) return null
  return Number(header)
}

export async function writeRecording(
  response: Response,
  target: { dir: string; callId: number },
  opts: { signal?: AbortSignal | undefined; onBytes?: ((bytes: number) => void) | undefined } = {}
): Promise<WrittenRecording> {
  const { dir, callId } = target
  if (!response.body) throw new AppError('invalid_response', `The recording of call ${callId} arrived empty. Try again later.`)
  const expected = promisedLength(response)
  const part = join(dir, partFileFor(callId))
  // The folder may have been removed under us ("clear cached data").
  await mkdir(dir, { recursive: true })
  const handle = await open(part, 'w')
  let bytes = 0
  let head: Uint8Array = new Uint8Array(0)
  try {
    const reader = response.body.getReader()
    const cancel = (): void => void reader.cancel(opts.signal?.reason).catch(() => {})
    opts.signal?.addEventListener('abort', cancel, { once: true })
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        if (head.length < SNIFF_BYTES) head = concat(head, value.subarray(0, SNIFF_BYTES - head.length))
        for (let offset = 0; offset < value.length; ) offset += (await handle.write(value, offset)).bytesWritten
        bytes += value.length
        opts.onBytes?.(value.length)
      }
    } finally {
      opts.signal?.removeEventListener('abort', cancel)
    }
    opts.signal?.throwIfAborted()
    if (expected !== null && bytes !== expected)
      throw new AppError(
        'invalid_response',
        `The recording of call ${callId} arrived incomplete (${bytes} of ${expected} bytes), so it was not kept. It will be fetched again when played or made available offline.`
      )
    await handle.sync()
  } catch (error) {
    await handle.close().catch(() => {})
    await rm(part, { force: true })
    throw error
  }
  await handle.close()
  const type = sniffAudioType(head)
  const file = `${callId}.${type.extension}`
  await rename(part, join(dir, file))
  await syncFolder(dir)
  return { file, bytes, type }
}

/** Makes the rename itself durable. Windows cannot open a folder for fsync; there it is skipped. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const folder = await open(dir, 'r')
    try {
      await folder.sync()
    } finally {
      await folder.close()
    }
  } catch {
    // Not supported on this platform: the rename is still atomic, only its durability is the OS's.
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
