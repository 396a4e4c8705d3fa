/**
 * One line saying what a call query covers, so "make available offline" states what it will
 * download: "Mar 3, 2026, 12:00 AM – Mar 10, 2026, 3:00 PM · ANSWERED, VOICEMAIL · campaign 12".
 */
import { format } from 'date-fns'
import type { CallQueryInput } from '@shared/convirza/query'

export function describeQuery(query: CallQueryInput): string {
  const parts: string[] = []
  if (query.start && query.end) parts.push(`${format(new Date(query.start), 'PP p')} – ${format(new Date(query.end), 'PP p')}`)
  parts.push(query.disposition?.length ? query.disposition.join(', ') : 'every disposition')
  if (query.org_unit_id) parts.push(`org unit ${query.org_unit_id}`)
  if (query.campaign_id) parts.push(`campaign ${query.campaign_id}`)
  if (query.provisioned_route_id) parts.push(`route ${query.provisioned_route_id}`)
  if (query.caller_id) parts.push(`caller ${query.caller_id}`)
  if (query.phone_number) parts.push(`tracking number ${query.phone_number}`)
  if (query.ring_to) parts.push(`ring-to ${query.ring_to}`)
  return parts.join(' · ')
}
