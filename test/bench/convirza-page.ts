/**
 * A 200-call page with every module (tags, comments, custom sources, call flow, recordings,
 * transcription, indicators, voice-agent data), built from the vendor's own example record so
 * the benchmark parses what the API really sends.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const TRANSCRIPT_TURNS = [
  'Caller: Hi, I am calling about a roof inspection for my house on Maple Street.',
  'Agent: Sure, I can help with that. Can I have your name and the best number to reach you?',
  'Caller: It is John Doe, and this number is fine.',
  'Agent: Great. We have openings Thursday morning or Friday afternoon. Which works better?',
  'Caller: Thursday morning, please. Around nine if possible.'
]

export function fullPageText(count = 200): string {
  const example = JSON.parse(readFileSync(resolve(process.cwd(), 'test/fixtures/get-calls-list.example.json'), 'utf8')) as {
    data: { calls: Record<string, unknown>[] }
  }
  const record = example.data.calls[0] as Record<string, unknown> & { tags: unknown[]; comments: unknown[]; indicators: unknown[] }
  const calls = Array.from({ length: count }, (_, i) => ({
    ...structuredClone(record),
    call_id: 1_000_000 + i,
    call_started: new Date(Date.UTC(2026, 1, 14, 18, 0, i)).toISOString(),
    tags: [record.tags[0], record.tags[0], record.tags[0]],
    comments: [record.comments[0], record.comments[0]],
    indicators: Array.from({ length: 6 }, () => record.indicators[0]),
    call_flow: { id: 77, name: 'Main IVR', steps: [{ type: 'greeting' }, { type: 'menu', options: ['1', '2', '3'] }, { type: 'ring', to: '18015550000' }] },
    transcription: Array.from({ length: 8 }, () => TRANSCRIPT_TURNS.join('\n')).join('\n')
  }))
  return JSON.stringify({ code: 200, message: 'Success', data: { total: 10_000, calls }, request_id: 'bench', timestamp: '2026-03-01T00:00:00Z' })
}
