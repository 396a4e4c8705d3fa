/**
 * The review pane and its player end to end: a call's facts and modules; playing a
 * recording streamed through the app's recording route (howler, html5 audio); seek, skip and
 * speed; switching calls while playing stops the old sound; a recording that fails to load says
 * so and can be retried.
 */
import type { Page } from '@playwright/test'
import { format } from 'date-fns'
import type { Harness } from '../harness/harness'
import { expectNoA11yViolations } from '../a11y'
import { test, expect } from '../pages/call-fixtures'

/** A call of the demo that has a short recording (its row reads "Answered, 29 seconds, …"). */
const SHORT_ANSWERED = /Answered, \d+ seconds,/

test.describe('review pane', () => {
  test('every control of the player, the transcript and the module tabs stays inside a narrow review pane', async ({ calls, review, page }) => {
    await calls.openCall(SHORT_ANSWERED)
    await review.waitUntilPlayable()
    // Controls whose right or left edge is outside the pane, as "name: px past the edge".
    const outside = (): Promise<string[]> =>
      review.pane.evaluate((pane) => {
        const box = pane.getBoundingClientRect()
        const scopes = pane.querySelectorAll('[aria-label="Recording player"], .transcript-panel__header, [role="tablist"]')
        const controls = [...scopes].flatMap((scope) => [...scope.querySelectorAll('button, input, select, [role="slider"], [role="tab"]')])
        return controls.flatMap((control) => {
          const r = control.getBoundingClientRect()
          if (r.width === 0 && r.height === 0) return []
          const past = Math.max(r.right - box.right, box.left - r.left)
          return past > 0.5 ? [`${control.getAttribute('aria-label') ?? control.textContent ?? control.tagName}: ${Math.round(past)} px`] : []
        })
      })
    await page.setViewportSize({ width: 1024, height: 700 })
    await expect.poll(outside).toEqual([])
    // The list at its widest leaves the pane a quarter of the window.
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByRole('separator', { name: 'Resize the call list' }).focus()
    await page.keyboard.press('End')
    await expect.poll(outside).toEqual([])
  })

  test('opens a call with its facts, transcript and every module, and remembers the layout after a reload', async ({
    calls,
    review,
    demo,
    page
  }, testInfo) => {
    await calls.openCall(SHORT_ANSWERED)
    const callId = await review.callId()
    const record = demo.calls.find((c) => c.call_id === callId)
    if (!record) throw new Error(`the demo has no call ${callId}`)
    const info = record.call_detail
    const dash = (value: string | null | undefined): string => value || '—'
    const seconds = record.duration ?? 0
    const expected: Record<string, string | RegExp> = {
      'Caller number': phoneDigits(record.caller_id),
      'Tracking number': phoneDigits(record.phone_number),
      Campaign: dash(record.campaign_name),
      Group: dash(record.group_name),
      Duration: `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`,
      Started: format(new Date(record.call_started), 'MMM d, yyyy, h:mm a'),
      Ended: info?.call_ended ? format(new Date(info.call_ended), 'MMM d, yyyy, h:mm a') : '—',
      'Call value': typeof info?.call_value === 'number' ? dollars(info.call_value) : '—',
      Channel: dash(info?.channel ?? [info?.channel_category, info?.channel_sub_category].filter(Boolean).join(' > ')),
      Direction: typeof info?.is_outbound === 'boolean' ? (info.is_outbound ? 'Outbound' : 'Inbound') : '—',
      'Repeat call': typeof record.repeat_call === 'boolean' ? (record.repeat_call ? 'Yes' : 'No') : '—'
    }
    for (const [label, value] of Object.entries(expected)) await expect(review.fact(label), label).toHaveText(value)
    if (info?.ring_to_name) await expect(review.fact('Ring-to')).toContainText(info.ring_to_name)
    await expect(review.transcript.getByRole('list', { name: 'Transcript turns' }).getByRole('listitem').first()).toBeVisible()
    // The modules are tabs beside the transcript: each opens its own section.
    const details = review.pane.getByRole('complementary', { name: 'Call details' })
    const tabs: [string, string][] = [
      ['Summary', 'Summary'],
      ['Tags', 'Tags'],
      ['Comments', 'Comments'],
      ['Scores', 'Indicators'],
      ['Voice agent', 'Voice agent'],
      ['Sources', 'Custom sources'],
      ['Call flow', 'Call flow']
    ]
    for (const [tab, title] of tabs) {
      await details.getByRole('tab', { name: new RegExp(`^${tab}`) }).click()
      await expect(details.getByRole('region', { name: new RegExp(`^${title}`) })).toBeVisible()
    }
    await calls.screenshot(testInfo, 'review-pane')

    // The call flow is the path the call took, as numbered steps, with nothing clipped at a
    // narrow or a wide window: every step lies inside the panel and no box overflows its width.
    const flow = details.getByRole('list', { name: 'Steps of the call' })
    const steps = (record.call_flow as { steps: unknown[] }).steps
    await expect(flow.getByRole('listitem')).toHaveCount(steps.length)
    await expect(flow.locator('.call-flow__title')).toHaveText(['Greeting', 'IVR menu', 'Ring-to', ...steps.slice(3).map(() => /./)])
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 900 })
      await expect(flow).toBeVisible()
      const clipped = await details.getByRole('tabpanel').evaluate((panel) => {
        const box = panel.getBoundingClientRect()
        const out: string[] = []
        if (panel.scrollWidth > panel.clientWidth) out.push(`the panel scrolls sideways (${panel.scrollWidth} > ${panel.clientWidth})`)
        for (const el of panel.querySelectorAll<HTMLElement>('.call-flow, .call-flow *')) {
          const r = el.getBoundingClientRect()
          const name = `${el.className || el.tagName} "${(el.textContent ?? '').slice(0, 30)}"`
          if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(`${name} sticks out of the panel`)
          if (el.scrollWidth > el.clientWidth + 0.5 && getComputedStyle(el).display !== 'inline') out.push(`${name} overflows its box`)
          if (el.matches('.call-flow__title, .call-flow__line, .call-flow__number') && r.width < 1) out.push(`${name} is drawn 0 px wide`)
        }
        return out
      })
      expect(clipped, `call flow at ${width} px`).toEqual([])
    }

    // The open module tab and "All details" are remembered: after a reload the next call opens
    // with the call flow showing and the full facts expanded.
    const more = review.pane.getByRole('button', { name: 'All details' })
    await expect(more).toHaveAttribute('aria-expanded', 'false')
    await more.click()
    await expect(review.pane.getByRole('button', { name: 'Fewer details' })).toHaveAttribute('aria-expanded', 'true')
    await expect(review.pane.getByLabel('Call facts')).toBeVisible()
    await page.reload()
    await calls.waitForRows()
    await calls.openCall(SHORT_ANSWERED, 1)
    await expect(details.getByRole('tab', { name: /^Call flow/ })).toHaveAttribute('aria-selected', 'true')
    await expect(details.getByRole('list', { name: 'Steps of the call' })).toBeVisible()
    await expect(review.pane.getByRole('button', { name: 'Fewer details' })).toHaveAttribute('aria-expanded', 'true')
    await expect(review.pane.getByLabel('Call facts')).toBeVisible()
  })

  test('plays a recording and the position advances; seek, skip and speed move the audio', async ({ calls, review, page }, testInfo) => {
    await calls.openCall(SHORT_ANSWERED)
    await review.waitUntilPlayable()
    const duration = await review.duration()
    expect(duration).toBeGreaterThan(10)

    await review.play()
    await expect.poll(() => review.position(), { timeout: 15_000 }).toBeGreaterThan(1)
    const audio = await review.audio()
    expect(audio).toMatchObject({ count: 1, paused: false })
    expect(audio?.currentTime).toBeGreaterThan(0.5)
    await calls.screenshot(testInfo, 'review-playing')

    await review.pause()
    // Seek by clicking the seek bar at about 75%.
    const box = await review.seek.boundingBox()
    if (!box) throw new Error('the seek bar has no box')
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2)
    await expect.poll(async () => (await review.audio())?.currentTime ?? 0).toBeGreaterThan(duration * 0.6)
    expect(await review.position()).toBeGreaterThan(duration * 0.6)

    const beforeSkip = (await review.audio())?.currentTime ?? 0
    await review.player.getByRole('button', { name: 'Back 15 seconds' }).click()
    await expect.poll(async () => (await review.audio())?.currentTime ?? 0).toBeLessThan(beforeSkip - 10)
    await review.player.getByRole('button', { name: 'Forward 5 seconds' }).click()
    await expect.poll(async () => (await review.audio())?.currentTime ?? 0).toBeGreaterThan(beforeSkip - 12)

    await review.setSpeed('1.5')
    await expect.poll(async () => (await review.audio())?.playbackRate).toBe(1.5)
    // The speed is kept for the next call.
    await calls.openCall(SHORT_ANSWERED, 1)
    await review.waitUntilPlayable()
    expect(await review.speed()).toBe('1.5')
    await review.play()
    await expect.poll(async () => (await review.audio())?.playbackRate).toBe(1.5)
  })

  test('a click on the waveform before playing seeks there, and the call resumes there after a look at another', async ({ calls, review, page }) => {
    await calls.openCall(SHORT_ANSWERED)
    await review.waitUntilPlayable()
    const first = await review.callId()
    const duration = await review.duration()
    expect(duration).toBeGreaterThan(12)
    // A click in the middle of the waveform of a call not played yet. (howler's mobile "unlock"
    // used to reload the recording at the first click after it opened: back to 0:00 a moment
    // after the seek.)
    await expect(review.pane.locator('canvas.waveform--base')).toHaveCount(1, { timeout: 20_000 })
    const box = await review.seek.boundingBox()
    if (!box) throw new Error('the seek bar has no box')
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2)
    await expect.poll(async () => (await review.audio())?.currentTime ?? 0).toBeGreaterThan(duration * 0.4)
    await page.waitForTimeout(1_000)
    expect((await review.audio())?.currentTime ?? 0).toBeGreaterThan(duration * 0.4)
    const left = await review.position()

    await calls.openCall(SHORT_ANSWERED, 1)
    await review.waitUntilPlayable()
    expect(await review.callId()).not.toBe(first)
    expect(await review.position()).toBeLessThan(1)

    await calls.openCall(SHORT_ANSWERED, 0)
    await review.waitUntilPlayable()
    expect(await review.callId()).toBe(first)
    await expect.poll(async () => (await review.audio())?.currentTime ?? 0).toBeGreaterThan(left - 1)
    expect(await review.position()).toBeLessThan(left + 1.5)
  })

  test('switching calls while playing stops the old sound at once and unloads it', async ({ calls, review, page, harness }) => {
    await calls.openCall(SHORT_ANSWERED)
    await review.waitUntilPlayable()
    await review.play()
    await expect.poll(() => review.position(), { timeout: 15_000 }).toBeGreaterThan(0.5)
    // Keep a handle on the playing sound and its audio element.
    await page.evaluate(() => {
      const w = window as unknown as {
        Howler: { _howls: { _sounds: { _node: HTMLMediaElement }[] }[] }
        __old?: unknown
        __oldNode?: HTMLMediaElement
      }
      const howl = w.Howler._howls[0]
      w.__old = howl
      w.__oldNode = howl?._sounds[0]?._node
    })
    // Hold the next call's record in main, as a slow library or API would: the pane waits on a
    // skeleton, and the old recording must already be silent (and Space must not restart it).
    const release = holdCallRecords(harness)
    try {
      await calls.row(SHORT_ANSWERED).nth(1).click()
      await expect(review.pane.getByRole('status', { name: 'Loading the call' })).toBeVisible()
      await page.keyboard.press('Space')
      await expect
        .poll(() => soundsState(page))
        .toEqual({ oldState: 'unloaded', oldPlaying: false, oldNodePaused: true, howls: 0, anyPlaying: false })
      await expect(review.pane.getByRole('status', { name: 'Loading the call' })).toBeVisible()
    } finally {
      release()
    }
    await expect(review.seek).toBeVisible()
    // The old element is not heard any more (if the pool handed it to the new sound, it sits paused).
    await expect.poll(() => soundsState(page)).toEqual({ oldState: 'unloaded', oldPlaying: false, oldNodePaused: true, howls: 1, anyPlaying: false })
    await expect(review.player.getByRole('button', { name: 'Play' })).toBeVisible()
    expect(await review.position()).toBe(0)
  })

  test('a recording that cannot be loaded says so and can be retried', async ({ calls, review, demo, page, consoleErrors }, testInfo) => {
    consoleErrors.allow(/^Failed to load resource: the server responded with a status of 500 /, 'the recording fails on purpose')
    const fault = demo.faults.inject({ kind: 'status', status: 500, path: '/v3/recordings/', times: Infinity })
    await calls.openCall(SHORT_ANSWERED)
    const alert = review.player.getByRole('alert')
    // Main's reason, not only the audio element's code ("the server refused it, it is missing, or
    // its format is not supported").
    await expect(alert).toContainText('Loading the recording failed', { timeout: 20_000 })
    await expect(alert).toContainText('HTTP 500')
    await calls.screenshot(testInfo, 'review-recording-error')
    await expectNoA11yViolations(page, 'review pane with a recording error')

    fault.cancel()
    await alert.getByRole('button', { name: 'Retry' }).click()
    await review.waitUntilPlayable()
    await expect(alert).toHaveCount(0)
    await review.play()
    await expect.poll(() => review.position(), { timeout: 15_000 }).toBeGreaterThan(0.5)

    // Playing but starved of data (the element's "waiting"): the player says it is busy, with the
    // spinner in the play button, until the data flows again.
    await review.audioEvent('waiting')
    await expect(review.player).toHaveAttribute('aria-busy', 'true')
    await review.audioEvent('playing')
    await expect(review.player).toHaveAttribute('aria-busy', 'false')
  })

  test('a recording slow to download says its waveform comes once it has, instead of a blank', async ({ calls, review, demo }) => {
    const fault = demo.faults.inject({ kind: 'latency', ms: 6_000, path: '/v3/recordings/', times: Infinity })
    await calls.openCall(SHORT_ANSWERED)
    const note = review.pane.getByRole('status').filter({ hasText: 'The waveform and turn times come once the recording has downloaded' })
    await expect(note).toBeVisible({ timeout: 10_000 })
    fault.cancel()
    await expect(note).toHaveCount(0, { timeout: 30_000 })
    await expect(review.pane.locator('canvas.waveform--base')).toHaveCount(1)
  })

  test('a recording that failed for want of a connection loads again when the computer is back online', async ({
    calls,
    review,
    demo,
    page,
    consoleErrors
  }) => {
    consoleErrors.allow(/^Failed to load resource: the server responded with a status of 5\d\d /, 'the recording fails on purpose')
    const fault = demo.faults.inject({ kind: 'reset', path: '/v3/recordings/', times: Infinity })
    await calls.openCall(SHORT_ANSWERED)
    const alert = review.player.getByRole('alert')
    await expect(alert).toBeVisible({ timeout: 30_000 })
    fault.cancel()
    // No click on Retry: the browser saying it is online again is enough.
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    await review.waitUntilPlayable()
    await expect(alert).toHaveCount(0)
  })
})

/** The sound kept as `__old` before switching, and every sound howler holds now. */
function soundsState(page: Page): Promise<{ oldState: string; oldPlaying: boolean; oldNodePaused: boolean; howls: number; anyPlaying: boolean }> {
  return page.evaluate(() => {
    const w = window as unknown as {
      Howler: { _howls: { playing(): boolean }[] }
      __old: { state(): string; playing(): boolean }
      __oldNode: HTMLMediaElement
    }
    return {
      oldState: w.__old.state(),
      oldPlaying: w.__old.playing(),
      oldNodePaused: w.__oldNode.paused,
      howls: w.Howler._howls.length,
      anyPlaying: w.Howler._howls.some((h) => h.playing())
    }
  })
}

/** Make main hold every `calls:get` until the returned function is called. */
function holdCallRecords(harness: Harness): () => void {
  const dispatch = harness.services.dispatch
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  harness.services.dispatch = async (channel, payload, caller) => {
    if (channel === 'calls:get') await released
    return dispatch(channel, payload, caller)
  }
  return () => {
    harness.services.dispatch = dispatch
    release()
  }
}

/** A phone number as its 10 national digits, whatever punctuation the app formats it with. */
function phoneDigits(e164: string | null | undefined): string | RegExp {
  const digits = (e164 ?? '').replace(/\D/g, '').slice(-10)
  return digits ? new RegExp(`^\\D*${digits.split('').join('\\D*')}$`) : '—'
}

/** "$1,234.50" (grouping as the locale has it). */
function dollars(value: number): RegExp {
  const [whole = '', cents = ''] = value.toFixed(2).split('.')
  return new RegExp(`^\\$${whole.split('').join(',?')}\\.${cents}$`)
}
