import { CALL_SHORTCUT_GROUPS, type ShortcutGroup } from '@renderer/lib/keyboard'
import { Modal } from '../shell/Modal'
import { Kbd } from './Kbd'
import '@renderer/styles/common.css'

interface ShortcutSheetProps {
  onClose: () => void
  /** Groups a screen adds (QA sessions: notes, scoring), shown after the call screen's. */
  extraGroups?: ShortcutGroup[]
}

/** The "?" sheet: every key the call screen answers to, read from the same table as the handler. */
export function ShortcutSheet({ onClose, extraGroups = [] }: ShortcutSheetProps): React.JSX.Element {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} description="Shortcuts work anywhere on the call screen except while you type in a field.">
      <div className="shortcut-sheet">
        {[...CALL_SHORTCUT_GROUPS, ...extraGroups].map((group) => (
          <section key={group.title} className="shortcut-sheet__group" aria-label={group.title}>
            <h3 className="shortcut-sheet__title">{group.title}</h3>
            <dl className="shortcut-sheet__list">
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.description} className="shortcut-sheet__row">
                  <dt>
                    <Kbd keys={shortcut.keys} />
                  </dt>
                  <dd>{shortcut.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  )
}
