/**
 * A record's optional parts (include modules, docs/convirza-api.md) are absent when not asked for and
 * may be null or empty when there is nothing; the pane says which, rather than showing a gap.
 */
export type ModuleState = 'not-fetched' | 'empty' | 'present'

export function moduleState(value: unknown): ModuleState {
  if (value === undefined) return 'not-fetched'
  if (value === null) return 'empty'
  if (typeof value === 'string') return value.trim() ? 'present' : 'empty'
  if (Array.isArray(value)) return value.length ? 'present' : 'empty'
  if (typeof value === 'object') return Object.values(value).some((v) => v !== null && v !== undefined) ? 'present' : 'empty'
  return 'present'
}

export function ModuleNote({ state, notFetched, empty }: { state: ModuleState; notFetched: string; empty: string }): React.JSX.Element | null {
  if (state === 'present') return null
  return <p className={`module-note module-note--${state}`}>{state === 'not-fetched' ? notFetched : empty}</p>
}

interface ModuleSectionProps {
  id: string
  title: string
  value: unknown
  notFetched: string
  empty: string
  /** Rendered only when the module has content. */
  children: () => React.ReactNode
  /** Shown beside the title, e.g. a count. */
  aside?: React.ReactNode
}

/** One titled part of the call details, or the sentence that says why it is empty. */
export function ModuleSection({ id, title, value, notFetched, empty, children, aside }: ModuleSectionProps): React.JSX.Element {
  const state = moduleState(value)
  return (
    <section className="review-section" aria-labelledby={id}>
      <h3 id={id} className="review-section__title">
        {title}
        {aside !== undefined && aside !== null && state === 'present' && <span className="count-badge review-section__aside">{aside}</span>}
      </h3>
      {state === 'present' ? children() : <ModuleNote state={state} notFetched={notFetched} empty={empty} />}
    </section>
  )
}
