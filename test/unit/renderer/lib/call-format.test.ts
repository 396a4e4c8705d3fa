import { describe, expect, it } from 'vitest'
import { formatClock, formatDisposition, formatListTime, formatPlayerClocks, formatRange, humaniseKey, speakClock } from '@renderer/lib/format'
import { matchShortcut } from '@renderer/lib/keyboard'
import { parseRecordingDuration } from '@renderer/stores/review-store'

describe('call screen formatting', () => {
  it('writes durations as m:ss, and h:mm:ss past an hour', () => {
    expect(formatClock(182)).toBe('3:02')
    expect(formatClock(2496.6)).toBe('41:36')
    expect(formatClock(3725)).toBe('1:02:05')
    expect(formatClock(null)).toBe('—')
  })

  it("rounds the player's total to the nearest second, and the elapsed time meets it at the end", () => {
    // A 78-second call whose recording is 77.9 s long: the list says 1:18, so does the player.
    expect(formatPlayerClocks(0, 77.9)).toEqual({ elapsed: '0:00', total: '1:18' })
    expect(formatPlayerClocks(10.7, 77.9)).toEqual({ elapsed: '0:10', total: '1:18' })
    expect(formatPlayerClocks(77.2, 77.9)).toEqual({ elapsed: '1:17', total: '1:18' })
    expect(formatPlayerClocks(77.9, 77.9)).toEqual({ elapsed: '1:18', total: '1:18' })
    expect(formatPlayerClocks(71.2, 71.4)).toEqual({ elapsed: '1:11', total: '1:11' })
    // Not loaded yet: no length to show.
    expect(formatPlayerClocks(0, 0).total).toBe('0:00')
    expect(formatPlayerClocks(0, Number.NaN).total).toBe('—')
    expect(formatPlayerClocks(0, null).total).toBe('—')
  })

  it('says durations in words for screen readers', () => {
    expect(speakClock(182)).toBe('3 minutes 2 seconds')
    expect(speakClock(0)).toBe('0 seconds')
  })

  it('writes the list range with the API total: "1–200 of 4,312"', () => {
    expect(formatRange(1, 200, 4312)).toBe('1–200 of 4,312')
    expect(formatRange(0, 0, 0)).toBe('0 of 0')
  })

  it('shows "Today" for calls of today and the date otherwise', () => {
    const now = new Date(2026, 1, 14, 20, 0)
    expect(formatListTime(new Date(2026, 1, 14, 10, 20).toISOString(), now)).toBe('Today, 10:20 AM')
    expect(formatListTime(new Date(2026, 0, 3, 9, 5).toISOString(), now)).toBe('Jan 3, 9:05 AM')
    expect(formatListTime(new Date(2025, 11, 31, 23, 59).toISOString(), now)).toBe('Dec 31 2025, 11:59 PM')
  })

  it('reads dispositions and unknown keys as words', () => {
    expect(formatDisposition('NO ANSWER')).toBe('No answer')
    expect(humaniseKey('ring_to_name')).toBe('Ring to name')
    expect(humaniseKey('serviceType')).toBe('Service type')
  })

  it('reads the recording length the API writes as HH:MM:SS.ss', () => {
    expect(parseRecordingDuration('00:41:36.60')).toBeCloseTo(2496.6)
    expect(parseRecordingDuration('41 minutes')).toBeNull()
  })
})

describe('keyboard shortcuts', () => {
  const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
    matchShortcut({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods })

  it('maps the documented keys to their actions', () => {
    expect(key(' ')).toBe('togglePlay')
    expect(key('ArrowLeft')).toBe('back5')
    expect(key('ArrowRight', { shiftKey: true })).toBe('forward15')
    expect(key('[')).toBe('slower')
    expect(key(']')).toBe('faster')
    expect(key('j')).toBe('nextCall')
    expect(key('K')).toBe('previousCall')
    expect(key('/')).toBe('focusSearch')
    expect(key('?', { shiftKey: true })).toBe('showShortcuts')
    expect(key('f', { ctrlKey: true })).toBe('findInTranscript')
  })

  it('leaves other keys and Alt combinations alone', () => {
    expect(key('x')).toBeNull()
    expect(key('j', { altKey: true })).toBeNull()
    expect(key('j', { ctrlKey: true })).toBeNull()
  })
})
