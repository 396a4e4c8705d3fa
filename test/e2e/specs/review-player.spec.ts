/**
 * The review pane and its player end to end (issue 6): a call's facts and modules; playing a
 * recording streamed through the app's recording route (howler, html5 audio); seek, skip and
 * speed; switching calls while playing stops the old sound; a recording that fails to load says
 * so and can be retried.
 */
import { test, expect } from '../pages/call-fixtures'

/** A call of the demo that has a short recording (its row reads "Answered, 29 seconds, …"). */
const SHORT_ANSWERED = /Answered, \d+ seconds,/

test.describe('review pane', () => {
  test('opens a call with its facts, transcript and every module', async ({ calls, review }, testInfo) => {
    await calls.openCall(SHORT_ANSWERED)
    for (const label of ['Caller number', 'Tracking number', 'Ring-to', 'Campaign', 'Group', 'Duration', 'Started', 'Ended', 'Call value', 'Channel', 'Direction', 'Repeat call'])
      await expect(review.pane.getByText(label, { exact: true }).first()).toBeVisible()
    await expect(review.transcript.getByRole('list', { name: 'Transcript turns' }).getByRole('listitem').first()).toBeVisible()
    const details = review.pane.getByRole('complementary', { name: 'Call details' })
    for (const title of ['Summary', 'Tags', 'Comments', 'Indicators', 'Voice agent', 'Custom sources', 'Call flow'])
      await expect(details.getByRole('region', { name: new RegExp(`^${title}`) })).toBeVisible()
    await calls.screenshot(testInfo, 'review-pane')
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

  test('switching calls while playing stops the old sound and unloads it', async ({ calls, review, page }) => {
    await calls.openCall(SHORT_ANSWERED)
    await review.waitUntilPlayable()
    await review.play()
    await expect.poll(() => review.position(), { timeout: 15_000 }).toBeGreaterThan(0.5)
    // Keep a handle on the playing sound and its audio element.
    await page.evaluate(() => {
      const w = window as unknown as { Howler: { _howls: { _sounds: { _node: HTMLMediaElement }[] }[] }; __old?: unknown; __oldNode?: HTMLMediaElement }
      const howl = w.Howler._howls[0]
      w.__old = howl
      w.__oldNode = howl?._sounds[0]?._node
    })
    await calls.openCall(SHORT_ANSWERED, 1)
    const after = await page.evaluate(() => {
      const w = window as unknown as { Howler: { _howls: { _src: string; playing(): boolean }[] }; __old: { state(): string; playing(): boolean }; __oldNode: HTMLMediaElement }
      return {
        oldState: w.__old.state(),
        oldPlaying: w.__old.playing(),
        howls: w.Howler._howls.length,
        anyPlaying: w.Howler._howls.some((h) => h.playing())
      }
    })
    expect(after).toEqual({ oldState: 'unloaded', oldPlaying: false, howls: 1, anyPlaying: false })
    // The old element is not heard any more (if the pool handed it to the new sound, it sits paused).
    expect(await page.evaluate(() => (window as unknown as { __oldNode: HTMLMediaElement }).__oldNode.paused)).toBe(true)
    await expect(review.player.getByRole('button', { name: 'Play' })).toBeVisible()
    expect(await review.position()).toBe(0)
  })

  test('a recording that cannot be loaded says so and can be retried', async ({ calls, review, demo }, testInfo) => {
    const fault = demo.faults.inject({ kind: 'status', status: 500, path: '/v3/recordings/', times: Infinity })
    await calls.openCall(SHORT_ANSWERED)
    const alert = review.player.getByRole('alert')
    await expect(alert).toContainText('The recording could not be loaded', { timeout: 20_000 })
    await calls.screenshot(testInfo, 'review-recording-error')

    fault.cancel()
    await alert.getByRole('button', { name: 'Retry' }).click()
    await review.waitUntilPlayable()
    await expect(alert).toHaveCount(0)
    await review.play()
    await expect.poll(() => review.position(), { timeout: 15_000 }).toBeGreaterThan(0.5)
  })
})
