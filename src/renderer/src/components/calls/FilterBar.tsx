import { useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { countAdvancedFilters, DEFAULT_DRAFT } from '@renderer/lib/call-query'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { ErrorNotice } from '../common/ErrorNotice'
import { Icon } from '../common/Icon'
import { CallSearchBox } from './CallSearchBox'
import { DateRangeFilter } from './DateRangeFilter'
import { DispositionPicker } from './DispositionPicker'
import { GroupPicker } from './GroupPicker'
import { MoreFilters } from './MoreFilters'
import { SavedViews } from './SavedViews'
import '@renderer/styles/calls.css'

/**
 * The filters over the list: date range, group (a tree), dispositions, "More filters" (campaign
 * and route by name, phone numbers, the library-only filters) and the library search. Errors show next to what they name; while any is shown
 * the list keeps the last valid results.
 */
/** Errors that mean the server could not be reached (the list's offline banner says so too). */
const OFFLINE_KINDS: ReadonlySet<string> = new Set(['network', 'timeout'])

export function FilterBar(): React.JSX.Element {
  const { draft, errors, rangeNote, update, reset, groups, groupsError, loadGroups } = useFiltersStore(
    useShallow((s) => ({
      draft: s.draft,
      errors: s.errors,
      rangeNote: s.rangeNote,
      update: s.update,
      reset: s.reset,
      groups: s.groups,
      groupsError: s.groupsError,
      loadGroups: s.loadGroups
    }))
  )
  const advancedCount = countAdvancedFilters(draft)
  const [moreOpen, setMoreOpen] = useState(advancedCount > 0)
  const moreId = useId()
  const rangeErrorId = useId()
  const advancedError = Boolean(
    errors.campaign_id || errors.provisioned_route_id || errors.caller_id || errors.phone_number || errors.ring_to || errors.duration || errors.score
  )
  const showMore = moreOpen || advancedError
  const isDefault = JSON.stringify(draft) === JSON.stringify(DEFAULT_DRAFT)

  return (
    <section className="filter-bar" aria-label="Filters">
      {/* Filters on the left (they may wrap), the search box in a column of its own: setting a filter never moves it. */}
      <div className="filter-bar__row">
        <div className="filter-bar__filters">
          <DateRangeFilter draft={draft} errorId={errors.range ? rangeErrorId : undefined} onChange={update} />
          <GroupPicker groups={groups} failed={groupsError !== null} value={draft.org_unit_id} onChange={(org_unit_id) => update({ org_unit_id })} />
          <DispositionPicker value={draft.disposition} onChange={(disposition) => update({ disposition })} />
          <button
            type="button"
            className={`button button--ghost filter-button${advancedCount ? ' filter-button--active' : ''}`}
            aria-expanded={showMore}
            aria-controls={moreId}
            onClick={() => setMoreOpen(!showMore)}
          >
            <Icon name="filter" size={14} />
            More filters
            {advancedCount > 0 && (
              <span className="count-badge" aria-label={`${advancedCount} set`}>
                {advancedCount}
              </span>
            )}
          </button>
          {!isDefault && (
            <button type="button" className="link-button filter-bar__clear" onClick={reset}>
              Clear filters
            </button>
          )}
          {/* The saved views follow the filters on their line, and take a line of their own only when there is no room. */}
          <SavedViews />
        </div>
        <CallSearchBox value={draft.text} onCommit={(text) => update({ text })} />
      </div>
      {errors.range && (
        <p id={rangeErrorId} className="filter-error" role="alert">
          <Icon name="alert" size={14} />
          Date range: {errors.range}
        </p>
      )}
      {!errors.range && rangeNote && (
        <p className="filter-note" role="status">
          {rangeNote}
        </p>
      )}
      {groupsError && OFFLINE_KINDS.has(groupsError.kind) ? (
        // Offline, the list's banner already says the server cannot be reached: one quiet line here.
        <p className="filter-note" role="status">
          The groups could not be loaded while offline; the group filter keeps the group chosen before.{' '}
          <button type="button" className="link-button" onClick={() => void loadGroups()}>
            Try again
          </button>
        </p>
      ) : (
        groupsError && (
          <ErrorNotice
            compact
            title="The groups could not be loaded; the group filter keeps the group chosen before"
            error={groupsError}
            onRetry={() => void loadGroups()}
          />
        )
      )}
      <div id={moreId} hidden={!showMore}>
        {showMore && <MoreFilters draft={draft} errors={errors} onChange={update} />}
      </div>
    </section>
  )
}
