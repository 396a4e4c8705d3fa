/**
 * The campaign and route pickers' options and how typed text becomes an id: people choose by
 * name, the API filters by id (docs/convirza-api.md "Request"). Pure, so the pickers and the
 * tests share it.
 */
import type { CallChoices } from '@shared/ipc/contract/calls'
import { formatPhoneNumber } from '@shared/phone'

export interface ChoiceOption {
  id: number
  /** What the picker shows and what people type; unique among the options. */
  label: string
}

/** Labels made unique: a name shared by two ids is told apart by its id. */
function unique(options: ChoiceOption[]): ChoiceOption[] {
  const counts = new Map<string, number>()
  for (const o of options) counts.set(o.label.toLowerCase(), (counts.get(o.label.toLowerCase()) ?? 0) + 1)
  return options.map((o) => ((counts.get(o.label.toLowerCase()) ?? 0) > 1 ? { id: o.id, label: `${o.label} (id ${o.id})` } : o))
}

export function campaignOptions(choices: CallChoices | null): ChoiceOption[] {
  return unique((choices?.campaigns ?? []).map((c) => ({ id: c.id, label: c.name ?? `Campaign ${c.id}` })))
}

/** A route has no name in the API: it is told by its tracking numbers and campaign. */
export function routeOptions(choices: CallChoices | null): ChoiceOption[] {
  return unique(
    (choices?.routes ?? []).map((r) => {
      const numbers = r.trackingNumbers.slice(0, 2).map((n) => formatPhoneNumber(n) || n)
      const parts = [...numbers, ...(r.trackingNumbers.length > 2 ? [`+${r.trackingNumbers.length - 2} more`] : [])]
      const label = [r.campaignName, parts.join(', ')].filter(Boolean).join(' · ')
      return { id: r.id, label: label || `Route ${r.id}` }
    })
  )
}

/** What a picker shows for an id: its option's label, else the id itself (a call not in the library yet). */
export function labelFor(id: string, options: readonly ChoiceOption[]): string {
  if (!id) return ''
  return options.find((o) => String(o.id) === id)?.label ?? id
}

/**
 * The id typed text chooses: '' clears; an option's label (any case) chooses its id; a whole
 * number chooses the option with that id, else the one option whose phone number holds those
 * digits (4 or more: "3902", "2147483902" for "(214) 748-3902"), else that id as typed (a call not
 * in the library yet); text inside exactly one label chooses it; anything else is an error saying
 * what to do.
 */
export function resolveChoice(text: string, options: readonly ChoiceOption[], noun: string): { id: string } | { error: string } {
  const typed = text.trim()
  if (!typed) return { id: '' }
  const lower = typed.toLowerCase()
  const exact = options.find((o) => o.label.toLowerCase() === lower)
  if (exact) return { id: String(exact.id) }
  if (/^\d+$/.test(typed)) {
    if (options.some((o) => String(o.id) === typed)) return { id: typed }
    const byNumber = typed.length >= 4 ? options.filter((o) => numberDigits(o.label).some((n) => n.includes(nationalDigits(typed)))) : []
    if (byNumber.length === 1) return { id: String((byNumber[0] as ChoiceOption).id) }
    if (byNumber.length > 1)
      return { error: `"${typed}" is in the numbers of ${byNumber.length} ${noun}s; type more of the number or pick one from the list.` }
    return { id: typed }
  }
  const partial = options.filter((o) => o.label.toLowerCase().includes(lower))
  if (partial.length === 1) return { id: String((partial[0] as ChoiceOption).id) }
  if (partial.length > 1) return { error: `"${typed}" matches ${partial.length} ${noun}s; pick one from the list.` }
  return {
    error: options.length
      ? `No ${noun} in your library is called "${typed}". Pick one from the list, or type its id.`
      : `Your library has no ${noun}s yet (open some calls first), so type the ${noun}'s id.`
  }
}

/** The digits of each phone number in a label: "(214) 748-3902" → "2147483902". */
function numberDigits(label: string): string[] {
  return (label.match(/\+?\d[\d\s().-]{6,}\d/g) ?? []).map((n) => nationalDigits(n.replace(/\D/g, '')))
}

/** A North American number without its country code: "12147483902" → "2147483902". */
function nationalDigits(digits: string): string {
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
}
