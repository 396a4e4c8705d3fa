import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCallsPage } from '../../src/shared/convirza/schemas'

const example: unknown = JSON.parse(readFileSync(join(__dirname, '../fixtures/get-calls-list.example.json'), 'utf8'))

describe('the vendor example response', () => {
  it('parses with parseCallsPage with no issues', () => {
    const page = parseCallsPage(example)
    if ('error' in page) throw page.error
    expect(page.issues).toEqual([])
    expect(page.total).toBe(42)
    expect(page.calls.length).toBeGreaterThan(0)
    expect(page.calls[0]).toMatchObject({ call_id: 987654, recording_details: { expires_at: 1775462400 } })
  })

  it('keeps every field of the example, including ones the schema does not name', () => {
    const page = parseCallsPage(example)
    if ('error' in page) throw page.error
    const raw = (example as { data: { calls: unknown[] } }).data.calls[0]
    expect(page.calls[0]).toEqual(raw)
  })

  it('reports one bad record with its call_id and field path while the rest of the page arrives', () => {
    const body = structuredClone(example) as { data: { calls: Record<string, unknown>[] } }
    const good = body.data.calls[0]!
    body.data.calls = [good, { ...good, call_id: 5, call_started: 'yesterday' }, { ...good, call_id: 6 }]
    const page = parseCallsPage(body)
    if ('error' in page) throw page.error
    expect(page.calls.map((c) => c.call_id)).toEqual([987654, 6])
    expect(page.issues).toEqual([{ callId: 5, index: 1, path: 'call_started', message: expect.any(String) }])
  })
})
