/**
 * The larger optional modules of a call record: voice-agent data, custom sources and the call
 * flow. The docs do not show call_flow's shape (docs/convirza-api.md), so it is a plausible nested
 * object that exercises a client's leniency: steps, a menu with options, nested actions.
 */
import type { Disposition } from '@shared/convirza/schemas'
import type { Campaign, ProvisionedRoute } from './accounts'
import { APPOINTMENT_NOTES, SERVICE_TYPES } from './catalog'
import { intBetween, pick, type Random } from '@shared/random'

const DAY = 86_400_000

export function buildVoiceAgentData(
  random: Random,
  call: { caller: { first: string; last: string }; callerId: string; startedMs: number; fixture: string }
): Record<string, unknown> {
  const afterHours = random() < 0.4
  const booked = call.fixture !== 'pricing-question' && random() < 0.7
  const day = new Date(Math.floor(call.startedMs / DAY) * DAY + intBetween(random, 1, 14) * DAY)
  const hour = intBetween(random, 8, 16)
  const minute = pick(random, [0, 15, 30, 45])
  day.setUTCHours(hour, minute, 0, 0)
  const date = day.toISOString().slice(0, 10)
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
  return {
    voiceagent_id: afterHours ? 43 : 42,
    voiceagent_name: afterHours ? 'After-Hours Scheduler' : 'Customer Support Agent',
    outcome: booked,
    summary: booked ? `Customer scheduled an appointment for ${date} at ${time}` : 'Customer asked for information; no appointment booked',
    first_name: call.caller.first,
    last_name: call.caller.last,
    phone_number: `+${call.callerId}`,
    requested_time: booked ? day.toISOString() : null,
    appointment_date: booked ? date : null,
    appointment_time: booked ? time : null,
    additional_info: { service_type: pick(random, SERVICE_TYPES), notes: pick(random, APPOINTMENT_NOTES) }
  }
}

const source = (custom_source_id: number, custom_source_name: string, custom_source_created: string): Record<string, unknown> => ({
  custom_source_id,
  custom_source_name,
  custom_source_created
})

/** UTM-like parameters captured at call time; types 4 and 5 are set only for digital channels. */
export function buildCustomSources(campaign: Campaign, route: ProvisionedRoute, startedMs: number): Record<string, unknown> {
  const digital = campaign.channel.category === 'Digital'
  const created = new Date(Math.floor(startedMs / DAY) * DAY - 30 * DAY).toISOString()
  return {
    custom_source_type_1: source(campaign.source_id, campaign.source_name, '2026-01-10T12:00:00.000Z'),
    custom_source_type_2: source(600 + campaign.channel.channel_id, digital ? 'cpc' : 'offline', '2026-01-10T12:00:00.000Z'),
    custom_source_type_3: source(700 + (campaign.campaign_id % 100), campaign.name.toLowerCase().replace(/\s+/g, '_'), created),
    custom_source_type_4: digital ? source(800 + (route.provisioned_route_id % 100), `landing/${route.provisioned_route_id}`, created) : null,
    custom_source_type_5: null
  }
}

/** The route's call flow: greeting, an IVR menu with the digit pressed, ring, and voicemail when it came to that. */
export function buildCallFlow(route: ProvisionedRoute, campaign: Campaign, disposition: Disposition): Record<string, unknown> {
  const steps: Record<string, unknown>[] = [
    { step: 1, type: 'greeting', prompt: { media_id: 90 + (campaign.campaign_id % 10), text: `Thank you for calling ${campaign.name}.` } },
    {
      step: 2,
      type: 'ivr',
      menu: {
        prompt: 'Press 1 for sales, 2 for service.',
        options: [
          { digit: '1', label: 'Sales', action: { type: 'ring', ring_to: route.ring_to } },
          { digit: '2', label: 'Service', action: { type: 'ring', ring_to: route.ring_to, whisper: 'Service call' } }
        ]
      },
      pressed: disposition === 'ABANDONED' ? null : '1'
    },
    { step: 3, type: 'ring', ring_to: route.ring_to, ring_to_name: route.ring_to_name, timeout_seconds: 30, result: disposition }
  ]
  if (disposition === 'VOICEMAIL' || disposition === 'NO ANSWER')
    steps.push({ step: 4, type: 'voicemail', mailbox: { id: route.provisioned_route_id, greeting: 'default' } })
  return {
    call_flow_id: route.provisioned_route_id,
    name: route.name,
    tracking_number: route.tracking_number,
    recording_enabled: true,
    steps
  }
}
