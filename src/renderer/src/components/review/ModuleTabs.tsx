import { useRef } from 'react'
import type { CallRecord } from '@shared/convirza/schemas'
import { useReviewLayoutStore, type ReviewModule } from '@renderer/stores/review-layout-store'
import {
  CallFlowSection,
  CommentsSection,
  CustomSourcesSection,
  IndicatorsSection,
  SummarySection,
  TagsSection,
  VoiceAgentSection
} from './CallModules'
import { moduleState } from './ModuleSection'
import { RecordNotes } from './RecordNotes'

interface ModuleDef {
  id: ReviewModule
  label: string
  value: (record: CallRecord) => unknown
  count?: (record: CallRecord) => number | undefined
  Section: (props: { record: CallRecord }) => React.JSX.Element
}

const MODULES: readonly ModuleDef[] = [
  { id: 'summary', label: 'Summary', value: (r) => r.summary, Section: SummarySection },
  { id: 'tags', label: 'Tags', value: (r) => r.tags, count: (r) => r.tags?.length, Section: TagsSection },
  { id: 'comments', label: 'Comments', value: (r) => r.comments, count: (r) => r.comments?.length, Section: CommentsSection },
  { id: 'scores', label: 'Scores', value: (r) => r.indicators, count: (r) => r.indicators?.length, Section: IndicatorsSection },
  { id: 'voiceAgent', label: 'Voice agent', value: (r) => r.voiceagent_data, Section: VoiceAgentSection },
  { id: 'customSources', label: 'Sources', value: (r) => r.custom_sources, Section: CustomSourcesSection },
  { id: 'callFlow', label: 'Call flow', value: (r) => r.call_flow, Section: CallFlowSection }
]

/**
 * The call's modules as tabs (WAI-ARIA tabs pattern: arrows, Home/End), so none of them pushes
 * the transcript down; the tab last chosen stays chosen for the next call and the next run.
 * A tab whose module is empty says so in its label and in one line.
 */
export function ModuleTabs({ record }: { record: CallRecord }): React.JSX.Element {
  const active = useReviewLayoutStore((s) => s.module)
  const setModule = useReviewLayoutStore((s) => s.setModule)
  const tabs = useRef<(HTMLButtonElement | null)[]>([])
  const current = MODULES.find((m) => m.id === active) ?? (MODULES[0] as ModuleDef)

  const onKeyDown = (event: React.KeyboardEvent, index: number): void => {
    const last = MODULES.length - 1
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null
    if (next === null) return
    event.preventDefault()
    setModule((MODULES[next] as ModuleDef).id)
    tabs.current[next]?.focus()
  }

  return (
    <aside className="module-tabs" aria-label="Call details">
      <div className="module-tabs__list" role="tablist" aria-label="Call modules">
        {MODULES.map((module, i) => {
          const state = moduleState(module.value(record))
          const count = state === 'present' ? module.count?.(record) : undefined
          const selected = module.id === current.id
          return (
            <button
              key={module.id}
              ref={(el) => {
                tabs.current[i] = el
              }}
              type="button"
              role="tab"
              id={`module-tab-${module.id}`}
              aria-selected={selected}
              aria-controls={`module-panel-${module.id}`}
              tabIndex={selected ? 0 : -1}
              className={`module-tabs__tab${state === 'present' ? '' : ' module-tabs__tab--empty'}`}
              title={state === 'present' ? undefined : state === 'empty' ? `${module.label}: none` : `${module.label}: not fetched`}
              onClick={() => setModule(module.id)}
              onKeyDown={(event) => onKeyDown(event, i)}
            >
              {module.label}
              {count !== undefined && <span className="module-tabs__count">{count}</span>}
            </button>
          )
        })}
      </div>
      <div className="module-tabs__panel" role="tabpanel" id={`module-panel-${current.id}`} aria-labelledby={`module-tab-${current.id}`} tabIndex={0}>
        <current.Section record={record} />
        <RecordNotes record={record} />
      </div>
    </aside>
  )
}
