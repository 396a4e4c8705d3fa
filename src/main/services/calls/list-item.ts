import type { CallRecord } from '@shared/convirza/schemas'
import type { CallListItem } from '@shared/ipc/contract'
import { callScore } from '../library/call-columns'

/** What the library knows of a call beyond the API record. */
export interface LocalCallState {
  reviewed: boolean
  recordingOffline: boolean
}

/** One list row from an API record: the record stays in main, the row crosses IPC. */
export function toCallListItem(record: CallRecord, local: LocalCallState): CallListItem {
  return {
    callId: record.call_id,
    started: record.call_started,
    durationSeconds: record.duration ?? null,
    callerId: record.caller_id ?? null,
    callerIdentity: record.ai_caller_identity ?? null,
    trackingNumber: record.phone_number ?? null,
    campaignName: record.campaign_name ?? null,
    groupName: record.group_name ?? null,
    disposition: record.disposition ?? null,
    tags: (record.tags ?? []).map((t) => t.tag_name).filter((n): n is string => typeof n === 'string' && n.length > 0),
    reviewed: local.reviewed,
    recordingOffline: local.recordingOffline,
    transcriptOffline: typeof record.transcription === 'string' && record.transcription.length > 0,
    score: callScore(record)
  }
}
