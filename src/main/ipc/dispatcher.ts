/**
 * The main side of the IPC contract, free of Electron so the browser harness and unit tests use
 * the very same code. Every call is checked in this order: known channel, trusted sender,
 * payload valid against the contract's zod schema; only then does the handler run. The response
 * is parsed with the contract's schema too, so nothing the schema does not name (a token, say)
 * can cross. Errors cross as a typed `AppErrorInfo`, never a stack.
 */
import { z } from 'zod'
import { contract, isChannel, type Channel, type ParsedRequestOf, type ResponseOf } from '@shared/ipc/contract'
import type { IpcResult } from '@shared/errors'
import { fieldErrorsOf } from '@shared/field-errors'
import { payloadLimitProblem, short } from './payload-limits'
import { toErrorInfo } from './to-error-info'
import type { Logger } from '../services/log'

/** Who sent a request: the URL of the frame (Electron's `senderFrame.url`, or the harness page). */
export interface CallerContext {
  senderUrl: string
}

export type Handler<C extends Channel> = (request: ParsedRequestOf<C>, caller: CallerContext) => Promise<ResponseOf<C>> | ResponseOf<C>

export type Handlers = { [C in Channel]: Handler<C> }

/** The handlers of one domain's channels, typed from its part of the contract (e.g. `typeof authChannels`). */
export type DomainHandlers<ChannelMap> = { [C in keyof ChannelMap & Channel]: Handler<C> }

export type Dispatch = (channel: unknown, payload: unknown, caller: CallerContext) => Promise<IpcResult<unknown>>

export interface DispatcherOptions {
  handlers: Handlers
  /** True only for the app's own renderer (Electron security checklist #17). */
  isTrustedSender: (senderUrl: string) => boolean
  log: Logger
}

export function createDispatcher({ handlers, isTrustedSender, log }: DispatcherOptions): Dispatch {
  return async (channel, payload, caller) => {
    if (!isChannel(channel)) {
      log.warn('ipc: refused unknown channel', { channel: String(channel).slice(0, 80) })
      return fail('bad_request', `"${String(channel).slice(0, 80)}" is not a Call Review request.`)
    }
    if (!isTrustedSender(caller.senderUrl)) {
      log.warn('ipc: refused untrusted sender', { channel, sender: caller.senderUrl.slice(0, 200) })
      return fail('forbidden', 'This request did not come from the Call Review window and was refused.')
    }
    const spec = contract[channel]
    const tooLarge = payloadLimitProblem(payload)
    if (tooLarge) {
      log.warn('ipc: refused an oversized request', { channel, problem: tooLarge })
      return { ok: false, error: { kind: 'validation', message: `The request "${channel}" was refused: ${tooLarge}.` } }
    }
    const parsed = requestSchema(channel).safeParse(payload ?? {})
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          kind: 'validation',
          message: `The request "${channel}" was not valid: ${describeIssues(parsed.error)}`,
          fields: fieldErrorsOf(parsed.error, '(request)')
            .slice(0, 20)
            .map((f) => ({ field: short(f.field, 80), message: short(f.message, 200) }))
        }
      }
    }
    try {
      const handler = handlers[channel] as Handler<Channel>
      const value = await handler(parsed.data as never, caller)
      const checked = spec.response.safeParse(value)
      if (!checked.success) {
        log.error('ipc: handler returned a response outside the contract', {
          channel,
          issues: describeIssues(checked.error)
        })
        return fail('internal', `Call Review produced an invalid answer to "${channel}". Please report this.`)
      }
      return { ok: true, value: checked.data }
    } catch (error) {
      const info = toErrorInfo(error)
      if (info.kind === 'internal') log.error('ipc: handler failed', { channel, error })
      return { ok: false, error: info }
    }
  }
}

function fail(kind: 'bad_request' | 'forbidden' | 'internal', message: string): IpcResult<never> {
  return { ok: false, error: { kind, message } }
}

/**
 * Issues in words, each cut short: a message may quote the input (an unknown key's name, say),
 * and what the renderer sent is never echoed back at length.
 */
function describeIssues(error: z.ZodError): string {
  return fieldErrorsOf(error, '(request)')
    .slice(0, 5)
    .map((f) => `${short(f.field, 80)}: ${short(f.message, 200)}`)
    .join('; ')
}

const strictRequests = new Map<Channel, z.ZodType>()

/**
 * The channel's request schema with unknown top-level keys refused rather than silently
 * stripped: a field the contract does not know is a bug or a probe, and the sender should hear so.
 */
function requestSchema(channel: Channel): z.ZodType {
  let schema = strictRequests.get(channel)
  if (!schema) {
    const declared: z.ZodType = contract[channel].request
    schema = declared instanceof z.ZodObject ? declared.strict() : declared
    strictRequests.set(channel, schema)
  }
  return schema
}
