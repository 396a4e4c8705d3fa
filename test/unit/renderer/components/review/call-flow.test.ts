import { describe, expect, it } from 'vitest'
import { readCallFlow } from '@renderer/components/review/call-flow'
import { currentTurnIndex, findQueryFor } from '@renderer/components/review/turn-times'

describe('readCallFlow', () => {
  it('reads greeting → IVR with the key pressed → ring-to with its name → voicemail as numbered steps', () => {
    const flow = readCallFlow({
      call_flow_id: 7,
      name: 'Roofing main line',
      tracking_number: '18015550100',
      steps: [
        { step: 1, type: 'greeting', prompt: { media_id: 91, text: 'Thank you for calling Summit Roofing.' } },
        {
          step: 2,
          type: 'ivr',
          menu: {
            prompt: 'Press 1 for sales, 2 for service.',
            options: [
              { digit: '1', label: 'Sales' },
              { digit: '2', label: 'Service' }
            ]
          },
          pressed: '2'
        },
        { step: 3, type: 'ring', ring_to: '18015550199', ring_to_name: 'Front desk', timeout_seconds: 30, result: 'NO ANSWER' },
        { step: 4, type: 'voicemail', mailbox: { id: 12, greeting: 'default' } }
      ]
    })
    expect(flow).not.toBeNull()
    expect(flow?.name).toBe('Roofing main line')
    expect(flow?.trackingNumber).toMatch(/801.*555.*0100/)
    expect(flow?.steps.map((s) => [s.number, s.title])).toEqual([
      [1, 'Greeting'],
      [2, 'IVR menu'],
      [3, 'Ring-to'],
      [4, 'Voicemail']
    ])
    expect(flow?.steps[1]?.lines).toContain('Pressed 2 — Service')
    expect(flow?.steps[2]?.lines[0]).toMatch(/^Rang .*801.*555.*0199 · Front desk$/)
    expect(flow?.steps[2]?.lines).toContain('Result: No answer')
    expect(flow?.steps[3]?.lines.join(' ')).toMatch(/Mailbox · Id: 12/)
  })

  it('says when no key was pressed, and keeps an unknown step as labelled values', () => {
    const flow = readCallFlow({
      steps: [
        { type: 'ivr', menu: { prompt: 'Press 1' }, pressed: null },
        { type: 'geo_route', region: 'West', phone: '18015550111' }
      ]
    })
    expect(flow?.steps[0]?.lines).toContain('No key pressed')
    expect(flow?.steps[1]).toMatchObject({ number: 2, title: 'Geo route' })
    expect(flow?.steps[1]?.lines).toContain('Region: West')
    expect(flow?.steps[1]?.lines.some((l) => /^Phone: .*801/.test(l))).toBe(true)
  })

  it('gives null for a shape without steps (the pane shows its raw values)', () => {
    expect(readCallFlow({ anything: 1 })).toBeNull()
    expect(readCallFlow(null)).toBeNull()
  })
})

describe('turn times', () => {
  const starts = [{ startSec: 0.4 }, { startSec: 5 }, { startSec: 12.5 }]
  it('finds the turn being spoken', () => {
    expect(currentTurnIndex(starts, 0)).toBe(-1)
    expect(currentTurnIndex(starts, 0.4)).toBe(0)
    expect(currentTurnIndex(starts, 7)).toBe(1)
    expect(currentTurnIndex(starts, 99)).toBe(2)
    expect(currentTurnIndex(null, 3)).toBe(-1)
  })
  it('finds the words of a full-text search in a transcript', () => {
    expect(findQueryFor('water heater', 'Our water heater stopped')).toBe('water heater')
    expect(findQueryFor('"tankless" OR boiler', 'a tankless unit')).toBe('tankless')
    expect(findQueryFor('zzz', 'nothing here')).toBe('')
  })
})
