import { Icon } from '../common/Icon'
import { CALL_SEARCH_INPUT_ID } from './dom-ids'
import { useDebouncedCommit } from './use-debounced-commit'

interface CallSearchBoxProps {
  value: string
  onCommit: (value: string) => void
}

/** Search over the local library: numbers (any format, part of one), transcripts, summaries, comments, tags, names, and the reviewer's own notes, comments and flags. */
export function CallSearchBox({ value, onCommit }: CallSearchBoxProps): React.JSX.Element {
  const { text, setText, flush } = useDebouncedCommit(value, onCommit, 300)
  return (
    <div className="search-box" role="search">
      <Icon name="search" size={16} className="search-box__icon" />
      <input
        id={CALL_SEARCH_INPUT_ID}
        type="search"
        className="field__input filter-input search-box__input"
        aria-label="Search calls"
        placeholder="Search numbers, transcripts, your notes, tags, names…"
        value={text}
        maxLength={500}
        onChange={(event) => setText(event.target.value)}
        onBlur={flush}
        onKeyDown={(event) => {
          if (event.key === 'Enter') flush()
          if (event.key === 'Escape' && text) {
            event.stopPropagation()
            setText('')
            onCommit('')
          }
        }}
      />
      <kbd className="kbd search-box__hint" aria-hidden="true">
        /
      </kbd>
    </div>
  )
}
