import { useShallow } from 'zustand/react/shallow'
import { useColumnsStore } from '@renderer/stores/columns-store'
import { Popover } from '../common/Popover'
import { CALL_COLUMNS, columnByKey } from './columns'

/**
 * "Columns": tick the columns the list shows and move them up or down (earlier or later in the
 * row). The shown ones come first, in their order; the hidden ones after. Widths are set at
 * each header's edge; "Default columns" brings back what a new profile sees.
 */
export function ColumnChooser(): React.JSX.Element {
  const { layout, toggle, move, reset } = useColumnsStore(useShallow((s) => ({ layout: s.layout, toggle: s.toggle, move: s.move, reset: s.reset })))
  const hidden = CALL_COLUMNS.filter((c) => !layout.visible.includes(c.key))
  const ordered = [...layout.visible.map(columnByKey), ...hidden]
  return (
    <Popover trigger="Columns" triggerClassName="link-button" label="Columns" align="end">
      <ul className="column-chooser">
        {ordered.map((column) => {
          const index = layout.visible.indexOf(column.key)
          const shown = index >= 0
          return (
            <li key={column.key} className="column-chooser__item">
              <label className="column-chooser__label">
                <input type="checkbox" checked={shown} disabled={shown && layout.visible.length === 1} onChange={() => toggle(column.key)} />
                {column.title}
              </label>
              {shown && (
                <span className="column-chooser__move">
                  <button
                    type="button"
                    className="icon-button icon-button--small"
                    aria-label={`Move ${column.title} earlier`}
                    disabled={index === 0}
                    onClick={() => move(column.key, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button icon-button--small"
                    aria-label={`Move ${column.title} later`}
                    disabled={index === layout.visible.length - 1}
                    onClick={() => move(column.key, 1)}
                  >
                    ↓
                  </button>
                </span>
              )}
            </li>
          )
        })}
      </ul>
      <button type="button" className="link-button" onClick={reset}>
        Default columns
      </button>
    </Popover>
  )
}
