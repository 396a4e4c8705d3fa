/**
 * The scorecard shipped with the app for inbound sales and service calls, so a team can start
 * a session before it has written its own. Weights favour what earns revenue (finding the
 * need, a price or next step, a booked appointment) over courtesy items.
 */
import type { Criterion } from './schemas'

export const DEFAULT_TEMPLATE_ID = 'default-inbound'
export const DEFAULT_TEMPLATE_NAME = 'Inbound sales & service call'

export const DEFAULT_CRITERIA: readonly Criterion[] = [
  {
    id: 'greeting',
    label: 'Greeting',
    description: 'Answered promptly with the business name and their own name.',
    weight: 1,
    type: 'yes_no',
    naAllowed: false
  },
  {
    id: 'identified-need',
    label: 'Identified the caller’s need',
    description: 'Asked questions until the reason for the call was clear.',
    weight: 3,
    type: 'yes_no',
    naAllowed: false
  },
  {
    id: 'captured-contact',
    label: 'Captured name and callback number',
    weight: 1,
    type: 'yes_no',
    naAllowed: true
  },
  {
    id: 'price-or-next-step',
    label: 'Quoted a price or set a next step',
    weight: 3,
    type: 'yes_no',
    naAllowed: true
  },
  {
    id: 'booked-appointment',
    label: 'Booked an appointment',
    description: 'N/A when the call was not a booking opportunity (a vendor, a wrong number, an existing job).',
    weight: 4,
    type: 'yes_no',
    naAllowed: true
  },
  {
    id: 'politeness',
    label: 'Politeness and tone',
    description: '1 = rude or dismissive, 5 = warm and professional throughout.',
    weight: 2,
    type: 'scale_1_5',
    naAllowed: false
  },
  {
    id: 'hold-etiquette',
    label: 'Hold etiquette',
    description: 'Asked before placing on hold and thanked the caller for waiting. N/A when there was no hold.',
    weight: 1,
    type: 'yes_no',
    naAllowed: true
  },
  {
    id: 'product-knowledge',
    label: 'Product and service knowledge',
    weight: 2,
    type: 'scale_1_5',
    naAllowed: true
  },
  {
    id: 'closing',
    label: 'Closed the call properly',
    description: 'Recapped what happens next and thanked the caller.',
    weight: 1,
    type: 'yes_no',
    naAllowed: false
  }
]
