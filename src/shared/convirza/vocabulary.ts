/**
 * The API's fixed vocabularies as plain values (docs/convirza-api.md): schemas.ts builds its
 * enums from them; the query rules (query.ts) and the renderer's pickers read them without
 * building any schema.
 */

export const DISPOSITIONS = ['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'VOICEMAIL', 'ABANDONED', 'TRANSFERRED'] as const
export type Disposition = (typeof DISPOSITIONS)[number]

export const INCLUDE_MODULES = ['tags', 'comments', 'custom_sources', 'call_flow', 'recordings', 'transcription'] as const
export type IncludeModule = (typeof INCLUDE_MODULES)[number]
