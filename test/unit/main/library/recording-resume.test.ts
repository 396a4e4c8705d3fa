import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { writeRecording } from '@main/services/library/recording-download'
import { tempProfileDir } from '@test/fixtures/library/library-setup'
import { wavBytes } from '@test/fixtures/library/audio-bytes'

const FILE = wavBytes(4000, 1)

/** A response whose body delivers `from..cut` and then fails as a reset connection does in undici. */
function cutResponse(from: number, cut: number, status = from > 0 ? 206 : 200): Response {
  let sent = false
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true
        controller.enqueue(FILE.slice(from, cut))
        return
      }
      controller.error(new TypeError('terminated'))
    }
  })
  const headers: Record<string, string> = { 'content-length': String(FILE.length - from) }
  if (status === 206) headers['content-range'] = `bytes ${from}-${FILE.length - 1}/${FILE.length}`
  return new Response(body, { status, headers })
}

function wholeFrom(from: number): Response {
  const headers: Record<string, string> = {
    'content-length': String(FILE.length - from),
    'content-range': `bytes ${from}-${FILE.length - 1}/${FILE.length}`
  }
  return new Response(new Uint8Array(FILE.slice(from)), { status: 206, headers })
}

describe('a recording download cut off mid-body', () => {
  it('resumes with Range from the bytes already written and keeps one whole file', async () => {
    const dir = tempProfileDir('resume-')
    const ranges: string[] = []
    const written = await writeRecording(
      cutResponse(0, 1500),
      { dir, callId: 7 },
      {
        resume: async (range) => {
          ranges.push(range)
          return ranges.length === 1 ? cutResponse(1500, 2600) : wholeFrom(2600)
        }
      }
    )
    expect(ranges).toEqual(['bytes=1500-', 'bytes=2600-'])
    expect(written.bytes).toBe(FILE.length)
    expect(readFileSync(join(dir, written.file)).equals(Buffer.from(FILE))).toBe(true)
    expect(readdirSync(dir)).toEqual([written.file])
  })

  it('starts over when the server ignores Range and sends the whole file', async () => {
    const dir = tempProfileDir('resume-')
    const written = await writeRecording(
      cutResponse(0, 1000),
      { dir, callId: 8 },
      {
        resume: async () => new Response(new Uint8Array(FILE), { status: 200, headers: { 'content-length': String(FILE.length) } })
      }
    )
    expect(readFileSync(join(dir, written.file)).equals(Buffer.from(FILE))).toBe(true)
  })

  it('reports a download still cut off after resuming in words, never as a raw TypeError, and leaves no part file', async () => {
    const dir = tempProfileDir('resume-')
    const error = (await writeRecording(
      cutResponse(0, 1000),
      { dir, callId: 9 },
      { resume: async (range) => cutResponse(Number(/\d+/.exec(range)?.[0]), 1200) }
    ).then(
      () => null,
      (e: unknown) => e
    )) as AppError
    expect(error).toBeInstanceOf(AppError)
    expect(error.message).toMatch(/^The download of call 9's recording was cut off after 1200 of 4\d+ bytes, even after resuming it\./)
    expect(error.message).not.toMatch(/TypeError|terminated/)
    expect(readdirSync(dir)).toEqual([])
  })
})
