import { Icon, type IconName } from './Icon'
import '@renderer/styles/common.css'

interface EmptyStateProps {
  icon?: IconName
  title: string
  /** What to do about it. */
  hint?: React.ReactNode
  action?: React.ReactNode
}

/** Nothing to show, said plainly, with a hint at what would change that. */
export function EmptyState({ icon = 'inbox', title, hint, action }: EmptyStateProps): React.JSX.Element {
  return (
    <div className="empty-state" role="status">
      <span className="empty-state__icon">
        <Icon name={icon} size={28} />
      </span>
      <p className="empty-state__title">{title}</p>
      {hint && <p className="empty-state__hint">{hint}</p>}
      {action}
    </div>
  )
}
