/**
 * Page object for the review pane and its player. Reads playback state both as the
 * user sees it (the seek slider) and as howler holds it (the page's HTML5 audio element), so a
 * spec can tell "the old sound stopped" from "the UI says it stopped".
 */
import { expect, type Locator, type Page } from '@playwright/test'

/** What howler exposes on window (howler.js sets window.Howler in a browser). */
interface HowlerWindow {
  Howler?: { _howls: { _src: string | string[]; playing(): boolean; state(): string; _sounds: { _node?: HTMLMediaElement }[] }[] }
}

export class ReviewPane {
  readonly pane: Locator
  readonly player: Locator
  readonly seek: Locator
  readonly transcript: Locator

  constructor(readonly page: Page) {
    this.pane = page.getByRole('region', { name: 'Call review' })
    this.player = this.pane.getByRole('region', { name: 'Recording player' })
    this.seek = this.player.getByRole('slider', { name: 'Seek' })
    this.transcript = this.pane.getByRole('region', { name: 'Transcript' })
  }

  heading(): Locator {
    return this.pane.getByRole('heading', { level: 2 })
  }

  /** The id of the call the pane shows ("… · Call 10123" under the heading); null while none. */
  async callId(): Promise<number | null> {
    const subtitle = this.pane.getByText(/· Call \d+$/)
    if ((await subtitle.count()) === 0) return null
    return Number(/Call (\d+)$/.exec((await subtitle.textContent()) ?? '')?.[1])
  }

  /** The value shown for one of the header's facts ("Campaign", "Duration", …). */
  fact(label: string): Locator {
    return this.pane
      .getByLabel('Call facts')
      .locator('dt')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]')
  }

  /** Wait until the recording's length is known (the seek bar is enabled). */
  async waitUntilPlayable(): Promise<void> {
    try {
      await expect(this.seek).toBeEnabled({ timeout: 20_000 })
    } catch (error) {
      // Say what the pane showed instead (no call, an error, "no recording"), so a CI failure explains itself.
      const shown = await this.pane.innerText({ timeout: 1_000 }).catch(() => '(no "Call review" region)')
      throw new Error(`The recording never became playable. The review pane showed:\n${shown.slice(0, 1_500)}`, { cause: error })
    }
  }

  async play(): Promise<void> {
    await this.player.getByRole('button', { name: 'Play' }).click()
    await expect(this.player.getByRole('button', { name: 'Pause' })).toBeVisible()
  }

  async pause(): Promise<void> {
    await this.player.getByRole('button', { name: 'Pause' }).click()
    await expect(this.player.getByRole('button', { name: 'Play' })).toBeVisible()
  }

  /** Seconds from the start, as the seek slider holds it. */
  async position(): Promise<number> {
    return Number(await this.seek.inputValue())
  }

  async duration(): Promise<number> {
    return Number(await this.seek.getAttribute('max'))
  }

  /** Where the audio element really is, and whether it plays, for the one loaded sound. */
  async audio(): Promise<{ count: number; src: string; paused: boolean; currentTime: number; playbackRate: number } | null> {
    return this.page.evaluate(() => {
      const howls = (window as unknown as HowlerWindow).Howler?._howls ?? []
      const node = howls[0]?._sounds[0]?._node
      if (!node) return null
      return { count: howls.length, src: node.src, paused: node.paused, currentTime: node.currentTime, playbackRate: node.playbackRate }
    })
  }

  /** Fire one of the audio element's own events ("waiting", "playing") on the loaded sound's element. */
  async audioEvent(name: string): Promise<void> {
    await this.page.evaluate((event) => {
      const howls = (window as unknown as HowlerWindow).Howler?._howls ?? []
      howls[0]?._sounds[0]?._node?.dispatchEvent(new Event(event))
    }, name)
  }

  async speed(): Promise<string> {
    return this.player.getByRole('combobox', { name: 'Playback speed' }).inputValue()
  }

  async setSpeed(rate: string): Promise<void> {
    await this.player.getByRole('combobox', { name: 'Playback speed' }).selectOption(rate)
  }

  async searchTranscript(text: string): Promise<void> {
    await this.transcript.getByRole('searchbox', { name: 'Search transcript' }).fill(text)
  }

  matchCount(): Locator {
    return this.transcript.getByRole('status', { name: 'Matches' })
  }

  currentMatch(): Locator {
    return this.transcript.locator('mark.transcript-mark--current')
  }
}
