/**
 * Signed recording URLs and the route that serves them (docs/convirza-api.md "Include modules"):
 * a URL carries its expiry and an HMAC over call id and expiry; once expired (or tampered with)
 * it answers 410 with the documented message. Audio is served with HTTP Range support, the
 * Content-Type read from the bytes, and a Content-Length on every answer.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import type { AudioAsset } from './audio-library'
import { parseRange } from '../http-range'
import { HttpError, sendError, type RequestContext } from './http-helpers'

/** Exactly the documented 410 message. */
export const RECORDING_EXPIRED_MESSAGE = 'Recording URL has expired. Please re-fetch the call to get a fresh link.'
export const RECORDINGS_PATH = '/v3/recordings/'

export class RecordingSigner {
  private readonly secret = randomBytes(32)
  /** Set once the server listens. */
  apiBaseUrl = ''

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => Date
  ) {}

  /** A URL valid for the TTL from now; `expired` issues one whose expiry has already passed. */
  link(callId: number, fileName: string, expired = false): { url: string; expiresAt: number } {
    const nowSeconds = Math.floor(this.now().getTime() / 1000)
    const expiresAt = expired ? nowSeconds - 1 : nowSeconds + this.ttlSeconds
    const query = new URLSearchParams({ expires: String(expiresAt), sig: this.sign(callId, expiresAt), file_name: fileName })
    return { url: `${this.apiBaseUrl}${RECORDINGS_PATH}${callId}?${query.toString()}`, expiresAt }
  }

  /** Whether the URL's signature is genuine and its expiry still ahead. */
  valid(callId: number, params: URLSearchParams): boolean {
    const expires = Number(params.get('expires'))
    const sig = params.get('sig') ?? ''
    if (!Number.isInteger(expires)) return false
    const expected = Buffer.from(this.sign(callId, expires))
    const given = Buffer.from(sig)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false
    return expires > this.now().getTime() / 1000
  }

  private sign(callId: number, expires: number): string {
    return createHmac('sha256', this.secret).update(`${callId}:${expires}`).digest('base64url')
  }
}

export interface RecordingDeps {
  signer: RecordingSigner
  /** The audio of a call, or null when there is no such call or it has no recording. */
  assetOf(callId: number): AudioAsset | null
}

/** GET or HEAD /v3/recordings/<call_id>?expires=&sig=&file_name= */
export async function handleRecording(context: RequestContext, deps: RecordingDeps): Promise<void> {
  const { req, res, url } = context
  const idText = url.pathname.slice(RECORDINGS_PATH.length)
  const callId = /^\d+$/.test(idText) ? Number(idText) : Number.NaN
  if (!deps.signer.valid(callId, url.searchParams)) throw new HttpError(410, RECORDING_EXPIRED_MESSAGE)
  if (context.takeFault(['recording-expired'])) throw new HttpError(410, RECORDING_EXPIRED_MESSAGE)
  const asset = deps.assetOf(callId)
  if (!asset) throw new HttpError(404, `Call ${idText} has no recording.`)

  const fileName = (url.searchParams.get('file_name') ?? `${callId}`).replace(/[^\w.-]/g, '_')
  const ignoreRange = context.takeFault(['ignore-range']) !== null
  if (!ignoreRange) res.setHeader('Accept-Ranges', 'bytes')
  res.setHeader('Cache-Control', 'private, no-transform')
  res.setHeader('Content-Disposition', `inline; filename="${fileName}"`)
  const range = parseRange(ignoreRange ? undefined : req.headers.range, asset.size)
  if (range.kind === 'unsatisfiable') {
    sendError(context, 416, `The requested range is outside the recording's ${asset.size} bytes.`, { 'Content-Range': `bytes */${asset.size}` })
    return
  }
  const start = range.kind === 'part' ? range.start : 0
  const end = range.kind === 'part' ? range.end : asset.size - 1
  res.statusCode = range.kind === 'part' ? 206 : 200
  if (range.kind === 'part') res.setHeader('Content-Range', `bytes ${start}-${end}/${asset.size}`)
  res.setHeader('Content-Type', asset.contentType)
  res.setHeader('Content-Length', end - start + 1)
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  try {
    await pipeline(asset.stream(start, end), res)
  } catch {
    // The client went away mid-stream (a player seeking, say): nothing left to answer.
  }
}
