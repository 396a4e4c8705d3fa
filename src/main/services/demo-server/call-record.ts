/**
 * Builds one full call record, shaped like the vendor's example (get-calls-list.example.json),
 * from the compact dataset. Every detail comes from a random stream seeded by the call's id, so
 * the record is the same on every request; modules are added only when `include` asks for them.
 */
import type { CallRecord, IncludeModule } from '@shared/convirza/schemas'
import { campaignById, orgUnitById, ROUTES } from './accounts'
import type { AudioAsset, AudioLibrary, CallFixture } from './audio-library'
import { AGENTS, FIRST_NAMES, INDICATOR_OUTCOMES, LAST_NAMES, NOTES, SCORECARDS, SUMMARIES, TAGS, type TagDefinition } from './catalog'
import { callerDigits, callIdOf, dispositionOf, recordingKindOf, type Dataset } from './dataset'
import { buildCallFlow, buildCustomSources, buildVoiceAgentData } from './call-modules'
import { createRandom, hash32, intBetween, pick, type Random } from '@shared/random'

export interface RecordContext {
  dataset: Dataset
  audio: AudioLibrary
  /** A signed URL for the call's recording and its expiry in Unix seconds. */
  recordingLink(callId: number, fileName: string): { url: string; expiresAt: number }
}

const iso = (ms: number): string => new Date(ms).toISOString()
const MINUTE = 60_000

/** The division a campaign's org unit belongs to, from its name or its parents' ("Roofing - Provo"). */
export function divisionOf(orgUnitId: number): string | null {
  for (let unit = orgUnitById(orgUnitId); unit; unit = unit.parent_id === null ? undefined : orgUnitById(unit.parent_id)) {
    const match = /\b(roofing|plumbing|hvac)\b/i.exec(unit.name)
    if (match?.[1]) return match[1].toLowerCase()
  }
  return null
}

/**
 * The ground-truth call a demo call plays (resources/demo/calls), fixed by its id: one of its
 * campaign's division (or one that fits any), a voicemail for a voicemail. Null for calls with
 * no recording and for the generated long recordings.
 */
export function callFixtureOf(context: Pick<RecordContext, 'dataset' | 'audio'>, index: number): CallFixture | null {
  const { dataset } = context
  const kind = recordingKindOf(dataset, index)
  if (kind === 'none' || kind === 'long.wav' || context.audio.calls.length === 0) return null
  const route = ROUTES[dataset.route[index] as number] as (typeof ROUTES)[number]
  const division = divisionOf(campaignById(route.campaign_id).org_unit_id)
  const voicemail = dispositionOf(dataset, index) === 'VOICEMAIL'
  const kindFits = (c: CallFixture): boolean => (c.disposition === 'VOICEMAIL') === voicemail
  let pool = context.audio.calls.filter((c) => kindFits(c) && (c.division === division || c.division === 'any'))
  // A division with no fixture of this kind (a voicemail for the dental account) takes any of the kind.
  if (pool.length === 0) pool = context.audio.calls.filter(kindFits)
  if (pool.length === 0) return null
  return pool[hash32(dataset.seed, callIdOf(dataset, index), 0xf1c5) % pool.length] ?? null
}

/** The audio a call's recording URL serves, or null when the call has no recording. */
export function recordingAssetOf(context: Pick<RecordContext, 'dataset' | 'audio'>, index: number): AudioAsset | null {
  const kind = recordingKindOf(context.dataset, index)
  if (kind === 'none') return null
  if (kind === 'long.wav') return context.audio.longWav(context.dataset.longRecordingSeconds.get(index) ?? 2400)
  const [name, format] = kind.split('.') as [keyof AudioLibrary['fixtures'], 'wav' | 'mp3']
  const call = callFixtureOf(context, index)
  return call ? call[format] : context.audio.fixtures[name][format]
}

/** "HH:MM:SS.ss", as recording_details.duration shows it. */
export function formatClock(seconds: number): string {
  const centis = Math.round(seconds * 100)
  const h = Math.floor(centis / 360_000)
  const m = Math.floor((centis % 360_000) / 6000)
  const s = (centis % 6000) / 100
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`
}

function hex(random: Random, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16)
  return out
}

function token(random: Random, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)]
  return out
}

/** The caller's name, stable per caller number (so repeat callers keep their name). */
export function callerName(dataset: Dataset, index: number): { first: string; last: string } {
  const random = createRandom(hash32(dataset.seed, dataset.caller[index] as number, 0x4a3e))
  return { first: pick(random, FIRST_NAMES), last: pick(random, LAST_NAMES) }
}

function tagsFor(random: Random, fixture: string, answered: boolean): TagDefinition[] {
  const tags: TagDefinition[] = []
  if (answered) {
    if (random() < 0.6) tags.push(TAGS.lead)
    if (fixture === 'roof-inspection' && random() < 0.7) tags.push(TAGS.appointment)
    if (fixture === 'pricing-question' && random() < 0.6) tags.push(TAGS.priceShopper)
    if (random() < 0.15) tags.push(TAGS.existing)
    if (random() < 0.05) tags.push(TAGS.legacyPromo)
  } else {
    if (random() < 0.4) tags.push(TAGS.missed)
    if (random() < 0.2) tags.push(TAGS.followUp)
  }
  if (random() < 0.03) tags.push(TAGS.spam)
  return tags
}

/** The record for dataset position `index`, with the modules named in `include`. */
export function buildCallRecord(context: RecordContext, index: number, include: ReadonlySet<IncludeModule>): CallRecord {
  const { dataset } = context
  const callId = callIdOf(dataset, index)
  const random = createRandom(hash32(dataset.seed, callId, 0xca11))
  const route = ROUTES[dataset.route[index] as number] as (typeof ROUTES)[number]
  const campaign = campaignById(route.campaign_id)
  const unit = orgUnitById(campaign.org_unit_id)
  const disposition = dispositionOf(dataset, index)
  const kind = recordingKindOf(dataset, index)
  const fixture = kind === 'none' ? '' : kind === 'long.wav' ? 'long' : (kind.split('.')[0] as string)
  const asset = recordingAssetOf(context, index)
  const callFixture = callFixtureOf(context, index)
  const answered = disposition === 'ANSWERED' || disposition === 'TRANSFERRED'
  const startedMs = dataset.startedMs[index] as number
  const caller = callerName(dataset, index)
  const callerId = callerDigits(dataset, index)
  const picked = pick(random, AGENTS)
  const agent = (callFixture && AGENTS.find((a) => a.first_name === callFixture.agent)) || picked

  const ringSeconds = intBetween(random, 3, 25)
  const duration = asset
    ? Math.round(asset.durationSeconds)
    : disposition === 'NO ANSWER'
      ? intBetween(random, 20, 45)
      : disposition === 'ABANDONED'
        ? intBetween(random, 2, 25)
        : disposition === 'BUSY'
          ? intBetween(random, 1, 3)
          : 0
  const endedMs = startedMs + duration * 1000
  const connected = disposition !== 'FAILED' && disposition !== 'BUSY'
  const identified = (answered || disposition === 'VOICEMAIL') && random() < 0.8

  // Drawn even when the fixture names the tags, so every later draw of this call stays the same.
  const drawnTags = tagsFor(random, fixture, answered)
  const fixtureTags = callFixture ? Object.values(TAGS).filter((tag) => callFixture.tags.includes(tag.tag_name)) : null
  const tags = (fixtureTags ?? drawnTags).map((tag) => ({
    tag_id: tag.tag_id,
    ct_user_id: agent.ct_user_id,
    call_tag_created: iso(endedMs + intBetween(random, 1, 30) * MINUTE),
    tag_name: tag.tag_name,
    tag_created: tag.tag_created,
    tag_active: tag.tag_active
  }))
  const commentCount = answered && random() < 0.4 ? intBetween(random, 1, 2) : 0
  const comments = Array.from({ length: commentCount }, (_, k) => {
    const author = pick(random, AGENTS)
    const created = endedMs + (k + 1) * intBetween(random, 2, 40) * MINUTE
    return {
      note_id: callId * 10 + k,
      call_id: callId,
      note: pick(random, NOTES),
      created_on: iso(created),
      updated_on: iso(created + intBetween(random, 0, 5) * MINUTE),
      ct_user_id: author.ct_user_id,
      first_name: author.first_name,
      last_name: author.last_name
    }
  })
  const scorecard = SCORECARDS[campaign.channel.category === 'Digital' ? 0 : 1] as (typeof SCORECARDS)[number]
  const indicators = answered
    ? scorecard.indicators.map((indicator, k) => ({
        indicator_id: indicator.indicator_id,
        score_id: callId * 10 + k,
        score_value: intBetween(random, 35, 100),
        indicator_name: indicator.indicator_name,
        external_id: indicator.external_id,
        indicator_active: true,
        indicator_created: indicator.indicator_created,
        agent: agent.email,
        scorecard: scorecard.name,
        outcome: pick(random, INDICATOR_OUTCOMES)
      }))
    : []
  const voiceagentData = answered && random() < 0.25 ? buildVoiceAgentData(random, { caller, callerId, startedMs, fixture }) : null
  const dniLogId = `${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}`
  const fileName = `${token(random, 8)}_${1_700_000_000_000 + Math.floor(random() * 1e11)}`
  const callValue = answered ? pick(random, [0, 25, 50, 75, 100, 150, 250]) : 0

  // Key order follows the vendor's example; modules appear only when asked for.
  return {
    call_id: callId,
    provisioned_route_id: route.provisioned_route_id,
    org_unit_id: campaign.org_unit_id,
    disposition,
    duration,
    caller_id: callerId,
    phone_number: route.tracking_number,
    ring_to: route.ring_to,
    default_ring_to: route.ring_to,
    repeat_call: dataset.repeat[index] === 1,
    call_started: iso(startedMs),
    campaign_id: campaign.campaign_id,
    campaign_name: campaign.name,
    campaign_ext_id: campaign.ext_id,
    user_id: agent.ct_user_id,
    group_name: unit?.name ?? null,
    ai_caller_identity: identified ? `${caller.first} ${caller.last}` : null,
    voiceagent_data: voiceagentData,
    ...(include.has('recordings') ? { recording_details: asset ? recordingDetailsOf(context, callId, fileName, asset) : null } : {}),
    call_detail: {
      bill_second: connected ? duration + ringSeconds : 0,
      call_value: callValue,
      dni_log_id: dniLogId,
      is_outbound: false,
      cdr_source: 'CE',
      call_ended: iso(endedMs),
      analytic_status: asset ? 'complete' : 'not_applicable',
      call_mine_status: asset ? 'mined' : 'not_mined',
      call_created: iso(startedMs),
      mined_timestamp: asset ? iso(endedMs + intBetween(random, 2, 10) * MINUTE) : null,
      ring_to_name: route.ring_to_name,
      channel_id: campaign.channel.channel_id,
      channel_category: campaign.channel.category,
      channel_sub_category: campaign.channel.sub_category,
      channel: `${campaign.channel.category} > ${campaign.channel.sub_category}`
    },
    ...(include.has('custom_sources') ? { custom_sources: buildCustomSources(campaign, route, startedMs) } : {}),
    ...(include.has('call_flow') ? { call_flow: buildCallFlow(route, campaign, disposition) } : {}),
    ...(include.has('tags') ? { tags } : {}),
    ...(include.has('comments') ? { comments } : {}),
    indicators,
    summary: callFixture ? callFixture.summary : (SUMMARIES[fixture || disposition] ?? null),
    ...(include.has('transcription') ? { transcription: callFixture ? callFixture.transcript : transcriptOf(context, fixture, asset) } : {})
  }
}

function recordingDetailsOf(
  context: RecordContext,
  callId: number,
  fileName: string,
  asset: AudioAsset
): NonNullable<CallRecord['recording_details']> {
  // The vendor's URL ends in .mp3 whatever the bytes are (docs/convirza-api.md); so does ours.
  const link = context.recordingLink(callId, `${fileName}.mp3`)
  return {
    recording_id: callId + 6_000_000,
    filename: fileName,
    url: link.url,
    expires_at: link.expiresAt,
    channel_layout: 'mono',
    frequency: `${asset.sampleRateHz} Hz`,
    format: asset.format,
    duration: formatClock(asset.durationSeconds),
    bitrate: `${asset.bitrateKbps} kb/s`,
    size: `${Math.round(asset.size / 1024)}kB`
  }
}

function transcriptOf(context: RecordContext, fixture: string, asset: AudioAsset | null): string | null {
  if (!asset || !fixture) return null
  if (fixture !== 'long') return context.audio.fixtures[fixture as keyof AudioLibrary['fixtures']].transcript
  // A long recording loops the roof-inspection speech; its transcript repeats the same turns.
  const speech = context.audio.fixtures['roof-inspection']
  const loops = Math.ceil(asset.durationSeconds / speech.wav.durationSeconds)
  return Array.from({ length: loops }, () => speech.transcript).join('\n')
}
