/**
 * Fixed word lists and catalogues the seeded calls draw from: caller names, agents, tags,
 * scorecard indicators, notes and summaries. Plain data, kept apart from the record builder.
 */

export const FIRST_NAMES = [
  'Jane',
  'John',
  'Maria',
  'James',
  'Linda',
  'Robert',
  'Patricia',
  'Michael',
  'Jennifer',
  'David',
  'Elizabeth',
  'William',
  'Susan',
  'Carlos',
  'Aisha',
  'Wei',
  'Fatima',
  'Diego',
  'Emily',
  'Kevin',
  'Grace',
  'Mark',
  'Olivia',
  'Noah'
]
export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Garcia',
  'Brown',
  'Nguyen',
  'Martinez',
  'Davis',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Lee',
  'Harris',
  'Clark',
  'Lewis',
  'Young',
  'Walker',
  'Hall',
  'Allen',
  'King',
  'Wright'
]

export interface Agent {
  ct_user_id: number
  first_name: string
  last_name: string
  email: string
}

export const AGENTS: readonly Agent[] = [
  { ct_user_id: 2001, first_name: 'Alex', last_name: 'Smith', email: 'alex.smith@summithome.example' },
  { ct_user_id: 2002, first_name: 'Dana', last_name: 'Reyes', email: 'dana.reyes@summithome.example' },
  { ct_user_id: 2003, first_name: 'Jordan', last_name: 'Lee', email: 'jordan.lee@summithome.example' },
  { ct_user_id: 2004, first_name: 'Sam', last_name: 'Patel', email: 'sam.patel@summithome.example' },
  { ct_user_id: 2005, first_name: 'Morgan', last_name: 'Chen', email: 'morgan.chen@summithome.example' }
]

export interface TagDefinition {
  tag_id: number
  tag_name: string
  tag_created: string
  tag_active: boolean
}

export const TAGS = {
  lead: { tag_id: 1, tag_name: 'Lead', tag_created: '2025-11-01T12:00:00.000Z', tag_active: true },
  qualified: { tag_id: 2, tag_name: 'Qualified', tag_created: '2025-11-01T12:00:00.000Z', tag_active: true },
  appointment: { tag_id: 3, tag_name: 'Appointment Set', tag_created: '2025-11-03T09:30:00.000Z', tag_active: true },
  priceShopper: { tag_id: 4, tag_name: 'Price Shopper', tag_created: '2025-11-03T09:30:00.000Z', tag_active: true },
  followUp: { tag_id: 5, tag_name: 'Follow Up', tag_created: '2025-12-15T16:00:00.000Z', tag_active: true },
  missed: { tag_id: 6, tag_name: 'Missed Opportunity', tag_created: '2025-12-15T16:00:00.000Z', tag_active: true },
  spam: { tag_id: 7, tag_name: 'Spam', tag_created: '2025-10-20T08:00:00.000Z', tag_active: true },
  existing: { tag_id: 8, tag_name: 'Existing Customer', tag_created: '2025-10-20T08:00:00.000Z', tag_active: true },
  legacyPromo: { tag_id: 9, tag_name: 'Winter Promo 2025', tag_created: '2025-01-05T08:00:00.000Z', tag_active: false }
} satisfies Record<string, TagDefinition>

export interface IndicatorDefinition {
  indicator_id: number
  indicator_name: string
  external_id: string
  indicator_created: string
}

export const SCORECARDS: ReadonlyArray<{ name: string; indicators: readonly IndicatorDefinition[] }> = [
  {
    name: 'Sales Scorecard',
    indicators: [
      { indicator_id: 18, indicator_name: 'Conversion', external_id: 'conv-01', indicator_created: '2025-12-01T00:00:00.000Z' },
      { indicator_id: 19, indicator_name: 'Greeting', external_id: 'greet-01', indicator_created: '2025-12-01T00:00:00.000Z' },
      { indicator_id: 20, indicator_name: 'Booked Appointment', external_id: 'appt-01', indicator_created: '2025-12-01T00:00:00.000Z' },
      { indicator_id: 21, indicator_name: 'Objection Handling', external_id: 'obj-01', indicator_created: '2026-01-05T00:00:00.000Z' }
    ]
  },
  {
    name: 'Service Scorecard',
    indicators: [
      { indicator_id: 31, indicator_name: 'Empathy', external_id: 'svc-empathy', indicator_created: '2025-12-01T00:00:00.000Z' },
      { indicator_id: 32, indicator_name: 'Issue Resolved', external_id: 'svc-resolved', indicator_created: '2025-12-01T00:00:00.000Z' },
      { indicator_id: 33, indicator_name: 'Hold Time', external_id: 'svc-hold', indicator_created: '2026-01-05T00:00:00.000Z' }
    ]
  }
]

export const INDICATOR_OUTCOMES = ['won', 'lost', 'pending'] as const

export const NOTES = [
  'Customer asked for pricing details.',
  'Sent the brochure by email.',
  'Call back Thursday morning.',
  'Wants an estimate before the weekend.',
  'Existing customer; warranty question.',
  'Asked about financing options.',
  'Left a voicemail in return.',
  'Manager to review the quote.'
]

export const SUMMARIES: Record<string, string> = {
  'roof-inspection': 'Caller reported storm damage and booked a roof inspection; asked about financing.',
  'pricing-question': 'Caller asked about pricing for a full roof replacement and will call back after discussing it.',
  voicemail: 'Caller left a voicemail asking for a gutter repair quote.',
  long: 'Extended consultation covering an inspection, financing and scheduling.',
  'NO ANSWER': 'The call rang out without being answered.',
  BUSY: 'The destination line was busy.',
  FAILED: 'The call could not be connected.',
  ABANDONED: 'The caller hung up before reaching an agent.'
}

export const SERVICE_TYPES = ['roof_inspection', 'roof_replacement', 'gutter_repair', 'drain_cleaning', 'water_heater', 'ac_tune_up']
export const APPOINTMENT_NOTES = ['Prefer morning appointments', 'Gate code 4411', 'Call before arriving', 'Dog in the yard']
