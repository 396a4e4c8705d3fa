import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { campaignById } from '@main/services/demo-server/accounts'
import { loadAudioLibrary } from '@main/services/demo-server/audio-library'
import { buildCallRecord, divisionOf, type RecordContext } from '@main/services/demo-server/call-record'
import { generateDataset } from '@main/services/demo-server/dataset'
import { INCLUDE_MODULES } from '@shared/convirza/schemas'

const audio = loadAudioLibrary(resolve('resources'))
const dataset = generateDataset(1500, 11, new Date('2026-03-01T12:00:00.000Z'))
const context: RecordContext = {
  dataset,
  audio,
  recordingLink: (callId, fileName) => ({ url: `https://rec.test/${callId}/${fileName}`, expiresAt: 1 })
}
const records = Array.from({ length: dataset.size }, (_, i) => buildCallRecord(context, i, new Set(INCLUDE_MODULES)))
const byTranscript = new Map(audio.calls.map((c) => [c.transcript, c]))
const truth = (id: string): { summary: string; agent: string } =>
  JSON.parse(readFileSync(resolve('resources/demo/calls', `${id}.json`), 'utf8')) as { summary: string; agent: string }

describe('demo calls play the ground-truth fixtures of resources/demo/calls', () => {
  it('loads all fourteen', () => {
    expect(audio.calls).toHaveLength(14)
  })

  it('plays a call of the campaign’s division (or one that fits any), a voicemail for a voicemail, nothing for no answer or busy', () => {
    let played = 0
    const divisions = new Set<string>()
    for (const record of records) {
      const long = (record.recording_details?.duration ?? '').startsWith('00:4')
      if (record.disposition === 'NO ANSWER' || record.disposition === 'BUSY') {
        expect(record.recording_details).toBeNull()
        continue
      }
      if (!record.recording_details || long) continue
      const fixture = byTranscript.get(record.transcription ?? '')
      if (!fixture) throw new Error(`call ${record.call_id} plays no fixture`)
      played += 1
      const division = divisionOf(campaignById(record.campaign_id as number).org_unit_id)
      if (division) expect([division, 'any']).toContain(fixture.division)
      expect(fixture.disposition === 'VOICEMAIL').toBe(record.disposition === 'VOICEMAIL')
      expect(record.summary).toBe(truth(fixture.id).summary)
      expect((record.tags ?? []).map((t) => t.tag_name).sort()).toEqual([...fixture.tags].sort())
      expect(record.duration).toBe(Math.round(fixture[record.recording_details.format === 'mp3' ? 'mp3' : 'wav'].durationSeconds))
      divisions.add(fixture.division)
    }
    expect(played).toBeGreaterThan(300)
    expect([...divisions].sort()).toEqual(['any', 'hvac', 'plumbing', 'roofing'])
  })

  it('keeps every fixture in use, including both hold calls', () => {
    const used = new Set(records.map((r) => byTranscript.get(r.transcription ?? '')?.id).filter(Boolean))
    expect(used).toContain('roofing-leak-complaint')
    expect(used).toContain('plumbing-water-heater-hold')
    expect(used.size).toBe(14)
  })
})
