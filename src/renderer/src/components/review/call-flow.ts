/**
 * The call-flow module as the path the call took. The API does not document its shape
 * (it is the one include module whose shape the API reference leaves out), so this reads what it can —
 * a `steps` list of greeting, IVR menu with the key pressed, ring-to, voicemail — and anything
 * else is shown as plain labelled values rather than dropped.
 */
import { formatPhoneNumber } from '@shared/phone'
import { formatDisposition, humaniseKey } from '@renderer/lib/format'

export interface FlowStep {
  number: number
  title: string
  /** Short lines under the title: the prompt, the key pressed, where it rang. */
  lines: string[]
}

export interface CallFlowView {
  name: string | null
  trackingNumber: string | null
  steps: FlowStep[]
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null)
const PHONE_KEY = /(^|_)(ring_to|tracking_number|phone|number)$/

function phone(v: unknown): string | null {
  const s = str(v)
  return s ? formatPhoneNumber(s) || s : null
}

/** Scalars of an object as "Label: value" lines, phone numbers formatted. */
function plainLines(step: Obj, skip: ReadonlySet<string>): string[] {
  const lines: string[] = []
  for (const [key, value] of Object.entries(step)) {
    if (skip.has(key)) continue
    if (isObj(value)) {
      lines.push(...plainLines(value, skip).map((line) => `${humaniseKey(key)} · ${line}`))
      continue
    }
    const text = PHONE_KEY.test(key) ? phone(value) : typeof value === 'boolean' ? (value ? 'Yes' : 'No') : str(value)
    if (text) lines.push(`${humaniseKey(key)}: ${text}`)
  }
  return lines
}

function describeStep(step: Obj, number: number): FlowStep {
  const type = str(step.type)?.toLowerCase() ?? ''
  const prompt = isObj(step.prompt) ? str(step.prompt.text) : str(step.prompt)
  switch (type) {
    case 'greeting':
      return { number, title: 'Greeting', lines: prompt ? [`“${prompt}”`] : [] }
    case 'ivr': {
      const menu = isObj(step.menu) ? step.menu : {}
      const options = Array.isArray(menu.options) ? menu.options.filter(isObj) : []
      const pressed = str(step.pressed)
      const chosen = options.find((o) => str(o.digit) === pressed)
      const lines: string[] = []
      const menuPrompt = str(menu.prompt) ?? prompt
      if (menuPrompt) lines.push(`“${menuPrompt}”`)
      lines.push(pressed ? `Pressed ${pressed}${chosen && str(chosen.label) ? ` — ${str(chosen.label)}` : ''}` : 'No key pressed')
      return { number, title: 'IVR menu', lines }
    }
    case 'ring': {
      const to = [phone(step.ring_to), str(step.ring_to_name)].filter(Boolean).join(' · ')
      const lines = [to ? `Rang ${to}` : 'Rang the route’s number']
      const result = str(step.result)
      if (result) lines.push(`Result: ${formatDisposition(result)}`)
      const timeout = str(step.timeout_seconds)
      if (timeout) lines.push(`Timeout ${timeout} s`)
      return { number, title: 'Ring-to', lines }
    }
    case 'voicemail':
      return { number, title: 'Voicemail', lines: plainLines(step, new Set(['step', 'type'])) }
    default:
      return { number, title: type ? humaniseKey(type) : `Step ${number}`, lines: plainLines(step, new Set(['step', 'type'])) }
  }
}

/** The flow as numbered steps; null when it has no step list (the pane then shows its raw values). */
export function readCallFlow(value: unknown): CallFlowView | null {
  if (!isObj(value) || !Array.isArray(value.steps)) return null
  const steps = value.steps.filter(isObj).map((step, i) => describeStep(step, typeof step.step === 'number' ? step.step : i + 1))
  return { name: str(value.name), trackingNumber: phone(value.tracking_number), steps }
}
