/**
 * Writes one recording download to disk so that only a whole file ever gets its final name:
 * the body streams to `<call_id>-<attempt>.part`, its size is checked against Content-Length, the file is
 * fsynced and only then renamed to `<call_id>.<ext>` (ext from the bytes, see audio-type.ts).
 * A crash at any point leaves at most a `.part`, which is never served and removed at start.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '@shared/errors'
import { isDiskFailure } from '../disk-errors'
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

/** Times a download cut off mid-body is resumed (with Range, from what was written) before it is reported. */
const RESUMES = 2

/** The first byte a 206 answer starts at ("bytes 1000-1999/2000"), or null. */
function rangeStart(response: Response): number | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range')?.trim() ?? '')
  return match ? Number(match[1]) : null
}

export async function writeRecording(
  response: Response,
  target: { dir: string; callId: number },
  opts: {
    signal?: AbortSignal | undefined
    onBytes?: ((bytes: number) => void) | undefined
    /** Ask again from a byte on (a Range header value, "bytes=N-"), when the body is cut off mid-way. */
    resume?: ((range: string) => Promise<Response>) | undefined
  } = {}
): Promise<WrittenRecording> {
  const { dir, callId } = target
  if (!response.body) throw new AppError('invalid_response', `The recording of call ${callId} arrived empty. Try again later.`)
  let expected = promisedLength(response)
  const part = join(dir, partFileFor(callId))
  // The folder may have been removed under us ("clear cached data").
  await mkdir(dir, { recursive: true })
  const handle = await open(part, 'w')
  let bytes = 0
  let head: Uint8Array = new Uint8Array(0)
  let current = response
  try {
    for (let resumes = 0; ; resumes++) {
      try {
        await streamBody(
          current,
          async (value) => {
            if (head.length < SNIFF_BYTES) head = concat(head, value.subarray(0, SNIFF_BYTES - head.length))
            for (let offset = 0; offset < value.length;)
              offset += (await handle.write(value, offset, value.length - offset, bytes + offset)).bytesWritten
            bytes += value.length
            opts.onBytes?.(value.length)
          },
          opts.signal
        )
        break
      } catch (error) {
        opts.signal?.throwIfAborted()
        if (error instanceof AppError) throw error
        // Writing the file failed (a full or read-only disk): resuming the download cannot help.
        if (isDiskFailure(error)) throw error
        // The connection dropped mid-body (undici reports a TypeError): carry on from the last byte written.
        if (!opts.resume || resumes >= RESUMES) throw cutOff(callId, bytes, expected, error)
        const next = await opts.resume(`bytes=${bytes}-`)
        const start = next.status === 206 ? rangeStart(next) : next.status === 200 ? 0 : null
        if (start === null || start > bytes || !next.body) {
          await next.body?.cancel().catch(() => {})
          throw cutOff(callId, bytes, expected, error)
        }
        // A server that ignores Range sends the whole file again: it is written over from the start.
        if (start < bytes) {
          await handle.truncate(start)
          bytes = start
          if (start === 0) head = new Uint8Array(0)
        }
        const rest = promisedLength(next)
        expected = rest === null ? null : start + rest
        current = next
      }
    }
    opts.signal?.throwIfAborted()
    if (expected !== null && bytes !== expected)
      throw new AppError(
        'invalid_response',
        bytes < expected
          ? `The recording of call ${callId} arrived incomplete (${bytes} of ${expected} bytes), so it was not kept. It will be fetched again when played or made available offline.`
          : `The recording of call ${callId} was longer than its host announced (${bytes} bytes where ${expected} were announced), so it was not kept: the host or a proxy in between is misreporting its size. It still plays from the host.`
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

async function streamBody(response: Response, write: (chunk: Uint8Array) => Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const cancel = (): void => void reader.cancel(signal?.reason).catch(() => {})
  signal?.addEventListener('abort', cancel, { once: true })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      await write(value)
    }
  } finally {
    signal?.removeEventListener('abort', cancel)
  }
}

/** A download the connection cut off, in words: never the raw TypeError of the transport. */
function cutOff(callId: number, bytes: number, expected: number | null, cause: unknown): AppError {
  // Not 'network': that stops a whole offline job, and the other recordings may well arrive.
  return new AppError(
    'invalid_response',
    `The download of call ${callId}'s recording was cut off after ${bytes}${expected === null ? '' : ` of ${expected}`} bytes, even after resuming it. Check your connection; it will be fetched again when played or made available offline.`,
    { cause }
  )
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
