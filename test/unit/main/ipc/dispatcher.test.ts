import { describe, expect, it, vi } from 'vitest'
import { createDispatcher, type Handlers } from '@main/ipc/dispatcher'
import { createLogger } from '@main/services/log'
import { AppError } from '@shared/errors'

const APP = 'http://app.test/index.html'

function setup(overrides: Partial<Handlers> = {}) {
  const ping = vi.fn(({ message }: { message: string }) => ({ echo: message }))
  // Only the channels under test; the dispatcher never reaches the others here.
  const handlers = {
    'app:info': () => ({ name: 'Call Review', version: '1', host: 'harness' }),
    'app:ping': ping,
    'prefs:get': () => ({}),
    'prefs:set': (p: unknown) => p,
    ...overrides
  } as unknown as Handlers
  const dispatch = createDispatcher({
    handlers,
    isTrustedSender: (url) => url.startsWith('http://app.test/'),
    log: createLogger()
  })
  return { dispatch, ping }
}

describe('IPC dispatcher', () => {
  it('runs the handler for a valid request from the app and returns its value', async () => {
    const { dispatch } = setup()
    expect(await dispatch('app:ping', { message: 'hi' }, { senderUrl: APP })).toEqual({ ok: true, value: { echo: 'hi' } })
  })

  it('refuses an invalid payload with the field and rule, without running the handler', async () => {
    const { dispatch, ping } = setup()
    const result = await dispatch('app:ping', { message: '' }, { senderUrl: APP })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.kind).toBe('validation')
    expect(result.error.fields?.[0]?.field).toBe('message')
    expect(result.error.message).toMatch(/app:ping/)
    expect(ping).not.toHaveBeenCalled()
  })

  it('refuses a request from a frame that is not the app, without running the handler', async () => {
    const { dispatch, ping } = setup()
    const result = await dispatch('app:ping', { message: 'hi' }, { senderUrl: 'https://evil.example/' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    expect(ping).not.toHaveBeenCalled()
  })

  it('refuses a channel the contract does not name', async () => {
    const { dispatch } = setup()
    expect(await dispatch('shell:exec', {}, { senderUrl: APP })).toMatchObject({ ok: false, error: { kind: 'bad_request' } })
  })

  it('passes an AppError to the renderer as its typed info with the request id', async () => {
    const { dispatch } = setup({
      'app:info': () => {
        throw new AppError('server', 'The Convirza server failed.', { requestId: 'req-1', status: 500 })
      }
    })
    expect(await dispatch('app:info', {}, { senderUrl: APP })).toEqual({
      ok: false,
      error: { kind: 'server', message: 'The Convirza server failed.', requestId: 'req-1' }
    })
  })

  it('hides the message and stack of an unexpected error', async () => {
    const { dispatch } = setup({
      'app:info': () => {
        throw new Error('secret-token-123 at /home/x/y.ts:1')
      }
    })
    const result = await dispatch('app:info', {}, { senderUrl: APP })
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('secret-token-123')
  })

  it('strips fields the response schema does not name, so nothing extra crosses IPC', async () => {
    const { dispatch } = setup({
      'app:info': () => ({ name: 'Call Review', version: '1', host: 'harness', accessToken: 'tok' }) as never
    })
    const result = await dispatch('app:info', {}, { senderUrl: APP })
    expect(result).toEqual({ ok: true, value: { name: 'Call Review', version: '1', host: 'harness' } })
  })

  it('reports a handler answer outside the contract as an internal error', async () => {
    const { dispatch } = setup({ 'app:info': () => ({ name: 3 }) as never })
    expect(await dispatch('app:info', {}, { senderUrl: APP })).toMatchObject({ ok: false, error: { kind: 'internal' } })
  })
})
