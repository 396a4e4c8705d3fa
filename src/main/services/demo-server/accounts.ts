/**
 * The demo's fixed account structure: two accounts (the demo user's and one it must never see),
 * an org-unit hierarchy three levels deep, campaigns and provisioned routes (tracking numbers).
 * Fixed rather than seeded so tests and docs can name ids; the seed only varies the calls.
 */

export interface OrgUnit {
  org_unit_id: number
  name: string
  parent_id: number | null
  /** Dotted position in the tree, as the groups tree shows it ("1.1.1"). */
  code: string
  level: number
  active: boolean
  /** The account (top org unit) this unit belongs to. */
  account_id: number
}

export interface DemoUser {
  user_id: number
  email: string
  password: string
  role_id: number
  /** The user's home org unit: they see it and everything below it. */
  org_unit_id: number
  first_name: string
  last_name: string
}

export interface Channel {
  channel_id: number
  category: string
  sub_category: string
}

export interface Campaign {
  campaign_id: number
  name: string
  ext_id: string
  org_unit_id: number
  channel: Channel
  /** The ad source recorded in custom_source_type_1 for calls of this campaign. */
  source_name: string
  source_id: number
}

export interface ProvisionedRoute {
  provisioned_route_id: number
  name: string
  campaign_id: number
  /** The tracking number callers dial (phone_number), digits without '+'. */
  tracking_number: string
  ring_to: string
  ring_to_name: string
}

const unit = (org_unit_id: number, name: string, parent_id: number | null, code: string, account_id: number, active = true): OrgUnit => ({
  org_unit_id,
  name,
  parent_id,
  code,
  level: code.split('.').length,
  active,
  account_id
})

export const DEMO_ACCOUNT_ID = 1000
export const OTHER_ACCOUNT_ID = 5000

export const ORG_UNITS: readonly OrgUnit[] = [
  unit(1000, 'Summit Home Services', null, '1', DEMO_ACCOUNT_ID),
  unit(1100, 'Roofing Division', 1000, '1.1', DEMO_ACCOUNT_ID),
  unit(1110, 'Roofing - Provo', 1100, '1.1.1', DEMO_ACCOUNT_ID),
  unit(1120, 'Roofing - Salt Lake City', 1100, '1.1.2', DEMO_ACCOUNT_ID),
  unit(1200, 'Plumbing Division', 1000, '1.2', DEMO_ACCOUNT_ID),
  unit(1210, 'Plumbing - Denver', 1200, '1.2.1', DEMO_ACCOUNT_ID),
  unit(1220, 'Plumbing - Boulder', 1200, '1.2.2', DEMO_ACCOUNT_ID),
  unit(1300, 'HVAC Division', 1000, '1.3', DEMO_ACCOUNT_ID),
  unit(1310, 'HVAC - Austin', 1300, '1.3.1', DEMO_ACCOUNT_ID),
  unit(1320, 'HVAC - Dallas', 1300, '1.3.2', DEMO_ACCOUNT_ID),
  unit(1330, 'HVAC - Phoenix (closed)', 1300, '1.3.3', DEMO_ACCOUNT_ID, false),
  unit(5000, 'Lakeside Dental Group', null, '1', OTHER_ACCOUNT_ID),
  unit(5100, 'Lakeside Dental - Orem', 5000, '1.1', OTHER_ACCOUNT_ID),
  unit(5200, 'Lakeside Dental - Ogden', 5000, '1.2', OTHER_ACCOUNT_ID)
]

/** The demo login printed by the CLI; the others exist for scope tests. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    user_id: 1001,
    email: 'demo@callreview.example',
    password: 'demo-password',
    role_id: 1,
    org_unit_id: 1000,
    first_name: 'Dana',
    last_name: 'Reyes'
  },
  {
    user_id: 1002,
    email: 'roofing.manager@callreview.example',
    password: 'roofing-password',
    role_id: 2,
    org_unit_id: 1100,
    first_name: 'Alex',
    last_name: 'Smith'
  },
  {
    user_id: 5001,
    email: 'owner@lakeside-dental.example',
    password: 'lakeside-password',
    role_id: 1,
    org_unit_id: 5000,
    first_name: 'Priya',
    last_name: 'Shah'
  }
]

const PAID_SEARCH: Channel = { channel_id: 4, category: 'Digital', sub_category: 'Paid Search' }
const SOCIAL: Channel = { channel_id: 5, category: 'Digital', sub_category: 'Social' }
const DIRECTORY: Channel = { channel_id: 6, category: 'Digital', sub_category: 'Directory' }
const ORGANIC: Channel = { channel_id: 7, category: 'Digital', sub_category: 'Organic Search' }
const DIRECT_MAIL: Channel = { channel_id: 8, category: 'Offline', sub_category: 'Direct Mail' }
const RADIO: Channel = { channel_id: 9, category: 'Offline', sub_category: 'Radio' }
const BILLBOARD: Channel = { channel_id: 10, category: 'Offline', sub_category: 'Billboard' }

export const CAMPAIGNS: readonly Campaign[] = [
  { campaign_id: 311, name: 'Roofing Q1', ext_id: 'EXT-001', org_unit_id: 1100, channel: PAID_SEARCH, source_name: 'Google Ads', source_id: 445 },
  {
    campaign_id: 312,
    name: 'Storm Damage Mailer',
    ext_id: 'EXT-002',
    org_unit_id: 1110,
    channel: DIRECT_MAIL,
    source_name: 'Spring Mailer',
    source_id: 446
  },
  { campaign_id: 313, name: 'Roofing Reviews', ext_id: 'EXT-003', org_unit_id: 1120, channel: DIRECTORY, source_name: 'Yelp', source_id: 447 },
  {
    campaign_id: 321,
    name: 'Emergency Plumbing',
    ext_id: 'EXT-011',
    org_unit_id: 1200,
    channel: PAID_SEARCH,
    source_name: 'Google Ads',
    source_id: 445
  },
  { campaign_id: 322, name: 'Drain Cleaning Social', ext_id: 'EXT-012', org_unit_id: 1210, channel: SOCIAL, source_name: 'Facebook', source_id: 448 },
  { campaign_id: 323, name: 'Water Heater Radio', ext_id: 'EXT-013', org_unit_id: 1220, channel: RADIO, source_name: 'KBCO 97.3', source_id: 449 },
  { campaign_id: 331, name: 'HVAC Tune-up', ext_id: 'EXT-021', org_unit_id: 1310, channel: PAID_SEARCH, source_name: 'Bing Ads', source_id: 450 },
  {
    campaign_id: 332,
    name: 'AC Install Organic',
    ext_id: 'EXT-022',
    org_unit_id: 1320,
    channel: ORGANIC,
    source_name: 'Google Organic',
    source_id: 451
  },
  {
    campaign_id: 333,
    name: 'Heat Pump Billboard',
    ext_id: 'EXT-023',
    org_unit_id: 1330,
    channel: BILLBOARD,
    source_name: 'I-10 Billboard',
    source_id: 452
  },
  { campaign_id: 501, name: 'New Patients', ext_id: 'LD-001', org_unit_id: 5100, channel: PAID_SEARCH, source_name: 'Google Ads', source_id: 901 }
]

const route = (id: number, name: string, campaign_id: number, tracking: string, ringTo: string, ringToName: string): ProvisionedRoute => ({
  provisioned_route_id: id,
  name,
  campaign_id,
  tracking_number: tracking,
  ring_to: ringTo,
  ring_to_name: ringToName
})

/** Calls are spread over these routes; a route fixes the call's campaign and org unit. */
export const ROUTES: readonly ProvisionedRoute[] = [
  route(1021, 'Roofing Q1 - Main', 311, '18013742200', '18013740000', 'Sales Team'),
  route(1022, 'Roofing Q1 - Spanish', 311, '18013742201', '18013740001', 'Spanish Line'),
  route(1023, 'Storm Mailer', 312, '13853910410', '18013740000', 'Sales Team'),
  route(1024, 'Roofing Reviews', 313, '18019066123', '18019060000', 'Salt Lake Office'),
  route(1031, 'Emergency Plumbing - 24h', 321, '13039408812', '13039400000', 'Dispatch'),
  route(1032, 'Emergency Plumbing - Weekend', 321, '17204467730', '13039400000', 'Dispatch'),
  route(1033, 'Drain Cleaning', 322, '13036251904', '13036250000', 'Denver Office'),
  route(1034, 'Water Heater Radio', 323, '13034496275', '13034490000', 'Boulder Office'),
  route(1041, 'HVAC Tune-up', 331, '15123287741', '15123280000', 'Service Desk'),
  route(1042, 'AC Install', 332, '12147483902', '12147480000', 'Install Team'),
  route(1043, 'AC Install - After Hours', 332, '14692310087', '12147480000', 'Install Team'),
  route(1044, 'Heat Pump Billboard', 333, '16023719954', '16023710000', 'Phoenix Office')
]

export function orgUnitById(id: number): OrgUnit | undefined {
  return ORG_UNITS.find((u) => u.org_unit_id === id)
}

/** The unit and every unit below it; what a filter on `org_unit_id` covers. */
export function subtreeOf(id: number): Set<number> {
  const ids = new Set<number>([id])
  let grew = true
  while (grew) {
    grew = false
    for (const u of ORG_UNITS) {
      if (u.parent_id !== null && ids.has(u.parent_id) && !ids.has(u.org_unit_id)) {
        ids.add(u.org_unit_id)
        grew = true
      }
    }
  }
  return ids
}

export function campaignById(id: number): Campaign {
  const campaign = CAMPAIGNS.find((c) => c.campaign_id === id)
  if (!campaign) throw new Error(`demo data: route points at unknown campaign ${id}`)
  return campaign
}
